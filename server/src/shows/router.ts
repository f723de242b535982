import { movieIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { showService } from "./service.ts";

export function showsRouter(deps: Deps) {
  const router = Router();
  const shows = showService(deps);
  mountRoute(router, deps, "nowPlaying", async () => ({ movies: await shows.nowPlaying() }));
  mountRoute(router, deps, "addShows", ({ body }) => shows.addShows(body));
  mountRoute(router, deps, "allShows", async () => ({ shows: await shows.moviesWithUpcomingShows() }));
  mountRoute(router, deps, "showDetail", ({ params }) =>
    shows.showDetail(param(params, "showId", showIdSchema)),
  );
  mountRoute(router, deps, "movieShows", ({ params }) =>
    shows.movieShows(param(params, "movieId", movieIdSchema)),
  );
  return router;
}
