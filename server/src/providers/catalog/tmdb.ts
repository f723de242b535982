import type { CastMember, Movie, Trailer } from "@quickshow/contracts";
import axios, { type AxiosInstance, isAxiosError } from "axios";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import { CatalogUnavailableError, type CatalogProvider } from "./interface.ts";

type TmdbConfig = NonNullable<Config["tmdb"]>;

/** A failure of the catalog with a message fit to show an admin (the service answers 503 with it). */
/** TMDB's movie genres (GET /genre/movie/list); stable for years, so the list call is saved. */
const genreNames: Record<number, string> = {
  28: "Action", 12: "Adventure", 16: "Animation", 35: "Comedy", 80: "Crime", 99: "Documentary", 18: "Drama",
  10751: "Family", 14: "Fantasy", 36: "History", 27: "Horror", 10402: "Music", 9648: "Mystery", 10749: "Romance",
  878: "Science Fiction", 10770: "TV Movie", 53: "Thriller", 10752: "War", 37: "Western",
};

/** The fields of TMDB's JSON we read (v3 `/movie/now_playing` results and `/movie/{id}`). */
interface TmdbMovie {
  id: number;
  title: string;
  overview?: string | null;
  poster_path?: string | null;
  backdrop_path?: string | null;
  release_date?: string | null;
  original_language?: string | null;
  tagline?: string | null;
  genre_ids?: number[];
  genres?: { id: number; name: string }[];
  vote_average?: number | null;
  runtime?: number | null;
  credits?: { cast?: { name: string; character?: string | null; profile_path?: string | null; order?: number }[] };
  videos?: { results?: { name: string; site: string; key: string; type: string; official?: boolean }[] };
}

const maxCast = 12;
const maxRetryWaitMs = 10_000;
const attempts = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function retryAfterMs(value: unknown, now = Date.now()): number | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The TMDB catalog over its v3 API, authenticated with the v4 read access token as a Bearer
 * token. Calls time out, are retried with backoff on 429 and 5xx (honouring Retry-After), and
 * answers are kept in memory for TMDB_CACHE_SECONDS, so the admin page does not call TMDB on
 * every visit (and a stale answer is served while TMDB is failing).
 */
export class TmdbCatalog implements CatalogProvider {
  readonly kind = "tmdb" as const;
  private readonly http: AxiosInstance;
  private readonly cache = new Map<string, { value: unknown; at: number }>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: TmdbConfig,
    private readonly logger: Logger,
    private readonly backoffMs = 500,
  ) {
    this.http = axios.create({
      baseURL: options.apiUrl,
      timeout: options.timeoutMs,
      headers: { Authorization: `Bearer ${options.token}`, Accept: "application/json" },
      // Statuses are judged below, so a 404 is an answer rather than an exception.
      validateStatus: () => true,
    });
  }

  async nowPlaying(): Promise<Movie[]> {
    const page = await this.cached("now_playing", () =>
      this.get<{ results?: TmdbMovie[] }>("/movie/now_playing", { language: "en-US", page: 1 }),
    );
    return (page?.results ?? []).map((m) => this.toMovie(m));
  }

  async getMovie(id: string): Promise<Movie | null> {
    if (!/^[1-9]\d{0,9}$/.test(id)) return null;
    const details = await this.cached(`movie:${id}`, () =>
      this.get<TmdbMovie>(`/movie/${id}`, { language: "en-US", append_to_response: "credits,videos" }),
    );
    return details ? this.toMovie(details) : null;
  }

  /** `<TMDB_IMAGE_URL>/<size><path>`, e.g. https://image.tmdb.org/t/p/w500/abc.jpg. */
  imageUrl(path: string | null | undefined, size: "w185" | "w500" | "w780" | "original"): string | null {
    return path ? `${this.options.imageUrl}/${size}${path.startsWith("/") ? path : `/${path}`}` : null;
  }

  private toMovie(m: TmdbMovie): Movie {
    const cast: CastMember[] = [...(m.credits?.cast ?? [])]
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .slice(0, maxCast)
      .map((c) => ({ name: c.name, character: c.character ?? "", profile_path: this.imageUrl(c.profile_path, "w185") }));
    const videos = (m.videos?.results ?? []).filter((v) => v.site === "YouTube" && /^[\w-]{6,20}$/.test(v.key));
    const rank = (v: { type: string; official?: boolean }) => (v.type === "Trailer" ? 0 : v.type === "Teaser" ? 1 : 2) * 2 + (v.official ? 0 : 1);
    const trailers: Trailer[] = videos
      .filter((v) => v.type === "Trailer" || v.type === "Teaser")
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, 5)
      .map((v) => ({ name: v.name, site: "YouTube", key: v.key, url: `https://www.youtube.com/watch?v=${v.key}` }));
    return {
      _id: String(m.id),
      title: m.title,
      overview: m.overview ?? "",
      poster_path: this.imageUrl(m.poster_path, "w500") ?? "",
      backdrop_path: this.imageUrl(m.backdrop_path, "original") ?? "",
      release_date: m.release_date ?? "",
      original_language: m.original_language ?? "",
      tagline: m.tagline ?? "",
      genres: m.genres ?? (m.genre_ids ?? []).map((id) => ({ id, name: genreNames[id] ?? "Other" })),
      casts: cast,
      vote_average: Math.round((m.vote_average ?? 0) * 10) / 10,
      runtime: Math.max(0, Math.round(m.runtime ?? 0)),
      trailers,
    };
  }

  /** Fresh answers from memory; a stale one when TMDB fails; one call at a time per key. */
  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    const ttl = this.options.cacheSeconds * 1000;
    if (hit && Date.now() - hit.at < ttl) return hit.value as T;
    let pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load()
        .then((value) => {
          if (ttl > 0) {
            if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!);
            this.cache.set(key, { value, at: Date.now() });
          }
          return value;
        })
        .catch((error: unknown) => {
          if (hit) {
            this.logger.warn({ err: (error as Error).message, key }, "TMDB failed; serving the cached answer");
            return hit.value as T;
          }
          throw error;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** One GET with retries; null on 404. Every failure becomes a CatalogUnavailableError. */
  private async get<T>(path: string, params: Record<string, string | number>): Promise<T | null> {
    for (let attempt = 1; ; attempt++) {
      let status: number | null = null;
      let wait: number | null = null;
      let problem: string;
      try {
        const res = await this.http.get(path, { params });
        if (res.status >= 200 && res.status < 300) return res.data as T;
        if (res.status === 404) return null;
        status = res.status;
        if (status === 401 || status === 403) {
          throw new CatalogUnavailableError("TMDB rejected our API key (check TMDB_API_KEY: it must be the API read access token)");
        }
        problem = status === 429 ? "TMDB is rate limiting us" : `TMDB answered ${status}`;
        if (status !== 429 && status < 500) throw new CatalogUnavailableError(`${problem} for ${path}`);
        wait = retryAfterMs(res.headers["retry-after"]);
      } catch (error) {
        if (error instanceof CatalogUnavailableError) throw error;
        if (!isAxiosError(error)) throw error;
        problem = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT"
          ? `TMDB did not answer within ${this.options.timeoutMs} ms`
          : `TMDB cannot be reached (${error.code ?? error.message})`;
      }
      const delay = wait ?? this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      if (attempt >= attempts || delay > maxRetryWaitMs) {
        this.logger.warn({ path, status, attempt }, problem);
        throw new CatalogUnavailableError(`${problem}; please try again in a minute`);
      }
      this.logger.debug({ path, status, attempt, delay }, `${problem}; retrying`);
      await sleep(delay);
    }
  }
}
