import { movieShowsResponseSchema, nowPlayingResponseSchema } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { CatalogUnavailableError } from "../src/providers/catalog/interface.ts";
import { retryAfterMs, TmdbCatalog } from "../src/providers/catalog/tmdb.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { sendJson } from "./support/stand-in.ts";
import { fakeTmdb, tmdbHandler } from "./support/tmdb.ts";

let tmdb: Awaited<ReturnType<typeof fakeTmdb>>;
beforeAll(async () => {
  tmdb = await fakeTmdb();
});
afterAll(() => tmdb?.close());

const catalog = (env: Record<string, string> = {}) =>
  new TmdbCatalog(loadConfig({ ...tmdb.env, ...env }).tmdb!, createLogger("silent"), 20);
const calls = (path: string) => tmdb.requests.filter((r) => new URL(r.url, "http://x").pathname === path).length;

describe("TMDB catalog provider against a loopback stand-in", () => {
  it("maps now playing and details (cast with photos, YouTube trailers with a watch URL)", async () => {
    const c = catalog();
    const playing = await c.nowPlaying();
    expect(playing.map((m) => m._id)).toEqual(["1001", "1002"]);
    expect(playing[0]).toMatchObject({
      title: "Orbital Drift",
      poster_path: "https://image.tmdb.test/t/p/w500/poster-1001.jpg",
      backdrop_path: "https://image.tmdb.test/t/p/original/backdrop-1001.jpg",
      genres: [{ id: 28, name: "Action" }, { id: 878, name: "Science Fiction" }],
      vote_average: 7.5,
    });
    const movie = await c.getMovie("1001");
    expect(movie).toMatchObject({ runtime: 131, tagline: "Drift is not an option." });
    expect(movie!.casts).toEqual([
      { name: "Ana Vale", character: "Captain Ise", profile_path: "https://image.tmdb.test/t/p/w185/ana.jpg" },
      { name: "Ben Oru", character: "Pilot", profile_path: null },
    ]);
    expect(movie!.trailers).toEqual([
      { name: "Official Trailer", site: "YouTube", key: "trailer1234", url: "https://www.youtube.com/watch?v=trailer1234" },
      { name: "Teaser", site: "YouTube", key: "teaser12345", url: "https://www.youtube.com/watch?v=teaser12345" },
    ]);
    const details = tmdb.requests.find((r) => r.url.startsWith("/3/movie/1001"))!;
    expect(details.headers.authorization).toBe(`Bearer ${tmdb.env.TMDB_API_KEY}`);
    expect(new URL(details.url, "http://x").searchParams.get("append_to_response")).toBe("credits,videos");
    expect(await c.getMovie("424242")).toBeNull();
  });

  it("keeps answers in memory for a while", async () => {
    const c = catalog();
    const before = calls("/3/movie/now_playing");
    await c.nowPlaying();
    await Promise.all([c.nowPlaying(), c.nowPlaying()]);
    expect(calls("/3/movie/now_playing") - before).toBe(1);
  });

  it("retries a 429 after the Retry-After it was given", async () => {
    const times: number[] = [];
    tmdb.handle((req, res) => {
      times.push(Date.now());
      if (times.length === 1) return sendJson(res, 429, { status_code: 25, status_message: "Your request count is over the limit." }, { "retry-after": "1" });
      return tmdbHandler(req, res);
    });
    try {
      expect(await catalog().nowPlaying()).toHaveLength(2);
      expect(times).toHaveLength(2);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    } finally {
      tmdb.restore();
    }
  });

  it("retries 5xx with backoff, then gives a clear error", async () => {
    let n = 0;
    tmdb.handle((req, res) => (++n < 3 ? sendJson(res, 502, { status_message: "bad gateway" }) : tmdbHandler(req, res)));
    try {
      expect(await catalog().nowPlaying()).toHaveLength(2);
      n = -100;
      await expect(catalog().nowPlaying()).rejects.toThrow(/TMDB answered 502/);
    } finally {
      tmdb.restore();
    }
  });

  it("gives up on a Retry-After too long to wait for", async () => {
    tmdb.handle((_req, res) => sendJson(res, 429, { status_code: 25 }, { "retry-after": "3600" }));
    try {
      const started = Date.now();
      await expect(catalog().nowPlaying()).rejects.toThrow(/rate limiting/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      tmdb.restore();
    }
  });

  it("times out a request that hangs", async () => {
    tmdb.handle(() => {
      /* never answers */
    });
    try {
      const started = Date.now();
      const error = await catalog({ TMDB_TIMEOUT_MS: "200" }).nowPlaying().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogUnavailableError);
      expect((error as Error).message).toMatch(/did not answer within 200 ms/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      tmdb.restore();
    }
  });

  it("names a rejected key", async () => {
    await expect(catalog({ TMDB_API_KEY: "x".repeat(40) }).nowPlaying()).rejects.toThrow(/TMDB_API_KEY/);
  });

  it("serves the last answer while TMDB is failing", async () => {
    const c = catalog({ TMDB_CACHE_SECONDS: "0.05" });
    await c.nowPlaying();
    await new Promise((r) => setTimeout(r, 80));
    tmdb.handle((_req, res) => sendJson(res, 503, {}));
    try {
      expect(await c.nowPlaying()).toHaveLength(2);
    } finally {
      tmdb.restore();
    }
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
    expect(retryAfterMs(undefined)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

describe("the app with TMDB as its catalog", () => {
  let app: TestApp;
  let api: Client;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ ...tmdb.env, TMDB_TIMEOUT_MS: "300" });
    api = client(app.url);
    admin = await api.register("admin@example.test");
  });
  afterAll(() => app?.close());

  it("lists now playing for the admin and stores full details when a show is added", async () => {
    const res = await api.get("/api/show/now-playing", admin);
    expect(res.status).toBe(200);
    expect(nowPlayingResponseSchema.parse(res.body).movies.map((m) => m.title)).toEqual(["Orbital Drift", "Night Ferry"]);
    await addShows(api, admin, { movieId: "1001", slots: [localSlot(app.clock.now(), 1, "20:00")] });
    const page = movieShowsResponseSchema.parse((await api.get("/api/show/1001")).body);
    expect(page.movie.casts[0]?.profile_path).toBe("https://image.tmdb.test/t/p/w185/ana.jpg");
    expect(page.movie.trailers[0]?.url).toBe("https://www.youtube.com/watch?v=trailer1234");
    expect((await api.post("/api/show/add", { movieId: "424242", showsInput: [{ date: localSlot(app.clock.now(), 1, "").date, time: ["20:00"] }], showPrice: 10 }, admin)).status).toBe(404);
  });

  it("a TMDB outage gives the admin a clear 503 and customer pages keep working from the database", async () => {
    tmdb.handle(() => {
      /* hangs: every call times out */
    });
    try {
      const slot = localSlot(app.clock.now(), 2, "20:00");
      const add = await api.post("/api/show/add", { movieId: "1002", showsInput: [{ date: slot.date, time: [slot.time] }], showPrice: 10 }, admin);
      expect(add.status).toBe(503);
      expect(add.body).toMatchObject({ success: false, code: "unavailable" });
      expect(add.body.message).toMatch(/catalog is unavailable: TMDB did not answer/);
      expect((await api.get("/api/show/all")).body.shows.map((m: { _id: string }) => m._id)).toEqual(["1001"]);
      expect((await api.get("/api/show/1001")).status).toBe(200);
      // A movie already stored needs no catalog call to get more shows.
      await addShows(api, admin, { movieId: "1001", slots: [localSlot(app.clock.now(), 3, "20:00")] });
    } finally {
      tmdb.restore();
    }
  });
});
