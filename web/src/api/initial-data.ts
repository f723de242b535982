import { routes, type ResponseOf } from "@quickshow/contracts";

/**
 * The movie listing the server wrote into the home page's HTML (server/src/http/home-shell.ts),
 * read once: the first render shows the same hero as the HTML did, with no loading state between.
 * Checked against the route's schema like any answer; anything else is ignored and fetched.
 */
function takeInitialShows(): { data: ResponseOf<"allShows">; at: number } | undefined {
  if (typeof document === "undefined") return undefined;
  const el = document.getElementById("initial-shows");
  if (!el) return undefined;
  el.remove();
  try {
    const parsed = routes.allShows.response.safeParse(JSON.parse(el.textContent ?? ""));
    return parsed.success ? { data: parsed.data as ResponseOf<"allShows">, at: Date.now() } : undefined;
  } catch {
    return undefined;
  }
}

export const initialShows = takeInitialShows();
