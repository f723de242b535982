/**
 * QuickShow benchmark: `npm run bench [-- --db=pglite,postgres --duration=10 --scale=10]`.
 * Runs the compiled server (as `npm start` does) and prints requests/s, p50/p99 latency, each read
 * endpoint's ratio to an Express "hello" baseline measured in the same run, booking correctness
 * under contention, cold start and memory. With --scale=N a second server runs on N times as much
 * data (bench/generate.ts); each load runs on one server and then the other, and every figure is
 * printed at 1× and N× with their ratio.
 */
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { and, eq, gt, or, sql } from "drizzle-orm";
import pg from "pg";
import { LocalAuthProvider } from "../server/src/providers/auth/local.ts";
import type { Db } from "../server/src/providers/storage/postgres/db.ts";
import * as schema from "../server/src/providers/storage/postgres/schema.ts";
import { openPgliteStorage, openPostgresStorage } from "../server/src/providers/storage/postgres/storage.ts";
import { defaultLayout, seatsOf } from "../server/src/shows/layout.ts";
import { generate, insertMovies, sizeAt, type Generated } from "./generate.ts";
import { exportPKCS8, generateKeyPair } from "jose";
import { loadTicketKeys } from "../server/src/tickets/signing.ts";

type Database = "pglite" | "postgres";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const databases = arg("db", "pglite,postgres").split(",") as Database[];
const duration = Number(arg("duration", "10"));
const connections = Number(arg("connections", "50"));
const scale = Number(arg("scale", "1"));
const adminConnections = 5;
// --only=reads,race,bookings,checkin runs some of the loads (all by default); --cpu-prof writes the server's CPU profiles to bench/profiles.
const only = new Set(arg("only", "reads,race,bookings,checkin").split(","));
const cpuProfile = process.argv.includes("--cpu-prof");
const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const secret = randomBytes(32).toString("hex");
// The server signs tickets with this key (TICKET_SIGNING_KEY) and the bench signs the scanners' codes with it.
const ticketKeyPem = await exportPKCS8((await generateKeyPair("Ed25519", { extractable: true })).privateKey);
const ticketKeys = await loadTicketKeys(ticketKeyPem, { keepFirst: async () => ticketKeyPem });
let nextPort = 41000 + Math.floor(Math.random() * 1000);

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

/** CPU time the process has used (user + system), which the other work on a shared machine inflates far less than wall time. */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

async function load(name: string, url: string, options: Partial<autocannon.Options> = {}): Promise<Figure> {
  const result = await autocannon({ url, connections, duration, ...options });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (stat as { count: number }).count;
  // With no answer inside the duration autocannon reports 0 ms latencies; they are unknown, not fast.
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0) > 0;
  const latency = (ms: number) => (answered ? ms : Number.NaN);
  return { name, rps: result.requests.average, p50: latency(result.latency.p50), p99: latency(result.latency.p99), errors: result.errors + result.timeouts, statuses };
}

async function waitFor(url: string, child: ChildProcess, started = performance.now()) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function baseline(script: string): Promise<Figure> {
  const port = nextPort++;
  const child = fork(path.join(root, "bench", script), { env: { ...process.env, PORT: String(port) }, stdio: "inherit" });
  await waitFor(`http://127.0.0.1:${port}/hello`, child);
  const figure = await load(script.replace(/^baseline-|\.mjs$/g, ""), `http://127.0.0.1:${port}/hello`);
  child.kill("SIGTERM");
  return figure;
}

