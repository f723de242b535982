import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFunctions } from "../src/jobs/functions.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let buyers: string[];
let admin: string;

beforeAll(async () => {
  app = await startTestApp({ HOLD_MINUTES: "10", MAX_SEATS_PER_BOOKING: "5" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.register(`buyer${i}@example.test`)));
});
afterAll(() => app?.close());

/** Every live claim and every paid booking's seats, straight from the bookings the storage holds. */
async function soldOrHeldSeats(showId: string) {
  const seats = await app.storage.bookings.occupiedSeats(showId, app.clock.now());
  return seats;
}

describe(`no seat is ever sold twice (${testDb})`, () => {
  it("120 concurrent buyers racing for overlapping seats: each seat held at most once, losers get 409", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
    // Every request wants two seats of row A (A1–A6), so requests overlap heavily.
    const requests = Array.from({ length: 120 }, (_, i) => {
      const first = (i % 5) + 1;
      return api.post("/api/booking/create", { showId, selectedSeats: [`A${first}`, `A${first + 1}`] }, buyers[i % buyers.length]);
    });
    const started = performance.now();
    const replies = await Promise.all(requests);
    const ms = performance.now() - started;
    const won = replies.filter((r) => r.status === 201);
    const lost = replies.filter((r) => r.status === 409);
    expect(won.length + lost.length).toBe(120);
    expect(lost.every((r) => r.body.code === "seat_taken")).toBe(true);

    const ids = won.map((r) => r.body.bookingId as string);
    const bookings = await Promise.all(ids.map((id) => app.storage.bookings.get(id)));
    const heldSeats = bookings.flatMap((b) => b!.seats);
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    expect((await soldOrHeldSeats(showId!)).sort()).toEqual([...heldSeats].sort());
    // Six seats in pairs: at least two and at most three bookings can win.
    expect(won.length).toBeGreaterThanOrEqual(2);
    expect(won.length).toBeLessThanOrEqual(3);
    console.log(`[${testDb}] 120 racing requests in ${ms.toFixed(0)} ms: ${won.length} won, ${lost.length} got 409, ${heldSeats.length} seats held once each`);
  });

  it("200 concurrent single-seat requests over 20 seats: exactly 20 winners", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "21:00")] });
    const seats = ["B", "C", "D"].flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`)).slice(0, 20);
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api.post("/api/booking/create", { showId, selectedSeats: [seats[i % 20]] }, buyers[i % buyers.length])),
    );
    const won = replies.filter((r) => r.status === 201);
    expect(won).toHaveLength(20);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(180);
    expect(new Set(await soldOrHeldSeats(showId!)).size).toBe(20);
  });

  it("a lapsed hold frees its seats at once for the next buyer, before any sweep", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "20:00")] });
    const first = await api.post("/api/booking/create", { showId, selectedSeats: ["E5"] }, buyers[0]);
    expect(first.status).toBe(201);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["E5"] }, buyers[1])).status).toBe(409);

    app.clock.advanceMinutes(10.5);
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual([]);
    const second = await api.post("/api/booking/create", { showId, selectedSeats: ["E5"] }, buyers[1]);
    expect(second.status).toBe(201);

    const firstView = (await api.get(`/api/booking/${first.body.bookingId}`, buyers[0])).body.booking;
    expect(firstView.status).toBe("expired");
    expect(firstView.paymentLink).toBeNull();
  });

  it("a late payment after the seat was re-sold is refunded, never double-sold", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "21:00")] });
    const late = await api.post("/api/booking/create", { showId, selectedSeats: ["F1", "F2"] }, buyers[2]);
    app.clock.advanceMinutes(11);
    const resale = await api.post("/api/booking/create", { showId, selectedSeats: ["F2", "F3"] }, buyers[3]);
    expect(resale.status).toBe(201);
    expect((await api.request("POST", `${resale.body.url}/pay`)).status).toBe(303);

    const refundsBefore = app.payments.refunds.length;
    const latePay = await api.request("POST", `${late.body.url}/pay`);
    expect(latePay.headers.get("location")).toBe(`/my-bookings?refunded=${late.body.bookingId}`);
    // Paying again (a retry) does not refund twice. The refund is delivered by the runner, just after.
    await api.request("POST", `${late.body.url}/pay`);
    const jobs = jobFunctions(app.running.deps);
    await eventually(async () => {
      await jobs.deliverDueEffects();
      expect(app.payments.refunds.filter((r) => r.bookingId === late.body.bookingId)).toHaveLength(1);
    });
    expect(app.payments.refunds.length).toBe(refundsBefore + 1);
    expect(app.payments.refunds.at(-1)).toMatchObject({ bookingId: late.body.bookingId, amountMinor: 2500 });

    const lateView = (await api.get(`/api/booking/${late.body.bookingId}`, buyers[2])).body.booking;
    expect(lateView.status).toBe("refunded");
    const resaleView = (await api.get(`/api/booking/${resale.body.bookingId}`, buyers[3])).body.booking;
    expect(resaleView.status).toBe("paid");
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats.sort()).toEqual(["F2", "F3"]);
  });

  it("a late payment whose seats are still free is honoured", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "22:00")] });
    const late = await api.post("/api/booking/create", { showId, selectedSeats: ["G1"] }, buyers[4]);
    app.clock.advanceMinutes(30);
    await api.request("POST", `${late.body.url}/pay`);
    expect((await api.get(`/api/booking/${late.body.bookingId}`, buyers[4])).body.booking.status).toBe("paid");
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual(["G1"]);
  });

  it("racing payment and re-sale of the same lapsed seats: exactly one owner", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 3, "20:00")] });
    const lapsed = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => api.post("/api/booking/create", { showId, selectedSeats: [`H${i + 1}`] }, buyers[i])),
    );
    app.clock.advanceMinutes(11);
    const racers = await Promise.all([
      ...lapsed.map((b) => api.request("POST", `${b.body.url}/pay`)),
      ...[0, 1, 2, 3, 4].map((i) => api.post("/api/booking/create", { showId, selectedSeats: [`H${i + 1}`] }, buyers[10 + i])),
    ]);
    expect(racers.every((r) => r.status < 500)).toBe(true);
    const all = await app.storage.bookings.listForShow(showId!, ["paid", "held"]);
    const forShow = all.filter((b) => b.status === "paid" || b.holdExpiresAt! > app.clock.now());
    const seats = forShow.flatMap((b) => b.seats);
    expect(new Set(seats).size).toBe(seats.length);
    expect(seats.sort()).toEqual(["H1", "H2", "H3", "H4", "H5"]);
  });
});
