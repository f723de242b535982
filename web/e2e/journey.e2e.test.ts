import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { getJson, newContext, plainShows, registerViaApi, screenshot, uniqueEmail, watchPage, seatLabel } from "./browser.ts";
import { useSite } from "./server.ts";

// Around checkout, as a buyer meets it (issue 12): Back from checkout, Cancel, paying, a hold
// running out on the checkout page, and links that are not (or no longer) valid.
// Twenty seats a booking, so a few buyers can fill a show (the movies page's "sold out").
const site = useSite({ seedDemo: true, env: { MAX_SEATS_PER_BOOKING: "20" } });

interface Hold {
  bookingId: string;
  seats: string[];
  paymentLink: string | null;
}

/** The first show on the default screen (rows A–J of nine), and the path of its seat map. */
async function firstShow() {
  const { movieId, date, showId } = (await plainShows(site.baseURL))[0]!;
  return { movieId, date, showId, seatMap: `/movies/${movieId}/${date}?show=${showId}` };
}

const buyer = (name: string) => registerViaApi(site.baseURL, { name, email: uniqueEmail(name.toLowerCase().replace(/\W/g, "")), password: "popcorn at the back row" });
const holdsOf = async (token: string, showId: string) => (await getJson<{ holds: Hold[] }>(site.baseURL, `/api/booking/seats/${showId}/mine`, token)).body.holds;
const seat = (page: Page, id: string) => page.locator(`[data-seat="${id}"]`);

async function pick(page: Page, seats: string[]) {
  for (const s of seats) {
    await expect.poll(() => seat(page, s).isDisabled()).toBe(false);
    await seat(page, s).click();
    await expect.poll(() => seat(page, s).getAttribute("aria-pressed")).toBe("true");
  }
}

