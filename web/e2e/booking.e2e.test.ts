import { describe, expect, test } from "vitest";
import { newContext, screenshot, uniqueEmail, watchPage, seatLabel } from "./browser.ts";
import { useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

describe("a newcomer books two seats", () => {
  test("signs up, picks a movie, a date, a time and two seats, pays and sees the paid booking", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    // Home: hero + now showing.
    await page.goto("/");
    const hero = page.locator("#hero-title");
    await expect.poll(() => hero.textContent()).toBeTruthy();
    const cards = page.locator("article");
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    // The offline catalog has no trailers to play: no Trailers section rather than a wall of "unavailable".
    expect(await page.getByText(/^Trailers$/).count()).toBe(0);
    expect(await page.getByText("Trailer unavailable").count()).toBe(0);
    await screenshot(page, "home");

    // Sign up (from the header's Sign in link).
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(/\/sign-up/);
    // Client-side validation with the contract's schema.
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByText("Enter your name").count()).toBe(1);
    const email = uniqueEmail("newcomer");
    await page.getByLabel("Name").fill("Nora Newcomer");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password").fill("correct-horse-42");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-"));
    await expect.poll(() => page.getByTestId("user-name").textContent()).toContain("Nora Newcomer");

    // Open the first movie.
    await page.goto("/");
    await expect.poll(async () => ((await cards.first().locator("h3").textContent()) ?? "").trim()).not.toBe("");
    const firstTitle = ((await cards.first().locator("h3").textContent()) ?? "").trim();
    await cards.first().locator("h3 a").click();
    await page.waitForURL(/\/movies\/\d+$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe(firstTitle);
    await expect.poll(() => page.getByRole("heading", { name: "You may also like" }).count()).toBe(1);
    // Favorite toggle.
    const heart = page.getByRole("button", { name: `Add ${firstTitle} to favorites` });
    await heart.click();
    const saved = page.getByRole("button", { name: `Remove ${firstTitle} from favorites` });
    await expect.poll(() => saved.getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "movie-details");

    // Pick the first date and book.
    const dates = page.getByRole("list", { name: "Show dates" }).getByRole("button");
    await expect.poll(() => dates.count()).toBeGreaterThan(0);
    const date = await dates.first().getAttribute("data-date");
    await dates.first().click();
    await expect.poll(() => dates.first().getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("button", { name: "Book now" }).click();
    await page.waitForURL(new RegExp(`/movies/\\d+/${date}`));

    // Pick the first time, then two available seats.
    const times = page.getByRole("list", { name: "Available timings" }).getByRole("button");
    await expect.poll(() => times.count()).toBeGreaterThan(0);
    await times.first().click();
    const available = page.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ });
    await expect.poll(() => available.count()).toBeGreaterThan(1);
    const seatA = (await available.nth(0).getAttribute("data-seat")) ?? "";
    const seatB = (await available.nth(1).getAttribute("data-seat")) ?? "";
    await page.locator(`[data-seat="${seatA}"]`).click();
    await page.locator(`[data-seat="${seatB}"]`).click();
    await expect.poll(() => page.locator(`[data-seat="${seatA}"]`).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.locator(`[data-seat="${seatB}"]`).getAttribute("aria-label")).toBe(seatLabel(seatB, "selected"));
    await expect.poll(() => page.getByTestId("selected-seats").textContent()).toContain(seatA);
    await expect.poll(() => page.getByTestId("selected-seats").textContent()).toContain(seatB);
    const total = page.getByTestId("total-price");
    await expect.poll(() => total.textContent()).toMatch(/\d/);
    await expect.poll(() => total.textContent()).not.toMatch(/^\D*0(\.00)?$/);
    await screenshot(page, "seat-map");

    // Checkout: the server's local checkout page.
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);

    // While held, My bookings offers "Pay now" with a live countdown.
    await page.goto("/my-bookings");
    const held = page.locator("li[data-booking-id]").first();
    await expect.poll(() => held.locator("[data-status]").getAttribute("data-status")).toBe("held");
    const payNow = held.getByRole("link", { name: "Pay now" });
    await expect.poll(() => payNow.count()).toBe(1);
    const countdown = held.getByText(/Seats held for/);
    await expect.poll(() => countdown.textContent()).toMatch(/\d+:\d{2}/);
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);

    await payNow.click();
    await page.waitForURL(/\/checkout\/local\//);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/my-bookings/);

    const booking = page.locator("li[data-booking-id]").first();
    await expect.poll(() => booking.locator("[data-status]").getAttribute("data-status"), { timeout: 15_000 }).toBe("paid");
    for (const part of [firstTitle, seatA, seatB, "Paid"]) await expect.poll(() => booking.textContent()).toContain(part);
    await expect.poll(() => booking.getByRole("link", { name: "Pay now" }).count()).toBe(0);
    await screenshot(page, "my-bookings");

    await page.goto("/favorite");
    await expect.poll(() => page.locator("article h3").allTextContents()).toEqual([firstTitle]);

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
