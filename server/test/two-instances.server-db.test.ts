import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../src/providers/storage/interface.ts";
import { client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { eventually } from "./support/eventually.ts";
import { startServerProcess, type ServerProcess } from "./support/process.ts";
import { openEventStream } from "./support/sse.ts";

let database: TestDatabase;
let storage: Storage;
const servers: ServerProcess[] = [];

/** A real server process on the shared database (PostgreSQL or MongoDB, by TEST_DB). */
const startInstance = () =>
  startServerProcess({
    ...database.env,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "qs-instance-")),
    SEED_DEMO: "false",
    MAX_LIVE_HOLDS_PER_SHOW: "50",
  });

beforeAll(async () => {
  database = await createTestDatabase();
  servers.push(...(await Promise.all([startInstance(), startInstance()])));
  // A third party on the same database: checks go through the storage interface, as any adapter.
  storage = await database.open();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => (s.child.exitCode !== null ? null : s.stop())));
  await storage?.close();
  await database?.drop();
});

/** What the database itself says, below the storage interface: every taken seat has one owner. */
async function checkWithDriver(showId: string, heldSeats: string[], bookingIds: string[]) {
  if (testDb === "postgres") {
    const db = new pg.Client({ connectionString: database.url! });
    await db.connect();
    try {
      const claims = await db.query("select seat, booking_id from seat_claims where show_id = $1", [showId]);
      expect(claims.rows.map((r: { seat: string }) => r.seat).sort()).toEqual([...heldSeats].sort());
      // The primary key refuses a second owner, whatever the application does.
      await expect(
        db.query("insert into seat_claims (show_id, seat, booking_id) values ($1, $2, $3)", [showId, claims.rows[0].seat, bookingIds[0]]),
      ).rejects.toMatchObject({ code: "23505" });
    } finally {
      await db.end();
    }
  } else if (testDb === "mongo") {
    const { default: mongoose } = await import("mongoose");
    const connection = await mongoose.createConnection(database.url!, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    try {
      const show = await connection.db!.collection<{ _id: string; occupiedSeats: Record<string, { booking: string }> }>("shows").findOne({ _id: showId });
      const owners = Object.entries(show!.occupiedSeats);
      expect(owners.map(([seat]) => seat).sort()).toEqual([...heldSeats].sort());
      // Each seat's one owner in the show document is a winning booking that lists the seat.
      const bookings = await connection.db!.collection<{ _id: string; bookedSeats: string[] }>("bookings").find({ show: showId, status: "held" }).toArray();
      const seatsOf = new Map(bookings.map((b) => [b._id, b.bookedSeats]));
      for (const [seat, claim] of owners) expect(seatsOf.get(claim.booking)).toContain(seat);
    } finally {
      await connection.close();
    }
  }
}

describe(`two server processes on one ${testDb} database`, () => {
  it("never sell a seat twice across instances (150 racing buyers)", async () => {
    const [a, b] = servers.map((s) => client(s.url));
    const admin = await a!.register("admin@example.test");
    const buyers = await Promise.all(Array.from({ length: 15 }, (_, i) => (i % 2 ? a! : b!).register(`racer${i}@example.test`)));
    const [showId] = await addShows(b!, admin, { slots: [localSlot(new Date(), 1, "20:00")] });

    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: 150 }, (_, i) => {
        const api = i % 2 ? a! : b!;
        const first = (i % 8) + 1;
        return api.post("/api/booking/create", { showId, selectedSeats: [`C${first}`, `C${first + 1}`] }, buyers[i % buyers.length]);
      }),
    );
    const ms = performance.now() - started;
    const won = replies.filter((r) => r.status === 201);
    expect(replies.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(won.length).toBeGreaterThanOrEqual(3);

    const held = await storage.bookings.listForShow(showId!, ["held"]);
    const heldSeats = held.flatMap((x) => x.seats);
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    expect(held.map((x) => x.id).sort()).toEqual(won.map((r) => r.body.bookingId as string).sort());
    expect((await storage.bookings.occupiedSeats(showId!, new Date())).sort()).toEqual([...heldSeats].sort());
    await checkWithDriver(showId!, heldSeats, held.map((x) => x.id));
    console.log(`[${testDb}, 2 processes] 150 racing requests in ${ms.toFixed(0)} ms: ${won.length} won, ${150 - won.length} got 409, ${heldSeats.length} seats held once each`);

    // A third writer on the same database cannot take a held seat either.
    const user = await storage.users.create({ id: randomUUID(), name: "Third", email: "third@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
    const now = new Date();
    const third = await storage.bookings.hold({
      id: randomUUID(),
      userId: user.id,
      showId: showId!,
      seats: [heldSeats[0]!],
      amountMinor: 1250,
      currency: "usd",
      holdExpiresAt: new Date(now.getTime() + 60_000),
      now,
    }, { holdsPerShow: 2, seatsAcrossShows: 20 });
    expect(third).toEqual({ ok: false, reason: "seats_taken", takenSeats: [heldSeats[0]] });
  });

  // 2,000 requests: on the MongoDB test server, which serialises every command, this takes ~50 s.
  it("200 concurrent buyers split over both processes, 10 rounds: zero double-sold seats", async () => {
    const [a, b] = servers.map((s) => client(s.url));
    const admin = (await a!.post("/api/auth/login", { email: "admin@example.test", password: "correct horse battery" })).body.token as string;
    const buyers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).register(`rounds${i}@example.test`)));
    const slots = Array.from({ length: 10 }, (_, round) => localSlot(new Date(), 2, `${String(10 + round).padStart(2, "0")}:00`));
    const showIds = await addShows(a!, admin, { slots });
    const pool = ["D", "E", "F"].flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`)); // 27 seats
    let totalWon = 0;
    const started = performance.now();
    for (const showId of showIds) {
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const first = (i * 7) % pool.length;
          const seats = i % 3 === 0 ? [pool[first]!] : [pool[first]!, pool[(first + 1) % pool.length]!];
          return (i % 2 ? a! : b!).post("/api/booking/create", { showId, selectedSeats: seats }, buyers[i % buyers.length]);
        }),
      );
      expect(replies.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
      const won = replies.filter((r) => r.status === 201);
      totalWon += won.length;
      const live = await storage.bookings.listForShow(showId, ["held"]);
      const seats = live.flatMap((x) => x.seats);
      expect(new Set(seats).size).toBe(seats.length);
      expect(live.map((x) => x.id).sort()).toEqual(won.map((r) => r.body.bookingId as string).sort());
      expect((await storage.bookings.occupiedSeats(showId, new Date())).sort()).toEqual([...seats].sort());
    }
    console.log(`[${testDb}, 2 processes] 10 rounds × 200 buyers in ${(performance.now() - started).toFixed(0)} ms: ${totalWon} bookings won, 0 seats sold twice`);
  }, 180_000);

  it("deliver a hold made on one instance to the other's seat stream, and drop the other's cached seat map", async () => {
    const [a, b] = servers.map((s) => client(s.url));
    const admin = (await a!.post("/api/auth/login", { email: "admin@example.test", password: "correct horse battery" })).body.token as string;
    const buyer = await a!.register("live@example.test");
    const [showId] = await addShows(a!, admin, { slots: [localSlot(new Date(), 3, "21:00")] });
    const seats = await openEventStream(`${servers[1]!.url}/api/booking/seats/${showId}/stream`);
    try {
      await seats.waitFor(() => expect(seats.seats()).toEqual([[]]));
      // B now holds an answer in its read cache, good for a second unless something drops it.
      expect((await b!.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual([]);

      expect((await a!.post("/api/booking/create", { showId, selectedSeats: ["G4", "G5"] }, buyer)).status).toBe(201);
      await seats.waitFor(() => expect([...(seats.seats().at(-1) ?? [])].sort()).toEqual(["G4", "G5"]));
      expect((await b!.get(`/api/booking/seats/${showId}`)).body.occupiedSeats.sort()).toEqual(["G4", "G5"]);
    } finally {
      await seats.close();
    }
  });

  it("share sessions: a token from one instance works on the other", async () => {
    const [a, b] = servers.map((s) => client(s.url));
    const token = await a!.register("shared@example.test");
    expect((await b!.get("/api/user/me", token)).status).toBe(200);
  });

  it("end sessions and change roles on every instance within 2 seconds, each instance's user memory dropped by the change bus", async () => {
    const [a, b] = servers.map((s) => client(s.url));
    // The admin of the first test, or a new one when this test runs alone.
    const signedIn = await a!.post("/api/auth/login", { email: "admin@example.test", password: "correct horse battery" });
    const admin = signedIn.status === 200 ? (signedIn.body.token as string) : await a!.register("admin@example.test");
    const door = await a!.register("door@example.test");
    const doorId = (await a!.get("/api/user/me", door)).body.user._id as string;
    // Both instances remember the user now.
    expect((await b!.get("/api/checkin/attendance", door)).status).toBe(403);
    expect((await a!.get("/api/user/me", door)).status).toBe(200);

    expect((await a!.post(`/api/admin/users/${doorId}/role`, { role: "staff" }, admin)).status).toBe(200);
    await eventually(async () => expect((await b!.get("/api/checkin/attendance", door)).status).toBe(200), 2_000);
    expect((await b!.post(`/api/admin/users/${doorId}/role`, { role: "user" }, admin)).status).toBe(200);
    await eventually(async () => expect((await a!.get("/api/checkin/attendance", door)).status).toBe(403), 2_000);

    const elsewhere = await b!.post("/api/auth/login", { email: "door@example.test", password: "correct horse battery" });
    expect((await b!.get("/api/user/me", elsewhere.body.token)).status).toBe(200);
    const changed = await a!.post("/api/auth/change-password", { currentPassword: "correct horse battery", newPassword: "a longer phrase for the door" }, door);
    expect(changed.status).toBe(200);
    await eventually(async () => expect((await b!.get("/api/user/me", elsewhere.body.token)).status).toBe(401), 2_000);
    expect((await b!.get("/api/user/me", changed.body.token)).status).toBe(200);

    expect((await b!.post("/api/auth/sign-out-everywhere", undefined, changed.body.token)).status).toBe(200);
    await eventually(async () => expect((await a!.get("/api/user/me", changed.body.token)).status).toBe(401), 2_000);
  });
});
