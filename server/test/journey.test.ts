import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { myHoldsResponseSchema } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

// What the buyer meets around checkout (issue 12): their own holds, the local checkout page's
// states, where Cancel leads, and the site's own pages for links nobody answers.
let app: TestApp;
let api: Client;
let admin: string;
let ann: string;
let ben: string;
let showId: string;
let movieId: string;
const webDir = mkdtempSync(path.join(tmpdir(), "qs-journey-web-"));
const SITE_MARK = '<meta name="site-page">';

beforeAll(async () => {
  writeFileSync(path.join(webDir, "index.html"), `<!doctype html><html><head>${SITE_MARK}</head><body><div id="root"></div></body></html>`);
  app = await startTestApp({ HOLD_MINUTES: "10", THEATER_TIMEZONE: "Europe/Paris" }, undefined, { webDistDir: webDir });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  ann = await api.register("ann@example.test");
  ben = await api.register("ben@example.test");
  [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "20:00")] })) as [string];
  movieId = (await api.get(`/api/show/detail/${showId}`)).body.show.movie._id;
});
afterAll(async () => {
  await app?.close();
  rmSync(webDir, { recursive: true, force: true });
});

const pageOf = (url: string) => api.request("GET", url).then((r) => ({ status: r.status, html: String(r.body), type: r.headers.get("content-type") ?? "" }));

describe(`the buyer's own holds (${testDb})`, () => {
  it("lists only the signed-in buyer's live holds on that show, with the way to pay them", async () => {
    const mine = await api.post("/api/booking/create", { showId, selectedSeats: ["C1", "C2"] }, ann);
    await api.post("/api/booking/create", { showId, selectedSeats: ["C5"] }, ben);
    expect(mine.status).toBe(201);

    const reply = await api.get(`/api/booking/seats/${showId}/mine`, ann);
    expect(reply.status).toBe(200);
    const { holds } = myHoldsResponseSchema.parse(reply.body);
    expect(holds).toEqual([{ bookingId: mine.body.bookingId, seats: ["C1", "C2"], holdExpiresAt: mine.body.holdExpiresAt, paymentLink: mine.body.url }]);
    expect((await api.get(`/api/booking/seats/${showId}/mine`, ben)).body.holds.map((h: { seats: string[] }) => h.seats)).toEqual([["C5"]]);
    expect((await api.get(`/api/booking/seats/${showId}/mine`)).status).toBe(401);

    // Paid and released holds are no longer "yours to pay".
    await api.request("POST", `${mine.body.url}/pay`);
    expect((await api.get(`/api/booking/seats/${showId}/mine`, ann)).body.holds).toEqual([]);
  });

  it("drops a hold once it lapsed", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["D1"] }, ann);
    expect((await api.get(`/api/booking/seats/${showId}/mine`, ann)).body.holds).toHaveLength(1);
    app.clock.advanceMinutes(11);
    expect((await api.get(`/api/booking/seats/${showId}/mine`, ann)).body.holds).toEqual([]);
    expect(hold.status).toBe(201);
  });
});

describe(`the local checkout page (${testDb})`, () => {
  it("counts the hold down from its end and offers Pay while it lasts", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["E1"] }, ann);
    app.clock.advanceMinutes(3);
    const page = await pageOf(hold.body.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`data-expires="${hold.body.holdExpiresAt}"`);
    // Seven minutes left on the server's clock.
    expect(page.html).toMatch(/role="timer"[^>]*>7:00</);
    expect(page.html).toContain('<script src="/checkout/local/countdown.js" defer>');
    expect(page.html).toMatch(/<button class="pay"[^>]*>Pay /);
    const script = await api.request("GET", "/checkout/local/countdown.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(String(script.body)).toContain("data-expires");
  });

  it("offers no Pay once the hold ended, and a way back to the same seats", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["E3", "E4"] }, ann);
    app.clock.advanceMinutes(11);
    const page = await pageOf(hold.body.url);
    expect(page.html).toContain("This checkout has ended");
    expect(page.html).not.toMatch(/<button class="pay"/);
    expect(page.html).toContain(`href="/movies/${movieId}/`);
    expect(page.html).toContain(`show=${showId}&amp;seats=E3,E4`);
  });

  it("says a paid booking is already paid, as good news, with a link to it", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["E6"] }, ann);
    await api.request("POST", `${hold.body.url}/pay`);
    const page = await pageOf(hold.body.url);
    expect(page.html).toContain("Already paid");
    expect(page.html).not.toContain("can no longer be paid");
    expect(page.html).toContain(`href="/my-bookings?paid=${hold.body.bookingId}"`);
    expect(page.html).not.toMatch(/<button class="pay"/);
  });

  it("Cancel releases the hold and returns to the same seat map with the seats picked", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["F7", "F8"] }, ann);
    const cancel = await api.request("POST", `${hold.body.url}/cancel`);
    expect(cancel.status).toBe(303);
    const back = new URL(cancel.headers.get("location") ?? "", "http://x");
    expect(back.pathname).toMatch(new RegExp(`^/movies/${movieId}/\\d{4}-\\d{2}-\\d{2}$`));
    expect(Object.fromEntries(back.searchParams)).toEqual({ show: showId, seats: "F7,F8", cancelled: "1" });
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).not.toContain("F7");
  });
});

