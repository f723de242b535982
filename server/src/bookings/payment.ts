import { bookingIdSchema } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import type { PaymentEvent } from "../providers/payments/interface.ts";
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
    case "already_paid":
      // A retry after an emit failed must still lead to the mail; the mail itself is deduplicated.
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

/**
 * Closes the provider's checkout of a booking whose hold was released, so it can no longer be
 * paid. Best effort: a payment that slips through is confirmed or refunded like any other.
 */
export async function closeCheckout(deps: Pick<Deps, "storage" | "payments" | "logger">, bookingId: string) {
  const booking = await deps.storage.bookings.get(bookingId);
  if (!booking?.paymentRef || (booking.status !== "expired" && booking.status !== "cancelled")) return false;
  try {
    await deps.payments.expireCheckout(booking.paymentRef);
    return true;
  } catch (err) {
    deps.logger.warn({ err, bookingId }, "could not close the checkout of a released booking");
    return false;
  }
}

export type PaymentEventOutcome = PaymentOutcome["outcome"] | "replay" | "ignored" | "awaiting_payment" | "released" | "not_held";

/**
 * Acts on a verified webhook event. Each event id is acted on once (a replay changes nothing);
 * when acting fails, the id is forgotten again so the provider's retry is not mistaken for one.
 */
export async function handlePaymentEvent(
  deps: Pick<Deps, "storage" | "clock" | "jobs" | "payments" | "logger">,
  event: PaymentEvent,
): Promise<PaymentEventOutcome> {
  if (event.kind === "ignored") return "ignored";
  if (!bookingIdSchema.safeParse(event.bookingId).success) {
    deps.logger.warn({ eventId: event.id, type: event.type }, "payment event names no QuickShow booking; ignored");
    return "ignored";
  }
  if (!(await deps.storage.events.recordOnce(event.id, deps.payments.kind))) {
    deps.logger.info({ eventId: event.id, type: event.type }, "payment event replayed; nothing to do");
    return "replay";
  }
  try {
    switch (event.kind) {
      case "paid":
        return await confirmBookingPayment(deps, { bookingId: event.bookingId, paymentRef: event.paymentRef });
      case "awaiting_payment":
        deps.logger.info({ bookingId: event.bookingId }, "checkout completed; waiting for the payment to clear");
        return "awaiting_payment";
      case "payment_failed":
      case "checkout_expired": {
        const released = await deps.storage.bookings.cancel(event.bookingId, deps.clock.now());
        if (released) deps.logger.info({ bookingId: event.bookingId, reason: event.kind }, "hold released");
        return released ? "released" : "not_held";
      }
    }
  } catch (error) {
    await deps.storage.events.forget(event.id).catch(() => {});
    throw error;
  }
}
