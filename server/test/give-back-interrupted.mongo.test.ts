import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../src/providers/storage/interface.ts";
import { filmToMovie } from "../src/providers/catalog/local/catalog.ts";
import { films } from "../src/providers/catalog/local/films.ts";
import { defaultLayout } from "../src/shows/layout.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";

/**
 * MongoDB has no multi-document transactions here, so a give-back is a conditional update of the
 * booking followed by steps that must be finished after a crash. This test stops it right after
 * the first step, as a killed process would, and lets the start-up repair finish it.
 */
let database: TestDatabase;
let storage: Storage;
const t0 = new Date("2031-07-01T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  storage = await database.open();
  await storage.movies.insertIfAbsent(filmToMovie(films[0]!));
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("a give-back cut short by a crash (mongo)", () => {
  it("is finished by finishInterruptedWrites: the part exists with its refund owed, its seat is free, once", async () => {
    const buyer = await storage.users.create({ id: randomUUID(), name: "B", email: `${randomUUID()}@example.test`, image: "", role: "user", newShowEmails: false, passwordHash: null });
    const [show] = await storage.shows.createMany([{ id: randomUUID(), movieId: String(films[0]!.id), startsAt: new Date("2031-07-02T20:00:00Z"), priceMinor: 1000, layout: defaultLayout }]);
    const held = await storage.bookings.hold(
      { id: randomUUID(), userId: buyer.id, showId: show!.id, seats: ["C1", "C2"], amountMinor: 2000, currency: "usd", holdExpiresAt: new Date(t0.getTime() + 600_000), now: t0 },
      { holdsPerShow: 5, seatsAcrossShows: 50 },
    );
    if (!held.ok) throw new Error("hold refused");
    await storage.bookings.sell({ bookingId: held.booking.id, from: ["held"], paymentRef: "pi_crash", now: t0 });

    // The first step of giveBack, and nothing after it.
    const partId = randomUUID();
    const { default: mongoose } = await import("mongoose");
    const connection = await mongoose.createConnection(database.url!).asPromise();
    try {
      await connection.db!.collection<{ _id: string }>("bookings").updateOne(
        { _id: held.booking.id },
        { $set: { bookedSeats: ["C1"], amountMinor: 1000, amount: 10, givingBack: { id: partId, seats: ["C2"], amountMinor: 1000 } } },
      );
    } finally {
      await connection.close();
    }
    expect(await storage.bookings.get(partId)).toBeNull();
    expect((await storage.bookings.occupiedSeats(show!.id, t0)).sort()).toEqual(["C1", "C2"]);

    expect(await storage.bookings.finishInterruptedWrites(t0)).toBe(1);
    expect(await storage.bookings.get(partId)).toMatchObject({ status: "refunded", seats: ["C2"], amountMinor: 1000, paymentRef: "pi_crash", userId: buyer.id });
    expect(await storage.bookings.occupiedSeats(show!.id, t0)).toEqual(["C1"]);
    expect((await storage.effects.open()).filter((e) => e.bookingId === partId).map((e) => e.kind)).toEqual(["refund.owed"]);

    expect(await storage.bookings.finishInterruptedWrites(t0)).toBe(0);
    expect((await storage.bookings.listForUser(buyer.id)).filter((b) => b.status === "refunded")).toHaveLength(1);
  });
});
