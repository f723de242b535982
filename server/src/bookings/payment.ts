import type { Deps } from "../deps.ts";
import type { PaymentOutcome } from "../providers/storage/interface.ts";

/**
 * The one place a payment turns into tickets, for every payment provider. Safe to call any
 * number of times for one payment: confirming is conditional in the database, the mail is
 * deduplicated, and a refund is asked for only the first time it is found to be owed.
 */
export async function confirmBookingPayment(
  deps: Pick<Deps, "storage" | "clock" | "jobs" | "payments" | "logger">,
  input: { bookingId: string; paymentRef: string },
): Promise<PaymentOutcome["outcome"]> {
  const result = await deps.storage.bookings.confirmPayment({ ...input, now: deps.clock.now() });
  switch (result.outcome) {
    case "paid":
      deps.logger.info({ bookingId: input.bookingId }, "booking paid");
      await deps.jobs.emit("booking.paid", { bookingId: input.bookingId });
      break;
    case "refund_required":
      if (result.firstTime) {
        deps.logger.warn({ bookingId: input.bookingId }, "payment arrived after the seats were gone; refunding");
        await deps.payments.refund({
          bookingId: result.booking.id,
          paymentRef: input.paymentRef,
          amountMinor: result.booking.amountMinor,
          currency: result.booking.currency,
        });
      }
      break;
    default:
      break;
  }
  return result.outcome;
}
