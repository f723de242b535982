import { randomUUID } from "node:crypto";
import type { AddShowsRequest } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import { toMinorUnits } from "../money.ts";
import { CatalogUnavailableError } from "../providers/catalog/interface.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";
import { ScreenBusyError } from "../providers/storage/errors.ts";
import { defaultScreen } from "../venues/screens.ts";
import { allCinemas, zoneLookup } from "../venues/cinemas.ts";
import { defaultCinemaId } from "../venues/default-screens.ts";
import { formatClock, formatLocal, localDateOf, localToInstant } from "./local-time.ts";
import { presentShow, presentShowWithMovie } from "./present.ts";

export function showService(deps: Deps) {
  const { storage, catalog, config, clock, jobs } = deps;

  async function catalogCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      deps.logger.warn({ err }, "catalog provider failed");
      if (err instanceof CatalogUnavailableError) throw new AppError("unavailable", `The movie catalog is unavailable: ${err.message}`);
      throw new AppError("unavailable", "The movie catalog cannot be reached right now; please try again in a minute");
    }
  }

  /** Turns the admin's local dates and times (in the cinema's zone) into instants, rejecting the past and impossible times. */
  function instantsOf(input: AddShowsRequest["showsInput"], zone: string): Date[] {
    const now = clock.now();
    const seen = new Set<number>();
    const instants: Date[] = [];
    for (const { date, time } of input) {
      for (const t of time) {
        const instant = localToInstant(date, t, zone);
        if (!instant) throw badRequest(`${date} ${t} is not a valid time in ${zone}`);
        if (instant <= now) throw badRequest(`${date} ${t} (${zone}) is in the past`);
        if (seen.has(instant.getTime())) throw badRequest(`${date} ${t} is listed twice`);
        seen.add(instant.getTime());
        instants.push(instant);
      }
    }
    return instants;
  }

  /**
   * Tells the admin what is in the way in their words: the film, its local time, and when the
   * screen is next free for as long as the refused show needs.
   */
  async function screenBusy(showId: string, screen: { id: string; name: string }, zone: string, needMs: number) {
    const show = showId ? await storage.shows.get(showId) : null;
    if (!show) return new AppError("screen_busy", `${screen.name} is busy at that time; pick another time or screen`, { showId: null });
    const movie = await storage.movies.get(show.movieId);
    const until = show.endsAt ?? show.startsAt;
    const nextFreeAt = await nextFreeFrom(screen.id, until, needMs);
    const message =
      `${screen.name} is busy then: ${movie?.title ?? "another film"} plays at ${formatLocal(show.startsAt, zone)} ` +
      `and keeps the screen until ${formatClock(until, zone)} with cleaning. The screen is next free from ${formatLocal(nextFreeAt, zone)}`;
    return new AppError("screen_busy", message, {
      showId: show.id,
      movieId: show.movieId,
      startsAt: show.startsAt.toISOString(),
      endsAt: show.endsAt?.toISOString() ?? null,
      nextFreeAt: nextFreeAt.toISOString(),
    });
  }

  /** The first instant from `from` at which the screen stays free for `needMs`, hopping over the shows on it. */
  async function nextFreeFrom(screenId: string, from: Date, needMs: number) {
    const horizon = 14 * 24 * 3_600_000;
    const onScreen = (await storage.shows.listStartingBetween(new Date(from.getTime() - horizon), new Date(from.getTime() + horizon)))
      .filter((s) => s.screen?.id === screenId && s.endsAt)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let free = from.getTime();
    for (const show of onScreen) {
      if (show.endsAt!.getTime() <= free) continue;
      if (show.startsAt.getTime() >= free + needMs) break;
      free = show.endsAt!.getTime();
    }
    return new Date(free);
  }

  return {
    async nowPlaying() {
      const movies = await catalogCall(() => catalog.nowPlaying());
      return movies.map((m) => ({ ...m, id: Number(m._id), genre_ids: m.genres.map((g) => g.id) }));
    },

    async addShows(input: AddShowsRequest) {
      const priceMinor = toMinorUnits(input.showPrice, config.currency);
      if (priceMinor === null) throw badRequest(`showPrice has more decimals than ${config.currency.toUpperCase()} allows`);
      const screen = input.screenId ? await storage.screens.get(input.screenId) : await defaultScreen(deps);
      if (!screen) throw notFound(`Screen ${input.screenId}`);
      // Times are the screen's cinema's wall clock.
      const zone = zoneLookup(await allCinemas(deps), config.theaterTimeZone)(screen.cinemaId);
      const instants = instantsOf(input.showsInput, zone);
      const pricesMinor = categoryPrices(input.prices ?? {}, screen.layout.categories.map((c) => c.id), priceMinor, config.currency);
      const movie =
        (await storage.movies.get(input.movieId)) ?? (await catalogCall(() => catalog.getMovie(input.movieId)));
      if (!movie) throw notFound(`Movie ${input.movieId} in the catalog`);
      const occupiedFor = occupancy(movie.runtime, config.cleaningBufferMinutes);
      if (input.screenId) refuseOverlapsWithin(instants.map(occupiedFor), movie.title, zone);
      // On a screen its time is what must be unique (the storage refuses an overlap): one film may
      // play on two screens at once. Without a screen, the film and its time are the only key.
      if (!input.screenId) {
        const existing = await storage.shows.existingStarts(movie._id, instants);
        if (existing.length > 0) {
          const when = existing.map((d) => formatLocal(d, zone)).join("; ");
          throw new AppError("conflict", `${movie.title} already has a show at ${when}`);
        }
      }
      await storage.movies.insertIfAbsent(movie);
      const records: ShowRecord[] = instants.map((startsAt) => ({
        cancelledAt: null,
        id: randomUUID(),
        movieId: movie._id,
        startsAt,
        priceMinor,
        // The show keeps this copy: editing the screen later never moves a seat somebody bought.
        layout: screen.layout,
        // Without a screen named (QuickShow's clients), the show takes the default screen's seat map
        // but claims no screen time: such clients schedule several films at one hour.
        screen: input.screenId ? { id: screen.id, name: screen.name, cinemaId: screen.cinemaId } : null,
        pricesMinor,
        endsAt: input.screenId ? occupiedFor(startsAt).endsAt : null,
      }));
      try {
        await storage.shows.createMany(records);
      } catch (error) {
        if (error instanceof ScreenBusyError) {
          const { startsAt, endsAt } = occupiedFor(instants[0]!);
          throw await screenBusy(error.showInTheWay, screen, zone, endsAt.getTime() - startsAt.getTime());
        }
        throw error;
      }
      await jobs.emit("show.added", { movieId: movie._id, showIds: records.map((r) => r.id) });
      return {
        message: `${records.length} show${records.length === 1 ? "" : "s"} added for ${movie.title}`,
        shows: records.map((r) => presentShow(r, config.currency)),
      };
    },

    moviesWithUpcomingShows: () => storage.movies.listWithUpcomingShows(clock.now()),

    /** Show times by local date, each in its own cinema's zone; only one cinema's when `cinemaId` is given. */
    async movieShows(movieId: string, cinemaId?: string) {
      const movie = await storage.movies.get(movieId);
      if (!movie) throw notFound("Movie");
      const shows = await storage.shows.listUpcomingForMovie(movieId, clock.now());
      const zoneOf = zoneLookup(await allCinemas(deps), config.theaterTimeZone);
      const dateTime: Record<string, { time: string; showId: string; showPrice: number; screen: { _id: string; name: string } | null; cinema: string; timeZone: string }[]> = {};
      for (const show of shows) {
        const cinema = show.screen?.cinemaId || defaultCinemaId;
        if (cinemaId !== undefined && cinema !== cinemaId) continue;
        const zone = zoneOf(cinema);
        const presented = presentShow(show, config.currency);
        (dateTime[localDateOf(show.startsAt, zone)] ??= []).push({
          time: presented.showDateTime,
          showId: show.id,
          showPrice: presented.showPrice,
          screen: presented.screen ? { _id: presented.screen._id, name: presented.screen.name } : null,
          cinema,
          timeZone: zone,
        });
      }
      return { movie, dateTime };
    },

    async showDetail(showId: string) {
      const show = await storage.shows.get(showId);
      if (!show) throw notFound("Show");
      const movie = await storage.movies.get(show.movieId);
      if (!movie) throw notFound("Movie of this show");
      return { show: presentShowWithMovie(show, movie, config.currency), currency: config.currency };
    },
  };
}

