import { movieIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { cacheTags, type ReadCache } from "../http/read-cache.ts";
import { param } from "../http/validate.ts";
import { showService } from "./service.ts";
import { schedule } from "./availability.ts";

export function showsRouter(deps: Deps, cache: ReadCache) {
  const router = Router();
  const shows = showService(deps);
  // Listings change only when shows are added here (invalidated at once) or elsewhere (seen within the TTL).
  const listing = { cache, ttlMs: 2_000, tags: () => [cacheTags.showListings] };
  mountRoute(router, deps, "nowPlaying", async () => ({ movies: await shows.nowPlaying() }));
  mountRoute(router, deps, "addShows", ({ body }) => shows.addShows(body));
  // Issue 12: fullness changes with every booking; a few seconds' lag is fine for labels.
  mountRoute(router, deps, "schedule", () => schedule(deps), { cache, ttlMs: 5_000, tags: () => [cacheTags.showListings] });
  mountRoute(router, deps, "allShows", async () => ({ shows: await shows.moviesWithUpcomingShows() }), listing);
  mountRoute(router, deps, "showDetail", ({ params }) => shows.showDetail(param(params, "showId", showIdSchema)), listing);
  mountRoute(router, deps, "movieShows", ({ params, query }) => shows.movieShows(param(params, "movieId", movieIdSchema), query?.cinema), listing);
  return router;
}
