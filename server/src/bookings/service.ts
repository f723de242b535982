import { randomUUID } from "node:crypto";
import type { AdminCancelBookingRequest, BookingWithShow, CreateBookingRequest } from "@quickshow/contracts";
import { refundReasonOf } from "./refund-reason.ts";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { BookingRecord, ShowRecord, UserRecord } from "../providers/storage/interface.ts";
import { memoize, memoizeMany } from "../memo.ts";
import { toMajorUnits } from "../money.ts";
import { judgeSeatChoice } from "../venues/seat-service.ts";
import { movieLookup, presentShowSummaryWithMovie } from "../shows/present.ts";
import { attemptLimit } from "./attempt-limit.ts";
import { cancelBooking, giveBackSeats } from "./cancel.ts";
import { startCheckout } from "./checkout.ts";
import { amountOf, cancelCutoff, capMessage, effectiveStatus, holdCaps, holdExpiry, refundableByCustomer } from "./lifecycle.ts";
import { presentBooking } from "./present.ts";
import { releaseHold } from "./release.ts";

const showCancelled = () => new AppError("show_cancelled", "This show was cancelled by the cinema; please pick another one");
const listSeats = (seats: string[]) => (seats.length === 1 ? `Seat ${seats[0]} was` : `Seats ${seats.join(", ")} were`);

