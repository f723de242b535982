import { describe, expect, test } from "vitest";
import { getJson, newContext, plainShows, registerViaApi, screenshot, uniqueEmail, watchPage } from "./browser.ts";
import { useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

/** A paid booking made through the API and the local checkout, as a customer would with a card. */
async function paidBooking(token: string, seats = ["J8", "J9"]) {
  // The latest show, well before its cancellation cutoff whatever the time of day the test runs at
  // (the first one may start within the cutoff, and then cannot be cancelled).
  const { showId } = (await plainShows(site.baseURL)).at(-1)!;
  const create = await fetch(`${site.baseURL}/api/booking/create`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ showId, selectedSeats: seats }),
  });
  const created = (await create.json()) as { bookingId: string; url: string };
  expect(create.status).toBe(201);
  const pay = await fetch(`${site.baseURL}${created.url}/pay`, { method: "POST", redirect: "manual" });
  expect(pay.headers.get("location")).toContain("paid=");
  return created.bookingId;
}

describe("changing your mind", () => {
  test("a customer cancels a paid booking from My bookings, sees the refund first, and finds it under cancelled", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Carla Cancel", email: uniqueEmail("cancel"), password: "correct-horse-42" });
    const bookingId = await paidBooking(token);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto("/my-bookings");
    const upcoming = page.locator('section[data-section="upcoming"]');
    const card = upcoming.locator(`li[data-booking-id="${bookingId}"]`);
    await card.getByRole("button", { name: "Cancel booking" }).click();
    const confirm = card.getByRole("group", { name: "Cancel this booking" });
    await expect.poll(() => confirm.textContent()).toMatch(/get \$\d+\.\d{2} back\? Possible until/);
    await screenshot(page, "cancel-refund");
    await confirm.getByRole("button", { name: /^Cancel and refund \$\d+\.\d{2}$/ }).click();

    const closed = page.locator(`section[data-section="closed"] li[data-booking-id="${bookingId}"]`);
    await expect.poll(() => closed.locator("[data-status]").getAttribute("data-status"), { timeout: 15_000 }).toBe("refunded");
    await expect.poll(() => upcoming.locator(`li[data-booking-id="${bookingId}"]`).count()).toBe(0);
    await expect.poll(() => closed.getByRole("button", { name: "Cancel booking" }).count()).toBe(0);
    // Its seats are on sale again.
    const booking = await getJson<{ booking: { show: { _id: string } } }>(site.baseURL, `/api/booking/${bookingId}`, token);
    const occupied = async () => (await getJson<{ occupiedSeats: string[] }>(site.baseURL, `/api/booking/seats/${booking.body.booking.show._id}`)).body.occupiedSeats;
    await expect.poll(occupied).not.toContain("J8");

    expect(errors).toEqual([]);
    await context.close();
  });

  test("a customer gives back one seat of two: that seat is refunded, the other stays booked", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Paula Part", email: uniqueEmail("part"), password: "correct-horse-42" });
    const bookingId = await paidBooking(token, ["I4", "I5"]);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto("/my-bookings");
    const card = page.locator(`section[data-section="upcoming"] li[data-booking-id="${bookingId}"]`);
    await card.getByRole("button", { name: "Cancel booking" }).click();
    const confirm = card.getByRole("group", { name: "Cancel this booking" });
    await confirm.getByRole("checkbox", { name: "I4" }).uncheck();
    await expect.poll(() => confirm.textContent()).toMatch(/Give back 1 of 2 seats and get \$\d+\.\d{2} back\?/);
    await confirm.getByRole("button", { name: /^Give back and refund \$\d+\.\d{2}$/ }).click();

    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toMatch(/1 ticket · Seats I4(?!,)/);
    await expect.poll(() => card.locator("[data-status]").getAttribute("data-status")).toBe("paid");
    const part = page.locator('section[data-section="closed"] li[data-booking-id]').filter({ hasText: "Seats I5" });
    await expect.poll(() => part.locator("[data-status]").getAttribute("data-status")).toBe("refunded");

    expect(errors).toEqual([]);
    await context.close();
  });
});
