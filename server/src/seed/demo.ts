import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Deps } from "../deps.ts";
import { toMinorUnits } from "../money.ts";
import { ScreenBusyError } from "../providers/storage/errors.ts";
import type { MovieRecord, NewShow, ScreenRecord } from "../providers/storage/interface.ts";
import { ensureDemoScreens } from "../venues/screens.ts";

const demoMovieCount = 8;
const demoDays = 5;
/** Each screen's day: the first show at opening, the last starting before closing. */
const opening = { hour: 11, minute: 0 };
const lastStart = { hour: 22, minute: 0 };
/** Extra over the standard price, per category, in major units. */
const surcharge: Record<string, number> = { standard: 0, premium: 4, recliner: 8 };

/**
 * Puts some catalog movies on the demo's three screens over the next days so a newcomer sees a
 * live site: each screen plays films back to back (runtime and cleaning), never two at once.
 * Safe to run again: shows that already exist, or whose time is taken, are skipped.
 */
export async function seedDemo(deps: Pick<Deps, "storage" | "catalog" | "clock" | "config" | "logger">) {
  const { storage, catalog, clock, config } = deps;
  let movies: MovieRecord[];
  try {
    // A list entry may lack cast, runtime and trailers (TMDB); the details have them.
    const playing = (await catalog.nowPlaying()).slice(0, demoMovieCount);
    movies = await Promise.all(playing.map(async (m) => (await catalog.getMovie(m._id)) ?? m));
  } catch (err) {
    // An unreachable catalog must not stop the site from starting; the admin can add shows later.
    deps.logger.warn({ err }, "demo data not seeded: the catalog is unavailable");
    return { movies: 0, shows: 0 };
  }
  if (movies.length === 0) return { movies: 0, shows: 0 };
  const screens = await ensureDemoScreens(deps);
  for (const movie of movies) await storage.movies.insertIfAbsent(movie);

  const now = clock.now();
  const today = DateTime.fromJSDate(now, { zone: config.theaterTimeZone }).startOf("day");
  let created = 0;
  for (let day = 0; day < demoDays; day++) {
    for (const [screenIndex, screen] of screens.entries()) {
      let start = today.plus({ days: day }).set(opening);
      const close = today.plus({ days: day }).set(lastStart);
      // Rotate the films so each screen and day has its own programme.
      for (let slot = 0; start <= close; slot++) {
        const movieIndex = (slot * screens.length + screenIndex + day) % movies.length;
        const movie = movies[movieIndex]!;
        const minutes = (movie.runtime > 0 ? movie.runtime : 120) + config.cleaningBufferMinutes;
        const startsAt = start.toJSDate();
        if (startsAt > now && (await createShow(deps, demoShow(movie, movieIndex, screen, startsAt, minutes)))) created++;
        // The next show starts on the quarter hour after this one's screen is free again.
        const free = start.plus({ minutes });
        start = free.plus({ minutes: (15 - (free.minute % 15)) % 15 }).startOf("minute");
      }
    }
  }
  deps.logger.info({ movies: movies.length, shows: created }, "demo data seeded");
  return { movies: movies.length, shows: created };

  function demoShow(movie: MovieRecord, index: number, screen: ScreenRecord, startsAt: Date, minutes: number): NewShow {
    const base = [9.5, 12, 12.5, 14.99][index % 4]!;
    const minor = (major: number) => toMinorUnits(major, config.currency) ?? Math.round(major * 100);
    return {
      id: randomUUID(),
      movieId: movie._id,
      startsAt,
      priceMinor: minor(base),
      layout: screen.layout,
      screen: { id: screen.id, name: screen.name, cinemaId: screen.cinemaId },
      pricesMinor: Object.fromEntries(screen.layout.categories.map((c) => [c.id, minor(base + (surcharge[c.id] ?? 0))])),
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    };
  }
}

/** False when the show exists already (a second run) or its screen is taken then. */
async function createShow({ storage }: Pick<Deps, "storage">, show: NewShow) {
  if ((await storage.shows.existingStarts(show.movieId, [show.startsAt])).length > 0) return false;
  try {
    await storage.shows.createMany([show]);
    return true;
  } catch (error) {
    if (error instanceof ScreenBusyError || (error as { code?: string }).code === "conflict") return false;
    throw error;
  }
}

/** Seeds only a brand-new database, so a restart never adds shows the admin did not ask for. */
export async function seedIfEmpty(deps: Parameters<typeof seedDemo>[0]) {
  if ((await deps.storage.movies.count()) > 0 || (await deps.storage.shows.count()) > 0) return null;
  return seedDemo(deps);
}
