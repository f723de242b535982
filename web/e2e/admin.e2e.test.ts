import { describe, expect, test } from "vitest";
import { fitsWidth, newContext, screenshot, watchPage } from "./browser.ts";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { ADMIN_EMAIL, useSite } from "./server.ts";

// No demo shows: the home page starts empty, so the admin's shows are what appears.
const site = useSite({ seedDemo: false });

const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** YYYY-MM-DD of today + `days` in UTC (the server's default THEATER_TIMEZONE). */
function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe("admin schedules shows", () => {
  test("an admin adds shows for a now-playing movie and it appears on the site with those times", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    const { errors } = watchPage(page);

    await page.goto("/");
    await expect.poll(() => page.getByText("No shows scheduled yet").count()).toBe(1);

    // Sign up with the address listed in ADMIN_EMAILS.
    await page.goto("/sign-up?redirect=%2Fadmin");
    await page.getByLabel("Name").fill("Ada Admin");
    await page.getByLabel("Email", { exact: true }).fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill("admin-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    // ADMIN_EMAILS counts once the address is confirmed: until then /admin sends the user home.
    await page.waitForURL((url) => url.pathname === "/");
    // Following the mailed link confirms it.
    await page.goto(`/verify-email#token=${await mailedLinkToken(site.baseURL, ADMIN_EMAIL, "verify-email")}`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`${ADMIN_EMAIL} is confirmed`);
    await page.getByRole("link", { name: "Open the admin panel" }).click();
    await page.waitForURL(/\/admin$/);
    await expect.poll(() => page.getByRole("heading", { name: /Admin\s+Dashboard/ }).count()).toBe(1);

    // Add shows.
    await page.getByRole("link", { name: "Add shows" }).click();
    await page.waitForURL(/\/admin\/add-shows$/);
    const movies = page.locator("button[data-movie-id]");
    await expect.poll(() => movies.count()).toBeGreaterThan(0);
    const movieId = (await movies.first().getAttribute("data-movie-id")) ?? "";
    const titleOf = async () => ((await movies.first().locator("[data-movie-title]").textContent()) ?? "").trim();
    await expect.poll(titleOf).not.toBe("");
    const title = await titleOf();
    // The poster strip scrolls inside its own box, never the page.
    await expect.poll(() => fitsWidth(page)).toBe(true);

    // Submitting a negative price and nothing else: every problem at once, each next to its field.
    await page.getByLabel(/Show price/).fill("-3");
    await page.getByRole("button", { name: "Add shows" }).click();
    await expect.poll(() => page.locator("#movie-error").textContent()).toContain("Select a movie");
    await expect.poll(() => page.locator("#price-error").textContent()).toMatch(/Show price/);
    await expect.poll(() => page.locator("#times-error").textContent()).toContain("Add at least one date and time");
    expect(await page.getByLabel(/Show price/).getAttribute("aria-describedby")).toBe("price-error");

    // The strip is searchable: a part of the title leaves that movie (and hides others).
    const search = page.getByRole("searchbox", { name: "Search movies" });
    await search.fill(title.slice(0, 5).toLowerCase());
    await expect.poll(() => movies.first().getAttribute("data-movie-id")).toBe(movieId);
    const shown = await movies.locator("[data-movie-title]").allTextContents();
    expect(shown.every((t) => t.toLowerCase().includes(title.slice(0, 5).toLowerCase()))).toBe(true);
    await search.fill("no film is called this");
    await expect.poll(() => movies.count()).toBe(0);
    await search.fill("");
    await expect.poll(() => movies.count()).toBeGreaterThan(0);

    await movies.first().click();
    await expect.poll(() => movies.first().getAttribute("aria-pressed")).toBe("true");
    await page.getByLabel(/Show price/).fill("12.50");
    const day = utcDate(2);
    for (const t of ["18:30", "21:15"]) {
      await page.getByLabel(/Date and time/).fill(`${day}T${t}`);
      await page.getByRole("button", { name: "Add time" }).click();
    }
    const chosen = page.getByRole("list", { name: "Selected date-times" });
    await expect.poll(() => chosen.textContent()).toContain("18:30");
    await expect.poll(() => chosen.textContent()).toContain("21:15");
    await page.getByRole("button", { name: "Add shows" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "View movie page" }).count()).toBe(1);

    // A time in the past is refused in the form, next to the time field, and not added.
    await page.getByLabel(/Date and time/).fill(`${utcDate(-1)}T10:00`);
    await page.getByRole("button", { name: "Add time" }).click();
    await expect.poll(() => page.locator("#times-error").textContent()).toContain("has passed");
    expect(await page.getByRole("list", { name: "Selected date-times" }).count()).toBe(0);

    // The movie is now on the home page…
    await page.goto("/");
    const card = page.locator("article", { hasText: title });
    await expect.poll(() => card.count()).toBe(1);
    await card.locator("h3 a").click();
    await page.waitForURL(new RegExp(`/movies/${movieId}$`));

    // …with the date and times that were added.
    const dateButton = page.locator(`button[data-date="${day}"]`);
    await expect.poll(() => dateButton.count()).toBe(1);
    await dateButton.click();
    await page.getByRole("button", { name: "Book now" }).click();
    await page.waitForURL(new RegExp(`/movies/${movieId}/${day}`));
    const times = page.getByRole("list", { name: "Available timings" }).getByRole("button");
    await expect.poll(() => times.count()).toBe(2);
    // Each time names its screen (the admin panel schedules on Screen 1 unless another is picked).
    await expect.poll(async () => (await times.nth(0).textContent())?.trim()).toMatch(/^6:30\sPM · Screen 1$/);
    await expect.poll(async () => (await times.nth(1).textContent())?.trim()).toMatch(/^9:15\sPM · Screen 1$/);

    // Book and pay one seat, so the dashboard has revenue to chart.
    await times.nth(0).click();
    await page.locator('[data-seat="E5"]').click();
    await page.getByRole("button", { name: /Proceed to checkout/ }).click();
    await page.waitForURL(/\/checkout\/local\//);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(/\/my-bookings/);

    // Admin lists reflect the booking.
    await page.goto("/admin/list-shows");
    const showsTable = page.getByRole("table", { name: "Upcoming shows" });
    await expect.poll(() => showsTable.locator("tbody tr").count()).toBe(2);
    await expect.poll(() => showsTable.textContent()).toContain(title);
    await expect.poll(() => showsTable.textContent()).toMatch(/1 \/ \d+/);

    // A custom poster: a non-image is refused with a message, a PNG replaces the poster everywhere.
    await page.getByText("Posters and backdrops").click();
    const posterInput = page.getByTestId(`upload-poster-${movieId}`);
    await posterInput.setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a picture") });
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not a PNG, JPEG, WebP or GIF/);
    await posterInput.setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: onePixelPng });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "New poster saved" }).count()).toBe(1);
    await page.goto(`/movies/${movieId}`);
    const uploaded = page.locator('img[src^="/media/uploads/"]');
    await expect.poll(() => uploaded.count()).toBeGreaterThan(0);
    await expect.poll(() => uploaded.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await page.goto("/admin/list-bookings");
    const bookingsTable = page.getByRole("table", { name: "Bookings" });
    await expect.poll(() => bookingsTable.locator("tbody tr").count()).toBe(1);
    for (const part of ["Ada Admin", "E5", "Paid"]) await expect.poll(() => bookingsTable.textContent()).toContain(part);
    // Searching by customer and filtering by show.
    const bookingSearch = page.getByRole("searchbox", { name: "Search bookings" });
    await bookingSearch.fill("nobody of that name");
    await bookingSearch.press("Enter");
    await expect.poll(() => page.getByText("No bookings match").count()).toBe(1);
    await bookingSearch.fill("ADA adm");
    await bookingSearch.press("Enter");
    await expect.poll(() => bookingsTable.locator("tbody tr").count()).toBe(1);
    const showFilter = page.getByLabel("Filter by show");
    // Soonest first: the 18:30 show holds the booking, the 21:15 one none.
    await expect.poll(() => showFilter.locator("option").count()).toBe(3);
    await showFilter.selectOption({ index: 2 });
    await expect.poll(() => page.getByText("No bookings match").count()).toBe(1);
    await showFilter.selectOption({ index: 1 });
    await expect.poll(() => bookingsTable.locator("tbody tr").count()).toBe(1);
    await showFilter.selectOption({ index: 0 });
    await bookingSearch.fill("");

    await page.goto("/admin");
    // Only paid bookings count there, and the label says so.
    await expect.poll(() => page.getByText("Paid bookings", { exact: true }).count()).toBe(1);
    const bookingsStat = page.locator('[data-stat="Total bookings"]');
    await expect.poll(() => bookingsStat.textContent()).toBe("1");
    await expect.poll(() => page.locator('[data-stat="Active shows"]').textContent()).toBe("2");
    await expect.poll(() => page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    await screenshot(page, "admin-dashboard");

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  test("a New York screen's form reads and echoes New York time, and the show starts at that time there", async () => {
    const login = await fetch(`${site.baseURL}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: "admin-password-1" }),
    });
    const { token } = (await login.json()) as { token: string };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${site.baseURL}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, { _id: string }>>;
    };
    const cinema = (await post("/api/admin/cinemas", { name: "Broadway Palace", city: "New York", timeZone: "America/New_York" })).cinema!._id;
    const seats = Array.from({ length: 6 }, (_, i) => ({ number: i + 1, category: "standard" }));
    const layout = { categories: [{ id: "standard", name: "Standard", color: "#6b7280" }], rows: [{ row: "A", cells: seats }], companionReleaseMinutes: null };
    await post("/api/admin/screens", { name: "Broadway 1", cinema, layout });

    const context = await newContext(site.browser, { baseURL: site.baseURL, token });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto("/admin/add-shows");
    const movies = page.locator("button[data-movie-id]");
    await expect.poll(() => movies.count()).toBeGreaterThan(0);
    await movies.nth(1).click();
    await page.getByLabel(/Show price/).fill("9");
    await page.getByLabel("Screen").selectOption({ label: "Broadway 1 (6 seats)" });
    const timeLabel = page.locator('label[for="show-datetime"]');
    await expect.poll(() => timeLabel.textContent()).toContain("local time of Broadway Palace, America/New_York");
    expect(await timeLabel.textContent()).not.toContain("UTC");

    // January: New York is on standard time (EST), five hours behind UTC.
    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel(/Date and time/).fill(`${year}-01-15T19:30`);
    await expect.poll(() => page.getByTestId("show-time-echo").textContent()).toBe(`Plays ${weekdayOf(`${year}-01-15`)}, 15 January ${year}, 19:30 EST (America/New_York)`);
    await page.getByRole("button", { name: "Add time" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Selected date-times" }).textContent()).toContain("19:30 EST");
    await page.getByRole("button", { name: "Add shows" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "View movie page" }).count()).toBe(1);

    const shows = (await (await fetch(`${site.baseURL}/api/admin/all-shows?from=${year}-01-01T00:00:00.000Z`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      shows: { showDateTime: string; screen: { name: string } | null }[];
    };
    const broadway = shows.shows.filter((s) => s.screen?.name === "Broadway 1");
    expect(broadway.map((s) => s.showDateTime)).toEqual([`${year}-01-16T00:30:00.000Z`]);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});

/** "Thursday": the weekday of a calendar date. */
const weekdayOf = (date: string) => new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
