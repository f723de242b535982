import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fakeTmdb } from "../../server/test/support/tmdb.ts";
import { getJson, launchBrowser, newContext } from "./browser.ts";
import { startServer, type TestServer } from "./server.ts";

// With TMDB, trailers play in place through YouTube's privacy-enhanced player, which the site's
// CSP lets in as a frame. The player itself is answered locally (no network here): Chromium only
// asks for it when the CSP allows the frame, so the request arriving is the proof.
let tmdb: Awaited<ReturnType<typeof fakeTmdb>>;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  tmdb = await fakeTmdb();
  server = await startServer({ seedDemo: true, env: tmdb.env });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await tmdb?.close();
});

async function playerRequests(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route("https://www.youtube-nocookie.com/**", (route) => {
    asked.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>player</title><p>player</p>" });
  });
  await page.route("https://image.tmdb.test/**", (route) => route.fulfill({ status: 404, body: "" }));
  return asked;
}

describe("trailers from TMDB", () => {
  test("the home page plays a movie's YouTube trailer in place", async () => {
    const context = await newContext(browser, { baseURL: server.baseURL });
    const page = await context.newPage();
    const asked = await playerRequests(page);
    await page.goto("/");
    const section = page.getByRole("region", { name: "Trailers" });
    await expect.poll(() => section.count()).toBe(1);
    await section.getByRole("button", { name: "Watch trailer" }).click();
    const frame = section.locator("iframe");
    await expect.poll(() => frame.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/trailer1234?autoplay=1");
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    expect(asked[0]).toContain("/embed/trailer1234");
    await expect.poll(() => frame.getAttribute("title")).toContain("Official Trailer");
    await context.close();
  });

  test("a movie's page has a Watch trailer button that opens the player", async () => {
    const all = await getJson<{ shows: { _id: string }[] }>(server.baseURL, "/api/show/all");
    const movieId = all.body.shows[0]!._id;
    const context = await newContext(browser, { baseURL: server.baseURL });
    const page = await context.newPage();
    const asked = await playerRequests(page);
    await page.goto(`/movies/${movieId}`);
    await page.getByRole("button", { name: "Watch trailer" }).click();
    const dialog = page.getByRole("dialog", { name: /trailer/ });
    await expect.poll(() => dialog.locator("iframe").getAttribute("src")).toContain("https://www.youtube-nocookie.com/embed/trailer1234");
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await context.close();
  });
});
