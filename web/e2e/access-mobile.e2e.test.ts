import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { fitsWidth, getJson, horizontalOverflow, newContext, plainShows, registerViaApi, screenshot, settle, uniqueEmail } from "./browser.ts";
import { useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

const focusedSeat = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seat);

describe("admin access", () => {
  test("a signed-in non-admin opening /admin is sent home with a message", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Nico Normal", email: uniqueEmail("nico"), password: "nico checks the exits" });
    const api = await getJson<{ success: boolean; code: string }>(site.baseURL, "/api/admin/is-admin", token);
    expect(api.status).toBe(403);

    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    await page.goto("/admin");
    await page.waitForURL((u) => u.pathname === "/");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "administrators only" }).count()).toBe(1);
    // The home page has rendered (the alert above); only now is an absent admin link meaningful.
    await expect.poll(() => page.getByRole("link", { name: "Add shows" }).count()).toBe(0);
    await context.close();
  });

  test("a signed-out visitor opening /admin is asked to sign in", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await page.goto("/admin/list-bookings");
    await page.waitForURL(/\/sign-in\?redirect=%2Fadmin/);
    await expect.poll(() => page.getByRole("heading", { name: "Welcome back" }).count()).toBe(1);
    await context.close();
  });

  test("a signed-out visitor who taps the favorite heart is sent to sign in and back", async () => {
    const all = await getJson<{ shows: { _id: string; title: string }[] }>(site.baseURL, "/api/show/all");
    const movie = all.body.shows[0];
    expect(movie).toBeDefined();
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await page.goto(`/movies/${movie?._id}`);
    await page.getByRole("button", { name: `Add ${movie?.title} to favorites` }).click();
    await page.waitForURL(/\/sign-in\?redirect=/);
    expect(new URL(page.url()).searchParams.get("redirect")).toBe(`/movies/${movie?._id}`);
    await context.close();
  });

  test("movie images (posters, backdrops, cast photos) all load on the details page", async () => {
    const all = await getJson<{ shows: { _id: string; casts: { profile_path: string | null }[] }[] }>(site.baseURL, "/api/show/all");
    const movie = all.body.shows.find((m) => m.casts.some((c) => c.profile_path));
    expect(movie).toBeDefined();
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    const broken: string[] = [];
    const loaded: string[] = [];
    page.on("response", (r) => {
      if (!new URL(r.url()).pathname.startsWith("/media/")) return;
      (r.status() >= 400 ? broken : loaded).push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`/movies/${movie?._id}`);
    await expect.poll(() => page.getByRole("heading", { name: "Your favorite cast" }).count()).toBe(1);
    await settle(page);
    await expect.poll(() => loaded.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    await context.close();
  });

  test("unknown pages show the 404 page", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await page.goto("/no/such/page");
    await expect.poll(() => page.getByRole("heading", { name: "Page not found" }).count()).toBe(1);
    await page.goto("/movies/999999999");
    await expect.poll(() => page.getByRole("heading", { name: "Movie not found" }).count()).toBe(1);
    await context.close();
  });
});

