import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFunctions } from "../src/jobs/functions.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let jobs: ReturnType<typeof jobFunctions>;

beforeAll(async () => {
  app = await startTestApp({ CANCEL_CUTOFF_MINUTES: "60", MAX_LIVE_HOLDS_PER_SHOW: "50", MAX_HELD_SEATS_PER_ACCOUNT: "500" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test");
  jobs = jobFunctions(app.running.deps);
});
afterAll(() => app?.close());

async function paidBooking(showId: string, seats: string[], token = fan) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, token);
  expect(created.status).toBe(201);
  const paid = await api.request("POST", `${created.body.url}/pay`);
  expect(paid.headers.get("location")).toContain("paid=");
  return created.body.bookingId as string;
}
const seatsOf = async (showId: string) => (await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats as string[];
const refundsOf = (bookingId: string) => app.payments.refunds.filter((r) => r.bookingId === bookingId);
/**
 * The runner is nudged after each cancellation and delivers in the background; a round of our own
 * settles the rest. Many refunds need longer: the runner's own round may have leased a batch of them
 * and deliver it one by one meanwhile.
 */
const refundedOnce = (bookingIds: string | string[], timeoutMs = 5_000) => {
  const ids = [bookingIds].flat();
  return eventually(async () => {
    await jobs.deliverDueEffects();
    expect(ids.map((id) => refundsOf(id).length)).toEqual(ids.map(() => 1));
  }, timeoutMs);
};

describe(`cancelling with an automatic refund (${testDb})`, () => {
  it("a paid booking cancelled before the cutoff is refunded once: seats free at once, refund and mail delivered, a replay changes nothing", async () => {
    const [showId] = await addShows(api, admin, { price: 9.5, slots: [localSlot(app.clock.now(), 2, "20:00")] });
    const bookingId = await paidBooking(showId!, ["A1", "A2"]);
    const listed = (await api.get("/api/user/bookings", fan)).body.bookings.find((b: { _id: string }) => b._id === bookingId);
    expect(listed.cancellableUntil).toBeTruthy();

    const cancelled = await api.post(`/api/booking/${bookingId}/cancel`, {}, fan);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking).toMatchObject({ status: "refunded", isPaid: false, cancellableUntil: null });
    expect(await seatsOf(showId!)).toEqual([]);

    const replay = await api.post(`/api/booking/${bookingId}/cancel`, {}, fan);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe("conflict");

    await refundedOnce(bookingId);
    await jobs.deliverDueEffects();
    expect(refundsOf(bookingId)).toEqual([expect.objectContaining({ amountMinor: 1900, currency: "usd", paymentRef: `local_${bookingId}` })]);
    const mails = await eventually(async () => {
      const queued = (await app.storage.outbox.list()).filter((m) => m.dedupeKey === `refund:${bookingId}`);
      expect(queued).toHaveLength(1);
      return queued;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("$19.00");
  });

  it("after the cutoff the customer gets 409 too_late with the cutoff; the cinema can still cancel at the counter", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 3, "20:00")] });
    const bookingId = await paidBooking(showId!, ["B1"]);
    const show = (await app.storage.shows.get(showId!))!;
    const saved = app.clock.now();
    try {
      app.clock.set(new Date(show.startsAt.getTime() - 30 * 60_000));
      const late = await api.post(`/api/booking/${bookingId}/cancel`, {}, fan);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: "too_late", details: { cutoff: new Date(show.startsAt.getTime() - 60 * 60_000).toISOString() } });
      expect(await seatsOf(showId!)).toEqual(["B1"]);
      expect((await api.post(`/api/admin/bookings/${bookingId}/cancel`, {}, fan)).status).toBe(403);
      const counter = await api.post(`/api/admin/bookings/${bookingId}/cancel`, {}, admin);
      expect(counter.status).toBe(200);
      expect(counter.body.booking).toMatchObject({ status: "refunded", user: { name: "fan" } });
    } finally {
      app.clock.set(saved);
    }
    await refundedOnce(bookingId);
  });

  it("an unpaid hold is simply released, with nothing to refund", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "22:00")] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["C3"] }, fan);
    const cancelled = await api.post(`/api/booking/${created.body.bookingId}/cancel`, {}, fan);
    expect(cancelled.body.booking.status).toBe("cancelled");
    await jobs.deliverDueEffects();
    expect(refundsOf(created.body.bookingId)).toEqual([]);
  });

  it("a refund the provider refuses is retried later and shown to the admin until it goes through", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 4, "20:00")] });
    const bookingId = await paidBooking(showId!, ["D1"]);
    const refund = app.payments.refund.bind(app.payments);
    app.payments.refund = async () => {
      throw new Error("card_declined: the card issuer refused the refund");
    };
    try {
      await api.post(`/api/booking/${bookingId}/cancel`, {}, fan);
      await eventually(async () => {
        await jobs.deliverDueEffects();
        const owed = (await api.get("/api/admin/effects", admin)).body.effects.filter((e: { bookingId: string }) => e.bookingId === bookingId);
        expect(owed).toEqual([expect.objectContaining({ kind: "refund.owed", status: "pending", attempts: 1, lastError: expect.stringContaining("card_declined") })]);
      });
    } finally {
      app.payments.refund = refund;
    }
    await jobs.deliverDueEffects(); // not due yet: backing off
    expect(refundsOf(bookingId)).toEqual([]);
    app.clock.advanceMinutes(1);
    await refundedOnce(bookingId);
    expect((await api.get("/api/admin/effects", admin)).body.effects.filter((e: { bookingId: string }) => e.bookingId === bookingId)).toEqual([]);
  });
});