/** Minor-unit prices for every category of the screen: the given ones, `showPrice` for the rest. */
function categoryPrices(given: Record<string, number>, categories: string[], fallbackMinor: number, currency: string) {
  const unknown = Object.keys(given).filter((c) => !categories.includes(c));
  if (unknown.length > 0) throw badRequest(`prices: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a category" : "are not categories"} of this screen (${categories.join(", ")})`);
  const minor: Record<string, number> = {};
  for (const [category, major] of Object.entries(given)) {
    const value = toMinorUnits(major, currency);
    if (value === null) throw badRequest(`prices.${category} has too many decimals`);
    minor[category] = value;
  }
  return Object.fromEntries(categories.map((id) => [id, minor[id] ?? fallbackMinor]));
}

/** How long a show occupies its screen: the film and the cleaning after it. */
const occupancy = (runtimeMinutes: number, bufferMinutes: number) => (startsAt: Date) => ({
  startsAt,
  // A film without a known runtime is given two hours, so the screen is never double-booked by omission.
  endsAt: new Date(startsAt.getTime() + ((runtimeMinutes > 0 ? runtimeMinutes : 120) + bufferMinutes) * 60_000),
});

/** Two of the shows asked for at once would share the screen. */
function refuseOverlapsWithin(slots: { startsAt: Date; endsAt: Date }[], title: string, zone: string) {
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.startsAt < sorted[i - 1]!.endsAt) {
      throw new AppError("screen_busy", `Two of these times overlap: the show at ${formatLocal(sorted[i - 1]!.startsAt, zone)} keeps the screen until ${formatLocal(sorted[i - 1]!.endsAt, zone)} (${title} and cleaning), after the next one starts`, { showId: null });
    }
  }
}
