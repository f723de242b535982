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
 * the cutoff before the show, by the cinema at any time. A second cancel finds nothing to do.
 */
export async function cancelBooking(deps: CancelDeps, booking: BookingRecord, by: "customer" | "cinema"): Promise<BookingRecord> {
  const { storage } = deps;
  if (booking.status === "held") {
    const released = await releaseHold(deps, booking.id, "cancelled");
    if (released) return released;
  } else if (booking.status === "paid") {
    if (by === "customer") await assertBeforeCutoff(deps, booking, await storage.shows.get(booking.showId));
    const refunded = await refundPaid(deps, booking);
    if (refunded) return refunded;
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
export async function giveBackSeats(deps: CancelDeps, booking: BookingRecord, seats: string[], by: "customer" | "cinema"): Promise<BookingRecord> {
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
  if (wanted.length === booking.seats.length) return cancelBooking(deps, booking, by);
  const show = await storage.shows.get(booking.showId);
  if (!show) throw notFound("Show");
  if (by === "customer") await assertBeforeCutoff(deps, booking, show);
  checkSeatReturn(show, new Set(await storage.bookings.occupiedSeats(show.id, clock.now())), wanted, { orphanRule: deps.config.orphanSeatRule });

  const keep = booking.seats.filter((seat) => !wanted.includes(seat));
  // Never more than was paid, whatever the price list says now.
  const partAmountMinor = Math.min(amountOf(show, wanted), booking.amountMinor);
  const given = await storage.bookings.giveBack({
    bookingId: booking.id,
    seen: booking.seats,
    keep,
    keepAmountMinor: booking.amountMinor - partAmountMinor,
    part: { id: randomUUID(), seats: wanted, amountMinor: partAmountMinor },
    now: clock.now(),
  });
  if (!given) {
    // The booking changed meanwhile (another give-back, a cancellation): decide again on what it is now.
    const current = await storage.bookings.get(booking.id);
    if (!current || (current.status === booking.status && current.seats.join() === booking.seats.join())) {
      throw new AppError("conflict", "This booking changed meanwhile; please try again");
    }
    return giveBackSeats(deps, current, wanted, by);
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
    else if (booking.status !== "held" && (await refundPaid(deps, booking))) refunded++;
  }
  const bookingsOfShow = new Set((await storage.bookings.listForShow(showId, ["refunded"])).map((b) => b.id));
  const refundsOwed = (await storage.effects.open()).filter((e) => e.kind === "refund.owed" && bookingsOfShow.has(e.bookingId)).length;
  deps.logger.warn({ showId, refunded, released, refundsOwed }, "show cancelled");
  return { showId, cancelledAt: show.cancelledAt!.toISOString(), refunded, released, refundsOwed };
}
