import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSecret } from "./support/app.ts";
import { client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

const serverEntry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), "qs-restart-"));
let database: TestDatabase;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The real server as `npm start` runs it, on the data folder or database of this test. */
async function boot(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", serverEntry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      JWT_SECRET: testSecret,
      PASSWORD_HASH_ROUNDS: "4",
      LOG_LEVEL: "warn",
      ADMIN_EMAILS: "admin@example.test",
      AUTH_RATE_LIMIT: "100000",
      BOOKING_RATE_LIMIT: "100000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });

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
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [localSlot(new Date(), 3, "19:00")] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A5"] }, admin);
    await api.request("POST", `/checkout/local/${created.body.bookingId}/pay`);
    const showTimes = async (base: ReturnType<typeof client>) =>
      Object.values((await base.get("/api/show/962")).body.dateTime as Record<string, unknown[]>).flat().length;
    const timesBefore = await showTimes(api);
    // A request in flight when SIGTERM arrives still gets its answer.
    const inFlight = api.get("/api/show/all");
    const exit = stop(first.child);
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
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });
});
