import { randomUUID } from "node:crypto";
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
let jobs: ReturnType<typeof jobFunctions>;

beforeAll(async () => {
  app = await startTestApp({ WAITLIST_OFFER_MINUTES: "15" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  jobs = jobFunctions(app.running.deps);
});
afterAll(() => app?.close());

const allSeats = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`));
const roomy = { holdsPerShow: 1_000, seatsAcrossShows: 10_000 };

/** A show whose every seat is held by one filler account: 80 in one booking, 10 one by one (to free in a burst). */
async function soldOutShow(hour: string) {
  const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 3, hour)] });
  const fillerToken = await api.register(`filler-${hour.replace(":", "")}@example.test`);
  const filler = (await api.get("/api/user/me", fillerToken)).body.user._id as string;
  const now = app.clock.now();
  const hold = (seats: string[]) =>
    app.storage.bookings.hold({ id: randomUUID(), userId: filler, showId: showId!, seats, amountMinor: 1250 * seats.length, currency: "usd", holdExpiresAt: new Date(now.getTime() + 24 * 3600_000), now }, roomy);
  await hold(allSeats.slice(0, 80));
  const singles = [];
  for (const seat of allSeats.slice(80)) {
    const held = await hold([seat]);
    if (!held.ok) throw new Error("filler hold failed");
    singles.push(held.booking.id);
  }
  return { showId: showId!, fillerToken, singles };
}

async function lineOf(showId: string, count: number) {
  const people = [];
  for (let i = 0; i < count; i++) {
    const token = await api.register(`wait-${showId.slice(0, 8)}-${i}@example.test`);
    app.clock.advanceMinutes(0.01); // a clear order of arrival
    const joined = await api.post(`/api/show/${showId}/waitlist`, { seats: 1 }, token);
    expect(joined.status).toBe(201);
    expect(joined.body.entry).toMatchObject({ status: "waiting", position: i + 1, seats: 1 });
    people.push(token);
  }
  return people;
}
const entriesOf = async (token: string) => (await api.get("/api/user/waitlists", token)).body.waitlists as { show: string; status: string; position: number | null; booking: string | null }[];

describe(`waitlist for sold-out shows (${testDb})`, () => {
  it("lets people in line only when the seats they want are not free, once each, and out again", async () => {
    const [open] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 3, "11:00")] });
    const early = await api.register("early@example.test");
    const refused = await api.post(`/api/show/${open}/waitlist`, { seats: 2 }, early);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({ free: 90 });

    const { showId } = await soldOutShow("12:00");
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 2 }, early)).status).toBe(201);
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 1 }, early)).status).toBe(409);
    expect(await entriesOf(early)).toEqual([expect.objectContaining({ show: showId, status: "waiting", position: 1 })]);
    expect((await api.request("DELETE", `/api/show/${showId}/waitlist`, { token: early })).body).toEqual({ success: true, left: true });
    expect(await entriesOf(early)).toEqual([]);
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 1 }, early)).status).toBe(201);
  });

  it("30 waiting, 10 seats freed in a burst, offers made by racing runners: the first 10 in line get one seat each, never two offers for a seat", async () => {
    const { showId, fillerToken, singles } = await soldOutShow("14:00");
    const people = await lineOf(showId, 30);

    await Promise.all(singles.map((id) => api.post(`/api/booking/${id}/cancel`, {}, fillerToken)));
    // Each cancel nudged the runner too: every maker races for the line; the lease lets one at a time.
    await Promise.all(Array.from({ length: 5 }, () => jobs.makeWaitlistOffers({ showId })));
    const entries = await eventually(async () => {
      await jobs.makeWaitlistOffers({ showId });
      const now = await Promise.all(people.map(async (token) => (await entriesOf(token))[0]!));
      expect(now.slice(0, 10).map((e) => e.status)).toEqual(Array(10).fill("offered"));
      return now;
    }, 60_000);
    expect(entries.slice(10).map((e) => e.status)).toEqual(Array(20).fill("waiting"));
    expect(entries.slice(10).map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const offered = await Promise.all(entries.slice(0, 10).map((e) => app.storage.bookings.get(e.booking!)));
    const seats = offered.flatMap((b) => b!.seats);
    expect(new Set(seats).size).toBe(10);
    expect(seats.sort()).toEqual(allSeats.slice(80).sort());
    expect(offered.every((b) => b!.status === "held")).toBe(true);
    const mails = (await app.storage.outbox.list()).filter((m) => m.kind === "waitlist_offer" && offered.some((b) => m.dedupeKey === `waitlist_offer:${b!.id}`));
    expect(mails).toHaveLength(10);

    // The first pays; the other nine let their offer lapse, and the next nine in line get the seats.
    const first = offered[0]!;
    await api.request("POST", `${first.paymentLink}/pay`);
    app.clock.advanceMinutes(16);
    await eventually(async () => {
      await jobs.makeWaitlistOffers({ showId });
      const after = await Promise.all(people.map(async (token) => (await api.get("/api/user/waitlists", token)).body.waitlists[0]?.status ?? "done"));
      expect(after.slice(0, 10)).toEqual(Array(10).fill("done")); // accepted or lapsed: no longer listed
      expect(after.slice(10, 19)).toEqual(Array(9).fill("offered"));
      expect(after.slice(19)).toEqual(Array(11).fill("waiting"));
    }, 60_000);
    const lapsed = await app.storage.waitlist.ofShow(showId, ["lapsed", "accepted"], 100);
    expect(lapsed.filter((e) => e.status === "accepted").map((e) => e.bookingId)).toEqual([first.id]);
    expect(lapsed.filter((e) => e.status === "lapsed")).toHaveLength(9);
  }, 120_000);

  it("a seat the cinema unblocks is offered to the first in line", async () => {
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 4, "18:00")] });
    const filler = (await api.get("/api/user/me", await api.register("filler-unblock@example.test"))).body.user._id as string;
    const now = app.clock.now();
    const held = await app.storage.bookings.hold(
      { id: randomUUID(), userId: filler, showId: showId!, seats: allSeats.slice(0, 89), amountMinor: 1250 * 89, currency: "usd", holdExpiresAt: new Date(now.getTime() + 24 * 3600_000), now },
      roomy,
    );
    expect(held.ok).toBe(true);
    expect((await api.post(`/api/admin/shows/${showId}/blocked-seats`, { seats: ["J9"] }, admin)).status).toBe(200);
    const waiting = await api.register("waiting-unblock@example.test");
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 1 }, waiting)).status).toBe(201);

    expect((await api.post(`/api/admin/shows/${showId}/unblocked-seats`, { seats: ["J9"] }, admin)).status).toBe(200);
    const offered = await eventually(async () => {
      const [entry] = await entriesOf(waiting);
      expect(entry).toMatchObject({ status: "offered", booking: expect.any(String) });
      return entry!;
    }, 30_000);
    expect((await app.storage.bookings.get(offered.booking!))?.seats).toEqual(["J9"]);
  });

  it("skips someone whose wish does not fit and offers the next who fits", async () => {
    const { showId, fillerToken, singles } = await soldOutShow("17:00");
    const family = await api.register("family@example.test");
    const single = await api.register("single@example.test");
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 4 }, family)).status).toBe(201);
    expect((await api.post(`/api/show/${showId}/waitlist`, { seats: 1 }, single)).status).toBe(201);
    await api.post(`/api/booking/${singles[0]}/cancel`, {}, fillerToken);
    await eventually(async () => {
      await jobs.makeWaitlistOffers({ showId });
      expect((await entriesOf(single))[0]).toMatchObject({ status: "offered" });
    }, 60_000);
    expect((await entriesOf(family))[0]).toMatchObject({ status: "waiting", position: 1 });
  });
});
