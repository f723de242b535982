import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { ticketsPdf } from "../../server/src/tickets/pdf.ts";
import { qrModules } from "../../server/src/tickets/qr.ts";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM, getJson, newContext, registerViaApi, screenshot, uniqueEmail, watchPage } from "./browser.ts";
import { screenshotDir } from "./paths.ts";
import { ADMIN_EMAIL, useSite } from "./server.ts";

/**
 * A cinema whose local time is now some minute past 20:00, whatever the hour in UTC, so tonight's
 * show at 21:30 is later the same local day and its door (open 90 minutes before) is open.
 */
const hoursAhead = 20 - new Date().getUTCHours();
const offset = hoursAhead > 14 ? hoursAhead - 24 : hoursAhead;
const zone = offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
const site = useSite({ seedDemo: false, env: { THEATER_TIMEZONE: zone } });

const localToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());

async function api<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${site.baseURL}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    redirect: "manual",
  });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T };
}

/** The admin of ADMIN_EMAILS, confirmed by the mailed link, with a show tonight. */
async function adminWithShowTonight() {
  const token = await registerViaApi(site.baseURL, { name: "Ada Admin", email: ADMIN_EMAIL, password: "admin-password-1" });
  const confirmed = await api("POST", "/api/auth/verify-email", undefined, { token: await mailedLinkToken(site.baseURL, ADMIN_EMAIL, "verify-email") });
  expect(confirmed.status).toBe(200);
  const added = await api<{ shows: { _id: string }[] }>("POST", "/api/show/add", token, {
    movieId: "653",
    showsInput: [{ date: localToday(), time: ["21:30"] }],
    showPrice: 12,
  });
  expect(added.status).toBe(201);
  return { token, showId: added.body.shows[0]!._id };
}

/**
 * A video file (YUV4MPEG2, one grey frame) showing the QR code of `text`, for Chromium's fake
 * camera: the check-in page then reads it exactly as it would read a phone held up to the lens.
 */
function cameraFeedOf(text: string) {
  const width = 640;
  const height = 480;
  const { size, isDark } = qrModules(text);
  const module = Math.floor((height - 40) / (size + 8));
  const left = Math.floor((width - size * module) / 2);
  const top = Math.floor((height - size * module) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * module; y++) {
    for (let x = 0; x < size * module; x++) {
      if (isDark(Math.floor(y / module), Math.floor(x / module))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const file = join(mkdtempSync(join(tmpdir(), "qs-camera-")), "feed.y4m");
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]));
  return file;
}

let adminSetup: ReturnType<typeof adminWithShowTonight> | undefined;
const theAdmin = () => (adminSetup ??= adminWithShowTonight());

/** A paid booking of the customer on the show, and its tickets' tokens by seat. */
async function paidTickets(customer: string, showId: string, seats: string[]) {
  const created = await api<{ bookingId: string; url: string }>("POST", "/api/booking/create", customer, { showId, selectedSeats: seats });
  expect(created.status).toBe(201);
  expect((await api("POST", `${created.body.url}/pay`)).status).toBe(303);
  const tickets = await api<{ reference: string; tickets: { seat: string; token: string }[] }>("GET", `/api/booking/${created.body.bookingId}/tickets`, customer);
  return Object.assign(Object.fromEntries(tickets.body.tickets.map((t) => [t.seat, t.token])), { reference: tickets.body.reference }) as Record<string, string> & { reference: string };
}

const outcomesOfRecentScans = (page: Page) =>
  page.locator('[data-testid="recent-scans"] li').evaluateAll((items) => items.map((i) => i.getAttribute("data-outcome")));

