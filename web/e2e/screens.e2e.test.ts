import { describe, expect, test } from "vitest";
import { newContext, registerViaApi, screenshot, watchPage } from "./browser.ts";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { ADMIN_EMAIL, useSite } from "./server.ts";

// No demo data; the seat rules as in production (the stranded-seat rule on).
const site = useSite({ seedDemo: false, env: { ORPHAN_SEAT_RULE: "true" } });

/** YYYY-MM-DD of today + `days` in UTC (the server's default THEATER_TIMEZONE). */
const utcDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function confirmedAdmin(baseURL: string) {
  const token = await registerViaApi(baseURL, { name: "Ada Admin", email: ADMIN_EMAIL, password: "admin-password-1" });
  const verify = await fetch(`${baseURL}/api/auth/verify-email`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: await mailedLinkToken(baseURL, ADMIN_EMAIL, "verify-email") }),
  });
  if (verify.status !== 200) throw new Error(`verify-email: ${verify.status}`);
  return token;
}

describe("a screen built in the editor", () => {
  test("is drawn with gaps, categories and a wheelchair space, gets a show, stays fast at 500 seats, and sells a premium seat at its price", async () => {
    const token = await confirmedAdmin(site.baseURL);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    // Build a 20 × 25 screen: 500 seats.
    await page.goto("/admin/screens");
    await page.getByRole("button", { name: "New screen" }).click();
    await page.getByLabel("Screen name").fill("Grand 500");
    await page.getByLabel("Rows").fill("20");
    await page.getByLabel("Seats per row").fill("25");
    await page.getByRole("button", { name: "Make grid" }).click();
    const cell = (row: number, position: number) => page.locator(`[data-cell="${row}:${position}"]`);
    await expect.poll(() => cell(19, 24).count()).toBe(1);

    await page.getByLabel("New category name").fill("Premium");
    await page.getByRole("button", { name: "Add category" }).click();
    await page.getByRole("radio", { name: "Paint Premium" }).click();
    // Drag across the back two rows to paint them.
    for (const row of [18, 19]) {
      await cell(row, 0).hover();
      await page.mouse.down();
      for (let p = 1; p < 25; p++) await cell(row, p).hover();
      await page.mouse.up();
    }
    await expect.poll(() => cell(19, 24).getAttribute("aria-label")).toContain("premium");
    // A centre aisle in the front row and a wheelchair space at its end.
    await page.getByRole("radio", { name: "Gap" }).click();
    await cell(0, 12).click();
    await expect.poll(() => cell(0, 12).getAttribute("aria-label")).toBe("Row A gap 13");
    // Numbering continues across the gap unless the admin lets the gap take its number.
    await expect.poll(() => cell(0, 13).getAttribute("aria-label")).toMatch(/^Row A seat 13,/);
    await page.getByLabel("Count every place (1 2 · 4)").check();
    await expect.poll(() => cell(0, 13).getAttribute("aria-label")).toMatch(/^Row A seat 14,/);
    await expect.poll(() => cell(0, 24).getAttribute("aria-label")).toMatch(/^Row A seat 25,/);
    await page.getByRole("radio", { name: "Wheelchair space" }).click();
    await cell(0, 0).click();
    await expect.poll(() => cell(0, 0).getAttribute("aria-label")).toContain("wheelchair");
    await page.getByLabel("Label of row 20").fill("Z");
    await page.getByRole("button", { name: "Save screen" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Saved Grand 500 (499 seats)");
    // The preview draws the map as a customer sees it.
    await expect.poll(() => page.getByRole("region", { name: "Preview" }).locator("[data-seat]").count()).toBe(499);
    // The saved map keeps that numbering, and the editor reopens with the choice it was made with.
    await expect.poll(() => page.getByRole("region", { name: "Preview" }).locator('[data-seat="A14"]').count()).toBe(1);
    expect(await page.getByRole("region", { name: "Preview" }).locator('[data-seat="A13"]').count()).toBe(0);
    await expect.poll(() => page.getByLabel("Count every place (1 2 · 4)").isChecked()).toBe(true);
    await screenshot(page, "screen-editor");

    // Schedule a show on it, premium seats dearer.
    await page.goto("/admin/add-shows");
    const movies = page.locator("button[data-movie-id]");
    await expect.poll(() => movies.count()).toBeGreaterThan(0);
    const movieId = (await movies.first().getAttribute("data-movie-id")) ?? "";
    await movies.first().click();
    await page.getByLabel(/Show price/).fill("10");
    await page.getByLabel("Screen").selectOption({ label: "Grand 500 (499 seats)" });
    await page.getByLabel("Premium price").fill("18.5");
    const day = utcDate(3);
    await page.getByLabel(/Date and time/).fill(`${day}T20:00`);
    await page.getByRole("button", { name: "Add time" }).click();
    await page.getByRole("button", { name: "Add shows" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "View movie page" }).count()).toBe(1);

    // Blocked seats: a legend, and a blocked seat never looks like a picked one.
    await page.goto("/admin/list-shows");
    await page.getByRole("link", { name: "Blocked seats" }).first().click();
    const legend = page.getByRole("list", { name: "Legend" });
    await expect.poll(() => legend.textContent()).toContain("Blocked: off sale");
    await expect.poll(() => legend.textContent()).toContain("Picked");
    const adminSeat = (id: string) => page.locator(`[data-seat="${id}"]`);
    await adminSeat("Z1").click();
    await page.getByRole("button", { name: "Block 1 seat" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Blocked now: Z1");
    await adminSeat("Z2").click();
    const look = (id: string) => adminSeat(id).evaluate((el) => { const s = getComputedStyle(el); return { image: s.backgroundImage, border: s.borderStyle, color: s.backgroundColor }; });
    const blockedLook = await look("Z1");
    const pickedLook = await look("Z2");
    expect(blockedLook.image).toContain("repeating-linear-gradient");
    expect(blockedLook.border).toBe("dashed");
    expect(pickedLook.image).toBe("none");
    expect(pickedLook.border).toBe("solid");
    expect(blockedLook.color).not.toBe(pickedLook.color);
    await screenshot(page, "blocked-seats");
    // Back on sale, so the customer below finds every seat free.
    await adminSeat("Z2").click();
    await adminSeat("Z1").click();
    await page.getByRole("button", { name: "Unblock" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("No seat is blocked.");

    // The customer's map: 499 seats, the screen named next to the time, a legend with both prices.
    await page.goto(`/movies/${movieId}/${day}`);
    const time = page.getByRole("list", { name: "Available timings" }).getByRole("button");
    await expect.poll(() => time.first().textContent()).toContain("Grand 500");
    await time.first().click();
    const seats = page.locator("[data-seat]");
    await expect.poll(() => seats.count()).toBe(499);
    await expect.poll(() => page.getByTestId("legend-premium").textContent()).toContain("$18.50");
    await expect.poll(() => page.getByRole("button", { name: /^Row A, seat 1, available, wheelchair space/ }).count()).toBe(1);

    // One Tab stop: the map is entered once, and arrow keys move inside it.
    await page.locator("[data-seat]").first().focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seat)).toBe("A2");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seat)).toBe("B2");
    expect(await seats.evaluateAll((els) => els.filter((e) => e.getAttribute("tabindex") === "0").length)).toBe(1);

    // Each click on a 500-seat map is handled and drawn within a frame (16 ms): from the click to
    // the seat's new state in the DOM (React commits a click's update in a microtask after it).
    const timings = await page.evaluate(async () => {
      const ids = ["E5", "E6", "F10", "F11", "G3", "G4", "H20", "H21", "J12", "J13"];
      const out: number[] = [];
      // Each seat picked and put back, so the booking's seat limit never refuses a click.
      for (const id of ids.flatMap((x) => [x, x])) {
        const seat = document.querySelector<HTMLButtonElement>(`[data-seat="${id}"]`)!;
        const before = seat.getAttribute("aria-pressed");
        const started = performance.now();
        seat.click();
        for (let i = 0; i < 100 && seat.getAttribute("aria-pressed") === before; i++) await Promise.resolve();
        if (seat.getAttribute("aria-pressed") === before) throw new Error(`${id} was not redrawn in the click's microtasks`);
        out.push(performance.now() - started);
        // Let the browser paint between clicks, as between a person's clicks.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      return out;
    });
    const sorted = [...timings].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
    console.log(`[seat map, 499 seats] per click: median ${median.toFixed(2)} ms, 90th percentile ${p90.toFixed(2)} ms, max ${sorted[sorted.length - 1]!.toFixed(2)} ms`);
    // The 90th percentile, so one click delayed by another process on a shared machine does not decide.
    expect(p90).toBeLessThan(16);

    // Two seats with one between them: the map warns before anything is held, and points at it.
    for (const id of ["E5", "E7"]) await page.locator(`[data-seat="${id}"]`).click();
    await expect.poll(() => page.getByTestId("seat-rule-warning").textContent()).toContain("would leave E6 alone");
    await expect.poll(() => page.locator('[data-seat="E6"]').getAttribute("aria-label")).toContain("would be left alone");
    for (const id of ["E5", "E7"]) await page.locator(`[data-seat="${id}"]`).click();
    await expect.poll(() => page.getByTestId("seat-rule-warning").count()).toBe(0);

    // Best available for two picks seats together in the middle.
    await page.getByRole("button", { name: "Best available" }).click();
    await expect.poll(() => page.getByTestId("selected-seats").textContent()).toMatch(/^[A-Z]\d+, [A-Z]\d+$/);
    // Now a premium seat instead, alone in the middle of the back row.
    const suggested = await page.locator('[data-seat][aria-pressed="true"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.seat!));
    expect(suggested).toHaveLength(2);
    for (const id of suggested) await page.locator(`[data-seat="${id}"]`).click();
    await page.locator('[data-seat="Z13"]').click();
    await expect.poll(() => page.getByTestId("total-price").textContent()).toBe("$18.50");
    await screenshot(page, "seat-map-categories");
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/my-bookings/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Z13");
    await expect.poll(() => page.locator("main").textContent()).toContain("$18.50");

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
