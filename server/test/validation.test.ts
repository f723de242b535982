import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let user: string;
let admin: string;
let showId: string;

beforeAll(async () => {
  app = await startTestApp({ BODY_LIMIT: "10kb" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  user = await api.register("user@example.test");
  [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] })) as [string];
});
afterAll(() => app?.close());

const expectClientError = (res: { status: number; body: any }, status: number, message?: RegExp) => {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ success: false });
  expect(typeof res.body.message).toBe("string");
  if (message) expect(res.body.message).toMatch(message);
};

describe("bad input gets a clear 4xx, never a 5xx", () => {
  it("malformed JSON", async () => {
    const res = await api.request("POST", "/api/booking/create", { token: user, raw: '{"showId": ' });
    expectClientError(res, 400, /not valid JSON/);
  });

  it("a body that is not an object", async () => {
    expectClientError(await api.request("POST", "/api/booking/create", { token: user, raw: "[1,2]" }), 400);
    expectClientError(await api.request("POST", "/api/booking/create", { token: user, raw: '"text"' }), 400);
  });

  it("a body sent without a JSON content type", async () => {
    const res = await api.request("POST", "/api/booking/create", { token: user, raw: "showId=x", contentType: "text/plain" });
    expectClientError(res, 400, /JSON object/);
  });

  it("wrong types name the field", async () => {
    const res = await api.post("/api/booking/create", { showId, selectedSeats: "A1" }, user);
    expectClientError(res, 400, /selectedSeats/);
    const price = await api.post("/api/show/add", { movieId: "653", showsInput: [{ date: "2031-01-01", time: ["10:00"] }], showPrice: "12" }, admin);
    expectClientError(price, 400, /showPrice/);
  });

  it.each([
    ["operator object as id", { showId: { $gt: "" }, selectedSeats: ["A1"] }],
    ["operator object as seat", { showId: "x", selectedSeats: [{ $ne: null }] }],
    ["empty seat list", { showId: "00000000-0000-4000-8000-000000000000", selectedSeats: [] }],
    ["seat with injection", { showId: "00000000-0000-4000-8000-000000000000", selectedSeats: ["A1'; drop table seat_claims;--"] }],
    ["prototype pollution attempt", JSON.parse('{"__proto__": {"admin": true}, "showId": 1}')],
  ])("%s", async (_name, body) => {
    expectClientError(await api.post("/api/booking/create", body, user), 400);
  });

  it("operator objects in sign-in", async () => {
    expectClientError(await api.post("/api/auth/login", { email: { $gt: "" }, password: { $gt: "" } }), 400);
  });

  it("bad ids in the path", async () => {
    expectClientError(await api.get("/api/booking/seats/not-a-uuid"), 400, /showId/);
    expectClientError(await api.get("/api/show/detail/%7B%22%24gt%22%3A%22%22%7D"), 400);
    expectClientError(await api.get("/api/show/abc"), 400, /movieId/);
    expectClientError(await api.get("/api/booking/zzz", user), 400, /bookingId/);
    expectClientError(await api.get("/api/show/%E0%A4%A"), 400);
  });

  it("bad dates and times", async () => {
    const add = (date: string, time: string) =>
      api.post("/api/show/add", { movieId: "653", showsInput: [{ date, time: [time] }], showPrice: 10 }, admin);
    expectClientError(await add("2031-13-40", "10:00"), 400);
    expectClientError(await add("tomorrow", "10:00"), 400, /YYYY-MM-DD/);
    expectClientError(await add("2031-01-01", "25:00"), 400, /HH:MM/);
    expectClientError(await add("2031-02-30", "10:00"), 400);
  });

  it("prices with fractions of a cent, zero or negative", async () => {
    for (const showPrice of [12.345, 0, -5, Number.MAX_SAFE_INTEGER]) {
      const res = await api.post("/api/show/add", { movieId: "653", showsInput: [{ date: "2031-01-01", time: ["10:00"] }], showPrice }, admin);
      expectClientError(res, 400, /showPrice/);
    }
  });

  it("an oversized body is 413", async () => {
    const res = await api.post("/api/auth/register", { name: "x".repeat(20_000), email: "big@example.test", password: "password123" });
    expectClientError(res, 413, /too large/);
  });

  it("huge strings and unicode are rejected or stored intact, never a crash", async () => {
    expectClientError(await api.post("/api/auth/register", { name: "n".repeat(500), email: "long@example.test", password: "password123" }), 400, /name/);
    const res = await api.post("/api/auth/register", { name: "Zoë 🎬 山田", email: "unicode@example.test", password: "pässwörd🔑 im Kino" });
    expect(res.status).toBe(201);
    expect(res.body.user.name).toBe("Zoë 🎬 山田");
    const login = await api.post("/api/auth/login", { email: "unicode@example.test", password: "pässwörd🔑 im Kino" });
    expect(login.status).toBe(200);
  });

  it("a bad email and a short password name the field", async () => {
    expectClientError(await api.post("/api/auth/register", { name: "A", email: "nope", password: "password123" }), 400, /email/);
    expectClientError(await api.post("/api/auth/register", { name: "A", email: "a@b.co", password: "short" }), 400, /password/);
  });

  it("none of the above changed the database", async () => {
    expect(await app.storage.bookings.page({ order: "newest", limit: 1 })).toEqual([]);
    expect(await app.storage.shows.count()).toBe(1);
  });
});
