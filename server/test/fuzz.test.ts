import fc from "fast-check";
import { routes } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let tokens: (string | undefined)[];

beforeAll(async () => {
  app = await startTestApp({ BODY_LIMIT: "20kb" });
  api = client(app.url);
  const admin = await api.register("admin@example.test");
  const user = await api.register("user@example.test");
  await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
  tokens = [undefined, user, admin, "not-a-token", `${user}x`];
});
afterAll(() => app?.close());

const operator = fc.constantFrom<unknown>({ $gt: "" }, { $ne: null }, { $where: "1" }, { $regex: ".*" }, ["$in"], { __proto__: { admin: true } });
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ minLength: 5_000, maxLength: 30_000 }),
  fc.constantFrom("", " ", "null", "undefined", "NaN", "-1", "1e309", "../../etc/passwd", "%00", "A1'; drop table seat_claims;--", "2031-02-30", "25:61", "\u0000", "\ud800"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  operator,
);
const body = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom("showId", "selectedSeats", "movieId", "showsInput", "showPrice", "email", "password", "name", "newShowEmails"), nasty),
  fc.record({ showId: nasty, selectedSeats: fc.array(nasty, { maxLength: 8 }) }),
  fc.record({ movieId: nasty, showsInput: fc.array(fc.record({ date: nasty, time: fc.array(nasty) }), { maxLength: 3 }), showPrice: nasty }),
  fc.record({ email: nasty, password: nasty, name: nasty }),
);
/** Raw text bodies: broken JSON, JSON that is not an object, or something else entirely. */
const rawBody = fc.oneof(
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  fc.constantFrom("{", "[", '{"a":', "nul", "\u0000\u0001", "{\"showId\": \"\\ud800\"}", "true"),
  fc.string({ maxLength: 500 }),
);
const segment = fc.oneof(
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
  fc.constantFrom("%", "%E0%A4%A", "..", "%2e%2e", encodeURIComponent('{"$gt":""}'), "00000000-0000-4000-8000-000000000000", "653", "-1", "9".repeat(400)),
);

const routeList = Object.values(routes);

describe("fuzzing every endpoint with malformed requests", () => {
  it("never answers 5xx, always a 4xx with a message, and leaves the data alone", async () => {
    const before = {
      users: await app.storage.users.count(),
      shows: await app.storage.shows.count(),
      movies: await app.storage.movies.count(),
    };
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routeList),
        fc.constantFrom(...tokens),
        segment,
        fc.oneof(body.map((b) => ({ json: b })), rawBody.map((raw) => ({ raw }))),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"),
        async (route, token, id, payload, contentType) => {
          const path = route.path.replace(/:[A-Za-z]+/g, id);
          const method = route.method.toUpperCase();
          const reply =
            method === "GET"
              ? await api.request(method, path, { token })
              : "json" in payload
                ? await api.request(method, path, { token, raw: JSON.stringify(payload.json) ?? "null", contentType })
                : await api.request(method, path, { token, raw: payload.raw, contentType });
          sent++;
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          expect(reply.status, `${method} ${path}`).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(reply.body).toMatchObject({ success: false });
            expect(typeof reply.body.message).toBe("string");
            expect(reply.body.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2_200, seed: Number(process.env.FUZZ_SEED ?? 20261124) },
    );
    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(await app.storage.bookings.page({ order: "newest", limit: 1 })).toEqual([]);
    expect({
      users: await app.storage.users.count(),
      shows: await app.storage.shows.count(),
      movies: await app.storage.movies.count(),
    }).toEqual(before);
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  }, 300_000);
});
