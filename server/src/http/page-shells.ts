import type { Movie } from "@quickshow/contracts";
import type { Request } from "express";
import type { Deps } from "../deps.ts";
import { showService } from "../shows/service.ts";
import { homeShell } from "./home-shell.ts";
import { cacheTags, type ReadCache } from "./read-cache.ts";
import type { PageShell } from "./web-client.ts";

/**
 * The first paint the server writes into a page's HTML, from the same read cache as the API
 * routes the client would call: the home page's listing and hero. Other pages get none.
 */
export function pageShells(deps: Deps, readCache: ReadCache) {
  const shows = showService(deps);
  return async (req: Request): Promise<PageShell | null> => {
    if (req.path === "/") {
      const key = "allShows:/api/show/all";
      const entry = readCache.get(key) ?? readCache.set(key, { success: true, shows: await shows.moviesWithUpcomingShows() }, 2_000, [cacheTags.showListings]);
      const json = entry.body.toString("utf8");
      return homeShell(json, (JSON.parse(json) as { shows: Movie[] }).shows[0]);
    }
    return null;
  };
}
