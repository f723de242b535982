import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { bookingReference } from "../src/tickets/reference.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let showIds: string[];
const made: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ MAX_LIVE_HOLDS_PER_SHOW: "50", MAX_HELD_SEATS_PER_ACCOUNT: "500" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test");
  showIds = [
    ...(await addShows(api, admin, { movieId: "653", slots: [1, 2, 3].map((d) => localSlot(app.clock.now(), d, "20:00")) })),
    ...(await addShows(api, admin, { movieId: "19", slots: [localSlot(app.clock.now(), 1, "21:00")] })),
  ];
  for (let i = 0; i < 7; i++) {
    app.clock.advanceMinutes(1); // distinct creation instants
    const created = await api.post("/api/booking/create", { showId: showIds[i % 4], selectedSeats: [`A${i + 1}`] }, fan);
    made.push(created.body.bookingId);
    if (i % 2 === 0) await api.request("POST", `${created.body.url}/pay`);
  }
});
afterAll(() => app?.close());

const ids = (body: { bookings: { _id: string }[] }) => body.bookings.map((b) => b._id);

describe(`admin lists a page at a time (${testDb})`, () => {
  it("pages bookings newest first with a cursor until the last page, and oldest first on request", async () => {
    const first = (await api.get("/api/admin/all-bookings?limit=3", admin)).body;
    expect(ids(first)).toEqual([made[6], made[5], made[4]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await api.get(`/api/admin/all-bookings?limit=3&cursor=${first.nextCursor}`, admin)).body;
    expect(ids(second)).toEqual([made[3], made[2], made[1]]);
    const third = (await api.get(`/api/admin/all-bookings?limit=3&cursor=${second.nextCursor}`, admin)).body;
    expect(ids(third)).toEqual([made[0]]);
    expect(third.nextCursor).toBeNull();
    expect(ids((await api.get("/api/admin/all-bookings?sort=oldest&limit=2", admin)).body)).toEqual([made[0], made[1]]);
    // No page parameters: the first page of the default size, in QuickShow's shape with the user.
    const plain = (await api.get("/api/admin/all-bookings", admin)).body;
    expect(plain.bookings).toHaveLength(7);
    expect(plain.bookings[0]).toMatchObject({ user: { name: "fan", email: "fan@example.test" }, show: { movie: { _id: "653" } } });
  });

  it("filters by status, show, movie and creation time", async () => {
    const paid = (await api.get("/api/admin/all-bookings?status=paid", admin)).body;
    expect(ids(paid).sort()).toEqual([made[0], made[2], made[4], made[6]].sort());
    expect(ids((await api.get(`/api/admin/all-bookings?showId=${showIds[3]}`, admin)).body)).toEqual([made[3]]);
    expect(ids((await api.get("/api/admin/all-bookings?movieId=19", admin)).body)).toEqual([made[3]]);
    expect(ids((await api.get("/api/admin/all-bookings?movieId=653&status=held", admin)).body).sort()).toEqual([made[1], made[5]].sort());
    const booking = (await app.storage.bookings.get(made[2]!))!;
    const window = `from=${booking.createdAt.toISOString()}&to=${new Date(booking.createdAt.getTime() + 60_000).toISOString()}`;
    expect(ids((await api.get(`/api/admin/all-bookings?${window}`, admin)).body)).toEqual([made[2]]);
  });

  it("pages upcoming shows soonest first", async () => {
    const first = (await api.get("/api/admin/all-shows?limit=2", admin)).body;
    expect(first.shows.map((s: { _id: string }) => s._id)).toEqual([showIds[0], showIds[3]]);
    const rest = (await api.get(`/api/admin/all-shows?limit=5&cursor=${first.nextCursor}`, admin)).body;
    expect(rest.shows.map((s: { _id: string }) => s._id)).toEqual([showIds[1], showIds[2]]);
    expect(rest.nextCursor).toBeNull();
    expect((await api.get("/api/admin/all-shows?movieId=19", admin)).body.shows).toHaveLength(1);
  });

  it("refuses a page size past the maximum, a forged cursor and a malformed filter with 400", async () => {
    for (const query of ["limit=201", "limit=0", "cursor=bm90LWEtY3Vyc29y", "status=lost", "from=yesterday", "movieId=abc"]) {
      const res = await api.get(`/api/admin/all-bookings?${query}`, admin);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("validation");
    }
    expect((await api.get("/api/admin/all-bookings", fan)).status).toBe(403);
  });
});

// Last in the file: it adds bookings the pages above do not expect.
describe(`admin searches bookings (${testDb})`, () => {
  it("finds bookings by part of the customer's name or email, by booking reference, and by show", async () => {
    const grace = await api.register("g.hopper@navy.example.test", "Grace Hopper");
    const hers = (await api.post("/api/booking/create", { showId: showIds[2], selectedSeats: ["J9"] }, grace)).body.bookingId as string;
    const search = async (query: string) => ids((await api.get(`/api/admin/all-bookings?${query}`, admin)).body);

    expect(await search("q=hopper")).toEqual([hers]);
    expect(await search("q=NAVY.example")).toEqual([hers]);
    expect(await search(`q=${encodeURIComponent("grace h")}&showId=${showIds[2]}`)).toEqual([hers]);
    expect(await search(`q=grace&showId=${showIds[1]}`)).toEqual([]);
    expect((await search("q=fan")).sort()).toEqual([...made].sort());

    const reference = bookingReference(made[3]!);
    expect(await search(`q=${reference}`)).toEqual([made[3]]);
    // As people type it: any case, no dash.
    expect(await search(`q=${reference.replace("-", "").toLowerCase()}`)).toEqual([made[3]]);
    expect(await search("q=nobody-at-all")).toEqual([]);
    expect((await api.get(`/api/admin/all-bookings?q=${"x".repeat(101)}`, admin)).status).toBe(400);
  });
});
