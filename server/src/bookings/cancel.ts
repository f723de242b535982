import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { BookingRecord, ShowRecord } from "../providers/storage/interface.ts";
import { formatLocal } from "../shows/local-time.ts";
import { checkSeatReturn } from "../venues/seat-service.ts";
import { amountOf, cancelCutoff, refundableByCustomer, refundableOnCancel } from "./lifecycle.ts";
import { nudgeEffects } from "./payment.ts";
import { announceFreedSeats, releaseHold } from "./release.ts";
import { zoneOfShow } from "../venues/cinemas.ts";

type CancelDeps = Pick<Deps, "storage" | "clock" | "payments" | "logger" | "jobs" | "config" | "metrics">;

/**
 * Who cancels: the customer (until the cutoff), or the cinema at the counter. A seat let in at the
 * door is never given back by either, unless the cinema forces the refund: then the money goes
 * back but the seat stays taken for the show, and the booking keeps why.
 */
export type Canceller = { by: "customer" } | { by: "cinema"; force?: boolean; reason?: string | undefined; staffName?: string };

/**
 * Seats of the booking already let in at the door, among `seats`, read as the refund's own step
 * judges them: a scan that just won against this refund is seen here, even before its admission
 * record is complete.
 */
async function admittedAmong(deps: CancelDeps, booking: BookingRecord, seats: readonly string[]) {
  const admitted = await deps.storage.tickets.admittedSeatsOf(booking.id);
  return admitted.filter((seat) => seats.includes(seat));
}

function alreadyAdmitted(seats: string[]) {
  return new AppError(
    "already_admitted",
    `${seats.join(", ")} ${seats.length === 1 ? "was" : "were"} already let in at the door, so ${seats.length === 1 ? "it stays" : "they stay"} sold; the box office can still refund with force`,
    { seats },
  );
}

/** The refusal for admitted seats, or (when forced) the note the refunded booking keeps; null when none was admitted. */
async function admissionVerdict(deps: CancelDeps, booking: BookingRecord, seats: readonly string[], who: Canceller) {
  const admitted = await admittedAmong(deps, booking, seats);
  if (admitted.length === 0) return { unlessAdmitted: true, note: null };
  if (who.by === "customer" || !who.force) throw alreadyAdmitted(admitted);
  const by = who.staffName ? ` by ${who.staffName}` : "";
  const why = who.reason ? `: ${who.reason}` : "";
  return { unlessAdmitted: false, note: `Refunded at the box office${by} after ${admitted.join(", ")} had been let in at the door${why}. Those seats stay taken for this show.` };
}

/** Refunds a paid booking: its seats are on sale again at once (but for any let in), the refund and its mail are owed. */
async function refundPaid(deps: CancelDeps, booking: BookingRecord, verdict: { unlessAdmitted: boolean; note: string | null }) {
  const refunded = await deps.storage.bookings.oweRefund({
    bookingId: booking.id,
    from: refundableOnCancel,
    paymentRef: booking.paymentRef ?? "",
    now: deps.clock.now(),
    ...verdict,
  });
  if (refunded) {
    deps.logger.info({ bookingId: booking.id }, "paid booking cancelled; refund owed");
    deps.metrics.bookingOutcome("refunded");
    await nudgeEffects(deps, "booking.refunded", booking.id);
    await announceFreedSeats(deps, booking.showId);
  }
  return refunded;
}

/** Refuses a customer's cancellation after the cutoff before the show. */
async function assertBeforeCutoff(deps: CancelDeps, booking: BookingRecord, show: ShowRecord | null) {
  const { clock, config } = deps;
  if (!show || refundableByCustomer(booking, show, clock.now(), config.cancelCutoffMinutes)) return;
  const cutoff = cancelCutoff(show.startsAt, config.cancelCutoffMinutes);
  throw new AppError(
    "too_late",
    `Bookings can be cancelled until ${config.cancelCutoffMinutes} minutes before the show (${formatLocal(cutoff, await zoneOfShow(deps, show))}); please ask at the box office`,
    { cutoff: cutoff.toISOString() },
  );
}

/**
 * Cancels a booking: a hold is released; a paid booking is refunded, by its customer only until
 * the cutoff before the show, by the cinema at any time, and neither while a seat of it was let in
 * at the door unless the cinema forces it. A second cancel finds nothing to do.
 */
