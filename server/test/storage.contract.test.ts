import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../src/providers/storage/interface.ts";
import { filmToMovie } from "../src/providers/catalog/local/catalog.ts";
import { films } from "../src/providers/catalog/local/films.ts";
import { defaultLayout } from "../src/shows/layout.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";

/**
 * The storage contract: every adapter must pass these, selected by TEST_DB.
 * They speak only the Storage interface, never a driver.
 */
let database: TestDatabase;
let storage: Storage;
const t0 = new Date("2031-06-01T12:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  storage = await database.open();
  await storage.movies.insertIfAbsent(filmToMovie(films[0]!));
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

async function user(email = `${randomUUID()}@example.test`) {
  return storage.users.create({ id: randomUUID(), name: "U", email, image: "", role: "user", newShowEmails: false, passwordHash: null });
}

let showCount = 0;
async function show(startsAt = minutes(24 * 60 + showCount++)) {
  const [created] = await storage.shows.createMany([
    { id: randomUUID(), movieId: String(films[0]!.id), startsAt, priceMinor: 1250, layout: defaultLayout },
  ]);
  return created!;
}

const hold = (userId: string, showId: string, seats: string[], now = t0, holdMinutes = 10) =>
  storage.bookings.hold({
    id: randomUUID(),
    userId,
    showId,
    seats,
    amountMinor: 1250 * seats.length,
    currency: "usd",
    holdExpiresAt: new Date(now.getTime() + holdMinutes * 60_000),
    now,
  });

describe(`storage contract (${testDb})`, () => {
  it("users: unique email, lookups, roles, favorites", async () => {
    const u = await user("Case@Example.test".toLowerCase());
    await expect(user("case@example.test")).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect((await storage.users.findByEmail("CASE@example.test"))?.id).toBe(u.id);
    expect((await storage.users.setRole("case@example.test", "admin"))?.role).toBe("admin");
    expect(await storage.users.toggleFavorite(u.id, "653")).toEqual(["653"]);
    expect(await storage.users.toggleFavorite(u.id, "19")).toEqual(["653", "19"]);
    expect(await storage.users.toggleFavorite(u.id, "653")).toEqual(["19"]);
    expect((await storage.users.findById(u.id))?.favorites).toEqual(["19"]);
    expect(await storage.users.findById("missing")).toBeNull();
  });

  it("movies: insert once, keep the stored copy", async () => {
    const movie = filmToMovie(films[1]!);
    await storage.movies.insertIfAbsent({ ...movie, poster_path: "/custom.png" });
    await storage.movies.insertIfAbsent(movie);
    expect((await storage.movies.get(movie._id))?.poster_path).toBe("/custom.png");
    expect((await storage.movies.get(movie._id))?.genres).toEqual(movie.genres);
  });

  it("shows: a duplicate instant for a movie is a conflict and nothing is written", async () => {
    const s = await show(minutes(48 * 60));
    const before = await storage.shows.count();
    await expect(
      storage.shows.createMany([
        { id: randomUUID(), movieId: s.movieId, startsAt: minutes(49 * 60), priceMinor: 1, layout: defaultLayout },
        { id: randomUUID(), movieId: s.movieId, startsAt: s.startsAt, priceMinor: 1, layout: defaultLayout },
      ]),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await storage.shows.count()).toBe(before);
    expect(await storage.shows.existingStarts(s.movieId, [s.startsAt, minutes(1)])).toEqual([s.startsAt]);
  });

  it("holds are all or nothing", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    expect((await hold(a.id, s.id, ["A1", "A2"])).ok).toBe(true);
    expect(await hold(b.id, s.id, ["A2", "A3"])).toEqual({ ok: false, takenSeats: ["A2"] });
    expect((await storage.bookings.occupiedSeats(s.id, t0)).sort()).toEqual(["A1", "A2"]);
    expect((await storage.bookings.listForUser(b.id)).length).toBe(0);
    expect(await storage.bookings.countLiveHolds(a.id, s.id, t0)).toBe(1);
    expect(await storage.bookings.countLiveHolds(a.id, s.id, minutes(10))).toBe(0);
    expect(await storage.bookings.countLiveHolds(b.id, s.id, t0)).toBe(0);
  });

  it("a lapsed hold is free at once, and its booking reads as lapsed until swept", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const first = await hold(a.id, s.id, ["B1"]);
    expect(await storage.bookings.occupiedSeats(s.id, minutes(10))).toEqual([]);
    const second = await hold(b.id, s.id, ["B1"], minutes(10));
    expect(second.ok).toBe(true);
    expect(await storage.bookings.expireLapsedHolds(minutes(11))).toContain(first.ok && first.booking.id);
    expect(await storage.bookings.occupiedSeats(s.id, minutes(11))).toEqual(["B1"]);
  });

  it("confirming: live hold → paid; replay → already paid; re-sold → refund once", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const live = await hold(a.id, s.id, ["C1"]);
    if (!live.ok) throw new Error("hold failed");
    expect((await storage.bookings.confirmPayment({ bookingId: live.booking.id, paymentRef: "p1", now: minutes(5) })).outcome).toBe("paid");
    expect((await storage.bookings.confirmPayment({ bookingId: live.booking.id, paymentRef: "p1", now: minutes(6) })).outcome).toBe("already_paid");
    // Paid seats never lapse.
    expect(await storage.bookings.occupiedSeats(s.id, minutes(60 * 24 * 30))).toEqual(["C1"]);

    const late = await hold(a.id, s.id, ["C2"]);
    if (!late.ok) throw new Error("hold failed");
    expect((await hold(b.id, s.id, ["C2"], minutes(11))).ok).toBe(true);
    const refund = await storage.bookings.confirmPayment({ bookingId: late.booking.id, paymentRef: "p2", now: minutes(12) });
    expect(refund).toMatchObject({ outcome: "refund_required", firstTime: true });
    const again = await storage.bookings.confirmPayment({ bookingId: late.booking.id, paymentRef: "p2", now: minutes(13) });
    expect(again).toMatchObject({ outcome: "refund_required", firstTime: false });
    expect((await storage.bookings.get(late.booking.id))?.status).toBe("refunded");
    expect(await storage.bookings.confirmPayment({ bookingId: randomUUID(), paymentRef: "p", now: t0 })).toEqual({ outcome: "not_found" });
  });

  it("cancel releases only an unpaid hold", async () => {
    const [a, s] = [await user(), await show()];
    const held = await hold(a.id, s.id, ["D1"]);
    if (!held.ok) throw new Error("hold failed");
    expect((await storage.bookings.cancel(held.booking.id, minutes(1)))?.status).toBe("cancelled");
    expect(await storage.bookings.cancel(held.booking.id, minutes(1))).toBeNull();
    expect(await storage.bookings.occupiedSeats(s.id, minutes(1))).toEqual([]);
  });

  it("expireIfLapsed acts once and leaves paid bookings alone", async () => {
    const [a, s] = [await user(), await show()];
    const held = await hold(a.id, s.id, ["E1"]);
    const paid = await hold(a.id, s.id, ["E2"]);
    if (!held.ok || !paid.ok) throw new Error("hold failed");
    await storage.bookings.confirmPayment({ bookingId: paid.booking.id, paymentRef: "x", now: minutes(1) });
    expect(await storage.bookings.expireIfLapsed(held.booking.id, minutes(5))).toBe(false);
    expect(await storage.bookings.expireIfLapsed(held.booking.id, minutes(10))).toBe(true);
    expect(await storage.bookings.expireIfLapsed(held.booking.id, minutes(10))).toBe(false);
    expect(await storage.bookings.expireIfLapsed(paid.booking.id, minutes(20))).toBe(false);
    expect((await storage.bookings.get(paid.booking.id))?.status).toBe("paid");
  });

  it("outbox: one message per key; due messages are leased to one drainer", async () => {
    const message = { dedupeKey: `k-${randomUUID()}`, kind: "welcome" as const, to: "a@b.c", subject: "s", text: "t", html: "<p>t</p>" };
    expect(await storage.outbox.enqueue(message, t0)).toBe(true);
    expect(await storage.outbox.enqueue(message, t0)).toBe(false);
    const [first, second] = await Promise.all([storage.outbox.due(t0, 10), storage.outbox.due(t0, 10)]);
    const leased = [...first!, ...second!].filter((m) => m.dedupeKey === message.dedupeKey);
    expect(leased).toHaveLength(1);
    await storage.outbox.markSent(leased[0]!.id, t0);
    expect((await storage.outbox.list()).find((m) => m.dedupeKey === message.dedupeKey)?.status).toBe("sent");
  });

  it("event log records an id once, and forgets one whose handling failed", async () => {
    const id = `evt_${randomUUID()}`;
    expect(await storage.events.recordOnce(id, "test")).toBe(true);
    expect(await storage.events.recordOnce(id, "test")).toBe(false);
    await storage.events.forget(id);
    expect(await storage.events.recordOnce(id, "test")).toBe(true);
  });

  it("external users: created once from a profile, updated in place, email conflicts refused", async () => {
    const id = `user_${randomUUID()}`;
    const profile = { id, name: "Ext", email: `Ext-${id}@Example.test`, image: "https://img.example/ext.png", role: "user" as const };
    const first = await storage.users.upsertFromProfile(profile);
    expect(first).toMatchObject({ created: true, user: { id, email: profile.email.toLowerCase(), role: "user", favorites: [], newShowEmails: false } });
    await storage.users.setNewShowEmails(id, true);
    await storage.users.toggleFavorite(id, "653");
    const again = await storage.users.upsertFromProfile({ ...profile, name: "Ext Renamed", role: "admin" });
    expect(again).toMatchObject({ created: false, user: { name: "Ext Renamed", role: "admin", favorites: ["653"], newShowEmails: true } });
    const racing = await Promise.all([1, 2, 3].map(() => storage.users.upsertFromProfile({ ...profile, id: `${id}_race`, email: `race-${id}@example.test` })));
    expect(racing.filter((r) => r?.created)).toHaveLength(1);
    const other = await user();
    await expect(storage.users.upsertFromProfile({ ...profile, email: other.email })).rejects.toMatchObject({ code: "conflict" });
    expect((await storage.users.findById(id))?.email).toBe(profile.email.toLowerCase());
  });

  it("external users: removal keeps paid bookings, releases holds, drops favorites, never comes back", async () => {
    const id = `user_${randomUUID()}`;
    const profile = { id, name: "Gone", email: `gone-${id}@example.test`, image: "", role: "user" as const };
    await storage.users.upsertFromProfile(profile);
    await storage.users.toggleFavorite(id, "653");
    const s = await show();
    const paid = await hold(id, s.id, ["F1"]);
    const held = await hold(id, s.id, ["F2"]);
    if (!paid.ok || !held.ok) throw new Error("hold failed");
    await storage.bookings.confirmPayment({ bookingId: paid.booking.id, paymentRef: "gone", now: minutes(2) });
    const usersBefore = await storage.users.count();

    expect(await storage.users.removeExternal(id, minutes(3))).toBe(true);
    expect(await storage.users.removeExternal(id, minutes(3))).toBe(false);
    expect(await storage.users.removeExternal("user_missing", minutes(3))).toBe(false);
    expect(await storage.users.findById(id)).toBeNull();
    expect(await storage.users.findByEmail(profile.email)).toBeNull();
    expect(await storage.users.count()).toBe(usersBefore - 1);
    expect((await storage.bookings.get(paid.booking.id))?.status).toBe("paid");
    expect((await storage.bookings.get(held.booking.id))?.status).toBe("cancelled");
    expect(await storage.bookings.occupiedSeats(s.id, minutes(3))).toEqual(["F1"]);
    // A late or replayed update does not resurrect the user; the email is free for someone else.
    expect(await storage.users.upsertFromProfile({ ...profile, name: "Back" })).toBeNull();
    expect(await storage.users.findById(id)).toBeNull();
    expect((await storage.users.upsertFromProfile({ ...profile, id: `${id}_new` }))?.created).toBe(true);
  });

  it("movies: a custom poster or backdrop replaces the stored one", async () => {
    const movie = filmToMovie(films[2]!);
    await storage.movies.insertIfAbsent(movie);
    expect((await storage.movies.setImage(movie._id, "poster", "https://cdn.example/p.png"))?.poster_path).toBe("https://cdn.example/p.png");
    const after = await storage.movies.setImage(movie._id, "backdrop", "/media/uploads/b.jpg");
    expect(after).toMatchObject({ poster_path: "https://cdn.example/p.png", backdrop_path: "/media/uploads/b.jpg", title: movie.title });
    expect(await storage.movies.setImage("999999", "poster", "/x.png")).toBeNull();
  });

  it("dashboard counts paid bookings by the cinema's local day", async () => {
    const totals = await storage.bookings.dashboard(minutes(60), "Asia/Tokyo", 14);
    expect(totals.totalBookings).toBeGreaterThanOrEqual(2);
    // 12:05 UTC on June 1st is 21:05 in Tokyo: still June 1st there.
    expect(totals.revenueByDay.map((d) => d.date)).toEqual(["2031-06-01"]);
  });
});
