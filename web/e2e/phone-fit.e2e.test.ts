import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { newContext, plainShows, registerViaApi, uniqueEmail } from "./browser.ts";
import { useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

/** Smallest tap area (CSS px) a finger can hit reliably: WCAG 2.5.5's 44 × 44. */
const TOUCH = 44;

interface PageToCheck {
  name: string;
  path: string;
  signedIn: boolean;
  /** Brings the page to the state to check (a dialog opened), once its heading is there. */
  prepare?: (page: Page) => Promise<void>;
}

async function paidBooking(token: string, showId: string, seats: string[]) {
  const create = await fetch(`${site.baseURL}/api/booking/create`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ showId, selectedSeats: seats }),
  });
  const created = (await create.json()) as { bookingId: string; url: string };
  expect(create.status).toBe(201);
  const pay = await fetch(`${site.baseURL}${created.url}/pay`, { method: "POST", redirect: "manual" });
  expect(pay.headers.get("location")).toContain("paid=");
  return created;
}

/**
 * Interactive things smaller than a fingertip: buttons, fields, button-styled links, and check
 * boxes by the label that a tap on it toggles. Links inside running text are exempt, as in WCAG.
 */
function smallTargets(page: Page, minimum: number) {
  return page.evaluate((min) => {
    const found: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>('main button, main select, main input:not([type="hidden"]), main a[class*="btn-"], header button, [role="dialog"] button');
    for (const el of candidates) {
      const target = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? (el.closest("label") ?? el) : el;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
      if (box.width < min || box.height < min) found.push(`${target.tagName.toLowerCase()} "${(target.textContent || target.getAttribute("aria-label") || (el as HTMLInputElement).name || "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return found;
  }, minimum);
}

const widthOf = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

describe("every customer page on a phone", () => {
  test("fits 320 and 390 px without sideways scrolling, and every touch target is at least 44 px", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Pat Phone", email: uniqueEmail("phone"), password: "pat taps the screen" });
    const shows = await plainShows(site.baseURL);
    // The latest show, well before its cancellation cutoff whatever the hour.
    const { movieId, date, showId } = shows.at(-1)!;
    const booked = await paidBooking(token, showId, ["J7", "J8"]);
    const hold = await fetch(`${site.baseURL}/api/booking/create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ showId, selectedSeats: ["H1"] }),
    });
    const checkoutPath = ((await hold.json()) as { url: string }).url;

    const pages: PageToCheck[] = [
      { name: "home", path: "/", signedIn: false },
      { name: "movies", path: "/movies", signedIn: false },
      { name: "movie", path: `/movies/${movieId}`, signedIn: false },
      { name: "seat map", path: `/movies/${movieId}/${date}?show=${showId}`, signedIn: true },
      {
        name: "my bookings, cancel panel open",
        path: "/my-bookings",
        signedIn: true,
        prepare: async (page) => {
          const card = page.locator(`li[data-booking-id="${booked.bookingId}"]`);
          await card.getByRole("button", { name: "Cancel booking" }).click();
          await card.getByRole("group", { name: "Cancel this booking" }).waitFor();
        },
      },
      { name: "tickets", path: `/my-bookings/${booked.bookingId}/tickets`, signedIn: true },
      { name: "favorites", path: "/favorite", signedIn: true },
      { name: "checkout", path: checkoutPath, signedIn: true },
      { name: "sign in", path: "/sign-in", signedIn: false },
      { name: "sign up", path: "/sign-up", signedIn: false },
      { name: "forgot password", path: "/forgot-password", signedIn: false },
      { name: "not found", path: "/no/such/page", signedIn: false },
    ];

    const problems: string[] = [];
    for (const width of [320, 390]) {
      for (const signedIn of [false, true]) {
        const context = await newContext(site.browser, { baseURL: site.baseURL, viewport: { width, height: 760 }, ...(signedIn ? { token } : {}) });
        const page = await context.newPage();
        for (const p of pages.filter((p) => p.signedIn === signedIn)) {
          await page.goto(p.path);
          await page.locator("h1").first().waitFor();
          await p.prepare?.(page);
          // Late content (images, the seat stream's first snapshot) settles the layout.
          await page.waitForTimeout(400);
          const { scrollWidth, innerWidth } = await widthOf(page);
          if (scrollWidth > innerWidth) problems.push(`${width} px, ${p.name}: the page is ${scrollWidth} px wide`);
          for (const small of await smallTargets(page, TOUCH)) problems.push(`${width} px, ${p.name}: ${small}`);
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  });
});
