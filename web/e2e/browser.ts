import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { screenshotDir } from "./paths.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface ContextOptions {
  baseURL: string;
  /** A bearer token to start signed in (put in localStorage before any page script runs). */
  token?: string;
  viewport?: { width: number; height: number };
}

export async function newContext(browser: Browser, opts: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: opts.baseURL,
    viewport: opts.viewport ?? { width: 1280, height: 860 },
    locale: "en-US",
    timezoneId: "UTC",
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(20_000);
  if (opts.token) {
    await context.addInitScript((token: string) => {
      if (!localStorage.getItem("quickshow.token")) localStorage.setItem("quickshow.token", token);
    }, opts.token);
  }
  return context;
}

/** Collects console errors and failed same-origin requests, for assertions and failure messages. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

/** Registers a user through the API and returns its token. */
export async function registerViaApi(baseURL: string, user: { name: string; email: string; password: string }): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...user, newShowEmails: false }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 201 || !body.token) throw new Error(`register ${user.email}: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

export async function getJson<T>(baseURL: string, path: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseURL}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

/** Scrolls through the page so lazy images load, then waits for them to finish (or fail). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight * 0.8);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
  await page
    .waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** The document's width and the viewport's, to tell whether the page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** Whether the page fits its viewport's width (no sideways scrolling); poll it while the layout settles. */
export async function fitsWidth(page: Page): Promise<boolean> {
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  return scrollWidth <= clientWidth;
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.test`;
}

export interface PlainShow {
  movieId: string;
  /** The show's local date, as the seat map's path has it. */
  date: string;
  showId: string;
  time: string;
}

/**
 * Upcoming shows on the default screen (rows A–J of nine seats), soonest first. The demo also
 * plays on screens of other shapes; tests that name seats such as "J8" book on these.
 */
export async function plainShows(baseURL: string): Promise<PlainShow[]> {
  const all = await getJson<{ shows: { _id: string }[] }>(baseURL, "/api/show/all");
  const found: PlainShow[] = [];
  for (const movie of all.body.shows) {
    const detail = await getJson<{ dateTime: Record<string, { showId: string; time: string; screen: { _id: string } | null }[]> }>(baseURL, `/api/show/${movie._id}`);
    for (const [date, times] of Object.entries(detail.body.dateTime)) {
      for (const t of times) if (t.screen === null || t.screen._id === "screen-1") found.push({ movieId: movie._id, date, showId: t.showId, time: t.time });
    }
  }
  return found.sort((a, b) => a.time.localeCompare(b.time));
}

/** The accessible name the seat map gives a seat ("Row A, seat 7, available"). */
export const seatLabel = (seatId: string, state: string) => {
  const [, row, number] = /^([A-Z]+)(\d+)$/.exec(seatId) ?? [];
  return `Row ${row}, seat ${number}, ${state}`;
};
