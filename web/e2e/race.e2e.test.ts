import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { getJson, newContext, registerViaApi, screenshot, uniqueEmail, seatLabel } from "./browser.ts";
import { useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

interface ShowTime {
  showId: string;
}

/** The seat page of the first upcoming show of the first movie, from the public API. */
async function firstShowPath(): Promise<{ path: string; showId: string }> {
  const all = await getJson<{ shows: { _id: string }[] }>(site.baseURL, "/api/show/all");
  const movieId = all.body.shows[0]?._id;
  if (!movieId) throw new Error("no movie with shows in the demo data");
  const detail = await getJson<{ dateTime: Record<string, ShowTime[]> }>(site.baseURL, `/api/show/${movieId}`);
  const date = Object.keys(detail.body.dateTime).sort()[0];
  const showId = date ? detail.body.dateTime[date]?.[0]?.showId : undefined;
  if (!date || !showId) throw new Error("movie has no show times");
  return { path: `/movies/${movieId}/${date}?show=${showId}`, showId };
}

async function openSeatMap(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect.poll(() => page.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ }).count()).toBeGreaterThan(0);
}

describe("two customers race for the same seat", () => {
  test("one gets the seat; the other is told it was just taken and sees it taken on the map", async () => {
    const { path, showId } = await firstShowPath();
    const tokenA = await registerViaApi(site.baseURL, { name: "Alice Racer", email: uniqueEmail("alice"), password: "password-alice" });
    const tokenB = await registerViaApi(site.baseURL, { name: "Bob Racer", email: uniqueEmail("bob"), password: "bob races for row b" });
    const ctxA = await newContext(site.browser, { baseURL: site.baseURL, token: tokenA });
    const ctxB = await newContext(site.browser, { baseURL: site.baseURL, token: tokenB });
    const pageA = await ctxA.newPage();
    const pageB = await ctxB.newPage();
    await Promise.all([openSeatMap(pageA, path), openSeatMap(pageB, path)]);

    const seat = (await pageA.getByRole("button", { name: /^Row [A-Z]+, seat \d+, available$/ }).first().getAttribute("data-seat")) ?? "";
    expect(seat).toMatch(/^[A-Z]+\d+$/);
    await pageA.locator(`[data-seat="${seat}"]`).click();
    await pageB.locator(`[data-seat="${seat}"]`).click();
    await expect.poll(() => pageA.locator(`[data-seat="${seat}"]`).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => pageB.locator(`[data-seat="${seat}"]`).getAttribute("aria-pressed")).toBe("true");

    // Both press "Proceed to checkout" at the same moment.
    await Promise.all([
      pageA.getByRole("button", { name: /Proceed to checkout/ }).click(),
      pageB.getByRole("button", { name: /Proceed to checkout/ }).click(),
    ]);

    const outcome = async (page: Page) => {
      for (let i = 0; i < 80; i++) {
        if (page.url().includes("/checkout/local/")) return "won" as const;
        if ((await page.getByRole("alert").filter({ hasText: /just taken/i }).count()) > 0) return "lost" as const;
        await page.waitForTimeout(250);
      }
      return "undecided" as const;
    };
    const [a, b] = await Promise.all([outcome(pageA), outcome(pageB)]);
    expect([a, b].sort()).toEqual(["lost", "won"]);
    const loser = a === "lost" ? pageA : pageB;

    const message = (await loser.getByRole("alert").filter({ hasText: /just taken/i }).textContent()) ?? "";
    expect(message).toContain(`Seat ${seat} was just taken by someone else`);
    // The refreshed map shows the seat as taken, it is no longer selected, and the total is back to zero seats.
    const seatButton = loser.locator(`[data-seat="${seat}"]`);
    await expect.poll(() => seatButton.getAttribute("aria-label")).toBe(seatLabel(seat, "taken"));
    await expect.poll(() => seatButton.isDisabled()).toBe(true);
    await expect.poll(() => seatButton.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => loser.getByTestId("selected-seats").count()).toBe(0);

    await screenshot(loser, "seat-taken");

    // The API agrees: the seat is occupied.
    const occupied = await getJson<{ occupiedSeats: string[] }>(site.baseURL, `/api/booking/seats/${showId}`);
    expect(occupied.body.occupiedSeats).toContain(seat);

    await ctxA.close();
    await ctxB.close();
  });
});
