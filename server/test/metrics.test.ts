import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailProvider } from "../src/providers/mail/interface.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

const token = "metrics-token-for-tests-0123456789";
const refusingMail: MailProvider = {
  kind: "smtp",
  send: async () => {
    throw new Error("451 try again later");
  },
};

/** The value of one sample of the Prometheus text, e.g. `quickshow_booking_outcomes_total{outcome="held"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe(`GET /metrics with METRICS_TOKEN (${testDb})`, () => {
  let app: TestApp;
  let api: Client;
  const scrape = async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN: token }, new Date(), { mail: refusingMail });
    api = client(app.url);
  });
  afterAll(() => app?.close());

  it("refuses a scrape without the bearer token, or with another one", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/# HELP/);
  });

  it("counts requests by route pattern and status with their latency, and booking outcomes", async () => {
    const admin = await api.register("admin@example.test");
    const ann = await api.register("ann@example.test");
    const ben = await api.register("ben@example.test");
    const [showId] = (await addShows(api, admin, { slots: [localSlot(new Date(), 2, "20:00")] })) as [string];
    const paid = await api.post("/api/booking/create", { showId, selectedSeats: ["A1", "A2"] }, ann);
    expect((await api.request("POST", `${paid.body.url}/pay`)).status).toBe(303);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["A2"] }, ben)).status).toBe(409);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["B1", "B2", "B3"] }, ben)).status).toBe(201);
    await api.get(`/api/booking/${paid.body.bookingId}`, ann);

    const text = await scrape();
    expect(sample(text, 'http_requests_total{method="POST",route="/api/booking/create",status="201"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="POST",route="/api/booking/create",status="409"}')).toBe(1);
    // Ids never become labels: the pattern does.
    expect(sample(text, 'http_requests_total{method="GET",route="/api/booking/:bookingId",status="200"}')).toBe(1);
    expect(text).not.toContain(paid.body.bookingId);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/api/booking/create",status="201"}')).toBe(2);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/booking\/create",status="201"\} \d+/);
    expect(sample(text, 'quickshow_booking_outcomes_total{outcome="held"}')).toBe(2);
    expect(sample(text, 'quickshow_booking_outcomes_total{outcome="taken"}')).toBe(1);
    expect(sample(text, 'quickshow_booking_outcomes_total{outcome="paid"}')).toBe(1);
    expect(sample(text, 'quickshow_booking_outcomes_total{outcome="expired"}')).toBe(0);
    expect(sample(text, "quickshow_live_holds")).toBe(1);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    if (testDb === "pglite") expect(text).not.toContain("quickshow_db_pool");
    else {
      expect(sample(text, "quickshow_db_pool_connections_in_use")).toBeGreaterThanOrEqual(0);
      expect(sample(text, "quickshow_db_pool_waiting_requests")).toBeGreaterThanOrEqual(0);
    }
  });

  it("reports the mail backlog and failed deliveries", async () => {
    // Every sign-up queues a welcome mail, which the refusing provider never takes.
    await eventually(async () => expect(sample(await scrape(), "quickshow_mail_delivery_failures_total")).toBeGreaterThanOrEqual(3));
    const text = await scrape();
    expect(sample(text, 'quickshow_mail_outbox_messages{status="pending"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'quickshow_mail_outbox_messages{status="failed"}')).toBe(0);
  });
});

describe(`metrics elsewhere (${testDb})`, () => {
  it("are off unless enabled", async () => {
    const app = await startTestApp();
    try {
      expect(app.running.metricsUrl).toBeNull();
      expect(await (await fetch(`${app.url}/metrics`)).text()).not.toMatch(/# HELP|http_requests_total/);
    } finally {
      await app.close();
    }
  });

  it("are served on their own port with METRICS_PORT, and not on the public one", async () => {
    const app = await startTestApp({ METRICS_PORT: "0" });
    try {
      await fetch(`${app.url}/api/show/all`);
      expect(app.running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const internal = await fetch(app.running.metricsUrl!);
      expect(internal.status).toBe(200);
      expect(sample(await internal.text(), 'http_requests_total{method="GET",route="/api/show/all",status="200"}')).toBe(1);
      expect(await (await fetch(`${app.url}/metrics`)).text()).not.toMatch(/# HELP/);
    } finally {
      await app.close();
    }
  });
});
