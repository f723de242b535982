import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, type Client } from "./support/client.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { startFreezableProxy, type FreezableProxy } from "./support/freezable-proxy.ts";
import { startServerProcess, type ServerProcess } from "./support/process.ts";

let database: TestDatabase;
let proxy: FreezableProxy;
let server: ServerProcess;
let api: Client;
let user: string;
let showId: string;

/** The database's URL with its address replaced by the proxy's. */
function throughProxy(url: string, port: number) {
  return url.replace(/^([a-z+]+:\/\/(?:[^@/]*@)?)[^/:]+:\d+/, `$1127.0.0.1:${port}`);
}

const logLines = () =>
  server
    .logs()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string } & Record<string, unknown>);

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url!);
  proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port) });
  const [name, url] = Object.entries(database.env)[0]!;
  server = await startServerProcess({
    [name]: throughProxy(url, proxy.port),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "qs-outage-")),
    SEED_DEMO: "false",
    JOBS_ENABLED: "false",
    LOG_LEVEL: "info",
    DATABASE_CONNECT_TIMEOUT_MS: "1000",
    DATABASE_STATEMENT_TIMEOUT_MS: "1000",
    HEALTH_TIMEOUT_MS: "500",
  });
  api = client(server.url);
  const admin = await api.register("admin@example.test");
  user = await api.register("olive@example.test");
  [showId] = (await addShows(api, admin, { slots: [localSlot(new Date(), 2, "20:00")] })) as [string];
});
afterAll(async () => {
  proxy?.thaw();
  await server?.stop();
  await proxy?.close();
  await database?.drop();
});

/** Requests that each need the database, through different stores and routes. */
const requests = (round: number) => ({
  health: () => api.get("/api/health"),
  myBookings: () => api.get("/api/user/bookings", user),
  book: () => api.post("/api/booking/create", { showId, selectedSeats: [`B${round}`] }, user),
  signIn: () => api.post("/api/auth/login", { email: "olive@example.test", password: "correct horse battery" }),
  signUp: () => api.post("/api/auth/register", { name: "Frozen", email: `frozen${round}@example.test`, password: "a secret phrase 42" }),
  showTimes: () => api.get(`/api/show/detail/${showId}`),
});

describe(`a frozen database (${testDb})`, () => {
  it("answers every route 503 unavailable within seconds, logs the outage once without SQL or secrets, and recovers", async () => {
    expect((await api.get("/api/health")).status).toBe(200);
    const linesBefore = logLines().length;
    proxy.freeze();

    for (const round of [1, 2]) {
      const started = Date.now();
      const replies = await Promise.all(
        Object.entries(requests(round)).map(async ([name, send]) => {
          const reply = await send();
          return { name, status: reply.status, code: reply.body?.code, seconds: (Date.now() - started) / 1000 };
        }),
      );
      for (const reply of replies) {
        expect(reply, reply.name).toMatchObject({ status: 503, code: "unavailable" });
        // The timeouts are 1 s here; without them a request waits for the operating system (over a minute).
        // The MongoDB driver retries a failed read once (server selection and socket timeout again).
        expect(reply.seconds, reply.name).toBeLessThan(testDb === "mongo" ? 12 : 8);
      }
    }

    const during = logLines().slice(linesBefore);
    const loud = during.filter((line) => line.level >= 40);
    expect(loud.map((line) => line.msg)).toEqual(["database unreachable: answering 503 until it is back"]);
    const text = JSON.stringify(during);
    expect(text).not.toMatch(/\$2[aby]\$\d\d\$/); // a bcrypt hash
    expect(text).not.toMatch(/frozen\d@example\.test|insert into|select /i);

    proxy.thaw();
    await eventually(async () => expect((await api.get("/api/health")).status).toBe(200), 20_000);
    await eventually(async () => expect((await api.get("/api/user/bookings", user)).status).toBe(200), 20_000);
    expect(logLines().filter((line) => line.msg === "database reachable again")).toHaveLength(1);
    const booked = await api.post("/api/booking/create", { showId, selectedSeats: ["C1"] }, user);
    expect(booked.status).toBe(201);
  }, 120_000);
});
