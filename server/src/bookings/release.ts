import type { Deps } from "../deps.ts";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { releasableStatus } from "./lifecycle.ts";

type ReleaseDeps = Pick<Deps, "storage" | "clock" | "payments" | "logger" | "jobs" | "metrics">;

/** Seats came free: the show's waitlist may be owed offers. The line is the record; this only makes them prompt. */
export async function announceFreedSeats(deps: Pick<Deps, "jobs" | "logger">, showId: string) {
  try {
    await deps.jobs.emit("show.seats_freed", { showId });
  } catch (err) {
    deps.logger.warn({ err, showId }, "could not announce freed seats; the periodic waitlist round will");
  }
}

/**
 * Closes the provider's checkout of a released booking so it can no longer be paid. Best effort:
 * a payment that slips through is sold if its seats are still free, refunded otherwise.
 */
async function closeCheckout(deps: Pick<Deps, "payments" | "logger">, booking: BookingRecord) {
  if (!booking.paymentRef) return;
  try {
    await deps.payments.expireCheckout(booking.paymentRef);
  } catch (err) {
    deps.logger.warn({ err, bookingId: booking.id }, "could not close the checkout of a released booking");
  }
}

/**
 * Ends a hold: `cancelled` when the customer, the provider or a failure ends it; `expired` when
 * its time ran out (only once it has). Its seats are free at once. Null when it was not held.
 */
export async function releaseHold(deps: ReleaseDeps, bookingId: string, to: "cancelled" | "expired") {
  const now = deps.clock.now();
  const released = await deps.storage.bookings.release({
    bookingId,
    from: releasableStatus,
    to,
    now,
    // An expired booking keeps the instant its hold ended; a cancelled one had its hold ended now.
    ...(to === "expired" ? { lapsedBy: now, clearHoldExpiry: false } : { clearHoldExpiry: true }),
  });
  if (released) {
    if (to === "expired") deps.metrics.bookingOutcome("expired");
    await closeCheckout(deps, released);
    await announceFreedSeats(deps, released.showId);
  }
  return released;
}

/** The safety net behind each hold's own release: every lapsed hold, whoever missed it. */
export async function expireLapsedHolds(deps: ReleaseDeps, batch = 500) {
  await deps.storage.bookings.finishInterruptedWrites(deps.clock.now());
  const expired: string[] = [];
  for (;;) {
    const lapsed = await deps.storage.bookings.lapsedHolds(deps.clock.now(), batch);
    const before = expired.length;
    for (const id of lapsed) if (await releaseHold(deps, id, "expired")) expired.push(id);
    // A full batch that released nothing was released by someone else meanwhile: stop, not spin.
    if (lapsed.length < batch || expired.length === before) return expired;
  }
}

/**
 * A user removed at the identity provider: the account is anonymised first, so no new hold can
 * start, then every hold it still has goes back on sale. Paid bookings stay for the books.
 */
export async function removeUserAndReleaseHolds(deps: ReleaseDeps, userId: string) {
  if (!(await deps.storage.users.removeExternal(userId, deps.clock.now()))) return { removed: false, releasedBookings: 0 };
  const held = (await deps.storage.bookings.listForUser(userId)).filter((b) => b.status === releasableStatus);
  let releasedBookings = 0;
  for (const booking of held) if (await releaseHold(deps, booking.id, "cancelled")) releasedBookings++;
  return { removed: true, releasedBookings };
}
