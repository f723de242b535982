import { describe, expect, test } from "vitest";
import { getJson, newContext, plainShows, registerViaApi, screenshot, uniqueEmail, watchPage } from "./browser.ts";
import { useSite } from "./server.ts";

// One buyer takes a whole show in a few large bookings.
const site = useSite({ seedDemo: true, env: { MAX_SEATS_PER_BOOKING: "18", BOOKING_RATE_LIMIT: "200" } });

const post = (path: string, token: string, body: unknown) =>
  fetch(`${site.baseURL}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

/** Buys every free seat of the show through the API and the local checkout; returns the bookings. */
async function buyOut(showId: string, token: string) {
  const occupied = (await getJson<{ occupiedSeats: string[] }>(site.baseURL, `/api/booking/seats/${showId}`)).body.occupiedSeats;
  const free = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`)).filter((s) => !occupied.includes(s));
  const bookings: string[] = [];
  for (let i = 0; i < free.length; i += 18) {
    const create = await post("/api/booking/create", token, { showId, selectedSeats: free.slice(i, i + 18) });
    expect(create.status).toBe(201);
    const created = (await create.json()) as { bookingId: string; url: string };
    const pay = await fetch(`${site.baseURL}${created.url}/pay`, { method: "POST", redirect: "manual" });
    expect(pay.headers.get("location")).toContain("paid=");
    bookings.push(created.bookingId);
  }
  return bookings;
}

describe("the waitlist of a sold-out show", () => {
  test("a customer joins from the seat map; seats given back are held for them and they pay from My bookings", async () => {
    const { movieId, date, showId } = (await plainShows(site.baseURL)).at(-2)!;

    const seller = await registerViaApi(site.baseURL, { name: "Sam Seller", email: uniqueEmail("seller"), password: "correct-horse-42" });
    const bookings = await buyOut(showId, seller);

    const waiter = await registerViaApi(site.baseURL, { name: "Wanda Waiter", email: uniqueEmail("waiter"), password: "correct-horse-42" });
    const context = await newContext(site.browser, { baseURL: site.baseURL, token: waiter });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto(`/movies/${movieId}/${date}?show=${showId}`);
    const panel = page.getByRole("region", { name: "Sold out: join the waitlist" });
    await expect.poll(() => panel.count()).toBe(1);
    await panel.getByLabel("Seats wanted").selectOption("2");
    await panel.getByRole("button", { name: "Join the waitlist" }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toContain("You are number 1 in line");
    await screenshot(page, "waitlist");

    await page.goto("/my-bookings");
    const entry = page.locator(`li[data-waitlist-show="${showId}"]`);
    await expect.poll(() => entry.textContent()).toContain("Number 1 in line");

    // The buyer gives two seats of one booking back: they are held for the first in line at once.
    const mine = await getJson<{ booking: { bookedSeats: string[] } }>(site.baseURL, `/api/booking/${bookings[0]}`, seller);
    const givenBack = mine.body.booking.bookedSeats.slice(0, 2);
    expect((await post(`/api/booking/${bookings[0]}/cancel`, seller, { seats: givenBack })).status).toBe(200);

    await expect
      .poll(async () => {
        await page.reload();
        return entry.textContent();
      }, { timeout: 30_000 })
      .toContain("Seats are held for you");
    const offered = page.locator('section[data-section="upcoming"] li[data-booking-id]').filter({ hasText: givenBack.join(", ") });
    await offered.getByRole("link", { name: "Pay now" }).click();
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect.poll(() => page.url()).toContain("/my-bookings");
    await expect.poll(() => offered.locator("[data-status]").getAttribute("data-status")).toBe("paid");

    expect(errors).toEqual([]);
    await context.close();
  });
});
