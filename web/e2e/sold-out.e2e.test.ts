import { describe, expect, test } from "vitest";
import { getJson, newContext, plainShows, registerViaApi, screenshot, uniqueEmail, watchPage } from "./browser.ts";
import { useSite } from "./server.ts";

// A booking holds at most six seats here: the waitlist may not ask for more.
const MAX = 6;
const site = useSite({ seedDemo: true, env: { MAX_SEATS_PER_BOOKING: String(MAX), BOOKING_RATE_LIMIT: "200" } });

const post = (path: string, token: string, body: unknown) =>
  fetch(`${site.baseURL}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

/** Buys every free seat of the show through the API and the local checkout; returns the bookings. */
async function buyOut(showId: string, token: string) {
  const occupied = (await getJson<{ occupiedSeats: string[] }>(site.baseURL, `/api/booking/seats/${showId}`)).body.occupiedSeats;
  const free = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`)).filter((s) => !occupied.includes(s));
  const bookings: string[] = [];
  for (let i = 0; i < free.length; i += MAX) {
    const create = await post("/api/booking/create", token, { showId, selectedSeats: free.slice(i, i + MAX) });
    expect(create.status).toBe(201);
    const created = (await create.json()) as { bookingId: string; url: string };
    const pay = await fetch(`${site.baseURL}${created.url}/pay`, { method: "POST", redirect: "manual" });
    expect(pay.headers.get("location")).toContain("paid=");
    bookings.push(created.bookingId);
  }
  return bookings;
}

describe("a sold-out show on a phone", () => {
  test("says sold out in the time list and over the map, offers only the waitlist, in view, and then the held seats to pay", async () => {
    const { movieId, date, showId } = (await plainShows(site.baseURL)).at(-1)!;
    const seller = await registerViaApi(site.baseURL, { name: "Sam Seller", email: uniqueEmail("seller"), password: "correct-horse-42" });
    const bookings = await buyOut(showId, seller);

    const waiter = await registerViaApi(site.baseURL, { name: "Wanda Waiter", email: uniqueEmail("waiter"), password: "correct-horse-42" });
    const viewport = { width: 390, height: 760 };
    const context = await newContext(site.browser, { baseURL: site.baseURL, token: waiter, viewport });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto(`/movies/${movieId}/${date}?show=${showId}`);
    await expect.poll(() => page.getByTestId("sold-out").textContent()).toContain("Sold out");
    await expect.poll(() => page.getByRole("list", { name: "Available timings" }).locator(`[data-show-id="${showId}"]`).textContent()).toContain("Sold out");
    expect(await page.getByRole("button", { name: "Best available" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Proceed to checkout/ }).count()).toBe(0);

    const panel = page.getByRole("region", { name: "Sold out: join the waitlist" });
    const join = panel.getByRole("button", { name: "Join the waitlist" });
    await join.waitFor();
    // On the first screen of a phone, without scrolling past the map.
    await expect
      .poll(async () => {
        const box = await join.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
      })
      .toBe(true);
    const wanted = await panel.getByLabel("Seats wanted").locator("option").allTextContents();
    expect(wanted.map(Number)).toEqual(Array.from({ length: MAX }, (_, i) => i + 1));
    await screenshot(page, "seat-map-sold-out", false);

    await panel.getByLabel("Seats wanted").selectOption("2");
    await join.click();
    await expect.poll(() => panel.getByRole("status").textContent()).toContain("You are number 1 in line");

    // Two seats come back: they are held for the waiter, and the page says to pay, not to join.
    const first = await getJson<{ booking: { bookedSeats: string[] } }>(site.baseURL, `/api/booking/${bookings[0]}`, seller);
    expect((await post(`/api/booking/${bookings[0]}/cancel`, seller, { seats: first.body.booking.bookedSeats.slice(0, 2) })).status).toBe(200);
    const held = page.getByRole("region", { name: "Your seats are held: pay now" });
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByTestId("sold-out").waitFor();
        return held.count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByRole("button", { name: "Join the waitlist" }).count()).toBe(0);
    await expect.poll(() => held.getByRole("link", { name: "Continue to payment" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("legend-mine").textContent()).toBe(" Held by you");
    await screenshot(page, "waitlist-offer-held", false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