export async function cancelBooking(deps: CancelDeps, booking: BookingRecord, who: Canceller): Promise<BookingRecord> {
  const { storage } = deps;
  if (booking.status === "held") {
    const released = await releaseHold(deps, booking.id, "cancelled");
    if (released) return released;
  } else if (booking.status === "paid") {
    const verdict = await admissionVerdict(deps, booking, booking.seats, who);
    if (who.by === "customer") await assertBeforeCutoff(deps, booking, await storage.shows.get(booking.showId));
    const refunded = await refundPaid(deps, booking, verdict);
    if (refunded) return refunded;
    // A seat was let in between the check and the refund: the storage step refused, atomically.
    if (verdict.unlessAdmitted) await admissionVerdict(deps, booking, booking.seats, who);
  }
  const current = await storage.bookings.get(booking.id);
  throw new AppError("conflict", `This booking is ${current?.status ?? "gone"}; there is nothing to cancel`);
}

/**
 * Gives back some seats of a paid booking: they are refunded (their price, as the show sells them)
 * and on sale again at once; the rest of the booking stays valid. Giving back every seat is a
 * cancellation. A repeated request for seats already given back finds them in the given-back part
 * and changes nothing.
 */
export async function giveBackSeats(deps: CancelDeps, booking: BookingRecord, seats: string[], who: Canceller): Promise<BookingRecord> {
  const { storage, clock } = deps;
  const wanted = [...new Set(seats)];
  if (booking.status !== "paid") {
    if (await alreadyGivenBack(deps, booking, wanted)) return booking;
    throw new AppError("conflict", `This booking is ${booking.status}; only a paid booking can give back seats`);
  }
  const strangers = wanted.filter((seat) => !booking.seats.includes(seat));
  if (strangers.length > 0) {
    if (strangers.length === wanted.length && (await alreadyGivenBack(deps, booking, wanted))) return booking;
    throw badRequest(`${strangers.join(", ")} ${strangers.length === 1 ? "is" : "are"} not part of this booking`, { seats: strangers });
  }
  if (wanted.length === booking.seats.length) return cancelBooking(deps, booking, who);
  const show = await storage.shows.get(booking.showId);
  if (!show) throw notFound("Show");
  const verdict = await admissionVerdict(deps, booking, wanted, who);
  if (who.by === "customer") await assertBeforeCutoff(deps, booking, show);
  checkSeatReturn(show, new Set(await storage.bookings.occupiedSeats(show.id, clock.now())), wanted, { orphanRule: deps.config.orphanSeatRule });

  const keep = booking.seats.filter((seat) => !wanted.includes(seat));
  // Never more than was paid, whatever the price list says now.
  const partAmountMinor = Math.min(amountOf(show, wanted), booking.amountMinor);
  const given = await storage.bookings.giveBack({
    bookingId: booking.id,
    seen: booking.seats,
    keep,
    keepAmountMinor: booking.amountMinor - partAmountMinor,
    part: { id: randomUUID(), seats: wanted, amountMinor: partAmountMinor, note: verdict.note },
    now: clock.now(),
    unlessAdmitted: verdict.unlessAdmitted,
  });
  if (!given) {
    // A seat was let in between the check and the give-back: the storage step refused, atomically.
    if (verdict.unlessAdmitted) await admissionVerdict(deps, booking, wanted, who);
    // The booking changed meanwhile (another give-back, a cancellation): decide again on what it is now.
    const current = await storage.bookings.get(booking.id);
    if (!current || (current.status === booking.status && current.seats.join() === booking.seats.join())) {
      throw new AppError("conflict", "This booking changed meanwhile; please try again");
    }
    return giveBackSeats(deps, current, wanted, who);
  }
  deps.logger.info({ bookingId: booking.id, partId: given.part.id, seats: wanted }, "seats given back; refund owed");
  deps.metrics.bookingOutcome("refunded");
  await nudgeEffects(deps, "booking.refunded", given.part.id);
  await announceFreedSeats(deps, booking.showId);
  return given.booking;
}

/** Whether these exact seats were already given back from the booking (a replayed request). */
async function alreadyGivenBack(deps: CancelDeps, booking: BookingRecord, seats: string[]) {
  const sameSeats = (b: BookingRecord) => b.seats.length === seats.length && seats.every((s) => b.seats.includes(s));
  const others = await deps.storage.bookings.listForUser(booking.userId);
  return others.some((b) => b.id !== booking.id && b.status === "refunded" && b.showId === booking.showId && b.paymentRef === booking.paymentRef && sameSeats(b));
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
    // The whole show is off: everyone is refunded, and seats let in stay taken (nothing is sold anyway).
    else if (booking.status !== "held" && (await refundPaid(deps, booking, { unlessAdmitted: false, note: null }))) refunded++;
  }
  const bookingsOfShow = new Set((await storage.bookings.listForShow(showId, ["refunded"])).map((b) => b.id));
  const refundsOwed = (await storage.effects.open()).filter((e) => e.kind === "refund.owed" && bookingsOfShow.has(e.bookingId)).length;
  deps.logger.warn({ showId, refunded, released, refundsOwed }, "show cancelled");
  return { showId, cancelledAt: show.cancelledAt!.toISOString(), refunded, released, refundsOwed };
}
