import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { addShows } from "./support/fixtures.ts";
import { startServerProcess } from "./support/process.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "qs-restart-"));
let database: TestDatabase;

const boot = () =>
  startServerProcess({ DATA_DIR: dataDir, THEATER_TIMEZONE: "UTC", ...database.env });

/** The UTC date and time about `minutes` from now, on a five-minute mark. */
function slotAbout(minutes: number) {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000);
  return { date: at.toISOString().slice(0, 10), time: at.toISOString().slice(11, 16) };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe(`restarts (${testDb})`, () => {
  it("seeds a new database once, keeps bookings across a restart, and shuts down cleanly on SIGTERM", async () => {
    const first = await boot();
    const api = client(first.url);
    const seeded = (await api.get("/api/show/all")).body.shows.length;
    expect(seeded).toBeGreaterThan(0);
    const admin = await api.register("admin@example.test");
    // A show an hour from now, whose door (open 90 minutes before the start) admits its tickets after the restart.
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [slotAbout(60)] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A5"] }, admin);
    await api.request("POST", `${created.body.url}/pay`);
    const showTimes = async (base: ReturnType<typeof client>) =>
      Object.values((await base.get("/api/show/962")).body.dateTime as Record<string, unknown[]>).flat().length;
    const timesBefore = await showTimes(api);
    // The ticket signing key was generated on first use and kept in the database.
    const [ticket] = (await api.get(`/api/booking/${created.body.bookingId}/tickets`, admin)).body.tickets;
    const keyBefore = (await api.get("/api/checkin/key")).body.keys;
    // A request in flight when SIGTERM arrives still gets its answer.
    const inFlight = api.get("/api/show/all");
    const exit = first.stop();
    expect((await inFlight).status).toBe(200);
    expect(await exit).toBe(0);

    const second = await boot();
    try {
      const again = client(second.url);
      // No second seeding: the same movies and the same show times as before.
      expect((await again.get("/api/show/all")).body.shows.length).toBe(seeded);
      expect(await showTimes(again)).toBe(timesBefore);
      const mine = await again.get("/api/user/bookings", admin);
      expect(mine.body.bookings.map((b: { _id: string; status: string }) => [b._id, b.status])).toEqual([[created.body.bookingId, "paid"]]);
      expect((await again.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual(["A5"]);
      // Tickets mailed before the restart still open the door: the same key signs and verifies.
      expect((await again.get("/api/checkin/key")).body.keys).toEqual(keyBefore);
      expect((await again.post("/api/checkin", { code: ticket.token, showId }, admin)).status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
