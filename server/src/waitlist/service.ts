import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { UserRecord, WaitlistRecord } from "../providers/storage/interface.ts";
import { seatsOf } from "../shows/layout.ts";
import { movieLookup, presentShowWithMovie } from "../shows/present.ts";

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
      status: entry.status,
      position: index >= 0 ? index + 1 : null,
      booking: entry.bookingId,
      joinedAt: entry.joinedAt.toISOString(),
    };
  }

  return {
    /** In line only for a show that cannot sell the seats wanted right now; one place per person. */
    async join(user: UserRecord, showId: string, seats: number) {
      const show = await storage.shows.get(showId);
      const now = clock.now();
      if (!show || show.cancelledAt || show.startsAt <= now) throw notFound("Show on sale");
      const taken = new Set(await storage.bookings.occupiedSeats(showId, now));
      const free = seatsOf(show.layout).filter((s) => !taken.has(s)).length;
      if (free >= seats) throw new AppError("conflict", `${free} seat${free === 1 ? " is" : "s are"} free for this show: book them on the seat map`, { free });
      const entry = await storage.waitlist.join({ id: randomUUID(), showId, userId: user.id, seats, joinedAt: now });
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
