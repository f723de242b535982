import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { bookingReference, idRangeOf, parseManualCode, parseReferenceAlone } from "./reference.ts";
import { looksLikeToken, ticketKeysFor } from "./signing.ts";
import { hasTickets } from "./validity.ts";

type FindDeps = Pick<Deps, "storage" | "config">;

/** What a code at the door names: one ticket (a booking's seat at its show), or a whole booking. */
export type NamedAtDoor =
  | { kind: "ticket"; bookingId: string; seat: string; showId: string; booking?: BookingRecord }
  | { kind: "booking"; booking: BookingRecord; showId: string };

export const unknownTicket = () => new AppError("not_found", "Unknown ticket: this code was not issued by this cinema");

export function voidTicket(booking: BookingRecord, seat: string | null, reference: string) {
  const why = booking.status === "paid" ? "its seat was given back" : `the booking was ${booking.status}`;
  const what = seat ? `Ticket ${reference} ${seat}` : `Booking ${reference}`;
  return new AppError("ticket_void", `${what} is no longer valid: ${why}`, { seat, reference, status: booking.status });
}

/**
 * The bookings a typed reference names, the door's show and paid ones first. Two bookings share
 * a reference about once in a million million pairs; the seat typed with it and the show decide.
 */
async function bookingsOfReference(deps: FindDeps, reference: string, doorShowId: string | undefined) {
  const { from, to } = idRangeOf(reference);
  const rank = (b: BookingRecord) => (hasTickets(b) ? 2 : 0) + (b.showId === doorShowId ? 1 : 0);
  return (await deps.storage.tickets.findBookingsInIdRange(from, to, 20)).sort((a, b) => rank(b) - rank(a));
}

/**
 * A seat given back leaves its booking for a refunded part of its own (same account, show and
 * payment, another id and so another reference): the typed seat is found there, to say the
 * ticket is void rather than unknown, as its QR code does.
 */
async function givenBackFrom(deps: FindDeps, booking: BookingRecord, seat: string) {
  if (!booking.paymentRef) return false;
  const ofAccount = await deps.storage.bookings.listForUser(booking.userId);
  return ofAccount.some(
    (part) => part.id !== booking.id && part.status === "refunded" && part.showId === booking.showId && part.paymentRef === booking.paymentRef && part.seats.includes(seat),
  );
}

/**
 * What a code names: a signed token from the QR code, read with no database at all; a reference
 * and seat typed by hand; or a reference alone, which names the whole booking.
 */
export async function findAtDoor(deps: FindDeps, code: string, doorShowId: string | undefined): Promise<NamedAtDoor> {
  const { storage, config } = deps;
  if (looksLikeToken(code)) {
    const claims = await (await ticketKeysFor(config.ticketSigningKey, storage.secrets)).verify(code);
    if (!claims) throw unknownTicket();
    return { kind: "ticket", ...claims };
  }
  const referenceAlone = parseReferenceAlone(code);
  if (referenceAlone) {
    const [booking] = await bookingsOfReference(deps, referenceAlone, doorShowId);
    if (!booking) throw new AppError("not_found", `No booking ${referenceAlone}: check the reference`);
    return { kind: "booking", booking, showId: booking.showId };
  }
  const typed = parseManualCode(code);
  if (!typed) throw new AppError("not_found", "Not a ticket: scan the QR code, or type the booking reference (7K3M-QX9D) with or without a seat (7K3M-QX9D A12)");
  const candidates = await bookingsOfReference(deps, typed.reference, doorShowId);
  const holding = candidates.find((b) => b.seats.includes(typed.seat));
  if (holding) return { kind: "ticket", bookingId: holding.id, seat: typed.seat, showId: holding.showId, booking: holding };
  for (const booking of candidates) {
    if (await givenBackFrom(deps, booking, typed.seat)) throw voidTicket(booking, typed.seat, typed.reference);
  }
  const [named] = candidates;
  if (!named) throw new AppError("not_found", `No ticket ${typed.reference} ${typed.seat}: check the reference and the seat`);
  const reference = bookingReference(named.id);
  throw new AppError("not_found", `Booking ${reference} has no seat ${typed.seat}: its seats are ${named.seats.join(", ")}`, { reference, seats: named.seats });
}
