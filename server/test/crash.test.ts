import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { openPgliteStorage } from "../src/providers/storage/postgres/storage.ts";
import { eventually } from "./support/eventually.ts";
import { startServerProcess } from "./support/process.ts";

let database: TestDatabase;
const dataDir = mkdtempSync(path.join(tmpdir(), "qs-crash-"));
const holdSeconds = 4;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** The database the server processes used: the same server, or the embedded one's files once they are closed. */
const openTheirStorage = () => (database.url ? database.open() : openPgliteStorage(path.join(dataDir, "pglite")));

describe(`kill -9 during a booking rush (${testDb})`, () => {
  it("keeps every paid booking, sends each exactly one confirmation, and frees the holds that lapsed while it was down", async () => {
    const env = {
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      HOLD_MINUTES: String(holdSeconds / 60),
      MAX_LIVE_HOLDS_PER_SHOW: "50",
      ...database.env,
    };
    // The admin confirms the address (ADMIN_EMAILS) on a first run; the run that is killed logs its
    // mail instead of sending it, so no message is caught mid-send by the kill.
    const setup = await startServerProcess(env);
    await client(setup.url).register("admin@example.test");
    expect(await setup.stop()).toBe(0);
    const first = await startServerProcess(env, { mail: "log" });
    const api = client(first.url);
    const admin = (await api.post("/api/auth/login", { email: "admin@example.test", password: "correct horse battery" })).body.token as string;
    const buyers = await Promise.all(Array.from({ length: 8 }, (_, i) => api.register(`rush${i}@example.test`)));
    const [showId] = await addShows(api, admin, { slots: [localSlot(new Date(), 2, "20:00")] });
    const seats = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`));

    // Buyers hold seats and pay for every other booking, until the server dies under them.
    const paid = new Set<string>();
    let next = 0;
    let crashed = false;
    const buyer = async (token: string) => {
      while (!crashed && next < seats.length) {
        const seat = seats[next++]!;
        try {
          const created = await api.post("/api/booking/create", { showId, selectedSeats: [seat] }, token);
          if (created.status !== 201) continue;
          if (next % 2 === 0) {
            const pay = await api.request("POST", `${created.body.url}/pay`);
            if (pay.status === 303 && pay.headers.get("location")?.includes("paid=")) paid.add(created.body.bookingId);
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const rush = Promise.all(buyers.map(buyer));
    // The kill comes once some payments are through, however slow the machine is, and while
    // the rush still has seats left to try.
    await eventually(() => expect(paid.size).toBeGreaterThanOrEqual(3), 60_000);
    expect(next).toBeLessThan(seats.length);
    crashed = true;
    first.child.kill("SIGKILL");
    await rush;

    // Let the unpaid holds lapse while nothing runs, then start again on the same data.
    await new Promise((r) => setTimeout(r, holdSeconds * 1000 + 500));
    const second = await startServerProcess(env, { mail: "log" });
    let paidIds = new Set<string>();
    try {
      const again = client(second.url);
      const occupied = (await again.get(`/api/booking/seats/${showId}`)).body.occupiedSeats as string[];
      const after = (await Promise.all(buyers.map((t) => again.get("/api/user/bookings", t)))).flatMap((r) => r.body.bookings);
      const paidAfter = after.filter((b: { status: string }) => b.status === "paid");
      paidIds = new Set(paidAfter.map((b: { _id: string }) => b._id));
      for (const id of paid) expect(paidIds.has(id), `paid booking ${id} survived`).toBe(true);
      const stillPaid = paidAfter.flatMap((b: { bookedSeats: string[] }) => b.bookedSeats);
      // Only paid seats remain taken: every lapsed hold is free.
      expect(occupied.sort()).toEqual(stillPaid.sort());
      // The restarted runner delivers what the killed one owed (once the dead runner's 30 s lease is
      // over, for what it had started): no confirmation is left pending.
      const adminAgain = (await again.post("/api/auth/login", { email: "admin@example.test", password: "correct horse battery" })).body.token as string;
      await eventually(async () => {
        const open = (await again.get("/api/admin/effects", adminAgain)).body.effects as { bookingId: string; kind: string }[];
        expect(open.filter((e) => e.kind === "booking.paid" && paidIds.has(e.bookingId))).toEqual([]);
      }, 50_000);
      console.log(`[${testDb}] kill -9 after ${next} attempts: ${paid.size} payments confirmed before the crash, all ${paidIds.size} paid bookings intact after restart, ${occupied.length} seats taken`);
    } finally {
      expect(await second.stop()).toBe(0);
    }

    const storage = await openTheirStorage();
    try {
      // One confirmation per paid booking in the outbox: sent, or queued for its next attempt (a mail
      // the killed process had taken to send stays with it until its lease ends, then goes).
      const confirmations = (await storage.outbox.list()).filter((m) => m.kind === "confirmation");
      for (const id of paidIds) {
        const mine = confirmations.filter((m) => m.dedupeKey === `confirmation:${id}`);
        expect(mine.map((m) => m.status === "failed"), `confirmation of ${id}`).toEqual([false]);
      }
      expect(confirmations).toHaveLength(paidIds.size);
    } finally {
      await storage.close();
    }
  }, 180_000);
});