describe(`giving back some seats (${testDb})`, () => {
  const mine = async () => (await api.get("/api/user/bookings", fan)).body.bookings as { _id: string; status: string; bookedSeats: string[]; amount: number; show: { _id: string } }[];

  it("refunds the seats given back, once; the rest stays paid; the seats are on sale at once; a replay changes nothing", async () => {
    const [showId] = await addShows(api, admin, { price: 9.5, slots: [localSlot(app.clock.now(), 2, "18:00")] });
    const bookingId = await paidBooking(showId!, ["E1", "E2", "E3"]);
    const listed = (await mine()).find((b) => b._id === bookingId) as unknown as { seatPrices: Record<string, number> };
    expect(listed.seatPrices).toEqual({ E1: 9.5, E2: 9.5, E3: 9.5 });

    const given = await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["E3"] }, fan);
    expect(given.status).toBe(200);
    expect(given.body.booking).toMatchObject({ _id: bookingId, status: "paid", bookedSeats: ["E1", "E2"], amount: 19 });
    expect((await seatsOf(showId!)).sort()).toEqual(["E1", "E2"]);
    const replay = await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["E3"] }, fan);
    expect(replay.status).toBe(200);
    expect(replay.body.booking).toMatchObject({ status: "paid", bookedSeats: ["E1", "E2"], amount: 19 });

    const parts = (await mine()).filter((b) => b.show._id === showId && b.status === "refunded");
    expect(parts).toEqual([expect.objectContaining({ bookedSeats: ["E3"], amount: 9.5 })]);
    await refundedOnce(parts[0]!._id);
    expect(refundsOf(parts[0]!._id)).toEqual([expect.objectContaining({ amountMinor: 950, paymentRef: `local_${bookingId}` })]);
    expect(refundsOf(bookingId)).toEqual([]);

    // Another buyer gets the seat at once; then the rest goes back in two steps: every cent once.
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["E3"] }, admin)).status).toBe(201);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["E1"] }, fan)).body.booking).toMatchObject({ bookedSeats: ["E2"], amount: 9.5 });
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["E2"] }, fan)).body.booking).toMatchObject({ status: "refunded", bookedSeats: ["E2"] });
    const refunded = (await mine()).filter((b) => b.show._id === showId && b.status === "refunded");
    expect(refunded).toHaveLength(3);
    await eventually(async () => {
      await jobs.deliverDueEffects();
      expect(refunded.map((b) => refundsOf(b._id).length)).toEqual([1, 1, 1]);
    });
    expect(refunded.flatMap((b) => refundsOf(b._id)).reduce((sum, r) => sum + r.amountMinor, 0)).toBe(2850);
  });

  it("refuses seats that are not the booking's, and after the cutoff; the cinema may give seats back at the counter", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 3, "18:00")] });
    const bookingId = await paidBooking(showId!, ["F1", "F2"]);
    const stranger = await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["F2", "F9"] }, fan);
    expect(stranger.status).toBe(400);
    expect(stranger.body).toMatchObject({ code: "validation", details: { seats: ["F9"] } });
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: [] }, fan)).status).toBe(400);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["F1"] }, admin)).status).toBe(404);

    const show = (await app.storage.shows.get(showId!))!;
    const saved = app.clock.now();
    try {
      app.clock.set(new Date(show.startsAt.getTime() - 30 * 60_000));
      expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["F1"] }, fan)).body.code).toBe("too_late");
      const counter = await api.post(`/api/admin/bookings/${bookingId}/cancel`, { seats: ["F1"] }, admin);
      expect(counter.status).toBe(200);
      expect(counter.body.booking).toMatchObject({ status: "paid", bookedSeats: ["F2"] });
    } finally {
      app.clock.set(saved);
    }
    expect(await seatsOf(showId!)).toEqual(["F2"]);
  });

  it("four give-backs of one booking at once: each seat refunded exactly once, the booking keeps the rest", async () => {
    const [showId] = await addShows(api, admin, { price: 10, slots: [localSlot(app.clock.now(), 4, "18:00")] });
    const seats = ["G1", "G2", "G3", "G4", "G5"];
    const bookingId = await paidBooking(showId!, seats);
    const answers = await Promise.all(seats.slice(0, 4).map((seat) => api.post(`/api/booking/${bookingId}/cancel`, { seats: [seat] }, fan)));
    // Each either went through or was told to try again; none was lost or doubled.
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const booking = (await app.storage.bookings.get(bookingId))!;
    const parts = (await mine()).filter((b) => b.show._id === showId && b.status === "refunded");
    expect(parts).toHaveLength(answers.filter((a) => a.status === 200).length);
    expect([...booking.seats, ...parts.flatMap((p) => p.bookedSeats)].sort()).toEqual(seats);
    expect(booking.amountMinor).toBe(booking.seats.length * 1000);
    expect((await seatsOf(showId!)).sort()).toEqual(booking.seats.slice().sort());
    await eventually(async () => {
      await jobs.deliverDueEffects();
      expect(parts.map((p) => refundsOf(p._id).map((r) => r.amountMinor))).toEqual(parts.map(() => [1000]));
    });
  });
});