export function bookingService(deps: Deps) {
  const { storage, config, clock, payments, jobs, logger } = deps;
  const attempts = attemptLimit(config.bookingRateLimit);
  const caps = holdCaps(config);

  // A list of bookings names a show and movie per row, and a user opens it again and again; the
  // rows' own state (paid, refunded) is always read fresh, their shows and movies from memory.
  const showsById = memoizeMany((ids) => storage.shows.getMany(ids), (s) => s.id, { max: 10_000, ttlMs: 10_000 });
  const moviesById = memoizeMany((ids) => storage.movies.getMany(ids), (m) => m._id, { max: 1_000, ttlMs: 60_000 });

  async function withShows(records: BookingRecord[]): Promise<BookingWithShow[]> {
    const shows = await showsById(records.map((b) => b.showId));
    const movieOf = movieLookup(await moviesById(shows.map((s) => s.movieId)));
    const showById = new Map(shows.map((s) => [s.id, s]));
    // Whether a refund came from the cinema cancelling the show is read fresh, not from the memory above.
    const refundedShows = [...new Set(records.filter((b) => b.status === "refunded").map((b) => b.showId))];
    const cancelledAt = new Map((refundedShows.length > 0 ? await storage.shows.getMany(refundedShows) : []).map((s) => [s.id, s.cancelledAt]));
    const now = clock.now();
    return records.flatMap((b) => {
      const show = showById.get(b.showId);
      if (!show) return [];
      const cancellableUntil = refundableByCustomer(b, show, now, config.cancelCutoffMinutes) ? cancelCutoff(show.startsAt, config.cancelCutoffMinutes).toISOString() : null;
      const seatPrices = Object.fromEntries(b.seats.map((seat) => [seat, toMajorUnits(Math.min(amountOf(show, [seat]), b.amountMinor), b.currency)]));
      return [{ ...presentBooking(b, now), show: presentShowSummaryWithMovie(show, movieOf(show.movieId), config.currency), cancellableUntil, seatPrices, refundReason: refundReasonOf(b, { cancelledAt: cancelledAt.get(show.id) ?? show.cancelledAt }) }];
    });
  }

  // A booking rush reads the same show and movie again and again: a show's seats and price never
  // change once it is on sale, and the movie is read only for its title.
  // A cancellation reaches this memory within ten seconds; a payment for a hold made meanwhile is refunded.
  const findShow = memoize((id) => storage.shows.get(id), { max: 10_000, ttlMs: 10_000 });
  const findMovie = memoize((id) => storage.movies.get(id), { max: 1_000, ttlMs: 60_000 });

  async function ownBooking(user: UserRecord, bookingId: string) {
    const booking = await storage.bookings.get(bookingId);
    // Someone else's booking answers exactly like a missing one, so ids cannot be probed.
    if (!booking || booking.userId !== user.id) throw notFound("Booking");
    return booking;
  }

  return {
    withShows,

    occupiedSeats: async (showId: string) => {
      if (!(await storage.shows.get(showId))) throw notFound("Show");
      return storage.bookings.occupiedSeats(showId, clock.now());
    },

    async create(user: UserRecord, input: CreateBookingRequest) {
      if (!attempts.allow(user.id)) throw new AppError("rate_limited", "Too many booking attempts; please wait a moment and try again");
      const seats = input.selectedSeats;
      if (new Set(seats).size !== seats.length) throw badRequest("selectedSeats: each seat may be picked only once");
      if (seats.length > config.maxSeatsPerBooking) {
        throw badRequest(`selectedSeats: at most ${config.maxSeatsPerBooking} seats per booking`);
      }
      const show = await findShow(input.showId);
      if (!show) throw notFound("Show");
      const now = clock.now();
      if (show.startsAt <= now) throw badRequest("This show has already started; pick a later one");
      if (show.cancelledAt) throw showCancelled();
      // The seat rules (venues/) judge the choice against the seats taken a moment ago; the claim below stays the guard against a double sale.
      await judgeSeatChoice(deps, show, seats, now);

      const bookingId = randomUUID();
      const holdExpiresAt = holdExpiry(now, config.holdMinutes);
      const held = await storage.bookings.hold(
        { id: bookingId, userId: user.id, showId: show.id, seats, amountMinor: amountOf(show, seats), currency: config.currency, holdExpiresAt, now },
        caps,
      );
      if (!held.ok && held.reason === "show_cancelled") throw showCancelled();
      if (!held.ok && held.reason === "seats_taken") {
        deps.metrics.bookingOutcome("taken");
        throw new AppError("seat_taken", `${listSeats(held.takenSeats)} just taken by someone else; please pick other seats`, {
          takenSeats: held.takenSeats,
        });
      }
      if (!held.ok) throw new AppError("too_many_holds", capMessage(held.reason, held.live, caps), { limit: held.reason, live: held.live });

      deps.metrics.bookingOutcome("held");
      try {
        const url = await startCheckout(deps, { user, show, booking: held.booking, title: (await findMovie(show.movieId))?.title });
        return { bookingId, url, holdExpiresAt: holdExpiresAt.toISOString() };
      } catch (err) {
        // Whatever failed after the hold, the seats go back before the buyer hears of it.
        logger.error({ err, bookingId }, "could not start checkout; releasing the hold");
        await releaseHold(deps, bookingId, "cancelled").catch((releaseErr) =>
          logger.error({ err: releaseErr, bookingId }, "could not release the hold either; it lapses at its expiry"),
        );
        throw err instanceof AppError ? err : new AppError("unavailable", "Payment could not be started; your seats were released, please try again");
      }
    },

    async get(user: UserRecord, bookingId: string) {
      const [booking] = await withShows([await ownBooking(user, bookingId)]);
      if (!booking) throw notFound("Booking");
      return booking;
    },

    /** Cancels the customer's booking, or with `seats` gives back only those seats. */
    async cancel(user: UserRecord, bookingId: string, seats?: string[]) {
      const own = await ownBooking(user, bookingId);
      const who = { by: "customer" } as const;
      const [booking] = await withShows([seats ? await giveBackSeats(deps, own, seats, who) : await cancelBooking(deps, own, who)]);
      return booking!;
    },

    /** The cinema cancels any booking, or some of its seats (a customer at the counter): no cutoff applies. */
    async cancelAsCinema(staff: UserRecord, bookingId: string, request: AdminCancelBookingRequest) {
      const booking = await storage.bookings.get(bookingId);
      if (!booking) throw notFound("Booking");
      const who = { by: "cinema", force: request?.force, reason: request?.reason, staffName: staff.name } as const;
      const seats = request?.seats;
      const [cancelled] = await withShows([seats ? await giveBackSeats(deps, booking, seats, who) : await cancelBooking(deps, booking, who)]);
      return cancelled!;
    },

    /** The buyer's own live holds on a show: the seat map shows them as theirs, to pay or release. */
    async myHolds(user: UserRecord, showId: string) {
      const now = clock.now();
      const own = await storage.bookings.listForUser(user.id);
      return own
        .filter((b) => b.showId === showId && effectiveStatus(b, now) === "held" && b.holdExpiresAt)
        .map((b) => ({ bookingId: b.id, seats: b.seats, holdExpiresAt: b.holdExpiresAt!.toISOString(), paymentLink: b.paymentLink }));
    },

    async listForUser(user: UserRecord) {
      return withShows(await storage.bookings.listForUser(user.id));
    },
  };
}
