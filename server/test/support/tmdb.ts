import type { ServerResponse } from "node:http";
import { sendJson, startStandIn, type StandIn, type StandInRequest } from "./stand-in.ts";

export const tmdbToken = "eyJhbGciOiJIUzI1NiJ9.test-read-access-token.signature";

const listEntry = (id: number, title: string) => ({
  adult: false,
  backdrop_path: `/backdrop-${id}.jpg`,
  genre_ids: [28, 878],
  id,
  original_language: "en",
  original_title: title,
  overview: `${title}: an overview.`,
  popularity: 123.4,
  poster_path: `/poster-${id}.jpg`,
  release_date: "2026-10-02",
  title,
  video: false,
  vote_average: 7.456,
  vote_count: 1200,
});

/** GET /movie/now_playing as TMDB documents it. */
export const nowPlayingJson = {
  dates: { maximum: "2026-11-30", minimum: "2026-10-19" },
  page: 1,
  results: [listEntry(1001, "Orbital Drift"), listEntry(1002, "Night Ferry")],
  total_pages: 1,
  total_results: 2,
};

/** GET /movie/{id}?append_to_response=credits,videos as TMDB documents it. */
export function detailsJson(id: number, title: string) {
  const { genre_ids: _ids, ...base } = listEntry(id, title);
  return {
    ...base,
    belongs_to_collection: null,
    budget: 1000000,
    genres: [{ id: 28, name: "Action" }, { id: 878, name: "Science Fiction" }],
    homepage: "",
    imdb_id: "tt0000001",
    origin_country: ["US"],
    production_companies: [],
    revenue: 0,
    runtime: 131,
    spoken_languages: [{ english_name: "English", iso_639_1: "en", name: "English" }],
    status: "Released",
    tagline: "Drift is not an option.",
    credits: {
      cast: [
        { adult: false, gender: 1, id: 11, known_for_department: "Acting", name: "Ana Vale", original_name: "Ana Vale", popularity: 10, profile_path: "/ana.jpg", cast_id: 1, character: "Captain Ise", credit_id: "c1", order: 0 },
        { adult: false, gender: 2, id: 12, known_for_department: "Acting", name: "Ben Oru", original_name: "Ben Oru", popularity: 8, profile_path: null, cast_id: 2, character: "Pilot", credit_id: "c2", order: 1 },
      ],
      crew: [{ id: 20, name: "Dee Rector", job: "Director", department: "Directing", credit_id: "c3", profile_path: null }],
    },
    videos: {
      results: [
        { iso_639_1: "en", iso_3166_1: "US", name: "Behind the scenes", key: "bts1234567a", site: "YouTube", size: 1080, type: "Featurette", official: true, published_at: "2026-09-01T00:00:00.000Z", id: "v0" },
        { iso_639_1: "en", iso_3166_1: "US", name: "Teaser", key: "teaser12345", site: "YouTube", size: 1080, type: "Teaser", official: true, published_at: "2026-08-01T00:00:00.000Z", id: "v1" },
        { iso_639_1: "en", iso_3166_1: "US", name: "Official Trailer", key: "trailer1234", site: "YouTube", size: 1080, type: "Trailer", official: true, published_at: "2026-09-10T00:00:00.000Z", id: "v2" },
        { iso_639_1: "en", iso_3166_1: "US", name: "Vimeo cut", key: "123456789", site: "Vimeo", size: 720, type: "Trailer", official: false, published_at: "2026-09-11T00:00:00.000Z", id: "v3" },
      ],
    },
  };
}

/** The normal behaviour of the TMDB stand-in: documented shapes, 401 without the token, TMDB's 404 body. */
export function tmdbHandler(req: StandInRequest, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${tmdbToken}`) {
    return sendJson(res, 401, { status_code: 7, status_message: "Invalid API key: You must be granted a valid key.", success: false });
  }
  const url = new URL(req.url, "http://tmdb.local");
  if (url.pathname === "/3/movie/now_playing") return sendJson(res, 200, nowPlayingJson);
  const match = /^\/3\/movie\/(\d+)$/.exec(url.pathname);
  const entry = match && nowPlayingJson.results.find((m) => m.id === Number(match[1]));
  if (entry && url.searchParams.get("append_to_response") === "credits,videos") {
    return sendJson(res, 200, detailsJson(entry.id, entry.title));
  }
  sendJson(res, 404, { status_code: 34, status_message: "The resource you requested could not be found.", success: false });
}

export async function fakeTmdb(): Promise<StandIn & { env: Record<string, string>; restore(): void }> {
  const standIn = await startStandIn(tmdbHandler);
  return {
    ...standIn,
    env: { TMDB_API_KEY: tmdbToken, TMDB_API_URL: `${standIn.url}/3`, TMDB_IMAGE_URL: "https://image.tmdb.test/t/p" },
    restore: () => standIn.handle(tmdbHandler),
  };
}