describe(`the cinema cancels a show (${testDb})`, () => {
  it("takes it off sale, refunds every paid booking, releases every hold, and is safe to run twice", async () => {
    const [showId, otherId] = await addShows(api, admin, { movieId: "19", slots: [localSlot(app.clock.now(), 5, "18:00"), localSlot(app.clock.now(), 5, "21:00")] });
    const seats = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`));
    const buyers = [fan, await api.register("second@example.test")];
    // Ten at a time: enough to interleave, without a storm of sockets on a loaded machine.
    const paid: string[] = [];
    for (let i = 0; i < 80; i += 10) paid.push(...(await Promise.all(seats.slice(i, i + 10).map((seat, j) => paidBooking(showId!, [seat], buyers[(i + j) % 2])))));
    const holds = await Promise.all(seats.slice(80).map((seat, i) => api.post("/api/booking/create", { showId, selectedSeats: [seat] }, buyers[i % 2]!)));
    const keep = await paidBooking(otherId!, ["A1"]);

    const first = await api.post(`/api/admin/shows/${showId}/cancel`, {}, admin);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ showId, refunded: 80, released: 10 });
    // What the runner has not delivered yet is reported as owed.
    expect(first.body.refundsOwed).toBeLessThanOrEqual(80);
    const second = await api.post(`/api/admin/shows/${showId}/cancel`, {}, admin);
    expect(second.body).toMatchObject({ refunded: 0, released: 0, cancelledAt: first.body.cancelledAt });

    expect(await seatsOf(showId!)).toEqual([]);
    const listing = (await api.get("/api/show/19")).body.dateTime as Record<string, { showId: string }[]>;
    expect(Object.values(listing).flat().map((s) => s.showId)).not.toContain(showId);
    expect(Object.values(listing).flat().map((s) => s.showId)).toContain(otherId);
    const late = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, fan);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("show_cancelled");
    // A released hold whose checkout is still open is refunded when paid, never sold.
    const paidLate = await api.request("POST", `${holds[0]!.body.url}/pay`);
    expect(paidLate.headers.get("location")).toContain("refunded=");

    await refundedOnce([...paid, holds[0]!.body.bookingId as string], 60_000);
    expect(refundsOf(keep)).toEqual([]);
    expect((await api.post(`/api/admin/shows/${showId}/cancel`, {}, admin)).body.refundsOwed).toBe(0);
    const adminShows = (await api.get("/api/admin/all-shows", admin)).body.shows as { _id: string; cancelledAt: string | null }[];
    expect(adminShows.find((s) => s._id === showId)?.cancelledAt).toBe(first.body.cancelledAt);
  }, 120_000);
});
