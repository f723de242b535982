import type { Movie } from "@quickshow/contracts";

/** The catalog could not answer (timeout, rate limit, rejected key); the admin sees why. */
export class CatalogUnavailableError extends Error {
  override name = "CatalogUnavailableError";
}

/** Where movies come from: TMDB when keyed, the bundled catalog otherwise. */
export interface CatalogProvider {
  readonly kind: "local" | "tmdb";
  nowPlaying(): Promise<Movie[]>;
  /** Full details (cast, trailers); null when the catalog has no such movie. */
  getMovie(id: string): Promise<Movie | null>;
}
