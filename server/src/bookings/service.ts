import { randomUUID } from "node:crypto";
import type { BookingWithShow, CreateBookingRequest } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { BookingRecord, ShowRecord, UserRecord } from "../providers/storage/interface.ts";
import { seatsOf } from "../shows/layout.ts";
import { formatLocal, localDateOf } from "../shows/local-time.ts";
import { movieLookup, presentShowWithMovie } from "../shows/present.ts";
import { closeCheckout } from "./payment.ts";
import { presentBooking } from "./present.ts";

const listSeats = (seats: string[]) => (seats.length === 1 ? `Seat ${seats[0]} was` : `Seats ${seats.join(", ")} were`);

export function bookingService(deps: Deps) {
  const { storage, config, clock, payments, jobs, logger } = deps;

  async function withShows(records: BookingRecord[]): Promise<BookingWithShow[]> {
    const shows = await storage.shows.getMany([...new Set(records.map((b) => b.showId))]);
    const movieOf = movieLookup(await storage.movies.getMany([...new Set(shows.map((s) => s.movieId))]));
    const showById = new Map(shows.map((s) => [s.id, s]));
    const now = clock.now();
    return records.flatMap((b) => {
      const show = showById.get(b.showId);
      if (!show) return [];
      return [{ ...presentBooking(b, now), show: presentShowWithMovie(show, movieOf(show.movieId), config.currency) }];
    });
  }

  /**
   * A soft limit against one account holding a whole show: checked before the hold, so a burst
   * of parallel requests may pass it by one or two. It never affects who owns a seat; that is
   * the database's job.
   */
  async function refuseHoarding(user: UserRecord, showId: string, now: Date) {
    const live = await storage.bookings.countLiveHolds(user.id, showId, now);
    if (live >= config.maxLiveHoldsPerShow) {
      throw new AppError(
        "conflict",
        `You already have ${live} unpaid booking${live === 1 ? "" : "s"} for this show; pay or cancel one first`,
      );
    }
  }

  // Shows never change once created, so a booking rush need not read the same one each time.
  const knownShows = new Map<string, ShowRecord>();
  async function findShow(showId: string) {
    const cached = knownShows.get(showId);
    if (cached) return cached;
    const show = await storage.shows.get(showId);
    if (show) {
      if (knownShows.size >= 10_000) knownShows.delete(knownShows.keys().next().value!);
      knownShows.set(showId, show);
    }
    return show;
  }

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
      const seats = input.selectedSeats;
      if (new Set(seats).size !== seats.length) throw badRequest("selectedSeats: each seat may be picked only once");
      if (seats.length > config.maxSeatsPerBooking) {
        throw badRequest(`selectedSeats: at most ${config.maxSeatsPerBooking} seats per booking`);
      }
      const show = await findShow(input.showId);
      if (!show) throw notFound("Show");
      const now = clock.now();
      if (show.startsAt <= now) throw badRequest("This show has already started; pick a later one");
      const known = new Set(seatsOf(show.layout));
      const unknown = seats.filter((s) => !known.has(s));
      if (unknown.length > 0) throw badRequest(`selectedSeats: ${unknown.join(", ")} not on this screen's seat map`);

      await refuseHoarding(user, show.id, now);
      const bookingId = randomUUID();
      const holdExpiresAt = new Date(now.getTime() + config.holdMinutes * 60_000);
      const held = await storage.bookings.hold({
        id: bookingId,
        userId: user.id,
        showId: show.id,
        seats,
        amountMinor: show.priceMinor * seats.length,
        currency: config.currency,
        holdExpiresAt,
        now,
      });
      if (!held.ok) {
        throw new AppError("seat_taken", `${listSeats(held.takenSeats)} just taken by someone else; please pick other seats`, {
          takenSeats: held.takenSeats,
        });
      }

      const movie = await storage.movies.get(show.movieId);
      let checkout: { url: string; paymentRef: string };
      try {
        checkout = await payments.createCheckout({
          bookingId,
          amountMinor: held.booking.amountMinor,
          currency: config.currency,
          description: `${movie?.title ?? "Movie"}, ${formatLocal(show.startsAt, config.theaterTimeZone)}, seats ${seats.join(", ")}`,
          customerEmail: user.email,
          holdExpiresAt,
          successUrl: `${config.publicUrl}/my-bookings`,
          // Back to the same seat map with the same seats picked.
          cancelUrl: `${config.publicUrl}/movies/${show.movieId}/${localDateOf(show.startsAt, config.theaterTimeZone)}?show=${show.id}&seats=${seats.join(",")}`,
        });
      } catch (err) {
        logger.error({ err, bookingId }, "could not start checkout; releasing the hold");
        await storage.bookings.cancel(bookingId, clock.now());
        throw new AppError("unavailable", "Payment could not be started; your seats were released, please try again");
      }
      await storage.bookings.setPayment(bookingId, checkout.url, checkout.paymentRef);
      try {
        await jobs.emit("booking.created", { bookingId, holdExpiresAt: holdExpiresAt.toISOString() });
      } catch (err) {
        // The hold still lapses on time for buyers; the periodic sweep tidies its status.
        logger.error({ err, bookingId }, "could not schedule the release of this hold; the sweep will");
      }
      return { bookingId, url: checkout.url, holdExpiresAt: holdExpiresAt.toISOString() };
    },

    async get(user: UserRecord, bookingId: string) {
      const [booking] = await withShows([await ownBooking(user, bookingId)]);
      if (!booking) throw notFound("Booking");
      return booking;
    },

    async cancel(user: UserRecord, bookingId: string) {
      await ownBooking(user, bookingId);
      const cancelled = await storage.bookings.cancel(bookingId, clock.now());
      if (!cancelled) throw new AppError("conflict", "Only an unpaid booking on hold can be cancelled");
      await closeCheckout(deps, bookingId);
      const [booking] = await withShows([cancelled]);
      return booking!;
    },

    async listForUser(user: UserRecord) {
      return withShows(await storage.bookings.listForUser(user.id));
    },
  };
}
