import type { Deps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { formatLocal } from "../shows/local-time.ts";
import { cancelCutoff, refundableByCustomer, refundableOnCancel } from "./lifecycle.ts";
import { nudgeEffects } from "./payment.ts";
import { announceFreedSeats, releaseHold } from "./release.ts";

type CancelDeps = Pick<Deps, "storage" | "clock" | "payments" | "logger" | "jobs" | "config" | "metrics">;

/** Refunds a paid booking: its seats are on sale again at once, the refund and its mail are owed. */
async function refundPaid(deps: CancelDeps, booking: BookingRecord) {
  const refunded = await deps.storage.bookings.oweRefund({
    bookingId: booking.id,
    from: refundableOnCancel,
    paymentRef: booking.paymentRef ?? "",
    now: deps.clock.now(),
  });
  if (refunded) {
    deps.logger.info({ bookingId: booking.id }, "paid booking cancelled; refund owed");
    deps.metrics.bookingOutcome("refunded");
    await nudgeEffects(deps, "booking.refunded", booking.id);
    await announceFreedSeats(deps, booking.showId);
  }
  return refunded;
}

/**
 * Cancels a booking: a hold is released; a paid booking is refunded, by its customer only until
 * the cutoff before the show, by the cinema at any time. A second cancel finds nothing to do.
 */
export async function cancelBooking(deps: CancelDeps, booking: BookingRecord, by: "customer" | "cinema"): Promise<BookingRecord> {
  const { storage, clock, config } = deps;
  if (booking.status === "held") {
    const released = await releaseHold(deps, booking.id, "cancelled");
    if (released) return released;
  } else if (booking.status === "paid") {
    const show = await storage.shows.get(booking.showId);
    if (by === "customer" && show && !refundableByCustomer(booking, show, clock.now(), config.cancelCutoffMinutes)) {
      const cutoff = cancelCutoff(show.startsAt, config.cancelCutoffMinutes);
      throw new AppError(
        "too_late",
        `Bookings can be cancelled until ${config.cancelCutoffMinutes} minutes before the show (${formatLocal(cutoff, config.theaterTimeZone)}); please ask at the box office`,
        { cutoff: cutoff.toISOString() },
      );
    }
    const refunded = await refundPaid(deps, booking);
    if (refunded) return refunded;
  }
  const current = await storage.bookings.get(booking.id);
  throw new AppError("conflict", `This booking is ${current?.status ?? "gone"}; there is nothing to cancel`);
}

/**
 * The cinema cancels a show: off sale at once, then every paid booking refunded and every hold
 * released. Each step is conditional, so running it twice, or on two instances at once, refunds
 * nobody twice; a hold that slipped in meanwhile lapses, and a payment for it is refunded.
 */
export async function cancelShow(deps: CancelDeps, showId: string) {
  const { storage, clock } = deps;
  const show = await storage.shows.cancel(showId, clock.now());
  if (!show) throw notFound("Show");
  let refunded = 0;
  let released = 0;
  for (const booking of await storage.bookings.listForShow(showId, ["held", ...refundableOnCancel])) {
    if (booking.status === "held" && (await releaseHold(deps, booking.id, "cancelled"))) released++;
    else if (booking.status !== "held" && (await refundPaid(deps, booking))) refunded++;
  }
  const bookingsOfShow = new Set((await storage.bookings.listForShow(showId, ["refunded"])).map((b) => b.id));
  const refundsOwed = (await storage.effects.open()).filter((e) => e.kind === "refund.owed" && bookingsOfShow.has(e.bookingId)).length;
  deps.logger.warn({ showId, refunded, released, refundsOwed }, "show cancelled");
  return { showId, cancelledAt: show.cancelledAt!.toISOString(), refunded, released, refundsOwed };
}
