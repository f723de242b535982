import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Deps } from "../deps.ts";
import { defaultLayout } from "../shows/layout.ts";
import { toMinorUnits } from "../money.ts";

const demoTimes = ["14:30", "18:00", "21:15"];
const demoMovieCount = 8;
const demoDays = 5;

/**
 * Puts some catalog movies on screen over the next days so a newcomer sees a live site.
 * Safe to run again: shows that already exist are skipped.
 */
export async function seedDemo(deps: Pick<Deps, "storage" | "catalog" | "clock" | "config" | "logger">) {
  const { storage, catalog, clock, config } = deps;
  let movies;
  try {
    // A list entry may lack cast, runtime and trailers (TMDB); the details have them.
    const playing = (await catalog.nowPlaying()).slice(0, demoMovieCount);
    movies = await Promise.all(playing.map(async (m) => (await catalog.getMovie(m._id)) ?? m));
  } catch (err) {
    // An unreachable catalog must not stop the site from starting; the admin can add shows later.
    deps.logger.warn({ err }, "demo data not seeded: the catalog is unavailable");
    return { movies: 0, shows: 0 };
  }
  const now = clock.now();
  const today = DateTime.fromJSDate(now, { zone: config.theaterTimeZone }).startOf("day");
  let created = 0;
  for (const [index, movie] of movies.entries()) {
    await storage.movies.insertIfAbsent(movie);
    const starts: Date[] = [];
    for (let day = 0; day < demoDays; day++) {
      // Stagger the movies so each day's programme differs.
      for (const time of demoTimes.filter((_, i) => (i + index + day) % 3 !== 0)) {
        const [hour, minute] = time.split(":").map(Number);
        const start = today.plus({ days: day }).set({ hour, minute }).toJSDate();
        if (start > now) starts.push(start);
      }
    }
    const existing = new Set((await storage.shows.existingStarts(movie._id, starts)).map((d) => d.getTime()));
    const fresh = starts.filter((s) => !existing.has(s.getTime()));
    const priceMinor = toMinorUnits([9.5, 12, 12.5, 14.99][index % 4]!, config.currency) ?? 1000;
    await storage.shows.createMany(
      fresh.map((startsAt) => ({ id: randomUUID(), movieId: movie._id, startsAt, priceMinor, layout: defaultLayout })),
    );
    created += fresh.length;
  }
  deps.logger.info({ movies: movies.length, shows: created }, "demo data seeded");
  return { movies: movies.length, shows: created };
}

/** Seeds only a brand-new database, so a restart never adds shows the admin did not ask for. */
export async function seedIfEmpty(deps: Parameters<typeof seedDemo>[0]) {
  if ((await deps.storage.movies.count()) > 0 || (await deps.storage.shows.count()) > 0) return null;
  return seedDemo(deps);
}
