import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../clock.ts";
import type { Storage } from "../providers/storage/interface.ts";

export const bookingOutcomes = ["held", "taken", "paid", "refunded", "expired"] as const;
export type BookingOutcome = (typeof bookingOutcomes)[number];

/** What the app reports to whoever operates it; every method is a no-op while metrics are off. */
export interface Metrics {
  /** Null while metrics are off. */
  readonly registry: Registry | null;
  /** One booking reached `outcome` (a hold made, seats found taken, paid, refunded, expired). */
  bookingOutcome(outcome: BookingOutcome): void;
  /** One attempt to hand a message to the mail provider failed. */
  mailFailed(): void;
  /** One HTTP request answered: its route pattern (never the raw path), status and duration. */
  request(labels: { method: string; route: string; status: number }, seconds: number): void;
}

export const noMetrics: Metrics = { registry: null, bookingOutcome() {}, mailFailed() {}, request() {} };

/**
 * A gauge read from the database at each scrape. While the database is down the scrape still
 * answers (the outage is logged once by storage); the gauge then reads NaN rather than a stale value.
 */
function databaseGauge(registry: Registry, name: string, help: string, read: (gauge: Gauge) => Promise<void>, labelNames: string[] = []) {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      try {
        await read(this);
      } catch {
        this.reset();
        if (labelNames.length === 0) this.set(Number.NaN);
      }
    },
  });
}

/** Held bookings are few (a sweep closes lapsed ones within a minute); the scan is capped all the same. */
async function countLiveHolds(storage: Storage, now: Date, pageSize = 500, maxPages = 20) {
  let live = 0;
  let after: { at: Date; id: string } | undefined;
  for (let page = 0; page < maxPages; page++) {
    const held = await storage.bookings.page({ statuses: ["held"], order: "oldest", limit: pageSize, ...(after ? { after } : {}) });
    live += held.filter((booking) => booking.holdExpiresAt !== null && booking.holdExpiresAt > now).length;
    if (held.length < pageSize) break;
    const last = held[held.length - 1]!;
    after = { at: last.createdAt, id: last.id };
  }
  return live;
}

/** The metrics registry of one app: HTTP, bookings, holds, mail, database pool and Node's own (event-loop lag, memory). */
export function createMetrics(storage: Storage, clock: Clock): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({ name: "http_requests_total", help: "HTTP requests answered, by route pattern and status", labelNames: ["method", "route", "status"], registers: [registry] });
  const latency = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const outcomes = new Counter({ name: "quickshow_booking_outcomes_total", help: "Bookings by outcome: held, taken (seats already gone), paid, refunded, expired", labelNames: ["outcome"], registers: [registry] });
  for (const outcome of bookingOutcomes) outcomes.inc({ outcome }, 0);
  const mailFailures = new Counter({ name: "quickshow_mail_delivery_failures_total", help: "Attempts to hand a message to the mail provider that failed (it is retried with backoff)", registers: [registry] });

  databaseGauge(registry, "quickshow_live_holds", "Bookings held for a customer who has not paid yet, whose hold has not lapsed", async (gauge) => {
    gauge.set(await countLiveHolds(storage, clock.now()));
  });
  databaseGauge(
    registry,
    "quickshow_mail_outbox_messages",
    "Messages in the mail outbox: pending (the backlog still to send) and failed (given up after every retry)",
    async (gauge) => {
      const counts = await storage.outbox.counts();
      gauge.set({ status: "pending" }, counts.pending);
      gauge.set({ status: "failed" }, counts.failed);
    },
    ["status"],
  );
  if (storage.poolStats) {
    const poolStats = storage.poolStats.bind(storage);
    new Gauge({ name: "quickshow_db_pool_connections_in_use", help: "Database connections running a query or a transaction", registers: [registry], collect() { this.set(poolStats().inUse); } });
    new Gauge({ name: "quickshow_db_pool_waiting_requests", help: "Queries waiting for a free database connection", registers: [registry], collect() { this.set(poolStats().waiting); } });
  }

  return {
    registry,
    bookingOutcome: (outcome) => outcomes.inc({ outcome }),
    mailFailed: () => mailFailures.inc(),
    request(labels, seconds) {
      const values = { ...labels, status: String(labels.status) };
      requests.inc(values);
      latency.observe(values, seconds);
    },
  };
}
