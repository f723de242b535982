/**
 * QuickShow benchmark: `npm run bench [-- --db=pglite,postgres --duration=10]`.
 * Prints requests/s, p50/p99 latency, each read endpoint's ratio to an Express "hello" baseline
 * measured in the same run, booking correctness under contention, cold start and memory.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { LocalAuthProvider } from "../server/src/providers/auth/local.ts";
import { openPgliteStorage, openPostgresStorage } from "../server/src/providers/storage/postgres/storage.ts";
import type { Storage } from "../server/src/providers/storage/interface.ts";
import { defaultLayout } from "../server/src/shows/layout.ts";
import { generate } from "./generate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const databases = arg("db", "pglite,postgres").split(",") as ("pglite" | "postgres")[];
const duration = Number(arg("duration", "10"));
const connections = Number(arg("connections", "50"));
const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const secret = randomBytes(32).toString("hex");
let nextPort = 41000 + Math.floor(Math.random() * 1000);

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

async function load(name: string, url: string, options: Partial<autocannon.Options> = {}): Promise<Figure> {
  const result = await autocannon({ url, connections, duration, ...options });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (stat as { count: number }).count;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, statuses };
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

async function prepare(db: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(tmpdir(), "qs-bench-"));
  let url: string | undefined;
  let storage: Storage;
  if (db === "postgres") {
    const name = `qs_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(postgresAdmin);
    u.pathname = `/${name}`;
    url = u.toString();
    storage = await openPostgresStorage(url);
  } else {
    storage = await openPgliteStorage(path.join(dataDir, "pglite"));
  }
  const started = performance.now();
  const data = await generate(storage);
  // A show nobody has booked yet, for the race.
  const raceShow = randomUUID();
  await storage.shows.createMany([
    { id: raceShow, movieId: data.movieIds[0]!, startsAt: new Date(Date.now() + 40 * 24 * 3600_000), priceMinor: 1000, layout: defaultLayout },
  ]);
  const userIds: string[] = [];
  for (let i = 0; i < 500; i++) {
    const id = randomUUID();
    await storage.users.create({ id, name: `Racer ${i}`, email: `racer${i}@example.test`, image: "", role: "user", newShowEmails: false, passwordHash: null });
    userIds.push(id);
  }
  const adminId = randomUUID();
  await storage.users.create({ id: adminId, name: "Admin", email: "admin@example.test", image: "", role: "admin", newShowEmails: false, passwordHash: null });
  const generationSeconds = (performance.now() - started) / 1000;
  await storage.close();
  const auth = new LocalAuthProvider(secret, { tokenTtlHours: 2, hashRounds: 4 });
  const tokens = await Promise.all(userIds.map((id) => auth.issueToken(id)));
  return { dataDir, url, data, raceShow, tokens, adminToken: await auth.issueToken(adminId), generationSeconds };
}

async function benchDatabase(db: "pglite" | "postgres", helloRps: number) {
  const prepared = await prepare(db);
  const port = nextPort++;
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/src/index.ts")], {
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
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const coldStartMs = await waitFor(`${base}/api/show/all`, child, started);
  const rssIdle = rssMb(child.pid!);

  const movieId = prepared.data.movieIds[1]!;
  const showId = prepared.data.showIds[7]!;
  const reads = [
    await load("GET /api/show/all", `${base}/api/show/all`),
    await load("GET /api/show/:movieId", `${base}/api/show/${movieId}`),
    await load("GET /api/booking/seats/:showId", `${base}/api/booking/seats/${showId}`),
  ];

  // 500 buyers at once for 50 seats of one show: exactly 50 may win.
  const seats = defaultLayout.rows.flatMap((r) => Array.from({ length: r.seats }, (_, n) => `${r.row}${n + 1}`)).slice(0, 50);
  const raceStarted = performance.now();
  const race = await Promise.all(
    prepared.tokens.map((token, i) =>
      fetch(`${base}/api/booking/create`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ showId: prepared.raceShow, selectedSeats: [seats[i % seats.length]] }),
      }).then((r) => r.status),
    ),
  );
  const raceMs = performance.now() - raceStarted;
  const raceWon = race.filter((s) => s === 201).length;
  const raceOccupied = ((await (await fetch(`${base}/api/booking/seats/${prepared.raceShow}`)).json()) as { occupiedSeats: string[] }).occupiedSeats;

  // Sustained booking attempts over random shows and seats, from many users.
  let seq = 0;
  const allSeats = defaultLayout.rows.flatMap((r) => Array.from({ length: r.seats }, (_, n) => `${r.row}${n + 1}`));
  const sustained = await load("POST /api/booking/create", `${base}/api/booking/create`, {
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const n = seq++;
          return {
            ...req,
            headers: { "content-type": "application/json", authorization: `Bearer ${prepared.tokens[n % prepared.tokens.length]}` },
            body: JSON.stringify({
              showId: prepared.data.showIds[(n * 7919) % 60]!,
              selectedSeats: [allSeats[(n * 104729) % allSeats.length]],
            }),
          };
        },
      },
    ],
  });
  const rssLoaded = rssMb(child.pid!);

  // Correctness: no seat of any show is in two live (held or paid) bookings.
  const all = (await (await fetch(`${base}/api/admin/all-bookings`, { headers: { authorization: `Bearer ${prepared.adminToken}` } })).json()) as {
    bookings: { show: { _id: string }; bookedSeats: string[]; status: string }[];
  };
  const owners = new Map<string, number>();
  for (const b of all.bookings) {
    if (b.status !== "paid" && b.status !== "held") continue;
    for (const seat of b.bookedSeats) owners.set(`${b.show._id}/${seat}`, (owners.get(`${b.show._id}/${seat}`) ?? 0) + 1);
  }
  const doubleSold = [...owners.values()].filter((n) => n > 1).length;

  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  if (prepared.url) {
    const admin = new pg.Client({ connectionString: postgresAdmin });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(prepared.url).pathname.slice(1)} with (force)`);
    await admin.end();
  }

  return { db, prepared, coldStartMs, rssIdle, rssLoaded, reads, race: { raceMs, raceWon, raceOccupied: raceOccupied.length, attempts: race.length, distinct: new Set(raceOccupied).size }, sustained, doubleSold, liveSeats: owners.size, helloRps };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (f: Figure, hello?: number) =>
  `  ${f.name.padEnd(32)} ${fmt(f.rps).padStart(8)} req/s   p50 ${fmt(f.p50).padStart(3)} ms   p99 ${fmt(f.p99).padStart(3)} ms` +
  (hello ? `   ${fmt(f.rps / hello, 2)}× express` : "") +
  (f.errors ? `   errors ${f.errors}` : "") +
  `   ${JSON.stringify(f.statuses)}`;

console.log(`QuickShow bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, node ${process.version}`);
console.log(`${connections} connections, ${duration} s per endpoint; load generator on the same machine\n`);
const express = await baseline("baseline-express.mjs");
const node = await baseline("baseline-node.mjs");
console.log("Baselines");
console.log(row(node));
console.log(row(express));
for (const db of databases) {
  const r = await benchDatabase(db, express.rps);
  console.log(`\n${db}: ${r.prepared.data.movieIds.length} movies, ${r.prepared.data.showIds.length} shows, ${r.prepared.data.bookings} bookings, ${r.prepared.data.users + 501} users (generated in ${fmt(r.prepared.generationSeconds, 1)} s)`);
  console.log(`  cold start to first 200 of /api/show/all: ${fmt(r.coldStartMs)} ms   RSS idle ${fmt(r.rssIdle)} MB, after load ${fmt(r.rssLoaded)} MB`);
  for (const f of r.reads) console.log(row(f, express.rps));
  console.log(row(r.sustained));
  console.log(`  race: ${r.race.attempts} buyers for 50 seats in ${fmt(r.race.raceMs)} ms (${fmt(r.race.attempts / (r.race.raceMs / 1000))} attempts/s): ${r.race.raceWon} won, ${r.race.raceOccupied} seats occupied, ${r.race.distinct} distinct`);
  console.log(`  correctness: ${r.liveSeats} live seats across all shows, ${r.doubleSold} sold twice`);
}
process.exit(0);
