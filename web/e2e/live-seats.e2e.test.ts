import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getJson, launchBrowser, newContext, registerViaApi, uniqueEmail, seatLabel } from "./browser.ts";
import { startServer, type TestServer } from "./server.ts";

const postgresAdmin = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const database = `qs_e2e_${randomBytes(5).toString("hex")}`;
let instances: TestServer[] = [];
let browser: Browser;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: postgresAdmin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Two server processes on one PostgreSQL database, as behind a load balancer.
beforeAll(async () => {
  await admin(`create database ${database}`);
  const url = new URL(postgresAdmin);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString() };
  // The first one seeds the demo shows; the second joins the same data.
  instances.push(await startServer({ seedDemo: true, env }));
  instances.push(await startServer({ seedDemo: false, env }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(instances.map((i) => i.stop()));
  instances = [];
  await admin(`drop database if exists ${database} with (force)`);
});

async function firstShowPath(baseURL: string) {
  const all = await getJson<{ shows: { _id: string }[] }>(baseURL, "/api/show/all");
  const movieId = all.body.shows[0]!._id;
  const detail = await getJson<{ dateTime: Record<string, { showId: string }[]> }>(baseURL, `/api/show/${movieId}`);
  const date = Object.keys(detail.body.dateTime).sort()[0]!;
  return `/movies/${movieId}/${date}?show=${detail.body.dateTime[date]![0]!.showId}`;
}

const seat = (page: Page, id: string) => page.locator(`[data-seat="${id}"]`);

describe("live seat map across two server instances", () => {
  test("a seat bought on one instance turns taken on the other's open seat map without a reload", async () => {
    const [a, b] = instances.map((i) => i.baseURL) as [string, string];
    const path = await firstShowPath(a);
    const token = await registerViaApi(a, { name: "Bea Buyer", email: uniqueEmail("buyer"), password: "password-buyer" });
    const buyer = await (await newContext(browser, { baseURL: a, token })).newPage();
    const watcher = await (await newContext(browser, { baseURL: b })).newPage();

    await Promise.all([buyer.goto(path), watcher.goto(path)]);
    await expect.poll(() => watcher.getByText("Seats update live").count(), { timeout: 15_000 }).toBe(1);
    const id = (await watcher.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ }).first().getAttribute("data-seat"))!;
    // The watcher has the same seat picked: they must be told when it goes.
    await seat(watcher, id).click();
    expect(await seat(watcher, id).getAttribute("aria-pressed")).toBe("true");
    await watcher.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

    await expect.poll(() => seat(buyer, id).getAttribute("aria-label"), { timeout: 15_000 }).toBe(seatLabel(id, "available"));
    await seat(buyer, id).click();
    await buyer.getByRole("button", { name: /Proceed to checkout/ }).click();
    await buyer.waitForURL(/\/checkout\/local\//);
    await buyer.getByRole("button", { name: /^Pay/ }).click();
    await buyer.waitForURL(/\/my-bookings/);

    // While the stream is live the page does not poll: only a pushed change can turn the seat taken.
    await expect.poll(() => seat(watcher, id).getAttribute("aria-label"), { timeout: 10_000 }).toBe(seatLabel(id, "taken"));
    expect(await seat(watcher, id).isDisabled()).toBe(true);
    expect(await watcher.getByRole("alert").textContent()).toContain(`Seat ${id} was just taken by someone else`);
    expect(await watcher.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await buyer.context().close();
    await watcher.context().close();
  });
});

describe("seat map without the live stream", () => {
  let server: TestServer;
  beforeAll(async () => {
    // A server that refuses every stream, as one at its SEAT_STREAMS_MAX would.
    server = await startServer({ seedDemo: true, env: { SEAT_STREAMS_MAX: "0" } });
  });
  afterAll(() => server?.stop());

  test("falls back to polling and still shows a seat someone else took", async () => {
    const path = await firstShowPath(server.baseURL);
    const page = await (await newContext(browser, { baseURL: server.baseURL })).newPage();
    await page.goto(path);
    await expect.poll(() => page.getByText("Live updates paused; checking seats every few seconds").count(), { timeout: 15_000 }).toBe(1);
    const id = (await page.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ }).first().getAttribute("data-seat"))!;

    const token = await registerViaApi(server.baseURL, { name: "Olly Other", email: uniqueEmail("other"), password: "password-other" });
    const showId = new URL(path, server.baseURL).searchParams.get("show")!;
    const held = await fetch(`${server.baseURL}/api/booking/create`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ showId, selectedSeats: [id] }),
    });
    expect(held.status).toBe(201);
    await expect.poll(() => seat(page, id).getAttribute("aria-label"), { timeout: 15_000 }).toBe(seatLabel(id, "taken"));
    await page.context().close();
  });
});
