import { movieIdSchema, showIdSchema, type Movie } from "@quickshow/contracts";
import type { Request } from "express";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { showService } from "../shows/service.ts";
import { homeShell, scriptJson } from "./home-shell.ts";
import { movieShell } from "./movie-shell.ts";
import { seatMapShell } from "./seat-map-shell.ts";
import { cacheTags, type ReadCache } from "./read-cache.ts";
import type { PageShell } from "./web-client.ts";

/** What a page's first render would fetch, as the API would answer it (web/src/api/initial-data.ts reads it). */
interface InitialData {
  movieShows?: { movieId: string; body: unknown };
  showDetail?: { showId: string; body: unknown };
  occupied?: { showId: string; body: unknown };
}

const dataScript = (data: InitialData) => `<script type="application/json" id="initial-data">${scriptJson(JSON.stringify(data))}</script>`;

/** A page's id that is not a valid id (or names nothing) gets no shell: the client says "not found". */
const missing = (err: unknown) => err instanceof AppError && (err.code === "not_found" || err.code === "validation");

/**
 * The first paint the server writes into a page's HTML, so a phone on a slow network does not
 * wait for the script before asking for the data: the home page's listing and hero; the movie
 * page's movie and show times with its poster; the seat map's show, its taken seats and the times
 * of its day. Each is what the API routes the client would call answer.
 */
export function pageShells(deps: Deps, readCache: ReadCache) {
  const shows = showService(deps);
  const success = <T extends object>(body: T) => ({ success: true as const, ...body });

  async function movieShows(movieId: string) {
    return success(await shows.movieShows(movieId, undefined));
  }

  return async (req: Request): Promise<PageShell | null> => {
    if (req.path === "/") {
      const key = "allShows:/api/show/all";
      const entry = readCache.get(key) ?? readCache.set(key, { success: true, shows: await shows.moviesWithUpcomingShows() }, 2_000, [cacheTags.showListings]);
      const json = entry.body.toString("utf8");
      return homeShell(json, (JSON.parse(json) as { shows: Movie[] }).shows[0]);
    }
    const page = /^\/movies\/([^/]+)(?:\/(\d{4}-\d{2}-\d{2}))?\/?$/.exec(req.path);
    const movieId = page && movieIdSchema.safeParse(decodeURIComponent(page[1]!));
    if (!movieId?.success) return null;
    try {
      const times = await movieShows(movieId.data);
      if (!page![2]) {
        const hero = movieShell(times.movie);
        return { head: dataScript({ movieShows: { movieId: movieId.data, body: times } }) + hero.head, root: hero.root, chunks: ["MovieDetails"] };
      }
      const showId = showIdSchema.safeParse(req.query.show);
      if (!showId.success) return { head: dataScript({ movieShows: { movieId: movieId.data, body: times } }), root: "", chunks: ["SeatLayout"] };
      const [detail, occupied] = await Promise.all([shows.showDetail(showId.data), deps.storage.bookings.occupiedSeats(showId.data, deps.clock.now())]);
      return {
        head: dataScript({
          movieShows: { movieId: movieId.data, body: times },
          showDetail: { showId: showId.data, body: success(detail) },
          occupied: { showId: showId.data, body: success({ occupiedSeats: occupied }) },
        }),
        root: seatMapShell({ movieTitle: times.movie.title, layout: detail.show.layout, occupied }),
        chunks: ["SeatLayout"],
      };
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  };
}
