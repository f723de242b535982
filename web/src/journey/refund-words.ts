import type { BookingWithShow, RefundReason } from "@quickshow/contracts";
import { formatMoney } from "../lib/format.ts";
import { listSeats } from "./seats.ts";

const arrives = "Banks usually take 5 to 10 working days to show it on your statement.";

const words: Record<RefundReason, (amount: string, seats: string) => { title: string; text: string }> = {
  show_cancelled: (amount) => ({
    title: "The cinema cancelled this show",
    text: `Your booking is cancelled and the whole ${amount} goes back to the card you paid with. ${arrives}`,
  }),
  late_payment: (amount) => ({
    title: "Your payment will be refunded",
    text: `The seats were no longer yours when the payment arrived, so none were booked and the ${amount} goes back to your card. ${arrives}`,
  }),
  given_back: (amount, seats) => ({
    title: "Seats given back",
    text: `You gave back ${seats}: ${amount} goes back to the card you paid with, and the rest of your booking stays valid. ${arrives}`,
  }),
  cancelled: (amount) => ({
    title: "Booking cancelled",
    text: `This booking is cancelled and the whole ${amount} goes back to the card you paid with. ${arrives}`,
  }),
};

/** What a refunded booking's page says about its refund: its real cause, what comes back and when. */
export function refundExplanation(booking: Pick<BookingWithShow, "refundReason" | "amount" | "currency" | "bookedSeats">) {
  const seats = `${booking.bookedSeats.length === 1 ? "seat" : "seats"} ${listSeats(booking.bookedSeats)}`;
  return words[booking.refundReason ?? "late_payment"](formatMoney(booking.amount, booking.currency), seats);
}
