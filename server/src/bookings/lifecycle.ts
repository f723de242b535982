import type { BookingStatus } from "@quickshow/contracts";
import type { BookingRecord, HoldCaps } from "../providers/storage/interface.ts";
import { priceOfSeats } from "../venues/prices.ts";

/**
 * The rules of a booking's life, in one place. Storage adapters offer atomic steps (claim, sell,
 * release); these decide which step applies when.
 */

/** When a hold made at `now` lapses: its seats are free for anyone from that instant on. */
/** What one account may hold unpaid, for every hold: a buyer's, and a waitlist offer made for them. */
export const holdCaps = (config: { maxLiveHoldsPerShow: number; maxHeldSeatsPerAccount: number }): HoldCaps => ({
  holdsPerShow: config.maxLiveHoldsPerShow,
  seatsAcrossShows: config.maxHeldSeatsPerAccount,
});

export const holdExpiry = (now: Date, holdMinutes: number) => new Date(now.getTime() + holdMinutes * 60_000);

/** What a booking of these seats costs, in minor units: each seat at its category's price. */
export const amountOf = (show: Parameters<typeof priceOfSeats>[0], seats: readonly string[]) => priceOfSeats(show, seats);

/** A hold past its expiry is lapsed for everyone at once, before any sweep records it. */
export const holdLapsed = (b: Pick<BookingRecord, "status" | "holdExpiresAt">, now: Date) =>
  b.status === "held" && b.holdExpiresAt !== null && b.holdExpiresAt <= now;

/** The status a booking has for its reader at `now`. */
export const effectiveStatus = (b: Pick<BookingRecord, "status" | "holdExpiresAt">, now: Date): BookingStatus =>
  holdLapsed(b, now) ? "expired" : b.status;

/**
 * A payment buys the seats of a booking in these states, if the seats are still its own or free:
 * a lapsed hold whose seats nobody took is still sold to the one who paid for it.
 */
export const sellableOnPayment: readonly BookingStatus[] = ["held", "expired"];

/** A payment that cannot buy its seats is given back for a booking in these states (once). */
export const refundableOnPayment: readonly BookingStatus[] = ["held", "expired", "cancelled"];

/** What counts as a booking and as revenue on the dashboard and in a show's earnings. */
export const saleStatuses: readonly BookingStatus[] = ["paid"];

/** The customer or the payment provider closes a hold: only a hold can be released this way. */
export const releasableStatus: BookingStatus = "held";

/** A paid booking may be cancelled by its customer, and refunded, until this instant. */
export const cancelCutoff = (showStartsAt: Date, cutoffMinutes: number) => new Date(showStartsAt.getTime() - cutoffMinutes * 60_000);

/** Whether the customer may still cancel, and be refunded, at `now`: only a paid booking of a show on sale, before the cutoff. */
export const refundableByCustomer = (
  booking: Pick<BookingRecord, "status">,
  show: { startsAt: Date; cancelledAt: Date | null },
  now: Date,
  cutoffMinutes: number,
) => booking.status === "paid" && show.cancelledAt === null && now < cancelCutoff(show.startsAt, cutoffMinutes);

/** A booking the cinema or its customer cancels after payment is refunded from this state. */
export const refundableOnCancel: readonly BookingStatus[] = ["paid"];

/** What a payment event ended as, for the logs and the webhook's answer. */
export type PaymentOutcome = "paid" | "already_paid" | "refund_required" | "not_found";

/** The outcome of a payment whose `sell` and `oweRefund` both wrote nothing, from the booking as it now is. */
export function settledPaymentOutcome(booking: BookingRecord | null): PaymentOutcome {
  if (!booking) return "not_found";
  return booking.status === "paid" ? "already_paid" : "refund_required";
}

/** Why a hold was refused by the caps, as the customer reads it. */
export function capMessage(reason: "holds_per_show" | "seats_across_shows", live: number, caps: { holdsPerShow: number; seatsAcrossShows: number }) {
  if (reason === "holds_per_show") {
    return `You already have ${live} unpaid booking${live === 1 ? "" : "s"} for this show; pay or cancel one first`;
  }
  return `You already hold ${live} unpaid seat${live === 1 ? "" : "s"} (at most ${caps.seatsAcrossShows} at once); pay or cancel a booking first`;
}
