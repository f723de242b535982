import { bookingIdSchema } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import type { PaymentEvent } from "../providers/payments/interface.ts";
import { type PaymentOutcome, refundableOnPayment, sellableOnPayment, settledPaymentOutcome } from "./lifecycle.ts";
import { releaseHold } from "./release.ts";

type PaymentDeps = Pick<Deps, "storage" | "clock" | "jobs" | "payments" | "logger" | "metrics">;

/**
 * The one place a payment turns into tickets, for every payment provider. Safe to call any
 * number of times for one payment: selling is conditional in the database, and the confirmation
 * mail or the refund is an effect recorded in the same write, owed once per booking.
 */
export async function confirmBookingPayment(deps: PaymentDeps, input: { bookingId: string; paymentRef: string }): Promise<PaymentOutcome> {
  const { storage, clock, logger } = deps;
  const step = { ...input, now: clock.now() };
  // A show the cinema cancelled sells nothing more: the payment goes back.
  const onCancelledShow = await showCancelledFor(deps, input.bookingId);
  if (!onCancelledShow && (await storage.bookings.sell({ ...step, from: sellableOnPayment }))) {
    logger.info({ bookingId: input.bookingId }, "booking paid");
    deps.metrics.bookingOutcome("paid");
    await nudgeEffects(deps, "booking.paid", input.bookingId);
    return "paid";
  }
  // A held or lapsed booking has no ticket, so none was let in at the door.
  if (await storage.bookings.oweRefund({ ...step, from: refundableOnPayment, unlessAdmitted: false })) {
    logger.warn({ bookingId: input.bookingId }, "payment arrived after the seats were gone; refunding");
    deps.metrics.bookingOutcome("refunded");
    await nudgeEffects(deps, "booking.refunded", input.bookingId);
    return "refund_required";
  }
  return settledPaymentOutcome(await storage.bookings.get(input.bookingId));
}

async function showCancelledFor(deps: Pick<Deps, "storage">, bookingId: string) {
  const booking = await deps.storage.bookings.get(bookingId);
  const show = booking ? await deps.storage.shows.get(booking.showId) : null;
  return show?.cancelledAt != null;
}

/**
 * Asks the runner to deliver the effects just recorded now rather than at its next round. The
 * record is already durable, so a failure here only delays the mail or refund.
 */
export async function nudgeEffects(deps: Pick<Deps, "jobs" | "logger">, event: "booking.paid" | "booking.refunded", bookingId: string) {
  try {
    await deps.jobs.emit(event, { bookingId });
  } catch (err) {
    deps.logger.warn({ err, bookingId }, "could not nudge the job runner; its next round delivers the effect");
  }
}

export type PaymentEventOutcome = PaymentOutcome | "replay" | "ignored" | "awaiting_payment" | "released" | "not_held";

/**
 * Acts on a verified webhook event. An event id is recorded once acting on it has succeeded, and a
 * recorded one is a replay that changes nothing. When acting fails nothing is recorded, so the
 * provider's retry is processed, whatever the database does meanwhile; a delivery that races
 * another of the same event is harmless because every step here is conditional in the database.
 */
export async function handlePaymentEvent(deps: PaymentDeps, event: PaymentEvent): Promise<PaymentEventOutcome> {
  if (event.kind === "ignored") return "ignored";
  if (!bookingIdSchema.safeParse(event.bookingId).success) {
    deps.logger.warn({ eventId: event.id, type: event.type }, "payment event names no QuickShow booking; ignored");
    return "ignored";
  }
  if (await deps.storage.events.seen(event.id)) {
    deps.logger.info({ eventId: event.id, type: event.type }, "payment event replayed; nothing to do");
    return "replay";
  }
  const outcome = await actOnPaymentEvent(deps, event);
  await deps.storage.events.recordOnce(event.id, deps.payments.kind);
  return outcome;
}

async function actOnPaymentEvent(deps: PaymentDeps, event: Exclude<PaymentEvent, { kind: "ignored" }>): Promise<PaymentEventOutcome> {
  switch (event.kind) {
    case "paid":
      return await confirmBookingPayment(deps, { bookingId: event.bookingId, paymentRef: event.paymentRef });
    case "awaiting_payment":
      deps.logger.info({ bookingId: event.bookingId }, "checkout completed; waiting for the payment to clear");
      return "awaiting_payment";
    case "payment_failed":
    case "checkout_expired": {
      const released = await releaseHold(deps, event.bookingId, "cancelled");
      if (released) deps.logger.info({ bookingId: event.bookingId, reason: event.kind }, "hold released");
      return released ? "released" : "not_held";
    }
  }
}
