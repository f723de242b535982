/**
 * Live seat streams across instances: `npm run bench:streams [-- --streams=1000 --sales=5]`.
 * Two server processes on one fresh PostgreSQL database; `--streams` Server-Sent Events streams
 * of one show open on instance B; a buyer takes a seat on instance A, `--sales` times. Prints the
 * delay from sending the booking on A to the seat arriving on each of B's streams (p50, p99, max)
 * and the memory B spends per open stream (its RSS growth divided by the number of streams).
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { client } from "../server/test/support/client.ts";
import { addShows, localSlot } from "../server/test/support/fixtures.ts";
import { startServerProcess } from "../server/test/support/process.ts";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const streamCount = Number(arg("streams", "1000"));
const sales = Number(arg("sales", "5"));
const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Stream {
  /** When each seat was first seen taken on this stream (performance.now()). */
  seenAt: Map<string, number>;
  snapshots: number;
  request: http.ClientRequest;
}

/** One SSE connection of its own (no agent pooling), recording when each seat first shows up. */
function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { seenAt: new Map(), snapshots: 0, request: null! };
    stream.request = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!frame.includes("event: seats") || !data) continue;
          const now = performance.now();
          stream.snapshots++;
          for (const seat of (JSON.parse(data) as { occupiedSeats: string[] }).occupiedSeats) if (!stream.seenAt.has(seat)) stream.seenAt.set(seat, now);
          if (stream.snapshots === 1) resolve(stream);
        }
      });
    });
    stream.request.on("error", reject);
  });
}

async function main() {
  const name = `qs_bench_live_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdmin });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), SEED_DEMO: "false", MAX_LIVE_HOLDS_PER_SHOW: "50", NODE_ENV: "production", LOG_LEVEL: "warn", ALLOW_DEMO_CHECKOUT: "true", REQUIRE_EMAIL_VERIFICATION: "false" };
  const start = () => startServerProcess({ ...env, DATA_DIR: mkdtempSync(path.join(tmpdir(), "qs-bench-live-")) });
  const a = await start();
  const b = await start();
  try {
    const apiA = client(a.url);
    const adminToken = await apiA.register("admin@example.test");
    const [showId] = await addShows(apiA, adminToken, { slots: [localSlot(new Date(), 2, "20:00")] });
    const buyers = await Promise.all(Array.from({ length: sales }, (_, i) => apiA.register(`live-buyer${i}@example.test`)));

    // Warm B's stream path once, then take its resting memory.
    const warm = await openStream(`${b.url}/api/booking/seats/${showId}/stream`);
    warm.request.destroy();
    await sleep(2_000);
    const rssBefore = rssKb(b.child.pid!);

    const opened = performance.now();
    const streams: Stream[] = [];
    // Opened in batches of 100, as clients arriving, not one SYN flood.
    for (let i = 0; i < streamCount; i += 100) {
      streams.push(...(await Promise.all(Array.from({ length: Math.min(100, streamCount - i) }, () => openStream(`${b.url}/api/booking/seats/${showId}/stream`)))));
    }
    const openMs = performance.now() - opened;
    await sleep(2_000);
    const rssOpen = rssKb(b.child.pid!);

    const delays: number[] = [];
    let missing = 0;
    const bookingMs: number[] = [];
    for (let sale = 0; sale < sales; sale++) {
      const seat = `H${sale + 1}`;
      const sent = performance.now();
      const reply = await apiA.post("/api/booking/create", { showId, selectedSeats: [seat] }, buyers[sale]);
      bookingMs.push(performance.now() - sent);
      if (reply.status !== 201) throw new Error(`booking ${seat} answered ${reply.status}`);
      // Paying makes it a sale; the seat was already taken from the hold on, which is what streams show.
      await apiA.request("POST", `${reply.body.url}/pay`);
      const deadline = performance.now() + 10_000;
      while (streams.some((s) => !s.seenAt.has(seat)) && performance.now() < deadline) await sleep(20);
      for (const s of streams) {
        const at = s.seenAt.get(seat);
        if (at === undefined) missing++;
        else delays.push(at - sent);
      }
      await sleep(500);
    }
    delays.sort((x, y) => x - y);
    bookingMs.sort((x, y) => x - y);
    const perStreamKb = (rssOpen - rssBefore) / streamCount;

    console.log(`\nLive seat streams: 2 server processes on one PostgreSQL database (LISTEN/NOTIFY bus)`);
    console.log(`  ${streamCount} streams of one show open on instance B in ${openMs.toFixed(0)} ms`);
    console.log(`  ${sales} seats taken on instance A (booking answered in p50 ${percentile(bookingMs, 50).toFixed(0)} ms)`);
    console.log(`  delivery delay, booking sent on A → seat on B's streams: ${delays.length} deliveries, ${missing} missing after 10 s`);
    console.log(`    p50 ${percentile(delays, 50).toFixed(0)} ms   p99 ${percentile(delays, 99).toFixed(0)} ms   max ${delays.at(-1)?.toFixed(0)} ms   (target p99 ≤ 1000 ms)`);
    console.log(`  memory of instance B: RSS ${(rssBefore / 1024).toFixed(0)} MB before, ${(rssOpen / 1024).toFixed(0)} MB with the streams open: ${perStreamKb.toFixed(1)} KB per open stream`);
    for (const s of streams) s.request.destroy();
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
