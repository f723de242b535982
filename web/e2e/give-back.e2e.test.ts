import { describe, expect, test } from "vitest";
import { getJson, newContext, registerViaApi, uniqueEmail, watchPage } from "./browser.ts";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { ADMIN_EMAIL, useSite } from "./server.ts";

const site = useSite({ seedDemo: true });

/** The latest show on the lounge screen (love seats in row D), well before its cancellation cutoff. */
async function loungeShow() {
  const all = await getJson<{ shows: { _id: string }[] }>(site.baseURL, "/api/show/all");
  const found: { showId: string; time: string }[] = [];
  for (const movie of all.body.shows) {
    const detail = await getJson<{ dateTime: Record<string, { showId: string; time: string; screen: { _id: string } | null }[]> }>(site.baseURL, `/api/show/${movie._id}`);
    for (const times of Object.values(detail.body.dateTime)) for (const t of times) if (t.screen?._id === "screen-3") found.push({ showId: t.showId, time: t.time });
  }
  return found.sort((a, b) => a.time.localeCompare(b.time)).at(-1)!.showId;
}

async function paidBooking(token: string, showId: string, seats: string[]) {
  const create = await fetch(`${site.baseURL}/api/booking/create`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ showId, selectedSeats: seats }),
  });
  const created = (await create.json()) as { bookingId: string; url: string };
  expect(create.status, JSON.stringify(created)).toBe(201);
  const pay = await fetch(`${site.baseURL}${created.url}/pay`, { method: "POST", redirect: "manual" });
  expect(pay.headers.get("location")).toContain("paid=");
  return created.bookingId;
}

describe("giving seats back from My bookings", () => {
  test("a love seat is unticked with its partner, the rest stays cancellable, and each refund says its own cause", async () => {
    const token = await registerViaApi(site.baseURL, { name: "Lou Lovers", email: uniqueEmail("lou"), password: "two seats together" });
    const showId = await loungeShow();
    const bookingId = await paidBooking(token, showId, ["D5", "D6", "C7"]);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto("/my-bookings");
    const card = page.locator(`li[data-booking-id="${bookingId}"]`);
    await card.getByRole("button", { name: "Cancel booking" }).click();
    const panel = card.getByRole("group", { name: "Cancel this booking" });
    const box = (seat: string) => panel.getByRole("checkbox", { name: new RegExp(`^${seat}\\b`) });
    await expect.poll(() => panel.textContent()).toContain("love seat with D6");

    // Keep the love seats, give back C7: unticking D5 unticks D6 too.
    await box("D5").uncheck();
    expect(await box("D6").isChecked()).toBe(false);
    expect(await box("C7").isChecked()).toBe(true);
    await box("D6").check();
    expect(await box("D5").isChecked()).toBe(true);
    await box("D5").uncheck();
    await panel.getByRole("button", { name: /^Give back and refund/ }).click();
    await expect.poll(() => card.getByRole("status").textContent()).toContain("Seat C7 given back");

    // The rest of the booking can be cancelled without a reload.
    await expect.poll(() => card.textContent()).toMatch(/Seats\s*D5, D6/);
    await card.getByRole("button", { name: "Cancel booking" }).click();
    await expect.poll(() => panel.getByRole("button", { name: /^Cancel and refund/ }).count()).toBe(1);
    expect(await box("C7").count()).toBe(0);

    // Each refund is explained by its own cause: the part given back, then the show the cinema cancelled.
    const mine = await getJson<{ bookings: { _id: string; bookedSeats: string[]; status: string }[] }>(site.baseURL, "/api/user/bookings", token);
    const part = mine.body.bookings.find((b) => b.status === "refunded" && b.bookedSeats.join() === "C7")!;
    await page.goto(`/my-bookings?refunded=${part._id}`);
    await expect.poll(() => page.getByTestId("paid-confirmation").textContent()).toContain("Seats given back");
    await expect.poll(() => page.locator(`li[data-booking-id="${part._id}"] [data-refund-reason]`).textContent()).toContain("You gave back seat C7");

    const admin = await registerViaApi(site.baseURL, { name: "Ada Admin", email: ADMIN_EMAIL, password: "admin-password-1" });
    const verified = await fetch(`${site.baseURL}/api/auth/verify-email`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: await mailedLinkToken(site.baseURL, ADMIN_EMAIL, "verify-email") }),
    });
    expect(verified.status).toBe(200);
    const cancelled = await fetch(`${site.baseURL}/api/admin/shows/${showId}/cancel`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${admin}` }, body: "{}" });
    expect(cancelled.status).toBe(200);
    await page.goto(`/my-bookings?refunded=${bookingId}`);
    await expect.poll(() => page.getByTestId("paid-confirmation").textContent()).toContain("The cinema cancelled this show");
    await expect.poll(() => page.locator(`li[data-booking-id="${bookingId}"] [data-refund-reason]`).textContent()).toContain("5 to 10 working days");
    expect(await page.getByText("The seats were no longer yours").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