/** A drizzle handle on the bench database without the server's storage layer, for bulk writes and checks. */
async function openDb(db: Database, location: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (db === "postgres") {
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new pg.Pool({ connectionString: location, max: 2 });
    return { db: drizzle(pool, { schema }) as unknown as Db, close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(location);
  await client.waitReady;
  return { db: drizzle(client, { schema }) as unknown as Db, close: () => client.close() };
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: postgresAdmin });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

async function prepare(db: Database, atScale: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "qs-bench-"));
  let url: string | undefined;
  if (db === "postgres") {
    const name = `qs_bench_${randomBytes(4).toString("hex")}`;
    await adminQuery(`create database ${name}`);
    const u = new URL(postgresAdmin);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const location = url ?? path.join(dataDir, "pglite");
  const started = performance.now();
  // The storage layer creates the schema (migrations) and the movies; the bulk goes in directly.
  const storage = db === "postgres" ? await openPostgresStorage(url!) : await openPgliteStorage(location);
  const movieIds = await insertMovies(storage, sizeAt(atScale).movies);
  await storage.close();
  const raw = await openDb(db, location);
  const data = await raw.db.transaction((tx) => generate(tx as unknown as Db, movieIds, sizeAt(atScale)));
  // Planner statistics, as a database that grew by use would have; autovacuum would take its time.
  await raw.db.execute(sql`analyze`);
  const tickets = await signedTickets(raw.db);
  await raw.close();
  const generationSeconds = (performance.now() - started) / 1000;
  const auth = new LocalAuthProvider(secret, { tokenTtlHours: 2, hashRounds: 4 });
  // Generated users have never changed a password or signed out everywhere: session version 0.
  const tokens = await Promise.all(data.buyerIds.map((id) => auth.issueToken(id, 0)));
  const adminToken = await auth.issueToken(data.adminId, 0);
  const regularUserToken = await auth.issueToken(data.regularUserId, 0);
  return { dataDir, url, location, data, tokens, adminToken, regularUserToken, generationSeconds, tickets };
}

/** The codes of paid tickets, as the door's scanners will read them, each with its show. */
async function signedTickets(db: Db) {
  const { bookings } = schema;
  const paid = await db.select({ id: bookings.id, showId: bookings.showId, seats: bookings.seats }).from(bookings).where(eq(bookings.status, "paid")).limit(20_000);
  const tickets = paid.flatMap((b) => b.seats.map((seat) => ({ bookingId: b.id, seat, showId: b.showId })));
  return Promise.all(tickets.map(async (t) => ({ code: await ticketKeys.sign(t), showId: t.showId })));
}

/** Seats held (live) or paid by two bookings at once, read from the database after the server stopped. */
async function doubleSold(db: Database, location: string) {
  const raw = await openDb(db, location);
  const { bookings } = schema;
  const live = await raw.db
    .select({ showId: bookings.showId, seats: bookings.seats })
    .from(bookings)
    .where(or(eq(bookings.status, "paid"), and(eq(bookings.status, "held"), gt(bookings.holdExpiresAt, new Date()))));
  await raw.close();
  const owners = new Map<string, number>();
  for (const b of live) for (const seat of b.seats) owners.set(`${b.showId}/${seat}`, (owners.get(`${b.showId}/${seat}`) ?? 0) + 1);
  return { liveSeats: owners.size, soldTwice: [...owners.values()].filter((n) => n > 1).length };
}

const allSeats = seatsOf(defaultLayout);

