import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSecret } from "./support/app.ts";
import { client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

const serverEntry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function waitHealthy(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} never became healthy`);
}

let database: TestDatabase;
const children: ChildProcess[] = [];
const urls: string[] = [];

/** A real server process on the shared database. */
async function startInstance() {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", serverEntry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url!,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "qs-instance-")),
      JWT_SECRET: testSecret,
      PASSWORD_HASH_ROUNDS: "4",
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      ADMIN_EMAILS: "admin@example.test",
      AUTH_RATE_LIMIT: "100000",
      BOOKING_RATE_LIMIT: "100000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return url;
}

beforeAll(async () => {
  database = await createTestDatabase();
  urls.push(...(await Promise.all([startInstance(), startInstance()])));
});
afterAll(async () => {
  await Promise.all(
    children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill("SIGTERM"))))),
  );
  await database?.drop();
});

describe(`two server processes on one ${testDb} database`, () => {
  it("never sell a seat twice across instances (150 racing buyers)", async () => {
    const [a, b] = urls.map((u) => client(u!));
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

    const db = new pg.Client({ connectionString: database.url! });
    await db.connect();
    try {
      const claims = await db.query("select seat, booking_id from seat_claims where show_id = $1", [showId]);
      const held = await db.query("select seats from bookings where show_id = $1 and status = 'held'", [showId]);
      const heldSeats = held.rows.flatMap((r: { seats: string[] }) => r.seats);
      expect(new Set(heldSeats).size).toBe(heldSeats.length);
      expect(claims.rows.map((r: { seat: string }) => r.seat).sort()).toEqual([...heldSeats].sort());
      expect(won.length).toBe(held.rows.length);
      console.log(`[${testDb}, 2 processes] 150 racing requests in ${ms.toFixed(0)} ms: ${won.length} won, ${150 - won.length} got 409, ${heldSeats.length} seats held once each`);

      // And the database itself refuses a second owner, whatever the application does.
      await expect(
        db.query("insert into seat_claims (show_id, seat, booking_id) values ($1, $2, $3)", [showId, claims.rows[0].seat, won[0]!.body.bookingId]),
      ).rejects.toMatchObject({ code: "23505" });
    } finally {
      await db.end();
    }
  });

  it("share sessions: a token from one instance works on the other", async () => {
    const [a, b] = urls.map((u) => client(u!));
    const token = await a!.register("shared@example.test");
    expect((await b!.get("/api/user/me", token)).status).toBe(200);
  });
});
