import type { Availability, ScheduleResponse } from "@quickshow/contracts";
import { saleStatuses } from "../bookings/lifecycle.ts";
import type { Deps } from "../deps.ts";
import type { ShowWithOccupancy } from "../providers/storage/interface.ts";
import { seatsOf } from "./layout.ts";
import { localDateOf } from "./local-time.ts";
import { allCinemas, zoneLookup } from "../venues/cinemas.ts";

/** A show with at most this share of its seats free (sold or held) is "filling fast". */
export const FILLING_FAST_FREE_SHARE = 0.2;
const PAGE = 200;

/** How full a show is for a buyer: no free seat is sold out; a fifth or less free is filling fast. */
export function showAvailability(free: number, capacity: number): Availability {
  if (free <= 0) return "sold_out";
  return free <= capacity * FILLING_FAST_FREE_SHARE ? "filling_fast" : "available";
}

/** A movie is sold out when every show is; filling fast when any show is nearly full or sold out. */
export function movieAvailability(shows: readonly Availability[]): Availability {
  if (shows.length > 0 && shows.every((a) => a === "sold_out")) return "sold_out";
  return shows.some((a) => a !== "available") ? "filling_fast" : "available";
}

/** Every upcoming show on sale, page by page, with its seats sold and held. */
async function upcomingShows(deps: Pick<Deps, "storage" | "clock">): Promise<ShowWithOccupancy[]> {
  const now = deps.clock.now();
  const all: ShowWithOccupancy[] = [];
  for (let after: { at: Date; id: string } | undefined; ; ) {
    const page = await deps.storage.shows.pageWithOccupancy({ from: now, limit: PAGE, ...(after ? { after } : {}) }, now, saleStatuses);
    all.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || !last) return all.filter((s) => !s.cancelledAt);
    after = { at: last.startsAt, id: last.id };
  }
}

/** The dates and fullness of every upcoming show, by movie: the movies page's filters and labels. */
export async function schedule(deps: Pick<Deps, "storage" | "clock" | "config">): Promise<Omit<ScheduleResponse, "success">> {
  const shows = await upcomingShows(deps);
  const zoneOf = zoneLookup(await allCinemas(deps), deps.config.theaterTimeZone);
  const byShow: Record<string, Availability> = {};
  const byMovie = new Map<string, { dates: Set<string>; shows: Availability[] }>();
  for (const show of shows) {
    const capacity = seatsOf(show.layout).length;
    const availability = showAvailability(capacity - show.seatsSold - show.seatsHeld, capacity);
    byShow[show.id] = availability;
    const movie = byMovie.get(show.movieId) ?? { dates: new Set<string>(), shows: [] };
    movie.dates.add(localDateOf(show.startsAt, zoneOf(show.screen?.cinemaId)));
    movie.shows.push(availability);
    byMovie.set(show.movieId, movie);
  }
  return {
    movies: [...byMovie].map(([movieId, m]) => ({ movieId, dates: [...m.dates].sort(), availability: movieAvailability(m.shows) })),
    shows: byShow,
  };
}