describe("tickets at the door", () => {
  test("a customer opens the tickets of a paid booking; door staff admit one, and a second scan raises the double-entry alarm", async () => {
    const admin = await theAdmin();
    const customer = await registerViaApi(site.baseURL, { name: "Robin Fan", email: uniqueEmail("fan"), password: "correct-horse-42" });
    const doorEmail = uniqueEmail("door");
    const door = await registerViaApi(site.baseURL, { name: "Sam Door", email: doorEmail, password: "correct-horse-42" });

    // The admin makes Sam door staff on the users page.
    const adminContext = await newContext(site.browser, { baseURL: site.baseURL, token: admin.token });
    const adminPage = await adminContext.newPage();
    const adminWatch = watchPage(adminPage);
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Name or email").fill("door.");
    await adminPage.getByRole("button", { name: "Search" }).click();
    const row = adminPage.locator(`tr[data-user-email="${doorEmail}"]`);
    await row.getByRole("button", { name: "Make door staff" }).click();
    await expect.poll(() => row.locator("td").nth(2).textContent()).toBe("Door staff");
    expect(adminWatch.errors).toEqual([]);
    await adminContext.close();

    // The customer buys two seats and opens the ticket view from My bookings.
    const created = await api<{ bookingId: string; url: string }>("POST", "/api/booking/create", customer, { showId: admin.showId, selectedSeats: ["E5", "E6"] });
    expect(created.status).toBe(201);
    const paid = await api("POST", `${created.body.url}/pay`);
    expect(paid.status).toBe(303);

    const fanContext = await newContext(site.browser, { baseURL: site.baseURL, token: customer, viewport: { width: 1100, height: 900 } });
    const fanPage = await fanContext.newPage();
    const fanWatch = watchPage(fanPage);
    await fanPage.goto("/my-bookings");
    await fanPage.locator(`li[data-booking-id="${created.body.bookingId}"]`).getByRole("link", { name: "Tickets" }).click();
    await fanPage.waitForURL(new RegExp(`/my-bookings/${created.body.bookingId}/tickets$`));
    const qr = fanPage.getByRole("img", { name: "QR code of the ticket for seat E5" });
    await expect.poll(() => qr.count()).toBe(1);
    // The cinema's local time, its zone named only because the viewer's clock (UTC) reads differently.
    const shownTime = (await fanPage.locator("dd time").textContent())!;
    expect(shownTime).not.toContain("(");
    if (offset !== 0) expect(shownTime).toMatch(/GMT[+-]\d/);
    const ics = await fanPage.getByRole("link", { name: "Add to calendar" }).getAttribute("href");
    expect(decodeURIComponent(ics!)).toContain("BEGIN:VEVENT");
    const token = (await qr.getAttribute("data-token"))!;
    const reference = (await fanPage.getByTestId("reference").first().textContent())!;
    await screenshot(fanPage, "tickets-view");
    expect(fanWatch.errors).toEqual([]);

    // The PDF ticket of the mail, drawn for this ticket and opened in Chromium's own viewer.
    const movieTitle = (await fanPage.getByRole("heading", { level: 1 }).textContent())!;
    const localStart = (await fanPage.locator("dd time").textContent())!;
    const secondToken = (await fanPage.getByRole("img", { name: "QR code of the ticket for seat E6" }).getAttribute("data-token"))!;
    const pdf = await ticketsPdf({
      reference,
      movieTitle,
      localStart,
      holderName: "Robin Fan",
      venue: { cinemaName: "QuickShow Cinema", address: "1 Station Road, Springfield", screen: "Screen 1" },
      tickets: [
        { seat: "E5", token },
        { seat: "E6", token: secondToken },
      ],
      now: new Date(),
    });
    const pdfFile = join(mkdtempSync(join(tmpdir(), "qs-pdf-")), "tickets.pdf");
    writeFileSync(pdfFile, pdf);
    const pdfPage = await fanContext.newPage();
    await pdfPage.setViewportSize({ width: 760, height: 860 });
    await pdfPage.goto(pathToFileURL(pdfFile).href).catch(() => undefined);
    await pdfPage.waitForTimeout(2_000);
    mkdirSync(screenshotDir, { recursive: true });
    await pdfPage.screenshot({ path: join(screenshotDir, "ticket-pdf.png") });
    await fanContext.close();

    // At the door, on a phone: the QR content goes in by hand (the camera path reads the same text).
    const doorContext = await newContext(site.browser, { baseURL: site.baseURL, token: door, viewport: { width: 390, height: 844 } });
    const doorPage = await doorContext.newPage();
    const doorWatch = watchPage(doorPage);
    await doorPage.goto("/checkin");
    await expect.poll(() => doorPage.getByTestId("counter").textContent()).toBe("0admitted of 2 sold");
    const result = doorPage.locator("[data-result]");
    const code = doorPage.getByLabel("Ticket code, or booking reference and seat");
    await code.fill(token);
    await doorPage.getByRole("button", { name: "Check in" }).click();
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted");
    await expect.poll(() => result.textContent()).toContain("Seat E5");
    await expect.poll(() => result.textContent()).toContain("Robin");
    await expect.poll(() => doorPage.getByTestId("counter").textContent()).toBe("1admitted of 2 sold");
    await screenshot(doorPage, "checkin-admitted", false);

    await code.fill(token);
    await doorPage.getByRole("button", { name: "Check in" }).click();
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    await expect.poll(() => result.textContent()).toMatch(/Already admitted at \d\d:\d\d:\d\d by Sam Door on Phone/);
    await expect.poll(() => doorPage.locator('[data-testid="recent-scans"] li').evaluateAll((items) => items.map((i) => i.getAttribute("data-outcome")))).toEqual([
      "already_admitted",
      "admitted",
    ]);
    await screenshot(doorPage, "checkin-double-entry", false);

    // The other seat, typed as reference and seat.
    await code.fill(`${reference.toLowerCase()} e6`);
    await doorPage.getByRole("button", { name: "Check in" }).click();
    await expect.poll(() => result.textContent()).toContain("Seat E6");
    expect(doorWatch.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await doorContext.close();

    const attendance = await getJson<{ shows: { _id: string; admitted: number; sold: number }[] }>(site.baseURL, "/api/checkin/attendance", admin.token);
    expect(attendance.body.shows.find((s) => s._id === admin.showId)).toMatchObject({ admitted: 2, sold: 2 });
  });

  test("offline, the door checks signatures, refuses every admission it has seen, and settles its queued scans on sync", async () => {
    const admin = await theAdmin();
    const customer = await registerViaApi(site.baseURL, { name: "Offline Fan", email: uniqueEmail("offline"), password: "correct-horse-42" });
    const tokens = await paidTickets(customer, admin.showId, ["G1", "G2", "G3", "G4", "G5"]);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token: admin.token, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto("/checkin");
    const result = page.locator("[data-result]");
    const code = page.getByLabel("Ticket code, or booking reference and seat");
    const scan = async (text: string) => {
      await code.fill(text);
      await page.getByRole("button", { name: "Check in" }).click();
    };
    const kept = () => page.evaluate(() => localStorage.getItem("quickshow.checkin.admitted") ?? "");
    // The public key arrives with the page.
    await expect.poll(() => page.evaluate(() => localStorage.getItem("quickshow.checkin.keys"))).toContain("Ed25519");

    // Online: G3 is let in, and a second scan is refused by the server.
    await scan(tokens.G3!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted");
    await scan(tokens.G3!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    // Another door lets G4 in while this phone still has the network: the phone fetches the show's admissions.
    expect((await api("POST", "/api/checkin", admin.token, { code: tokens.G4, device: "door 3" })).status).toBe(200);
    await expect.poll(kept, { timeout: 20_000 }).toContain(":G4");
    await context.setOffline(true);

    await scan(tokens.G3!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    await scan(tokens.G4!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    await expect.poll(() => result.textContent()).toMatch(new RegExp(`Seat G4 · ${tokens.reference} was admitted at \\d\\d:\\d\\d:\\d\\d by Ada Admin on door 3`));
    await scan(tokens.G1!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted_offline");
    await scan(tokens.G1!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    const [header, payload] = tokens.G1!.split(".");
    await scan(`${header}.${payload}.${"A".repeat(86)}`);
    await expect.poll(() => result.getAttribute("data-result")).toBe("unknown");
    // Meanwhile another door lets G2 in; this phone cannot know.
    expect((await api("POST", "/api/checkin", admin.token, { code: tokens.G2, device: "door 2" })).status).toBe(200);
    await scan(tokens.G2!);
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted_offline");
    // A typed code cannot be checked on the phone: it waits for the server.
    await scan(`${tokens.reference} G5`);
    await expect.poll(() => result.getAttribute("data-result")).toBe("queued");
    await expect.poll(() => page.getByTestId("offline-queue").textContent()).toContain("3 queued scans");

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    const alert = page.getByRole("alert").filter({ hasText: "Found when syncing offline scans" });
    await expect
      .poll(() => alert.textContent())
      .toMatch(new RegExp(`Seat G2 · ${tokens.reference} \\(scanned \\d\\d:\\d\\d:\\d\\d on this phone\\): Already admitted at \\d\\d:\\d\\d:\\d\\d by Ada Admin on door 2`));
    expect(await alert.textContent()).not.toContain("…");
    await expect.poll(() => page.getByTestId("offline-queue").count()).toBe(0);
    // The sync's answers replace the phone's: the queued G5 is in, the green G2 turns red.
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted");
    await expect.poll(() => result.textContent()).toContain("Seat G5");
    await expect.poll(() => outcomesOfRecentScans(page)).toEqual([
      "admitted",
      "already_admitted",
      "unknown",
      "already_admitted",
      "admitted",
      "already_admitted",
      "already_admitted",
      "already_admitted",
      "admitted",
    ]);
    await screenshot(page, "checkin-after-sync", false);
    const admissions = await getJson<{ admissions: { seat: string }[] }>(site.baseURL, `/api/checkin/admitted/${admin.showId}`, admin.token);
    expect(admissions.body.admissions.map((a) => a.seat).filter((seat) => seat.startsWith("G")).sort()).toEqual(["G1", "G2", "G3", "G4", "G5"]);
    await context.close();
  });

  test("a booking reference typed alone lets the whole group in, and the scan list and alarm write times alike", async () => {
    const admin = await theAdmin();
    const customer = await registerViaApi(site.baseURL, { name: "Group Fan", email: uniqueEmail("group"), password: "correct-horse-42" });
    const tokens = await paidTickets(customer, admin.showId, ["J4", "J5", "J6"]);
    const context = await newContext(site.browser, { baseURL: site.baseURL, token: admin.token, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto("/checkin");
    await page.locator('section[aria-label="Show at this door"] select').selectOption(admin.showId);
    const result = page.locator("[data-result]");
    const code = page.getByLabel("Ticket code, or booking reference and seat");
    const scan = async (text: string) => {
      await code.fill(text);
      await page.getByRole("button", { name: "Check in" }).click();
    };
    await scan(tokens.J5!);
    await expect.poll(() => result.textContent()).toContain("Seat J5");
    await scan(tokens.reference.toLowerCase());
    await expect.poll(() => result.getAttribute("data-result")).toBe("admitted");
    await expect.poll(() => result.textContent()).toContain("Seats J4, J6");
    await expect.poll(() => result.textContent()).toMatch(/already in: J5 at \d\d:\d\d:\d\d/);
    await screenshot(page, "checkin-group", false);

    await scan(tokens.reference);
    await expect.poll(() => result.getAttribute("data-result")).toBe("already_admitted");
    const alarm = (await result.textContent())!;
    expect(alarm).toMatch(/J4, J5, J6 already admitted, the first at \d\d:\d\d:\d\d by Ada Admin/);
    const times = await page.locator('[data-testid="recent-scans"] li time').allTextContents();
    expect(times.length).toBe(3);
    for (const time of times) expect(time).toMatch(/^\d\d:\d\d:\d\d$/);

    await scan(`${tokens.reference} K9`);
    await expect.poll(() => result.textContent()).toContain("its seats are J4, J5, J6");
    expect(errors.filter((e) => !/status of (409|404)/.test(e))).toEqual([]);
    await context.close();
  });

  test("the camera reads a ticket held up to it and admits it", async () => {
    const admin = await theAdmin();
    const customer = await registerViaApi(site.baseURL, { name: "Camera Fan", email: uniqueEmail("camera"), password: "correct-horse-42" });
    const tokens = await paidTickets(customer, admin.showId, ["H3"]);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${cameraFeedOf(tokens.H3!)}`],
    });
    try {
      const context = await newContext(browser, { baseURL: site.baseURL, token: admin.token, viewport: { width: 390, height: 844 } });
      await context.grantPermissions(["camera"]);
      const page = await context.newPage();
      const { errors } = watchPage(page);
      await page.goto("/checkin");
      await page.getByRole("button", { name: "Scan with camera" }).click();
      await expect.poll(() => page.getByRole("button", { name: /Stop camera/ }).textContent()).toMatch(/BarcodeDetector|jsQR/);
      const result = page.locator("[data-result]");
      await expect.poll(() => result.getAttribute("data-result")).toBe("admitted");
      await expect.poll(() => result.textContent()).toContain("Seat H3");
      // The code stays in front of the lens: it is not scanned again and again.
      await page.waitForTimeout(1_000);
      expect(await page.locator('[data-testid="recent-scans"] li').count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test("the counter refunds a booking let in at the door only when it insists, and the seat let in stays taken", async () => {
    const admin = await theAdmin();
    const customer = await registerViaApi(site.baseURL, { name: "Lee Late", email: uniqueEmail("late"), password: "correct-horse-42" });
    const tickets = await paidTickets(customer, admin.showId, ["J1", "J2"]);
    expect((await api("POST", "/api/checkin", admin.token, { code: tickets.J1, showId: admin.showId })).status).toBe(200);

    const context = await newContext(site.browser, { baseURL: site.baseURL, token: admin.token });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto("/admin/list-bookings");
    const row = page.getByRole("row").filter({ hasText: "Lee Late" });
    await row.getByRole("button", { name: "Cancel and refund" }).click();
    await row.getByRole("button", { name: "Refund", exact: true }).click();
    await expect.poll(() => row.getByRole("alert").textContent()).toContain("already let in at the door");
    await row.getByRole("button", { name: "Refund anyway (the seats let in stay taken)" }).click();
    await expect.poll(() => row.textContent()).toContain("J1 had been let in at the door");
    const seats = await api<{ occupiedSeats: string[] }>("GET", `/api/booking/seats/${admin.showId}`);
    expect(seats.body.occupiedSeats).toContain("J1");
    expect(seats.body.occupiedSeats).not.toContain("J2");
    // The first try's refusal is the one failed request the page is expected to log.
    expect(errors).toEqual(["console: Failed to load resource: the server responded with a status of 409 (Conflict)"]);
    await context.close();
  });

  test("a customer is sent home from the check-in page", async () => {
    const customer = await registerViaApi(site.baseURL, { name: "Curious", email: uniqueEmail("curious"), password: "correct-horse-42" });
    const context = await newContext(site.browser, { baseURL: site.baseURL, token: customer });
    const page = await context.newPage();
    await page.goto("/checkin");
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.getByText("Check-in is for door staff only.").count()).toBe(1);
    await context.close();
  });
});
