import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { seriousViolations, type KnownFinding } from "./axe.ts";
import { newContext, plainShows, registerViaApi, settle, uniqueEmail } from "./browser.ts";
import { ADMIN_EMAIL, useSite } from "./server.ts";

// Every page a customer or an admin opens, checked with axe-core once it has rendered: no serious
// or critical finding (contrast, names, lists, links told apart only by colour…).
const site = useSite({ seedDemo: true });

// Nothing is set aside: a finding the site must live with would be listed here with its reason.
const known: KnownFinding[] = [];

/** Findings by page of the running test; each test ends expecting none (all pages are checked first, to list every finding). */
let findings: Record<string, string[]> = {};

async function expectAccessible(page: Page, path: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(path);
  await ready(page);
  await settle(page);
  const found = await seriousViolations(page, known);
  if (found.length > 0) findings[path] = found.map((f) => `${f.impact} ${f.id}: ${f.help} at ${f.targets.join(" | ")}`);
}

beforeEach(() => {
  findings = {};
});
afterEach(() => {
  expect(findings).toEqual({});
});

const heading = (name: string | RegExp) => (page: Page) => expect.poll(() => page.getByRole("heading", { name }).count()).toBeGreaterThan(0);

/** The first show on the default screen, whose seats the buyer's test names. */
async function firstShow() {
  const { movieId, date, showId } = (await plainShows(site.baseURL))[0]!;
  return { movieId, date, showId };
}

describe("axe-core finds no serious or critical violation", () => {
  test("on the public pages", async () => {
    const { movieId, date, showId } = await firstShow();
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await expectAccessible(page, "/", heading("Now showing"));
    await expectAccessible(page, "/movies", (p) => expect.poll(() => p.locator("article").count()).toBeGreaterThan(0));
    await expectAccessible(page, `/movies/${movieId}`, heading("Choose a date"));
    await expectAccessible(page, `/movies/${movieId}/${date}?show=${showId}`, (p) => expect.poll(() => p.locator("[data-seat]").count()).toBeGreaterThan(0));
    await expectAccessible(page, "/sign-in", heading("Welcome back"));
    await expectAccessible(page, "/sign-up", heading(/account/i));
    await expectAccessible(page, "/forgot-password", heading(/password/i));
    await expectAccessible(page, "/no/such/page", heading("Page not found"));
    await context.close();
  });

  test("on a buyer's pages: seat map with a hold, checkout, my bookings", async () => {
    const { movieId, date, showId } = await firstShow();
    const token = await registerViaApi(site.baseURL, { name: "Axel Access", email: uniqueEmail("axel"), password: "audio description please" });
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    await page.goto(`/movies/${movieId}/${date}?show=${showId}`);
    await page.locator('[data-seat="B2"]').click();
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    const checkout = new URL(page.url()).pathname;
    await expectAccessible(page, checkout, (p) => expect.poll(() => p.getByRole("timer").count()).toBe(1));
    await expectAccessible(page, `/movies/${movieId}/${date}?show=${showId}`, (p) => expect.poll(() => p.getByRole("region", { name: "Your hold" }).count()).toBe(1));
    await page.goto(checkout);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/my-bookings\?paid=/);
    await expectAccessible(page, page.url(), (p) => expect.poll(() => p.getByTestId("paid-confirmation").count()).toBe(1));
    await expectAccessible(page, checkout, (p) => expect.poll(() => p.getByRole("heading", { name: /Already paid/ }).count()).toBe(1));
    await expectAccessible(page, "/favorite", heading(/favorite/i));
    await context.close();
  });

  test("on the admin pages", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Ada Admin", email: ADMIN_EMAIL, password: "admin-password-1 long" });
    const confirm = await fetch(`${site.baseURL}/api/auth/verify-email`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: await mailedLinkToken(site.baseURL, ADMIN_EMAIL, "verify-email") }),
    });
    expect(confirm.status).toBe(200);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    await expectAccessible(page, "/admin", heading("Dashboard"));
    await expectAccessible(page, "/admin/add-shows", heading(/Add shows/i));
    await expectAccessible(page, "/admin/list-shows", heading(/shows/i));
    await expectAccessible(page, "/admin/list-bookings", heading(/bookings/i));
    await context.close();
  });
});