describe("pages nobody answers", () => {
  const browser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
  const open = (url: string, method = "GET") =>
    fetch(app.url + url, { method, headers: browser, redirect: "manual" }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() }));

  it("a tampered checkout link shows the site's page with 404, not JSON", async () => {
    const hold = await api.post("/api/booking/create", { showId, selectedSeats: ["G1"] }, ben);
    const tampered = String(hold.body.url).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    for (const [method, url] of [["GET", tampered], ["POST", `${tampered}/pay`], ["GET", `/checkout/local/${hold.body.bookingId}`]] as const) {
      const page = await open(url, method);
      expect(page.status, `${method} ${url}`).toBe(404);
      expect(page.type, url).toMatch(/text\/html/);
      expect(page.text, url).toContain(SITE_MARK);
    }
  });

  it("an unknown path outside the API is the site's 404 page, never Express's 'Cannot GET'", async () => {
    for (const url of ["/checkout/nothing/here", "/checkout/local"]) {
      const page = await open(url);
      expect(page.status, url).toBe(404);
      expect(page.text, url).toContain(SITE_MARK);
      expect(page.text).not.toContain("Cannot GET");
    }
    const post = await open("/no/such/form", "POST");
    expect(post.status).toBe(404);
    expect(post.text).not.toContain("Cannot POST");
    // API callers keep their JSON errors.
    const apiMiss = await api.get("/api/no-such-route");
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.body).toMatchObject({ success: false, code: "not_found" });
  });
});

describe(`the home page's first paint (${testDb})`, () => {
  it("comes with the listing the client would fetch and the featured movie's hero, escaped", async () => {
    const res = await fetch(`${app.url}/`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const html = await res.text();
    const listing = (await api.get("/api/show/all")).body as { shows: { _id: string; title: string; backdrop_path: string }[] };
    expect(listing.shows.length).toBeGreaterThan(0);
    const data = /<script type="application\/json" id="initial-shows">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(JSON.parse(data)).toEqual(listing);
    const featured = listing.shows[0]!;
    const title = featured.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    expect(html).toContain(`<h1 id="hero-title" class="max-w-2xl text-4xl font-bold leading-tight sm:text-5xl md:text-6xl">${title}</h1>`);
    expect(html).toContain(`href="/movies/${featured._id}#dates"`);
    // The shell sits inside the root the client renders into; the head keeps the page's own tags.
    expect(html.indexOf('<div id="root"><div')).toBeGreaterThan(html.indexOf("</head>"));
    expect(html).toContain(SITE_MARK);
  });

  it("keeps JSON from closing its script tag", async () => {
    const { homeShell } = await import("../src/http/home-shell.ts");
    const shell = homeShell(JSON.stringify({ success: true, shows: [], note: "</script><script>alert(1)</script>" }), undefined);
    expect(shell.head).not.toContain("</script><script>");
    expect(shell.head).toContain("\\u003c/script>");
    expect(shell.root).toBe("");
  });
});

describe(`the schedule behind the movies page's filters (${testDb})`, () => {
  it("lists each movie's show dates and how full each show is", async () => {
    const reply = await api.get("/api/schedule");
    expect(reply.status).toBe(200);
    const entry = (reply.body.movies as { movieId: string; dates: string[]; availability: string }[]).find((m) => m.movieId === movieId);
    expect(entry?.dates).toHaveLength(1);
    expect(entry?.dates[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry?.availability).toBe("available");
    expect(reply.body.shows[showId]).toBe("available");
    // Past and unknown shows are not listed.
    expect(Object.keys(reply.body.shows)).toEqual([showId]);
  });
});