type Prepared = Awaited<ReturnType<typeof prepare>>;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The compiled server on the prepared database, timed from spawn to its first 200. */
async function startServer(prepared: Prepared) {
  const port = nextPort++;
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const profiling = cpuProfile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, "bench/profiles")}`] : [];
  const child = spawn(process.execPath, [...profiling, "--enable-source-maps", path.join(root, "server/dist/index.js")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: prepared.dataDir,
      ...(prepared.url ? { DATABASE_URL: prepared.url } : {}),
      JWT_SECRET: secret,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT: "1000000",
      BOOKING_RATE_LIMIT: "1000000",
      MAX_LIVE_HOLDS_PER_SHOW: "50",
      // The sustained load spreads attempts over 500 buyers: the caps and confirmation would refuse most of
      // them for reasons other than the seat contention this measures.
      MAX_HELD_SEATS_PER_ACCOUNT: "500",
      REQUIRE_EMAIL_VERIFICATION: "false",
      ALLOW_DEMO_CHECKOUT: "true",
      TICKET_SIGNING_KEY: ticketKeyPem,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const coldStartMs = await waitFor(`${base}/api/show/all`, child, started);
  return { prepared, child, base, coldStartMs, coldStartCpuMs: cpuMs(child.pid!), rssIdle: rssMb(child.pid!) };
}
type Instance = Awaited<ReturnType<typeof startServer>>;

const readLoads = (i: Instance) => {
  const { data } = i.prepared;
  return [
    () => load("GET /api/show/all", `${i.base}/api/show/all`),
    () => load("GET /api/show/:movieId", `${i.base}/api/show/${data.movieIds[1]}`),
    () => load("GET /api/booking/seats/:showId", `${i.base}/api/booking/seats/${data.upcomingShowIds[7]}`),
    // One user's bookings (40 at every scale) and the admin's totals over everyone's, read by a
    // few admins rather than by a crowd.
    () => load("GET /api/user/bookings", `${i.base}/api/user/bookings`, { headers: bearer(i.prepared.regularUserToken) }),
    () =>
      load(`GET /api/admin/dashboard (${adminConnections} conn.)`, `${i.base}/api/admin/dashboard`, {
        headers: bearer(i.prepared.adminToken),
        connections: adminConnections,
      }),
  ];
};

/** 500 buyers at once for 50 seats of a show nobody has booked yet: exactly 50 may win. */
async function race({ base, prepared }: Instance) {
  const seats = allSeats.slice(0, 50);
  const started = performance.now();
  const statuses = await Promise.all(
    prepared.tokens.map((token, i) =>
      fetch(`${base}/api/booking/create`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(token) },
        body: JSON.stringify({ showId: prepared.data.raceShowId, selectedSeats: [seats[i % seats.length]] }),
      }).then((r) => r.status),
    ),
  );
  const raceMs = performance.now() - started;
  const occupied = ((await (await fetch(`${base}/api/booking/seats/${prepared.data.raceShowId}`)).json()) as { occupiedSeats: string[] }).occupiedSeats;
  return { raceMs, raceWon: statuses.filter((s) => s === 201).length, raceOccupied: occupied.length, attempts: statuses.length, distinct: new Set(occupied).size };
}

/** Sustained booking attempts over random seats of 60 upcoming shows, from many users. */
function sustainedBookings({ base, prepared }: Instance) {
  let seq = 0;
  return load("POST /api/booking/create", `${base}/api/booking/create`, {
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const n = seq++;
          return {
            ...req,
            headers: { "content-type": "application/json", ...bearer(prepared.tokens[n % prepared.tokens.length]!) },
            body: JSON.stringify({ showId: prepared.data.upcomingShowIds[(n * 7919) % 60]!, selectedSeats: [allSeats[(n * 104729) % allSeats.length]] }),
          };
        },
      },
    ],
  });
}

/**
 * 50 door scanners at once, each scan a different paid ticket at its show's door (an admission
 * written), each scanner sending its next scan the moment the last is answered; once every ticket
 * was used, scans repeat and answer 409 already_admitted.
 */
function checkIns({ base, prepared }: Instance) {
  let seq = 0;
  return load("POST /api/checkin", `${base}/api/checkin`, {
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const ticket = prepared.tickets[seq++ % prepared.tickets.length]!;
          return {
            ...req,
            headers: { "content-type": "application/json", ...bearer(prepared.adminToken) },
            body: JSON.stringify({ code: ticket.code, showId: ticket.showId, device: `scanner ${seq % connections}` }),
          };
        },
      },
    ],
  });
}

async function stopServer(db: Database, { child, prepared }: Instance) {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  const correctness = await doubleSold(db, prepared.location);
  if (prepared.url) await adminQuery(`drop database if exists ${new URL(prepared.url).pathname.slice(1)} with (force)`);
  rmSync(prepared.dataDir, { recursive: true, force: true });
  return correctness;
}

/**
 * Every scale's data set and server are prepared first; then each load runs on every server in
 * turn, so that the figures compared were taken minutes apart at most, under the same conditions
 * of a machine other work shares.
 */
async function benchDatabase(db: Database, scales: number[]) {
  const prepared: Prepared[] = [];
  for (const atScale of scales) prepared.push(await prepare(db, atScale));
  const instances: Instance[] = [];
  for (const p of prepared) instances.push(await startServer(p));

  const each = async <T>(measure: (i: Instance) => Promise<T>) => {
    const results: T[] = [];
    for (const instance of instances) results.push(await measure(instance));
    return results;
  };
  const skipped = instances.map(() => null);
  const reads: Figure[][] = instances.map(() => []);
  for (const [n] of (only.has("reads") ? readLoads(instances[0]!) : []).entries()) {
    (await each((i) => readLoads(i)[n]!())).forEach((figure, k) => reads[k]!.push(figure));
  }
  const races = only.has("race") ? await each(race) : skipped;
  const sustained = only.has("bookings") ? await each(sustainedBookings) : skipped;
  const doors = only.has("checkin") ? await each(checkIns) : skipped;
  const rssLoaded = instances.map((i) => rssMb(i.child.pid!));
  // The load generator hangs up at the deadline while a server still works on its last
  // requests; stopping the server before they finish would log their failures.
  await new Promise((r) => setTimeout(r, 2_000));

  const results = [];
  for (const [k, instance] of instances.entries()) {
    results.push({
      atScale: scales[k]!,
      data: instance.prepared.data,
      generationSeconds: instance.prepared.generationSeconds,
      coldStartMs: instance.coldStartMs,
      coldStartCpuMs: instance.coldStartCpuMs,
      rssIdle: instance.rssIdle,
      rssLoaded: rssLoaded[k]!,
      reads: reads[k]!,
      race: races[k]!,
      sustained: sustained[k]!,
      checkIn: doors[k]!,
      tickets: instance.prepared.tickets.length,
      ...(await stopServer(db, instance)),
    });
  }
  return results;
}
type Result = Awaited<ReturnType<typeof benchDatabase>>[number];

const fmt = (n: number, digits = 0) =>
  Number.isNaN(n) ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (f: Figure, hello?: number) =>
  `  ${f.name.padEnd(32)} ${fmt(f.rps).padStart(8)} req/s   p50 ${fmt(f.p50).padStart(3)} ms   p99 ${fmt(f.p99).padStart(3)} ms` +
  (hello ? `   ${fmt(f.rps / hello, 2)}× express` : "") +
  (f.errors ? `   errors ${f.errors}` : "") +
  `   ${JSON.stringify(f.statuses)}`;

function printResult(db: Database, r: Result, helloRps: number, expressP99: number) {
  const d = r.data;
  console.log(`\n${db} at ${r.atScale}×: ${d.movieIds.length} movies, ${d.showIds.length} shows (${d.upcomingShowIds.length} upcoming), ${d.bookings} bookings, ${d.users} users (generated in ${fmt(r.generationSeconds, 1)} s)`);
  console.log(`  cold start to first 200 of /api/show/all: ${fmt(r.coldStartMs)} ms (server CPU ${fmt(r.coldStartCpuMs)} ms)   RSS idle ${fmt(r.rssIdle)} MB, after load ${fmt(r.rssLoaded)} MB`);
  for (const f of r.reads) console.log(row(f, helloRps));
  if (r.sustained) console.log(row(r.sustained));
  if (r.checkIn) {
    console.log(row(r.checkIn));
    const checkInTarget = 25;
    console.log(
      `  check-in: ${r.tickets} distinct tickets to scan, p99 ${fmt(r.checkIn.p99)} ms at ${connections} scanners (target ≤ ${checkInTarget} ms on PostgreSQL: ${r.checkIn.p99 <= checkInTarget ? "met" : "missed"}); ` +
        `Express "hello" at as many connections: p99 ${fmt(expressP99)} ms`,
    );
  }
  if (r.race) {
    console.log(`  race: ${r.race.attempts} buyers for 50 seats in ${fmt(r.race.raceMs)} ms (${fmt(r.race.attempts / (r.race.raceMs / 1000))} attempts/s): ${r.race.raceWon} won, ${r.race.raceOccupied} seats occupied, ${r.race.distinct} distinct`);
  }
  console.log(`  correctness: ${r.liveSeats} live seats across all shows, ${r.soldTwice} sold twice`);
}

/** Every figure at both scales, their ratio, and how much worse the larger data set made it. */
function printGrowth(db: Database, small: Result, large: Result) {
  const figures: [string, number, number, "higher" | "lower"][] = [
    ["cold start to first 200 (ms)", small.coldStartMs, large.coldStartMs, "lower"],
    ["server CPU until then (ms)", small.coldStartCpuMs, large.coldStartCpuMs, "lower"],
    ["RSS idle (MB)", small.rssIdle, large.rssIdle, "lower"],
    ["RSS after load (MB)", small.rssLoaded, large.rssLoaded, "lower"],
  ];
  const measured = (r: Result) => [...r.reads, r.sustained, r.checkIn].filter((f): f is Figure => f !== null);
  for (const [i, f] of measured(small).entries()) {
    const g = measured(large)[i]!;
    figures.push([`${f.name} req/s`, f.rps, g.rps, "higher"], [`${f.name} p50 (ms)`, f.p50, g.p50, "lower"], [`${f.name} p99 (ms)`, f.p99, g.p99, "lower"]);
  }
  const attemptsPerSecond = (race: { attempts: number; raceMs: number }) => race.attempts / (race.raceMs / 1000);
  if (small.race && large.race) figures.push(["race attempts/s", attemptsPerSecond(small.race), attemptsPerSecond(large.race), "higher"]);

  console.log(`\n${db}: ${large.atScale}× against 1×`.padEnd(52) + "1×".padStart(10) + `${large.atScale}×`.padStart(10) + "ratio".padStart(8) + "   change");
  for (const [name, a, b, better] of figures) {
    const ratio = a > 0 ? b / a : Number.NaN;
    const worse = better === "higher" ? 1 - ratio : ratio - 1;
    const change = Number.isNaN(ratio)
      ? Number.isNaN(b) && !Number.isNaN(a) ? `no answer within ${duration} s  ← over 20%` : ""
      : `${fmt(Math.abs(worse) * 100)}% ${worse > 0 ? "worse" : "better"}${worse > 0.2 ? "  ← over 20%" : ""}`;
    console.log(`  ${name.padEnd(50)}${fmt(a).padStart(10)}${fmt(b).padStart(10)}${fmt(ratio, 2).padStart(8)}   ${change}`);
  }
}

// The bench measures what production runs: the compiled server, rebuilt when its sources changed.
execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "server", "--if-stale"], { stdio: "inherit" });

console.log(`QuickShow bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, node ${process.version}`);
console.log(`${connections} connections, ${duration} s per endpoint; load generator on the same machine; data at ${scale === 1 ? "1×" : `1× and ${scale}×`}\n`);
const express = await baseline("baseline-express.mjs");
const node = await baseline("baseline-node.mjs");
console.log("Baselines");
console.log(row(node));
console.log(row(express));
for (const db of databases) {
  const [small, large] = await benchDatabase(db, scale === 1 ? [1] : [1, scale]);
  printResult(db, small!, express.rps, express.p99);
  if (!large) continue;
  printResult(db, large, express.rps, express.p99);
  printGrowth(db, small!, large);
}
process.exit(0);
