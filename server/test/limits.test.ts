import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;

beforeAll(async () => {
  app = await startTestApp({ AUTH_RATE_LIMIT: "5", BOOKING_RATE_LIMIT: "6", MAX_LIVE_HOLDS_PER_SHOW: "2" });
  api = client(app.url);
});
afterAll(() => app?.close());

describe("limits against abuse", () => {
  let admin: string;
  let hoarder: string;
  let showId: string;
  beforeAll(async () => {
    admin = await api.register("admin@example.test");
    hoarder = await api.register("hoarder@example.test");
    [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] })) as [string];
  });

  it("caps live holds per account and show, and lets the account go on once it pays", async () => {
    const first = await api.post("/api/booking/create", { showId, selectedSeats: ["A1", "A2", "A3", "A4", "A5"] }, hoarder);
    const second = await api.post("/api/booking/create", { showId, selectedSeats: ["B1", "B2", "B3", "B4", "B5"] }, hoarder);
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await api.post("/api/booking/create", { showId, selectedSeats: ["C1"] }, hoarder);
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/pay or cancel one first/);
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).not.toContain("C1");
    await api.request("POST", `${first.body.url}/pay`);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["C1"] }, hoarder)).status).toBe(201);
  });

  it("limits booking attempts per user per minute with a 429", async () => {
    // Four attempts were made above; the budget is six a minute, so two more get an answer.
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await api.post("/api/booking/create", { showId, selectedSeats: ["Z9"] }, hoarder)).status);
    expect(statuses).toEqual([400, 400]);
    const limited = await api.post("/api/booking/create", { showId, selectedSeats: ["Z9"] }, hoarder);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, code: "rate_limited" });
    // Another user has a budget of their own.
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["D1"] }, admin)).status).toBe(201);
  });

  it("counts only failed sign-ins per address, so many customers behind one address can all sign in", async () => {
    // Two registrations above and many sign-ins from this one address: none of them counts.
    for (let i = 0; i < 12; i++) expect((await api.post("/api/auth/login", { email: "hoarder@example.test", password: "correct horse battery" })).status).toBe(200);
    // Failures do, whichever account they try (one account alone would meet its own backoff first).
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await api.post("/api/auth/login", { email: `guess${i}@example.test`, password: "wrong password" }));
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(replies[5]!.body.message).toMatch(/Too many failed sign-in attempts/);
    expect(replies[5]!.headers.get("ratelimit-policy")).toBeTruthy();
  });
});
