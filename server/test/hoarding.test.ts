import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;

beforeAll(async () => {
  app = await startTestApp({ BOOKING_RATE_LIMIT: "1000", MAX_LIVE_HOLDS_PER_SHOW: "2", MAX_HELD_SEATS_PER_ACCOUNT: "6" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
});
afterAll(() => app?.close());

const seats = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`));
const heldSeatsOf = async (token: string) =>
  ((await api.get("/api/user/bookings", token)).body.bookings as { status: string; bookedSeats: string[] }[])
    .filter((b) => b.status === "held")
    .flatMap((b) => b.bookedSeats);

describe(`holds nobody can hoard (${testDb})`, () => {
  it("50 parallel holds from one account at one show leave exactly the per-show cap, and the rest are told why", async () => {
    const hoarder = await api.register("hoarder1@example.test");
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
    const replies = await Promise.all(seats.slice(0, 50).map((seat) => api.post("/api/booking/create", { showId, selectedSeats: [seat] }, hoarder)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(48);
    expect(refused[0]!.body).toMatchObject({ code: "too_many_holds", details: { limit: "holds_per_show", live: 2 } });
    expect(await heldSeatsOf(hoarder)).toHaveLength(2);
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toHaveLength(2);
  });

  it("50 parallel holds from one account over many shows never hold more seats than the account cap", async () => {
    const hoarder = await api.register("hoarder2@example.test");
    const showIds = await addShows(api, admin, { slots: Array.from({ length: 10 }, (_, i) => localSlot(app.clock.now(), 2, `${String(10 + i)}:00`)) });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.post("/api/booking/create", { showId: showIds[i % 10], selectedSeats: [seats[i]!, seats[i + 50]!] }, hoarder)),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.code === "too_many_holds")).toBe(true);
    expect(await heldSeatsOf(hoarder)).toHaveLength(6);
    // Paying frees the allowance for new holds.
    const paid = replies.find((r) => r.status === 201)!;
    await api.request("POST", `${paid.body.url}/pay`);
    expect((await api.post("/api/booking/create", { showId: showIds[0], selectedSeats: ["J8", "J9"] }, hoarder)).status).toBe(201);
  });

  it("counts booking attempts per account: a fresh sign-in brings no fresh allowance", async () => {
    const limited = await startTestApp({ BOOKING_RATE_LIMIT: "3" });
    try {
      const other = client(limited.url);
      const first = await other.register("eager@example.test");
      const body = { showId: "00000000-0000-4000-8000-000000000000", selectedSeats: ["A1"] };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await other.post("/api/booking/create", body, first)).status);
      expect(statuses).toEqual([404, 404, 404]);
      // Tokens carry their issue time in seconds: the next second gives a different token.
      await new Promise((r) => setTimeout(r, 1_100));
      const second = (await other.post("/api/auth/login", { email: "eager@example.test", password: "correct horse battery" })).body.token as string;
      expect(second).not.toBe(first);
      expect((await other.post("/api/booking/create", body, second)).body).toMatchObject({ code: "rate_limited" });
    } finally {
      await limited.close();
    }
  });
});
