import { randomUUID } from "node:crypto";
import type { AddShowsRequest } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import { toMinorUnits } from "../money.ts";
import { CatalogUnavailableError } from "../providers/catalog/interface.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";
import { defaultLayout } from "./layout.ts";
import { formatLocal, localDateOf, localToInstant } from "./local-time.ts";
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

  /** Turns the admin's local dates and times into instants, rejecting the past and impossible times. */
  function instantsOf(input: AddShowsRequest["showsInput"]): Date[] {
    const now = clock.now();
    const seen = new Set<number>();
    const instants: Date[] = [];
    for (const { date, time } of input) {
      for (const t of time) {
        const instant = localToInstant(date, t, config.theaterTimeZone);
        if (!instant) throw badRequest(`${date} ${t} is not a valid time in ${config.theaterTimeZone}`);
        if (instant <= now) throw badRequest(`${date} ${t} (${config.theaterTimeZone}) is in the past`);
        if (seen.has(instant.getTime())) throw badRequest(`${date} ${t} is listed twice`);
        seen.add(instant.getTime());
        instants.push(instant);
      }
    }
    return instants;
  }

  return {
    async nowPlaying() {
      const movies = await catalogCall(() => catalog.nowPlaying());
      return movies.map((m) => ({ ...m, id: Number(m._id), genre_ids: m.genres.map((g) => g.id) }));
    },

    async addShows(input: AddShowsRequest) {
      const priceMinor = toMinorUnits(input.showPrice, config.currency);
      if (priceMinor === null) throw badRequest(`showPrice has more decimals than ${config.currency.toUpperCase()} allows`);
      const instants = instantsOf(input.showsInput);
      const movie =
        (await storage.movies.get(input.movieId)) ?? (await catalogCall(() => catalog.getMovie(input.movieId)));
      if (!movie) throw notFound(`Movie ${input.movieId} in the catalog`);
      const existing = await storage.shows.existingStarts(movie._id, instants);
      if (existing.length > 0) {
        const when = existing.map((d) => formatLocal(d, config.theaterTimeZone)).join("; ");
        throw new AppError("conflict", `${movie.title} already has a show at ${when}`);
      }
      await storage.movies.insertIfAbsent(movie);
      const records: ShowRecord[] = instants.map((startsAt) => ({
        cancelledAt: null,
        id: randomUUID(),
        movieId: movie._id,
        startsAt,
        priceMinor,
        layout: defaultLayout,
      }));
      await storage.shows.createMany(records);
      await jobs.emit("show.added", { movieId: movie._id, showIds: records.map((r) => r.id) });
      return {
        message: `${records.length} show${records.length === 1 ? "" : "s"} added for ${movie.title}`,
        shows: records.map((r) => presentShow(r, config.currency)),
      };
    },

    moviesWithUpcomingShows: () => storage.movies.listWithUpcomingShows(clock.now()),

    async movieShows(movieId: string) {
      const movie = await storage.movies.get(movieId);
      if (!movie) throw notFound("Movie");
      const shows = await storage.shows.listUpcomingForMovie(movieId, clock.now());
      const dateTime: Record<string, { time: string; showId: string; showPrice: number }[]> = {};
      for (const show of shows) {
        const presented = presentShow(show, config.currency);
        (dateTime[localDateOf(show.startsAt, config.theaterTimeZone)] ??= []).push({
          time: presented.showDateTime,
          showId: show.id,
          showPrice: presented.showPrice,
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
