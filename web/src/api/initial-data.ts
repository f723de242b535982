import { routes, type ResponseOf } from "@quickshow/contracts";

/** Reads and removes one JSON script the server wrote into the page; null when absent or unreadable. */
function takeScript(id: string): unknown {
  if (typeof document === "undefined") return undefined;
  const el = document.getElementById(id);
  if (!el) return undefined;
  el.remove();
  try {
    return JSON.parse(el.textContent ?? "");
  } catch {
    return undefined;
  }
}

/**
 * The movie listing the server wrote into the home page's HTML (server/src/http/home-shell.ts),
 * read once: the first render shows the same hero as the HTML did, with no loading state between.
 * Checked against the route's schema like any answer; anything else is ignored and fetched.
 */
function takeInitialShows(): { data: ResponseOf<"allShows">; at: number } | undefined {
  const parsed = routes.allShows.response.safeParse(takeScript("initial-shows"));
  return parsed.success ? { data: parsed.data as ResponseOf<"allShows">, at: Date.now() } : undefined;
}

export const initialShows = takeInitialShows();

/**
 * What the movie page and the seat map would fetch first, written into their HTML by the server
 * (server/src/http/page-shells.ts): each answer is used once, for the id it was written for, and
 * only if it passes its route's schema.
 */
const pageData = (takeScript("initial-data") ?? {}) as Record<string, { body?: unknown } & Record<string, unknown>>;
const at = Date.now();

function initial<N extends "movieShows" | "showDetail" | "occupiedSeats">(entry: string, name: N, idField: string, id: string): { data: ResponseOf<N>; at: number } | undefined {
  const found = pageData[entry];
  if (!found || found[idField] !== id) return undefined;
  const parsed = routes[name].response.safeParse(found.body);
  return parsed.success ? { data: parsed.data as ResponseOf<N>, at } : undefined;
}

export const initialMovieShows = (movieId: string) => initial("movieShows", "movieShows", "movieId", movieId);
export const initialShowDetail = (showId: string) => initial("showDetail", "showDetail", "showId", showId);
export const initialOccupied = (showId: string) => initial("occupied", "occupiedSeats", "showId", showId);
