import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { UserRecord, WaitlistRecord } from "../providers/storage/interface.ts";
import { seatsOf } from "../shows/layout.ts";
import { movieLookup, presentShowWithMovie } from "../shows/present.ts";
import { offerableSeats } from "./seats.ts";

const live = ["waiting", "offered"] as const;

export function waitlistService(deps: Deps) {
  const { storage, clock, config } = deps;

  async function present(entry: WaitlistRecord) {
    const line = entry.status === "waiting" ? await storage.waitlist.ofShow(entry.showId, ["waiting"], 10_000) : [];
    const index = line.findIndex((e) => e.id === entry.id);
    return {
      _id: entry.id,
      show: entry.showId,
      seats: entry.seats,
      category: entry.category,
      status: entry.status,
      position: index >= 0 ? index + 1 : null,
      booking: entry.bookingId,
      joinedAt: entry.joinedAt.toISOString(),
    };
  }

  return {
    /**
     * In line only for a show that cannot sell the seats wanted right now (of the category wanted,
     * when one is named); one place per person.
     */
    async join(user: UserRecord, showId: string, wish: { seats: number; category?: string | undefined }) {
      // The front door's limit: an offer is a booking, so nobody waits for more than one may hold.
      if (wish.seats > config.maxSeatsPerBooking) throw badRequest(`seats: at most ${config.maxSeatsPerBooking} seats per booking`, { max: config.maxSeatsPerBooking });
      const show = await storage.shows.get(showId);
      const now = clock.now();
      if (!show || show.cancelledAt || show.startsAt <= now) throw notFound("Show on sale");
      const category = wish.category ?? null;
      if (category && !show.layout.categories.some((c) => c.id === category)) throw badRequest(`category: ${category} is not a category of this show's seats`);
      const taken = new Set(await storage.bookings.occupiedSeats(showId, now));
      const bookable = offerableSeats(show, taken, { seats: wish.seats, category }, now, config.orphanSeatRule);
      if (bookable) {
        const free = seatsOf(show.layout).filter((s) => !taken.has(s)).length;
        throw new AppError("conflict", `${wish.seats === 1 ? "A seat is" : `${wish.seats} seats are`} free for this show${category ? " in that category" : ""}: book on the seat map`, { free });
      }
      const entry = await storage.waitlist.join({ id: randomUUID(), showId, userId: user.id, seats: wish.seats, category, joinedAt: now });
      if (!entry) throw new AppError("conflict", "You are already on the waitlist of this show");
      return { entry: await present(entry) };
    },

    async leave(user: UserRecord, showId: string) {
      const mine = (await storage.waitlist.ofUser(user.id, ["waiting"])).find((e) => e.showId === showId);
      return { left: mine ? await storage.waitlist.move(mine.id, "waiting", "left") : false };
    },

    async listForUser(user: UserRecord) {
      const entries = await storage.waitlist.ofUser(user.id, live);
      const shows = await storage.shows.getMany([...new Set(entries.map((e) => e.showId))]);
      const movieOf = movieLookup(await storage.movies.getMany([...new Set(shows.map((s) => s.movieId))]));
      const showById = new Map(shows.map((s) => [s.id, s]));
      const waitlists = [];
      for (const entry of entries) {
        const show = showById.get(entry.showId);
        if (show) waitlists.push({ ...(await present(entry)), showDetail: presentShowWithMovie(show, movieOf(show.movieId), config.currency) });
      }
      return { waitlists };
    },
  };
}
