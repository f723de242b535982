import { randomUUID } from "node:crypto";
import { AppError } from "../src/errors.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookingStatus } from "@quickshow/contracts";
import type { ScreenRecord, Storage } from "../src/providers/storage/interface.ts";
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

const roomy = { holdsPerShow: 50, seatsAcrossShows: 500 };
const hold = (userId: string, showId: string, seats: string[], now = t0, holdMinutes = 10, caps = roomy) =>
  storage.bookings.hold(
    {
      id: randomUUID(),
      userId,
      showId,
      seats,
      amountMinor: 1250 * seats.length,
      currency: "usd",
      holdExpiresAt: new Date(now.getTime() + holdMinutes * 60_000),
      now,
    },
    caps,
  );
const payable = ["held", "expired"] as const;
const sell = (bookingId: string, now: Date, paymentRef = "p") => storage.bookings.sell({ bookingId, from: payable, paymentRef, now });
const held = async (result: Awaited<ReturnType<typeof hold>>) => {
  if (!result.ok) throw new Error(`hold failed: ${JSON.stringify(result)}`);
  return result.booking;
};

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

  it("users: an address starts unconfirmed, is confirmed once, and a password hash can be replaced", async () => {
    const u = await user();
    expect(u.emailVerified).toBe(false);
    expect((await storage.users.markEmailVerified(u.id))?.emailVerified).toBe(true);
    expect((await storage.users.findById(u.id))?.emailVerified).toBe(true);
    expect(await storage.users.markEmailVerified("missing")).toBeNull();
    expect(await storage.users.setPasswordHash(u.id, "$2b$04$new-hash")).toBe(1);
    expect((await storage.users.passwordHashOf(u.email))?.passwordHash).toBe("$2b$04$new-hash");
    expect(await storage.users.setPasswordHash("missing", "$2b$04$x")).toBeNull();
    // A user whose identity provider vouches for the address counts as confirmed.
    const synced = await storage.users.upsertFromProfile({ id: `ext_${randomUUID()}`, name: "E", email: `${randomUUID()}@example.test`, image: "", role: "user" });
    expect(synced?.user.emailVerified).toBe(true);
  });

  it("users: the session version starts at 0 and rises with each new password and each end of sessions, never for a removed user", async () => {
    const u = await user();
    expect(u.sessionVersion).toBe(0);
    expect(await storage.users.endSessions(u.id)).toBe(1);
    expect(await storage.users.setPasswordHash(u.id, "$2b$04$other-hash")).toBe(2);
    expect(await storage.users.endSessions(u.id)).toBe(3);
    expect((await storage.users.findById(u.id))?.sessionVersion).toBe(3);
    expect((await storage.users.getMany([u.id]))[0]?.sessionVersion).toBe(3);
    expect(await storage.users.endSessions("missing")).toBeNull();
    // Other writes leave it alone.
    await storage.users.setRole(u.email, "staff");
    await storage.users.toggleFavorite(u.id, "653");
    expect((await storage.users.findByEmail(u.email))?.sessionVersion).toBe(3);
    const external = await storage.users.upsertFromProfile({ id: `ext_${randomUUID()}`, name: "E", email: `${randomUUID()}@example.test`, image: "", role: "user" });
    expect(external?.user.sessionVersion).toBe(0);
    expect(await storage.users.removeExternal(external!.user.id, new Date())).toBe(true);
    expect(await storage.users.endSessions(external!.user.id)).toBeNull();
    expect(await storage.users.setPasswordHash(external!.user.id, "$2b$04$x")).toBeNull();
  });

  it("a hold for a show that is not stored is refused as a typed error (never a plain Error, a 500)", async () => {
    const u = await user();
    const missingShow = await hold(u.id, randomUUID(), ["A1"]).catch((error: unknown) => error);
    if (missingShow instanceof Error) expect(missingShow).toBeInstanceOf(AppError);
    else expect(missingShow).toMatchObject({ ok: false });
  });

  it("sales periods other than whole quarter hours are counted or refused as a typed error", async () => {
    const answer = await storage.bookings.sales(["paid"], t0, 10).catch((error: unknown) => error);
    if (answer instanceof Error) expect(answer).toBeInstanceOf(AppError);
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
    expect(await hold(b.id, s.id, ["A2", "A3"])).toEqual({ ok: false, reason: "seats_taken", takenSeats: ["A2"] });
    expect((await storage.bookings.occupiedSeats(s.id, t0)).sort()).toEqual(["A1", "A2"]);
    expect((await storage.bookings.listForUser(b.id)).length).toBe(0);
  });

  it("a lapsed hold is free at once, and is listed as lapsed until released", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const first = await held(await hold(a.id, s.id, ["B1"]));
    expect(await storage.bookings.occupiedSeats(s.id, minutes(10))).toEqual([]);
    expect(await storage.bookings.lapsedHolds(minutes(9), 100)).not.toContain(first.id);
    expect(await storage.bookings.lapsedHolds(minutes(10), 100)).toContain(first.id);
    await held(await hold(b.id, s.id, ["B1"], minutes(10)));
    expect(await storage.bookings.release({ bookingId: first.id, from: "held", to: "expired", lapsedBy: minutes(11), clearHoldExpiry: false, now: minutes(11) })).toMatchObject({
      status: "expired",
      holdExpiresAt: first.holdExpiresAt,
    });
    // Releasing the lapsed hold never touches the seat its new owner holds.
    expect(await storage.bookings.occupiedSeats(s.id, minutes(11))).toEqual(["B1"]);
    // Whether the hold's end is kept is the caller's choice, not the store's.
    const second = await held(await hold(a.id, s.id, ["B2"], minutes(11)));
    expect(await storage.bookings.release({ bookingId: second.id, from: "held", to: "expired", lapsedBy: minutes(30), clearHoldExpiry: true, now: minutes(30) })).toMatchObject({
      status: "expired",
      holdExpiresAt: null,
    });
  });

  it("caps: holds per show and seats across shows are counted inside the hold", async () => {
    const [a, s1, s2] = [await user(), await show(), await show()];
    const caps = { holdsPerShow: 2, seatsAcrossShows: 5 };
    await held(await hold(a.id, s1.id, ["A1"], t0, 10, caps));
    await held(await hold(a.id, s1.id, ["A2", "A3"], t0, 10, caps));
    expect(await hold(a.id, s1.id, ["A4"], t0, 10, caps)).toEqual({ ok: false, reason: "holds_per_show", live: 2 });
    expect(await hold(a.id, s2.id, ["A1", "A2", "A3"], t0, 10, caps)).toEqual({ ok: false, reason: "seats_across_shows", live: 3 });
    await held(await hold(a.id, s2.id, ["A1", "A2"], t0, 10, caps));
    // Lapsed holds stop counting at their expiry.
    await held(await hold(a.id, s1.id, ["A4"], minutes(10), 10, caps));
  });

  it("caps: 50 parallel holds from one account never leave more than the caps, on one show or many", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const caps = { holdsPerShow: 2, seatsAcrossShows: 6 };
    const seats = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`));
    const oneShow = await Promise.all(seats.slice(0, 50).map((seat) => hold(a.id, s.id, [seat], t0, 10, caps)));
    expect(oneShow.filter((r) => r.ok)).toHaveLength(2);
    expect(oneShow.filter((r) => !r.ok && r.reason === "holds_per_show").length).toBe(48);
    const shows = await Promise.all(Array.from({ length: 10 }, () => show()));
    const manyShows = await Promise.all(Array.from({ length: 50 }, (_, i) => hold(b.id, shows[i % 10]!.id, [`A${(i % 9) + 1}`, `B${(i % 9) + 1}`], t0, 10, caps)));
    expect(manyShows.filter((r) => r.ok)).toHaveLength(3);
    const live = (await storage.bookings.listForUser(b.id)).filter((x) => x.status === "held");
    expect(live.reduce((n, x) => n + x.seats.length, 0)).toBe(6);
  });

  it("sell: a live hold is sold with its confirmation owed, once; a replay writes nothing", async () => {
    const [a, s] = [await user(), await show()];
    const booking = await held(await hold(a.id, s.id, ["C1"]));
    expect(await sell(booking.id, minutes(5), "p1")).toMatchObject({ status: "paid", paymentRef: "p1", paidAt: minutes(5) });
    expect(await sell(booking.id, minutes(6), "p1")).toBeNull();
    // Paid seats never lapse.
    expect(await storage.bookings.occupiedSeats(s.id, minutes(60 * 24 * 30))).toEqual(["C1"]);
    const owed = (await storage.effects.open()).filter((e) => e.bookingId === booking.id);
    expect(owed).toEqual([expect.objectContaining({ id: `booking.paid:${booking.id}`, kind: "booking.paid", status: "pending" })]);
  });

  it("sell: a lapsed hold whose seats nobody took is still sold; one whose seats were re-sold is not, and owes a refund once", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const lapsedFree = await held(await hold(a.id, s.id, ["C3"]));
    expect(await sell(lapsedFree.id, minutes(30))).toMatchObject({ status: "paid" });

    const late = await held(await hold(a.id, s.id, ["C2"]));
    await held(await hold(b.id, s.id, ["C2"], minutes(11)));
    expect(await sell(late.id, minutes(12))).toBeNull();
    expect((await storage.bookings.get(late.id))?.status).toBe("held");
    const refund = { bookingId: late.id, from: ["held", "expired", "cancelled"] as const, paymentRef: "p2", now: minutes(12), unlessAdmitted: false };
    expect(await storage.bookings.oweRefund(refund)).toMatchObject({ status: "refunded", paymentRef: "p2" });
    expect(await storage.bookings.oweRefund(refund)).toBeNull();
    // The other buyer's hold is untouched.
    expect(await storage.bookings.occupiedSeats(s.id, minutes(12))).toContain("C2");
    expect((await storage.effects.open()).filter((e) => e.bookingId === late.id).map((e) => e.kind)).toEqual(["refund.owed"]);
    expect(await sell(randomUUID(), t0)).toBeNull();
  });

  it("racing sales of one booking: exactly one writes", async () => {
    const [a, s] = [await user(), await show()];
    const booking = await held(await hold(a.id, s.id, ["C5", "C6"]));
    const results = await Promise.all(Array.from({ length: 10 }, () => sell(booking.id, minutes(1))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await storage.bookings.occupiedSeats(s.id, minutes(60 * 24))).sort()).toEqual(["C5", "C6"]);
  });

  it("release: moves a hold once and frees its seats; a paid booking is left alone", async () => {
    const [a, s] = [await user(), await show()];
    const hold1 = await held(await hold(a.id, s.id, ["D1"]));
    const release = (bookingId: string, lapsedBy?: Date) =>
      storage.bookings.release({ bookingId, from: "held", to: lapsedBy ? "expired" : "cancelled", now: minutes(1), clearHoldExpiry: !lapsedBy, ...(lapsedBy ? { lapsedBy } : {}) });
    expect(await release(hold1.id)).toMatchObject({ status: "cancelled", holdExpiresAt: null });
    expect(await release(hold1.id)).toBeNull();
    expect(await storage.bookings.occupiedSeats(s.id, minutes(1))).toEqual([]);

    const hold2 = await held(await hold(a.id, s.id, ["E1"]));
    const paid = await held(await hold(a.id, s.id, ["E2"]));
    await sell(paid.id, minutes(1));
    expect(await release(hold2.id, minutes(5))).toBeNull();
    expect(await release(hold2.id, minutes(10))).toMatchObject({ status: "expired" });
    expect(await release(paid.id, minutes(20))).toBeNull();
    expect(await release(paid.id)).toBeNull();
    expect((await storage.bookings.get(paid.id))?.status).toBe("paid");
    expect(await storage.bookings.occupiedSeats(s.id, minutes(20))).toEqual(["E2"]);
  });

  it("effects: each due effect is leased to one runner, retried when it failed, and gone once done", async () => {
    const [a, s] = [await user(), await show()];
    const booking = await held(await hold(a.id, s.id, ["G1"]));
    await sell(booking.id, minutes(1));
    const mine = <E extends { bookingId: string }>(list: E[]) => list.filter((e) => e.bookingId === booking.id);
    const [first, second] = await Promise.all([storage.effects.due(minutes(2), minutes(4), 100), storage.effects.due(minutes(2), minutes(4), 100)]);
    const leased = mine([...first!, ...second!]);
    expect(leased).toHaveLength(1);
    expect(mine(await storage.effects.due(minutes(3), minutes(5), 100))).toHaveLength(0);
    await storage.effects.failed(leased[0]!, "smtp down", minutes(6), false);
    expect(mine(await storage.effects.due(minutes(5), minutes(7), 100))).toHaveLength(0);
    const retried = mine(await storage.effects.due(minutes(6), minutes(8), 100));
    expect(retried).toEqual([expect.objectContaining({ kind: "booking.paid", attempts: 2 })]);
    await storage.effects.done(retried[0]!, minutes(6));
    expect(mine(await storage.effects.open())).toEqual([]);
    expect(mine(await storage.effects.due(minutes(60), minutes(61), 100))).toHaveLength(0);
  });

  it("oweRefund of a paid booking frees its sold seats at once, once", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const paid = await held(await hold(a.id, s.id, ["G4", "G5"]));
    await sell(paid.id, minutes(1));
    const refund = { bookingId: paid.id, from: ["paid"] as const, paymentRef: "p", now: minutes(2), unlessAdmitted: true };
    expect(await storage.bookings.oweRefund(refund)).toMatchObject({ status: "refunded" });
    expect(await storage.bookings.oweRefund(refund)).toBeNull();
    expect(await storage.bookings.occupiedSeats(s.id, minutes(2))).toEqual([]);
    await held(await hold(b.id, s.id, ["G4"], minutes(2)));
    expect((await storage.effects.open()).filter((e) => e.bookingId === paid.id).map((e) => e.kind).sort()).toEqual(["booking.paid", "refund.owed"]);
  });

  it("giveBack: the booking keeps the rest, the part is refunded with its refund owed, its seats are free at once, once", async () => {
    const [a, b, s] = [await user(), await user(), await show()];
    const paid = await held(await hold(a.id, s.id, ["H1", "H2", "H3"]));
    const sold = (await sell(paid.id, minutes(1), "pi_1"))!;
    const partId = randomUUID();
    const step = { bookingId: paid.id, seen: sold.seats, keep: ["H1", "H3"], keepAmountMinor: 2500, part: { id: partId, seats: ["H2"], amountMinor: 1250 }, now: minutes(2), unlessAdmitted: true };
    const given = await storage.bookings.giveBack(step);
    expect(given?.booking).toMatchObject({ id: paid.id, status: "paid", seats: ["H1", "H3"], amountMinor: 2500, paymentRef: "pi_1" });
    expect(given?.part).toMatchObject({ id: partId, userId: a.id, showId: s.id, status: "refunded", seats: ["H2"], amountMinor: 1250, paymentRef: "pi_1" });
    expect(await storage.bookings.get(paid.id)).toMatchObject({ seats: ["H1", "H3"], amountMinor: 2500 });
    expect((await storage.bookings.occupiedSeats(s.id, minutes(2))).sort()).toEqual(["H1", "H3"]);
    // What the caller saw is gone: a replay writes nothing, not even a second part.
    expect(await storage.bookings.giveBack({ ...step, part: { ...step.part, id: randomUUID() } })).toBeNull();
    expect((await storage.bookings.listForUser(a.id)).map((x) => x.id).sort()).toEqual([paid.id, partId].sort());
    expect((await storage.effects.open()).filter((e) => e.bookingId === partId).map((e) => e.kind)).toEqual(["refund.owed"]);
    expect((await storage.effects.open()).filter((e) => e.bookingId === paid.id).map((e) => e.kind)).toEqual(["booking.paid"]);
    await held(await hold(b.id, s.id, ["H2"], minutes(2)));
    expect(await hold(b.id, s.id, ["H1"], minutes(2))).toMatchObject({ ok: false, reason: "seats_taken" });
    // Only a paid booking gives seats back.
    const unpaid = await held(await hold(a.id, s.id, ["H5", "H6"], minutes(2)));
    expect(await storage.bookings.giveBack({ ...step, bookingId: unpaid.id, seen: unpaid.seats, keep: ["H5"], part: { id: randomUUID(), seats: ["H6"], amountMinor: 1250 } })).toBeNull();
  });

  it("giveBack: of racing give-backs of one booking seen alike, exactly one writes", async () => {
    const [a, s] = [await user(), await show()];
    const paid = await held(await hold(a.id, s.id, ["I1", "I2", "I3", "I4", "I5"]));
    const sold = (await sell(paid.id, minutes(1)))!;
    const results = await Promise.all(
      sold.seats.map((seat) =>
        storage.bookings.giveBack({
          bookingId: paid.id,
          seen: sold.seats,
          keep: sold.seats.filter((x) => x !== seat),
          keepAmountMinor: 5000,
          part: { id: randomUUID(), seats: [seat], amountMinor: 1250 },
          now: minutes(2),
          unlessAdmitted: true,
        }),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect((await storage.bookings.occupiedSeats(s.id, minutes(2))).sort()).toEqual(winners[0]!.booking.seats.slice().sort());
    expect((await storage.bookings.listForUser(a.id)).filter((x) => x.status === "refunded")).toHaveLength(1);
  });

  it("shows: a cancelled show is off every listing once, and keeps the instant it was cancelled", async () => {
    const s = await show(minutes(24 * 60 * 400));
    expect((await storage.shows.listUpcomingForMovie(s.movieId, t0)).map((x) => x.id)).toContain(s.id);
    const before = await storage.shows.countStartingAfter(t0);
    expect(await storage.shows.cancel(s.id, minutes(1))).toMatchObject({ id: s.id, cancelledAt: minutes(1) });
    expect(await storage.shows.cancel(s.id, minutes(2))).toMatchObject({ cancelledAt: minutes(1) });
    expect(await storage.shows.cancel(randomUUID(), minutes(2))).toBeNull();
    expect((await storage.shows.listUpcomingForMovie(s.movieId, t0)).map((x) => x.id)).not.toContain(s.id);
    expect((await storage.shows.listStartingBetween(t0, minutes(24 * 60 * 500))).map((x) => x.id)).not.toContain(s.id);
    expect(await storage.shows.countStartingAfter(t0)).toBe(before - 1);
    expect((await storage.shows.get(s.id))?.cancelledAt).toEqual(minutes(1));
    expect(await hold((await user()).id, s.id, ["A1"], minutes(2))).toEqual({ ok: false, reason: "show_cancelled" });
    expect((await storage.shows.pageWithOccupancy({ from: s.startsAt, limit: 1 }, t0, ["paid"]))[0]).toMatchObject({ id: s.id, cancelledAt: minutes(1) });
  });

  it("pages: bookings newest or oldest first, filtered, each page strictly after the last; shows soonest first", async () => {
    const [a, s1, s2] = [await user(), await show(minutes(24 * 60 * 900)), await show(minutes(24 * 60 * 901))];
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await held(await hold(a.id, i < 3 ? s1.id : s2.id, [`J${i + 1}`], minutes(i)))).id);
    await sell(made[0]!, minutes(6));
    const mine = { showIds: [s1.id, s2.id] };
    const first = await storage.bookings.page({ ...mine, order: "newest", limit: 2 });
    expect(first.map((b) => b.id)).toEqual([made[4], made[3]]);
    const last = first[first.length - 1]!;
    const second = await storage.bookings.page({ ...mine, order: "newest", limit: 10, after: { at: last.createdAt, id: last.id } });
    expect(second.map((b) => b.id)).toEqual([made[2], made[1], made[0]]);
    expect((await storage.bookings.page({ ...mine, order: "oldest", limit: 2 })).map((b) => b.id)).toEqual([made[0], made[1]]);
    expect((await storage.bookings.page({ showIds: [s2.id], order: "newest", limit: 10 })).map((b) => b.id)).toEqual([made[4], made[3]]);
    expect((await storage.bookings.page({ ...mine, statuses: ["paid"], order: "newest", limit: 10 })).map((b) => b.id)).toEqual([made[0]]);
    expect((await storage.bookings.page({ ...mine, createdFrom: minutes(1), createdTo: minutes(3), order: "oldest", limit: 10 })).map((b) => b.id)).toEqual([made[1], made[2]]);
    expect(await storage.bookings.page({ showIds: [], order: "newest", limit: 10 })).toEqual([]);

    const shows = await storage.shows.pageWithOccupancy({ from: s1.startsAt, to: minutes(24 * 60 * 902), limit: 1 }, t0, ["paid"]);
    expect(shows.map((s) => [s.id, s.seatsSold, s.seatsHeld, s.earningsMinor])).toEqual([[s1.id, 1, 2, 1250]]);
    const next = await storage.shows.pageWithOccupancy({ from: s1.startsAt, limit: 5, after: { at: s1.startsAt, id: s1.id } }, t0, ["paid"]);
    expect(next[0]?.id).toBe(s2.id);
    expect(await storage.shows.idsOfMovie(s1.movieId)).toEqual(expect.arrayContaining([s1.id, s2.id]));
    expect((await storage.users.getMany([a.id, "missing"])).map((u) => u.id)).toEqual([a.id]);
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

  it("outbox: counts the messages still to send and those given up on", async () => {
    const before = await storage.outbox.counts();
    const message = (n: number) => ({ dedupeKey: `c-${n}-${randomUUID()}`, kind: "welcome" as const, to: "a@b.c", subject: "s", text: "t", html: "<p>t</p>" });
    for (const n of [1, 2, 3]) await storage.outbox.enqueue(message(n), t0);
    expect(await storage.outbox.counts()).toEqual({ pending: before.pending + 3, failed: before.failed });
    const ours = (await storage.outbox.list()).filter((m) => m.dedupeKey.startsWith("c-"));
    await storage.outbox.markSent(ours[0]!.id, t0);
    await storage.outbox.markFailed(ours[1]!.id, "550 refused", t0, true);
    expect(await storage.outbox.counts()).toEqual({ pending: before.pending + 1, failed: before.failed + 1 });
  });

  it("event log records an id once and says whether it was recorded", async () => {
    const id = `evt_${randomUUID()}`;
    expect(await storage.events.seen(id)).toBe(false);
    expect(await storage.events.recordOnce(id, "test")).toBe(true);
    expect(await storage.events.seen(id)).toBe(true);
    expect(await storage.events.recordOnce(id, "test")).toBe(false);
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

  it("external users: removal anonymises, drops favorites, leaves bookings to the domain, never comes back", async () => {
    const id = `user_${randomUUID()}`;
    const profile = { id, name: "Gone", email: `gone-${id}@example.test`, image: "", role: "user" as const };
    await storage.users.upsertFromProfile(profile);
    await storage.users.toggleFavorite(id, "653");
    const s = await show();
    const paid = await held(await hold(id, s.id, ["F1"]));
    const unpaid = await held(await hold(id, s.id, ["F2"]));
    await sell(paid.id, minutes(2));
    const usersBefore = await storage.users.count();

    expect(await storage.users.removeExternal(id, minutes(3))).toBe(true);
    expect(await storage.users.removeExternal(id, minutes(3))).toBe(false);
    expect(await storage.users.removeExternal("user_missing", minutes(3))).toBe(false);
    expect(await storage.users.findById(id)).toBeNull();
    expect(await storage.users.findByEmail(profile.email)).toBeNull();
    expect(await storage.users.count()).toBe(usersBefore - 1);
    expect((await storage.bookings.get(paid.id))?.status).toBe("paid");
    expect((await storage.bookings.get(unpaid.id))?.status).toBe("held");
    expect((await storage.users.findById(id))).toBeNull();
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

  it("sales: count, sum and quarter hours of payment of the bookings in the given statuses", async () => {
    const [a, s] = [await user(), await show()];
    const before = await storage.bookings.sales(["paid"], minutes(0), 15);
    const one = await held(await hold(a.id, s.id, ["H1", "H2"]));
    const two = await held(await hold(a.id, s.id, ["H3"]));
    await sell(one.id, minutes(20));
    await sell(two.id, minutes(31));
    const after = await storage.bookings.sales(["paid"], minutes(0), 15);
    expect(after.bookings - before.bookings).toBe(2);
    expect(after.revenueMinor - before.revenueMinor).toBe(3750);
    const quarter = (start: Date) => after.byPeriod.find((q) => q.start.getTime() === start.getTime());
    const before15 = (start: Date) => before.byPeriod.find((q) => q.start.getTime() === start.getTime())?.revenueMinor ?? 0;
    // 12:20 falls in the quarter hour from 12:15, 12:31 in the one from 12:30.
    expect((quarter(minutes(15))?.revenueMinor ?? 0) - before15(minutes(15))).toBe(2500);
    expect((quarter(minutes(30))?.revenueMinor ?? 0) - before15(minutes(30))).toBe(1250);
    expect((await storage.bookings.sales(["paid"], minutes(60 * 24 * 365), 15)).byPeriod).toEqual([]);
    expect(await storage.bookings.listForShow(s.id, ["paid"])).toHaveLength(2);
  });

  it("sales follow refunds and give-backs, start exactly at `since`, and add up to longer periods", async () => {
    const [a, s] = [await user(), await show()];
    // A day of its own, so other tests' sales do not share these quarter hours.
    const day = 60 * 24 * 200;
    const one = await held(await hold(a.id, s.id, ["J1", "J2"]));
    const two = await held(await hold(a.id, s.id, ["J3"]));
    const three = await held(await hold(a.id, s.id, ["J4"]));
    await sell(one.id, minutes(day + 20));
    await sell(two.id, minutes(day + 50));
    await sell(three.id, minutes(day + 52));
    const sales = (statuses: readonly BookingStatus[], since = minutes(day), period = 15) => storage.bookings.sales(statuses, since, period);
    const figures = async (since?: Date, period?: number) => (await sales(["paid"], since, period)).byPeriod.map((q) => [q.start.toISOString(), q.bookings, q.revenueMinor]);
    expect(await figures()).toEqual([
      [minutes(day + 15).toISOString(), 1, 2500],
      [minutes(day + 45).toISOString(), 2, 2500],
    ]);
    // A period starts at `since`, even inside a quarter hour: 12:20 is in from 12:18, not from 12:22.
    expect(await figures(minutes(day + 18))).toEqual([
      [minutes(day + 15).toISOString(), 1, 2500],
      [minutes(day + 45).toISOString(), 2, 2500],
    ]);
    expect(await figures(minutes(day + 22))).toEqual([[minutes(day + 45).toISOString(), 2, 2500]]);
    expect(await figures(minutes(day + 51))).toEqual([[minutes(day + 45).toISOString(), 1, 1250]]);
    expect(await figures(minutes(day), 60)).toEqual([[minutes(day).toISOString(), 3, 5000]]);

    const paidBefore = await sales(["paid"]);
    const refundedBefore = await sales(["refunded"]);
    await storage.bookings.oweRefund({ bookingId: two.id, from: ["paid"], paymentRef: "p", now: minutes(day + 60), unlessAdmitted: false });
    const kept = (await storage.bookings.get(one.id))!;
    await storage.bookings.giveBack({ bookingId: one.id, seen: kept.seats, keep: ["J1"], keepAmountMinor: 1250, part: { id: randomUUID(), seats: ["J2"], amountMinor: 1250 }, now: minutes(day + 61), unlessAdmitted: false });
    const paidAfter = await sales(["paid"]);
    const refundedAfter = await sales(["refunded"]);
    // The refunded booking leaves the sales; the booking that gave a seat back stays one, for less.
    expect([paidAfter.bookings - paidBefore.bookings, paidAfter.revenueMinor - paidBefore.revenueMinor]).toEqual([-1, -2500]);
    expect([refundedAfter.bookings - refundedBefore.bookings, refundedAfter.revenueMinor - refundedBefore.revenueMinor]).toEqual([2, 2500]);
    expect(await figures()).toEqual([
      [minutes(day + 15).toISOString(), 1, 1250],
      [minutes(day + 45).toISOString(), 1, 1250],
    ]);
    expect((await sales(["paid", "refunded"])).byPeriod.map((q) => [q.bookings, q.revenueMinor])).toEqual([
      [2, 2500],
      [2, 2500],
    ]);
  });

  describe("screens, screen time and blocked seats", () => {
    beforeAll(async () => {
      for (const film of films.slice(0, 4)) await storage.movies.insertIfAbsent(filmToMovie(film));
    });
    const screenOf = (id: string): ScreenRecord => ({ id, name: `Screen ${id}`, cinemaId: "main", layout: defaultLayout, version: 1, updatedAt: t0 });
    const onScreen = (screen: ScreenRecord, startsAt: Date, runMinutes: number, movieId = String(films[0]!.id)) => ({
      id: randomUUID(),
      movieId,
      startsAt,
      priceMinor: 1000,
      layout: screen.layout,
      screen: { id: screen.id, name: screen.name, cinemaId: screen.cinemaId },
      pricesMinor: { standard: 1000 },
      endsAt: new Date(startsAt.getTime() + runMinutes * 60_000),
    });

    it("screens: inserted once, updated only at the version read, listed by name", async () => {
      const id = `s-${randomUUID().slice(0, 8)}`;
      expect(await storage.screens.insertIfAbsent(screenOf(id))).toBe(true);
      expect(await storage.screens.insertIfAbsent({ ...screenOf(id), name: "other" })).toBe(false);
      const renamed = await storage.screens.update(id, { name: "Renamed", cinemaId: "main", layout: defaultLayout, updatedAt: minutes(1) }, 1);
      expect(renamed).toMatchObject({ id, name: "Renamed", version: 2 });
      expect(renamed?.layout.rows).toHaveLength(10);
      expect(await storage.screens.update(id, { name: "Stale", cinemaId: "main", layout: defaultLayout, updatedAt: minutes(2) }, 1)).toBeNull();
      expect(await storage.screens.update("missing", { name: "x", cinemaId: "main", layout: defaultLayout, updatedAt: minutes(2) })).toBeNull();
      expect((await storage.screens.get(id))?.name).toBe("Renamed");
      expect((await storage.screens.list()).map((x) => x.id)).toContain(id);
    });

    it("cinemas: inserted once, updated in place, listed by name", async () => {
      const id = `c-${randomUUID().slice(0, 8)}`;
      const cinema = { id, name: "Uptown", address: "1 Main St", city: "New York", timeZone: "America/New_York" };
      expect(await storage.cinemas.insertIfAbsent(cinema)).toBe(true);
      expect(await storage.cinemas.insertIfAbsent({ ...cinema, name: "Other" })).toBe(false);
      expect(await storage.cinemas.update({ ...cinema, city: "Brooklyn" })).toEqual({ ...cinema, city: "Brooklyn" });
      expect(await storage.cinemas.update({ ...cinema, id: "missing" })).toBeNull();
      expect(await storage.cinemas.get(id)).toEqual({ ...cinema, city: "Brooklyn" });
      expect((await storage.cinemas.list()).map((c) => c.id)).toContain(id);
    });

    it("shows: a show keeps its screen, prices and end; an overlapping show on the same screen is refused, naming the one in the way", async () => {
      const screen = screenOf(`s-${randomUUID().slice(0, 8)}`);
      await storage.screens.insertIfAbsent(screen);
      const [first] = await storage.shows.createMany([onScreen(screen, minutes(100 * 60), 120)]);
      expect(await storage.shows.get(first!.id)).toMatchObject({ screen: { id: screen.id, name: screen.name }, pricesMinor: { standard: 1000 }, endsAt: minutes(102 * 60) });
      const before = await storage.shows.count();
      await expect(storage.shows.createMany([onScreen(screen, minutes(101 * 60), 60, String(films[1]!.id))])).rejects.toMatchObject({ name: "ScreenBusyError", showInTheWay: first!.id });
      // All or nothing: the free slot in the same call is not written either.
      await expect(
        storage.shows.createMany([onScreen(screen, minutes(110 * 60), 60, String(films[1]!.id)), onScreen(screen, minutes(100 * 60 + 119), 60, String(films[1]!.id))]),
      ).rejects.toMatchObject({ name: "ScreenBusyError" });
      expect(await storage.shows.count()).toBe(before);
      // Back to back is fine: the range ends where the next begins.
      await storage.shows.createMany([onScreen(screen, minutes(102 * 60), 60, String(films[1]!.id))]);
      // Another screen at the same time is fine, and a cancelled show gives its time back.
      const other = screenOf(`s-${randomUUID().slice(0, 8)}`);
      await storage.screens.insertIfAbsent(other);
      await storage.shows.createMany([onScreen(other, minutes(100 * 60), 120, String(films[1]!.id))]);
      await storage.shows.cancel(first!.id, t0);
      await storage.shows.createMany([onScreen(screen, minutes(100 * 60 + 30), 60, String(films[1]!.id))]);
    });

    it("shows: of concurrent overlapping shows on one screen, exactly one is written", async () => {
      const screen = screenOf(`s-${randomUUID().slice(0, 8)}`);
      await storage.screens.insertIfAbsent(screen);
      const results = await Promise.allSettled(
        films.slice(0, 4).map((f, i) => storage.shows.createMany([onScreen(screen, minutes(200 * 60 + i * 10), 90, String(f.id))])),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ name: "ScreenBusyError" });
    });

    it("blocked seats: all or none, never over a sold or live-held seat, and no hold or sale can take one", async () => {
      const [a, s] = [await user(), await show()];
      const paid = await held(await hold(a.id, s.id, ["C1"]));
      await sell(paid.id, minutes(1));
      await held(await hold(a.id, s.id, ["C2"], minutes(1)));
      expect(await storage.bookings.blockSeats({ showId: s.id, seats: ["C1", "C2", "C3"], now: minutes(2) })).toEqual({ ok: false, takenSeats: ["C1", "C2"] });
      expect(await storage.bookings.listBlockedSeats(s.id)).toEqual([]);
      expect(await storage.bookings.blockSeats({ showId: s.id, seats: ["C3", "C4"], now: minutes(2) })).toEqual({ ok: true });
      // Blocking again is harmless, and a lapsed hold can be blocked over.
      expect(await storage.bookings.blockSeats({ showId: s.id, seats: ["C3", "C2"], now: minutes(12) })).toEqual({ ok: true });
      expect((await storage.bookings.listBlockedSeats(s.id)).sort()).toEqual(["C2", "C3", "C4"]);
      expect((await storage.bookings.occupiedSeats(s.id, minutes(12))).sort()).toEqual(["C1", "C2", "C3", "C4"]);
      expect(await hold(a.id, s.id, ["C4", "C5"], minutes(12))).toEqual({ ok: false, reason: "seats_taken", takenSeats: ["C4"] });
      // The lapsed hold on C2 is paid late: its seat is blocked now, so the sale is refused.
      const late = (await storage.bookings.listForUser(a.id)).find((b) => b.seats.includes("C2"))!;
      expect(await sell(late.id, minutes(13))).toBeNull();
      // Blocked seats are neither sold nor held in the occupancy figures.
      const [occupancy] = (await storage.shows.pageWithOccupancy({ from: s.startsAt, limit: 1 }, minutes(13), ["paid"])).filter((x) => x.id === s.id);
      expect(occupancy).toMatchObject({ seatsSold: 1, seatsHeld: 0 });
      expect(await storage.bookings.unblockSeats({ showId: s.id, seats: ["C3", "C1", "C9"] })).toBe(1);
      expect((await storage.bookings.listBlockedSeats(s.id)).sort()).toEqual(["C2", "C4"]);
      await held(await hold(a.id, s.id, ["C3"], minutes(13)));
    });

    it("blocked seats: a block racing holds of the same seat ends with one owner", async () => {
      const [a, s] = [await user(), await show()];
      const [blocked, holding] = await Promise.all([
        storage.bookings.blockSeats({ showId: s.id, seats: ["D5"], now: t0 }),
        hold(a.id, s.id, ["D5"]),
      ]);
      expect([blocked.ok, holding.ok].filter(Boolean)).toHaveLength(1);
      expect(await storage.bookings.occupiedSeats(s.id, t0)).toEqual(["D5"]);
    });
  });
  describe("tickets", () => {
    const admission = (bookingId: string, showId: string, seat: string, by: string, at = t0) => ({
      bookingId,
      seat,
      showId,
      admittedAt: at,
      admittedBy: by,
      admittedByName: `Staff ${by}`,
      device: `device ${by}`,
    });

    const paidWith = async (userId: string, showId: string, seats: string[]) => (await sell((await held(await hold(userId, showId, seats))).id, minutes(1)))!;
    const asPaid = { bookingStatus: "paid" } as const;

    it("admits a ticket once: a second admission answers the first, other seats and bookings are their own tickets", async () => {
      const [a, s] = [await user(), await show()];
      const booking = await paidWith(a.id, s.id, ["T1", "T2"]);
      const first = await storage.tickets.admit(admission(booking.id, s.id, "T1", "one", minutes(1)), asPaid);
      expect(first).toEqual({ booking: expect.objectContaining({ id: booking.id, status: "paid", seats: ["T1", "T2"], userId: a.id }), holderName: "U", admitted: true, admission: admission(booking.id, s.id, "T1", "one", minutes(1)) });
      expect(first.booking).toEqual(await storage.bookings.get(booking.id));
      const second = await storage.tickets.admit(admission(booking.id, s.id, "T1", "two", minutes(2)), asPaid);
      expect(second).toMatchObject({ admitted: false, admission: admission(booking.id, s.id, "T1", "one", minutes(1)) });
      expect((await storage.tickets.admit(admission(booking.id, s.id, "T2", "two", minutes(3)), asPaid)).admitted).toBe(true);
      expect((await storage.tickets.listAdmissionsOf(booking.id)).map((x) => [x.seat, x.admittedBy, x.admittedAt.toISOString()])).toEqual([
        ["T1", "one", minutes(1).toISOString()],
        ["T2", "two", minutes(3).toISOString()],
      ]);
      expect(await storage.tickets.listAdmissionsOf(randomUUID())).toEqual([]);
    });

    it("writes nothing unless the booking has the status, is for the show and holds the seat; answers the booking as judged", async () => {
      const [a, s, other] = [await user(), await show(), await show()];
      const unpaid = await held(await hold(a.id, s.id, ["T4"]));
      expect(await storage.tickets.admit(admission(unpaid.id, s.id, "T4", "x"), asPaid)).toMatchObject({ booking: { id: unpaid.id, status: "held" }, admitted: false, admission: null });
      const booking = await paidWith(a.id, s.id, ["T5", "T6"]);
      expect(await storage.tickets.admit(admission(booking.id, s.id, "T7", "x"), asPaid)).toMatchObject({ booking: { id: booking.id }, admitted: false, admission: null });
      expect(await storage.tickets.admit(admission(booking.id, other.id, "T5", "x"), asPaid)).toMatchObject({ booking: { id: booking.id, showId: s.id }, admission: null });
      // A seat given back is no ticket any more; the seat kept still is.
      const step = { bookingId: booking.id, seen: booking.seats, keep: ["T5"], keepAmountMinor: 1250, part: { id: randomUUID(), seats: ["T6"], amountMinor: 1250 }, now: minutes(2), unlessAdmitted: true };
      expect(await storage.bookings.giveBack(step)).not.toBeNull();
      expect(await storage.tickets.admit(admission(booking.id, s.id, "T6", "x"), asPaid)).toMatchObject({ booking: { seats: ["T5"] }, admission: null });
      expect(await storage.tickets.admit(admission(step.part.id, s.id, "T6", "x"), asPaid)).toMatchObject({ booking: { status: "refunded" }, admission: null });
      expect((await storage.tickets.admit(admission(booking.id, s.id, "T5", "x"), asPaid)).admitted).toBe(true);
      expect(await storage.tickets.admit(admission(randomUUID(), s.id, "T5", "x"), asPaid)).toEqual({ booking: null, holderName: null, admitted: false, admission: null });
      expect(await storage.tickets.admit(admission("not-an-id", s.id, "T5", "x"), asPaid)).toMatchObject({ booking: null, admission: null });
      expect(await storage.tickets.listAdmissionsOf(unpaid.id)).toEqual([]);
      expect((await storage.tickets.listAdmissionsOf(booking.id)).map((x) => x.seat)).toEqual(["T5"]);
    });

    it("lists a show's admissions oldest first, of every booking and of that show only", async () => {
      const [a, b, s, other] = [await user(), await user(), await show(), await show()];
      const first = await paidWith(a.id, s.id, ["T1", "T2"]);
      const second = await paidWith(b.id, s.id, ["T3"]);
      const elsewhere = await paidWith(a.id, other.id, ["T1"]);
      await storage.tickets.admit(admission(second.id, s.id, "T3", "one", minutes(3)), asPaid);
      await storage.tickets.admit(admission(first.id, s.id, "T2", "two", minutes(1)), asPaid);
      await storage.tickets.admit(admission(elsewhere.id, other.id, "T1", "one", minutes(2)), asPaid);
      expect((await storage.tickets.listAdmissionsOfShow(s.id)).map((x) => [x.bookingId, x.seat, x.admittedBy, x.admittedAt.toISOString()])).toEqual([
        [first.id, "T2", "two", minutes(1).toISOString()],
        [second.id, "T3", "one", minutes(3).toISOString()],
      ]);
      expect(await storage.tickets.listAdmissionsOfShow(randomUUID())).toEqual([]);
      expect(await storage.tickets.listAdmissionsOfShow("not-an-id")).toEqual([]);
    });

    it("of 20 concurrent admissions of one ticket exactly one is written, and all answer that one", async () => {
      const [a, s] = [await user(), await show()];
      const booking = await paidWith(a.id, s.id, ["T3"]);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.tickets.admit(admission(booking.id, s.id, "T3", `d${i}`), asPaid)));
      const winners = results.filter((r) => r.admitted);
      expect(winners).toHaveLength(1);
      expect(new Set(results.map((r) => r.admission?.admittedBy))).toEqual(new Set([winners[0]!.admission!.admittedBy]));
    });

    it("a seat admitted at the door stays taken: refunds that spare admitted seats write nothing, forced ones keep its claim", async () => {
      const [a, b, s] = [await user(), await user(), await show()];
      const booking = await paidWith(a.id, s.id, ["W1", "W2", "W3"]);
      expect(await storage.tickets.admittedSeatsOf(booking.id)).toEqual([]);
      await storage.tickets.admit(admission(booking.id, s.id, "W1", "x", minutes(2)), asPaid);
      expect(await storage.tickets.admittedSeatsOf(booking.id)).toEqual(["W1"]);
      const refund = { bookingId: booking.id, from: ["paid"] as const, paymentRef: "p", now: minutes(3) };
      expect(await storage.bookings.oweRefund({ ...refund, unlessAdmitted: true })).toBeNull();
      const part = (seats: string[]) => ({ id: randomUUID(), seats, amountMinor: 1250 * seats.length, note: "let in, refunded anyway" });
      const give = (seats: string[], unlessAdmitted: boolean) =>
        storage.bookings.giveBack({ bookingId: booking.id, seen: ["W1", "W2", "W3"], keep: ["W1", "W2", "W3"].filter((x) => !seats.includes(x)), keepAmountMinor: 1250 * (3 - seats.length), part: part(seats), now: minutes(3), unlessAdmitted });
      expect(await give(["W1"], true)).toBeNull();
      expect(await storage.bookings.get(booking.id)).toMatchObject({ status: "paid", seats: ["W1", "W2", "W3"] });
      // A seat not admitted may go back while another of the booking was let in.
      const given = await give(["W3"], true);
      expect(given?.part).toMatchObject({ status: "refunded", seats: ["W3"] });
      // Forced: the money goes back with the reason kept, but the admitted seat is never free again.
      const forced = await storage.bookings.giveBack({ bookingId: booking.id, seen: ["W1", "W2"], keep: ["W2"], keepAmountMinor: 1250, part: part(["W1"]), now: minutes(4), unlessAdmitted: false });
      expect(forced?.part).toMatchObject({ status: "refunded", seats: ["W1"], refundNote: "let in, refunded anyway" });
      expect((await storage.bookings.occupiedSeats(s.id, minutes(5))).sort()).toEqual(["W1", "W2"]);
      expect(await hold(b.id, s.id, ["W1"], minutes(5))).toMatchObject({ ok: false, reason: "seats_taken", takenSeats: ["W1"] });
      expect(await storage.bookings.blockSeats({ showId: s.id, seats: ["W1"], now: minutes(5) })).toEqual({ ok: false, takenSeats: ["W1"] });
      expect(await storage.bookings.unblockSeats({ showId: s.id, seats: ["W1"] })).toBe(0);
      await storage.tickets.admit(admission(booking.id, s.id, "W2", "x", minutes(5)), asPaid);
      const all = await storage.bookings.oweRefund({ ...refund, now: minutes(6), unlessAdmitted: false, note: "show stopped" });
      expect(all).toMatchObject({ status: "refunded", refundNote: "show stopped" });
      expect((await storage.bookings.occupiedSeats(s.id, minutes(6))).sort()).toEqual(["W1", "W2"]);
      expect(await hold(b.id, s.id, ["W2"], minutes(6))).toMatchObject({ ok: false, reason: "seats_taken" });
      expect(await hold(b.id, s.id, ["W3"], minutes(6))).toMatchObject({ ok: true });
    });

    it("an admission racing a refund that spares admitted seats: never both", async () => {
      const [a, s] = [await user(), await show()];
      for (let i = 0; i < 8; i++) {
        const booking = await paidWith(a.id, s.id, [`X${i}`]);
        const [admitted, refunded] = await Promise.all([
          storage.tickets.admit(admission(booking.id, s.id, `X${i}`, "x", minutes(2)), asPaid),
          storage.bookings.oweRefund({ bookingId: booking.id, from: ["paid"], paymentRef: "p", now: minutes(2), unlessAdmitted: true }),
        ]);
        expect(admitted.admitted !== (refunded !== null)).toBe(true);
        expect((await storage.bookings.get(booking.id))?.status).toBe(refunded ? "refunded" : "paid");
      }
    });

    it("counts admissions per show; a show with none is absent", async () => {
      const [a, s1, s2, s3] = [await user(), await show(), await show(), await show()];
      const b1 = await paidWith(a.id, s1.id, ["U1", "U2"]);
      const b2 = await paidWith(a.id, s2.id, ["U1"]);
      await storage.tickets.admit(admission(b1.id, s1.id, "U1", "x"), asPaid);
      await storage.tickets.admit(admission(b1.id, s1.id, "U2", "x"), asPaid);
      await storage.tickets.admit(admission(b1.id, s1.id, "U2", "y"), asPaid);
      await storage.tickets.admit(admission(b2.id, s2.id, "U1", "x"), asPaid);
      const counts = await storage.tickets.countAdmitted([s1.id, s2.id, s3.id]);
      expect([...counts].sort()).toEqual([[s1.id, 2], [s2.id, 1]].sort());
      expect((await storage.tickets.countAdmitted([])).size).toBe(0);
    });

    it("finds bookings by a range of ids, in id order, at most the limit", async () => {
      const [a, s] = [await user(), await show()];
      const seats = ["V1", "V2", "V3", "V4"];
      const ids = ["5a5a5a5a-0000", "5a5a5a5a-0001", "5a5a5a5a-00ff", "5a5a5a5b-0000"].map((p) => `${p}-4000-8000-000000000000`);
      for (const [i, id] of ids.entries()) {
        const result = await storage.bookings.hold(
          { id, userId: a.id, showId: s.id, seats: [seats[i]!], amountMinor: 1250, currency: "usd", holdExpiresAt: minutes(10), now: t0 },
          roomy,
        );
        expect(result.ok).toBe(true);
      }
      const found = await storage.tickets.findBookingsInIdRange("5a5a5a5a-0000-0000-0000-000000000000", "5a5a5a5a-00ff-ffff-ffff-ffffffffffff", 10);
      expect(found.map((b) => b.id)).toEqual(ids.slice(0, 3));
      expect(found[0]).toMatchObject({ userId: a.id, showId: s.id, seats: ["V1"], status: "held" });
      expect((await storage.tickets.findBookingsInIdRange("5a5a5a5a-0000-0000-0000-000000000000", "5a5a5a5a-ffff-ffff-ffff-ffffffffffff", 2)).map((b) => b.id)).toEqual(ids.slice(0, 2));
      expect(await storage.tickets.findBookingsInIdRange("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001", 10)).toEqual([]);
    });

    it("secrets: the first value stored under a name is kept and answered to every later caller", async () => {
      const name = `test-${randomUUID()}`;
      const answers = await Promise.all(["one", "two", "three"].map((v) => storage.secrets.keepFirst(name, v)));
      expect(new Set(answers).size).toBe(1);
      expect(await storage.secrets.keepFirst(name, "four")).toBe(answers[0]);
      expect(await storage.secrets.keepFirst(`${name}-other`, "five")).toBe("five");
    });
  });

  it("users: search by part of a name or email (any case, literally), and list by role", async () => {
    const tag = randomUUID().slice(0, 8);
    const ann = await storage.users.create({ id: randomUUID(), name: `Ann ${tag}_X`, email: `ann.${tag}@example.test`, image: "", role: "user", newShowEmails: false, passwordHash: null });
    const bob = await storage.users.create({ id: randomUUID(), name: "Bob", email: `bob.${tag}@example.test`, image: "", role: "staff", newShowEmails: false, passwordHash: null });
    expect((await storage.users.listMatching(tag.toUpperCase(), 10)).map((u) => u.id)).toEqual([ann.id, bob.id]);
    expect((await storage.users.listMatching(`${tag}_x`, 10)).map((u) => u.id)).toEqual([ann.id]);
    expect(await storage.users.listMatching(`${tag}%`, 10)).toEqual([]);
    expect((await storage.users.listMatching(tag, 1)).map((u) => u.id)).toEqual([ann.id]);
    expect((await storage.users.listByRole("staff", 100)).map((u) => u.id)).toContain(bob.id);
    expect((await storage.users.listByRole("staff", 100)).map((u) => u.id)).not.toContain(ann.id);
  });
});