describe("back from checkout", () => {
  test("your held seats show as yours, to pay or release, and a second hold is made only after asking", async () => {
    const show = await firstShow();
    const token = await buyer("Bea Back");
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto(show.seatMap);
    await pick(page, ["C3", "C4"]);
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    await page.goBack();
    await page.waitForURL((u) => u.pathname === `/movies/${show.movieId}/${show.date}`);

    // The seats are the buyer's, not "taken".
    const panel = page.getByRole("region", { name: "Your hold" });
    await expect.poll(() => panel.textContent()).toContain("C3 and C4");
    await expect.poll(() => seat(page, "C3").getAttribute("aria-label")).toBe("Row C, seat 3, held by you");
    await expect.poll(() => seat(page, "C4").getAttribute("aria-label")).toBe("Row C, seat 4, held by you");
    await expect.poll(() => panel.getByRole("timer").textContent()).toMatch(/^\d+:\d{2}$/);
    expect(await page.getByRole("alert").filter({ hasText: "taken by someone else" }).count()).toBe(0);
    await screenshot(page, "seat-map-your-hold");

    // A new pick asks first; "Not now" holds nothing more.
    await pick(page, ["C6"]);
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    const question = page.getByRole("group", { name: /You already hold C3 and C4/ });
    await expect.poll(() => question.count()).toBe(1);
    await question.getByRole("button", { name: "Not now" }).click();
    await expect.poll(() => question.count()).toBe(0);
    expect((await holdsOf(token, show.showId)).map((h) => h.seats)).toEqual([["C3", "C4"]]);

    // Asked again, the buyer swaps the old hold for the new seat: one hold, the new one.
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await question.getByRole("button", { name: "Release C3 and C4 and hold C6" }).click();
    await page.waitForURL(/\/checkout\/local\//);
    await expect.poll(async () => (await holdsOf(token, show.showId)).map((h) => h.seats)).toEqual([["C6"]]);

    // Back again: continue to payment from the panel, or release from it.
    await page.goBack();
    await expect.poll(() => seat(page, "C6").getAttribute("aria-label")).toBe("Row C, seat 6, held by you");
    await expect.poll(() => seat(page, "C3").getAttribute("aria-label")).toBe("Row C, seat 3, available");
    const [held] = await holdsOf(token, show.showId);
    expect(await panel.getByRole("link", { name: "Continue to payment" }).getAttribute("href")).toBe(held!.paymentLink);
    await panel.getByRole("button", { name: "Release seat" }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => seat(page, "C6").getAttribute("aria-label")).toBe("Row C, seat 6, available");
    expect(await holdsOf(token, show.showId)).toEqual([]);

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});

describe("cancel on checkout", () => {
  test("returns to the same seat map with the seats still picked and a short message", async () => {
    const show = await firstShow();
    const token = await buyer("Cal Cancel");
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();

    await page.goto(show.seatMap);
    await pick(page, ["D5", "D6"]);
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    await page.getByRole("button", { name: "Cancel" }).click();

    await page.waitForURL((u) => u.pathname === `/movies/${show.movieId}/${show.date}` && u.searchParams.get("show") === show.showId);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Checkout cancelled" }).count()).toBe(1);
    for (const s of ["D5", "D6"]) await expect.poll(() => seat(page, s).getAttribute("aria-label")).toBe(seatLabel(s, "selected"));
    await expect.poll(() => page.getByTestId("selected-seats").textContent()).toBe("D5, D6");
    expect(await holdsOf(token, show.showId)).toEqual([]);
    await context.close();
  });
});

describe("the checkout page", () => {
  test("counts the hold down, takes Pay away when it ends, and says why", async () => {
    const show = await firstShow();
    const token = await buyer("Tim Timer");
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    await page.clock.install();

    await page.goto(show.seatMap);
    await pick(page, ["E2"]);
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    const timer = page.getByRole("timer");
    await expect.poll(() => timer.textContent()).toMatch(/^\d+:\d{2}$/);
    const before = (await timer.textContent()) ?? "";
    await page.clock.fastForward(3_000);
    await expect.poll(() => timer.textContent()).not.toBe(before);
    await screenshot(page, "checkout", false);

    // Past the hold's end on the page's clock: no Pay, a clear word and a way back.
    const [hold] = await holdsOf(token, show.showId);
    const ends = Date.parse((await page.locator("[data-expires]").getAttribute("data-expires")) ?? "");
    await page.clock.fastForward(ends - (await page.evaluate(() => Date.now())) + 1_000);
    await expect.poll(() => page.getByRole("button", { name: /^Pay/ }).count()).toBe(0);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Your hold has ended");
    expect(await page.getByRole("link", { name: "Pick seats again" }).getAttribute("href")).toContain(`show=${show.showId}&seats=E2`);
    expect(hold?.seats).toEqual(["E2"]);
    await context.close();
  });

  test("after paying, My bookings confirms the booking; reopening checkout says it is already paid", async () => {
    const show = await firstShow();
    const token = await buyer("Pia Paid");
    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();

    await page.goto(show.seatMap);
    await pick(page, ["F8", "F9"]);
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    const checkoutUrl = page.url();
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL((u) => u.pathname === "/my-bookings" && u.searchParams.has("paid"));
    const bookingId = new URL(page.url()).searchParams.get("paid");

    const confirmation = page.getByTestId("paid-confirmation");
    await expect.poll(() => confirmation.getByRole("heading").textContent()).toContain("Payment received");
    await expect.poll(() => confirmation.textContent()).toContain("F8 and F9");
    await expect.poll(() => page.locator(`li[data-booking-id="${bookingId}"] [data-status]`).getAttribute("data-status")).toBe("paid");
    await screenshot(page, "my-bookings-paid");

    await page.goto(checkoutUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Already paid");
    expect(await page.getByText("can no longer be paid").count()).toBe(0);
    await page.getByRole("link", { name: "See your booking" }).click();
    await page.waitForURL((u) => u.pathname === "/my-bookings" && u.searchParams.get("paid") === bookingId);
    await expect.poll(() => confirmation.count()).toBe(1);
    await context.close();
  });

  test("a tampered or unknown checkout link shows the site's own page, not JSON or 'Cannot GET'", async () => {
    const show = await firstShow();
    const token = await buyer("Tom Tamper");
    const create = await fetch(`${site.baseURL}/api/booking/create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ showId: show.showId, selectedSeats: ["G7"] }),
    });
    const { url } = (await create.json()) as { url: string };
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    for (const link of [url.replace(/.$/, (c) => (c === "A" ? "B" : "A")), "/checkout/local/nothing", "/checkout/elsewhere/at/all"]) {
      const response = await page.goto(link);
      expect(response?.status(), link).toBe(404);
      await expect.poll(() => page.getByRole("heading", { name: "Checkout link not found" }).count(), { message: link }).toBe(1);
      expect(await page.locator("body").textContent()).not.toMatch(/Cannot GET|"success":false/);
    }
    await context.close();
  });
});

describe("finding a movie", () => {
  test("the movies page searches by title, filters by genre, language and date, and labels full shows; the movie page lists show times", async () => {
    const all = await getJson<{ shows: { _id: string; title: string; genres: { name: string }[]; original_language: string }[] }>(site.baseURL, "/api/show/all");
    const movies = all.body.shows;
    expect(movies.length).toBeGreaterThan(2);
    // The last movie's first show on its first date (the date its page opens on), unless that is
    // the show the tests above booked on; its seats are read from its own seat map.
    const booked = (await plainShows(site.baseURL))[0]!.showId;
    let target = movies[0]!;
    let detail = await getJson<{ dateTime: Record<string, { showId: string; time: string }[]> }>(site.baseURL, `/api/show/${target._id}`);
    let full: string | undefined;
    for (const movie of [...movies].reverse()) {
      target = movie;
      detail = await getJson<{ dateTime: Record<string, { showId: string; time: string }[]> }>(site.baseURL, `/api/show/${movie._id}`);
      const onFirstDate = [...detail.body.dateTime[Object.keys(detail.body.dateTime).sort()[0]!]!].sort((a, b) => a.time.localeCompare(b.time));
      full = onFirstDate.find((t) => t.showId !== booked)?.showId;
      if (full) break;
    }
    expect(full).toBeDefined();
    const firstDate = Object.keys(detail.body.dateTime).sort()[0]!;

    // Buyers hold every seat of that show, whole rows at a time: it is sold out, the movie is filling fast.
    const map = await getJson<{ show: { layout: { rows: { row: string; cells: ({ number: number } | null)[] }[] } } }>(site.baseURL, `/api/show/detail/${full}`);
    const rows = map.body.show.layout.rows.map((r) => r.cells.flatMap((c) => (c ? [`${r.row}${c.number}`] : [])));
    const chunks: string[][] = [];
    for (const row of rows) {
      const last = chunks.at(-1);
      if (last && last.length + row.length <= 20) last.push(...row);
      else chunks.push([...row]);
    }
    for (const [i, seats] of chunks.entries()) {
      const token = await buyer(`Filler ${i}`);
      const res = await fetch(`${site.baseURL}/api/booking/create`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ showId: full, selectedSeats: seats }),
      });
      expect(res.status).toBe(201);
    }

    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    await page.goto("/movies");
    const cards = page.locator("article");
    await expect.poll(() => cards.count()).toBe(movies.length);
    const titles = () => cards.locator("h3").allTextContents();

    // Labels: the movie with a sold-out show is filling fast.
    const targetCard = cards.filter({ hasText: target.title });
    await expect.poll(() => targetCard.locator("[data-availability]").getAttribute("data-availability")).toBe("filling_fast");

    // Title search, case-insensitive and by part.
    const search = page.getByLabel("Title");
    await search.fill(target.title.slice(1, 6).toUpperCase());
    await expect.poll(titles).toEqual(movies.filter((m) => m.title.toLowerCase().includes(target.title.slice(1, 6).toLowerCase())).map((m) => m.title));
    await search.fill("no such film at all");
    await expect.poll(() => page.getByRole("heading", { name: "No movie matches" }).count()).toBe(1);

    // Genre and language, from what is on. Clearing the title and picking a genre before the page
    // draws again (a quick hand, a slow phone) keeps both changes.
    const genre = target.genres[0]!.name;
    await page.evaluate((genre) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const select = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim().startsWith("Genre"))!.querySelector("select")!;
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!.call(select, genre);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }, genre);
    await expect.poll(titles).toEqual(movies.filter((m) => m.genres.some((g) => g.name === genre)).map((m) => m.title));
    expect(await search.inputValue()).toBe("");
    await page.getByLabel("Genre").selectOption("");
    await page.getByLabel("Language").selectOption(target.original_language);
    await expect.poll(titles).toEqual(movies.filter((m) => m.original_language === target.original_language).map((m) => m.title));
    await page.getByLabel("Language").selectOption("");

    // Date: only movies with a show that day.
    const schedule = await getJson<{ movies: { movieId: string; dates: string[] }[] }>(site.baseURL, "/api/schedule");
    await page.getByLabel("Date").selectOption(firstDate);
    const onThatDay = new Set(schedule.body.movies.filter((m) => m.dates.includes(firstDate)).map((m) => m.movieId));
    await expect.poll(titles).toEqual(movies.filter((m) => onThatDay.has(m._id)).map((m) => m.title));
    await screenshot(page, "movies-filters");

    // The movie page shows its times for the first date at once, the full one labelled, each a link to its seat map.
    await page.goto(`/movies/${target._id}`);
    const times = page.getByRole("list", { name: "Show times" }).getByRole("link");
    await expect.poll(() => times.count()).toBe(detail.body.dateTime[firstDate]!.length);
    const fullLink = page.locator(`a[data-show-id="${full}"]`);
    await expect.poll(() => fullLink.locator("[data-availability]").getAttribute("data-availability")).toBe("sold_out");
    await times.last().click();
    await page.waitForURL((u) => u.pathname === `/movies/${target._id}/${firstDate}` && u.searchParams.has("show"));
    await expect.poll(() => page.locator("[data-seat]").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("times", () => {
  test("are written one way everywhere, naming the cinema's zone only for a viewer in another zone", async () => {
    const show = await firstShow();
    const times = (page: Page) => page.getByRole("list", { name: "Show times" }).getByRole("link").allTextContents();
    // The cinema runs on UTC (the server's default); this viewer too: no zone named.
    const here = await newContext(site.browser, { baseURL: site.baseURL });
    const local = await here.newPage();
    await local.goto(`/movies/${show.movieId}`);
    await expect.poll(async () => (await times(local)).length).toBeGreaterThan(0);
    for (const t of await times(local)) expect(t).toMatch(/^\d{1,2}:\d{2}\s[AP]M/);
    expect((await times(local)).join(" ")).not.toContain("UTC");
    await here.close();

    // A viewer in Tokyo reads the cinema's clock, with its zone named, on the movie page and the seat map.
    const away = await site.browser.newContext({ baseURL: site.baseURL, locale: "en-US", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 860 } });
    const page = await away.newPage();
    await page.goto(`/movies/${show.movieId}`);
    await expect.poll(async () => (await times(page)).length).toBeGreaterThan(0);
    for (const t of await times(page)) expect(t).toMatch(/^\d{1,2}:\d{2}\s[AP]M\sUTC/);
    await page.goto(show.seatMap);
    const timing = page.getByRole("list", { name: "Available timings" }).getByRole("button").first();
    await expect.poll(() => timing.textContent()).toMatch(/^\d{1,2}:\d{2}\s[AP]M\sUTC\b/);
    await away.close();
  });
});
