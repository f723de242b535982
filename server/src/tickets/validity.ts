import type { BookingRecord } from "../providers/storage/interface.ts";

/** The one status whose bookings have tickets; the door's admission is written only while the booking has it. */
export const ticketBookingStatus = "paid" satisfies BookingRecord["status"];

/** Tickets exist for paid bookings only; a hold has none yet, a cancelled or refunded booking none any more. */
export const hasTickets = (booking: Pick<BookingRecord, "status">) => booking.status === ticketBookingStatus;

/**
 * A ticket is a booking's seat, and it opens the door while the booking is paid and still holds
 * that seat. Nothing is written to void a ticket: cancelling, refunding, or giving the seat back
 * (a partial cancellation shrinks `seats`) ends its validity at once.
 */
export const isValidTicket = (booking: Pick<BookingRecord, "status" | "seats">, seat: string) =>
  hasTickets(booking) && booking.seats.includes(seat);