describe("a 375-px-wide phone", () => {
  test("renders home and the seat map without horizontal scrolling", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();

    await page.goto("/");
    await expect.poll(() => page.locator("article").count()).toBeGreaterThan(0);
    await screenshot(page, "home-mobile");
    // The hero's title is whole: below the header, inside the screen, not under the buttons.
    const title = await page.locator("#hero-title").boundingBox();
    const header = await page.locator("header").boundingBox();
    const buttons = await page.getByRole("link", { name: /Book tickets/ }).first().boundingBox();
    expect(title && header && buttons).toBeTruthy();
    expect(title!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    expect(title!.x + title!.width).toBeLessThanOrEqual(375);
    expect(title!.y + title!.height).toBeLessThanOrEqual(buttons!.y);
    await expect.poll(() => horizontalOverflow(page)).toEqual({ clientWidth: 375, scrollWidth: 375 });

    // Menu works on the phone.
    await page.getByRole("button", { name: "Open menu" }).click();
    await expect.poll(() => page.getByRole("navigation", { name: "Mobile" }).getByRole("link", { name: "Movies" }).count()).toBe(1);
    await page.getByRole("button", { name: "Close menu" }).click();

    // A show on the default screen, whose seats the steps below name.
    const { movieId, date, showId } = (await plainShows(site.baseURL))[0]!;

    await page.goto(`/movies/${movieId}`);
    await expect.poll(() => page.getByRole("heading", { name: "Choose a date" }).count()).toBe(1);
    await expect.poll(() => fitsWidth(page)).toBe(true);

    await page.goto(`/movies/${movieId}/${date}`);
    await page.getByRole("list", { name: "Available timings" }).locator(`[data-show-id="${showId}"]`).click();
    await expect.poll(() => page.getByRole("button", { name: /^Row A, seat 1, / }).count()).toBe(1);
    // Keyboard: focus a seat and toggle it with the keyboard.
    const a1 = page.getByRole("button", { name: /^Row A, seat 1, / });
    await expect.poll(() => a1.isDisabled()).toBe(false);
    {
      await a1.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => a1.getAttribute("aria-pressed")).toBe("true");
      // Arrow keys move between seats.
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => focusedSeat(page)).toBe("A2");
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => focusedSeat(page)).toBe("B2");
    }
    await screenshot(page, "seat-map-mobile");
    await expect.poll(() => fitsWidth(page)).toBe(true);
    // Issue 12: seats are 44 px touch targets; a row wider than the phone scrolls inside the map's
    // own box (the page itself never scrolls sideways, checked above).
    const seatBox = await page.locator('[data-seat="A1"]').boundingBox();
    expect(seatBox?.width).toBeGreaterThanOrEqual(44);
    expect(seatBox?.height).toBeGreaterThanOrEqual(44);
    // The total / Proceed bar stays in view while the map is read from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(async () => {
      const bar = await page.locator("[data-booking-bar]").boundingBox();
      return bar !== null && bar.y >= 0 && bar.y + bar.height <= 812;
    }).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: /Proceed to checkout/ }).isVisible()).toBe(true);
    await context.close();
  });

  test("stops at the maximum number of seats with a clear message, and brings a signed-out visitor back to those seats after sign-up", async () => {
    const config = await getJson<{ maxSeatsPerBooking: number }>(site.baseURL, "/api/config");
    const max = config.body.maxSeatsPerBooking;
    expect(max).toBeGreaterThan(0);
    const all = await getJson<{ shows: { _id: string }[] }>(site.baseURL, "/api/show/all");
    const movieId = all.body.shows[0]?._id ?? "";
    const detail = await getJson<{ dateTime: Record<string, { showId: string }[]> }>(site.baseURL, `/api/show/${movieId}`);
    const date = Object.keys(detail.body.dateTime).sort()[0] ?? "";
    const showId = detail.body.dateTime[date]?.[0]?.showId ?? "";

    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await page.goto(`/movies/${movieId}/${date}?show=${showId}`);
    const available = page.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ });
    await expect.poll(() => available.count()).toBeGreaterThan(max);
    for (let i = 0; i <= max; i++) await available.first().click();
    await expect.poll(() => page.getByRole("button", { name: /, selected$/ }).count()).toBe(max);
    const status = page.getByRole("status").filter({ hasText: `up to ${max} seats` });
    await expect.poll(() => status.count()).toBe(1);

    // Signed out: checkout goes to sign in and comes back to the same show with the seats.
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/sign-in\?redirect=/);
    const redirect = new URL(page.url()).searchParams.get("redirect") ?? "";
    expect(redirect).toContain(`show=${showId}`);
    expect(redirect).toMatch(/seats=[A-Z]+\d+/);
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Sign in to book your seats" }).count()).toBe(1);

    // Creating an account from there brings the visitor back to the same seats.
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Sam Signup");
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("sam"));
    await page.getByLabel("Password").fill("sam's ticket stub 42");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((u) => u.pathname === `/movies/${movieId}/${date}` && u.searchParams.get("show") === showId);
    await expect.poll(() => page.getByRole("button", { name: /, selected$/ }).count()).toBe(max);
    await context.close();
  });
});
