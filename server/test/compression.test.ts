import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

// The built client's text assets go out pre-compressed (made once by web/scripts/compress.mjs
// at build time), checked here over real HTTP with the bytes as they travel.
const compressScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/scripts/compress.mjs");
const webDir = mkdtempSync(path.join(tmpdir(), "qs-compress-web-"));
const script = `export const seats = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `seat-${i}`))};\n`.repeat(20);
const css = `.seat{width:44px;height:44px}\n`.repeat(200);
let app: TestApp;

beforeAll(async () => {
  mkdirSync(path.join(webDir, "assets"));
  // As big as the real page's head (fonts, icons, preloads): well over the 1 kB where compressing starts.
  writeFileSync(path.join(webDir, "index.html"), `<!doctype html><html><head>${'<meta name="description" content="QuickShow cinema tickets">\n'.repeat(30)}</head><body><div id="root"></div></body></html>`);
  writeFileSync(path.join(webDir, "assets", "index-abc123.js"), script);
  writeFileSync(path.join(webDir, "assets", "index-abc123.css"), css);
  writeFileSync(path.join(webDir, "assets", "tiny-abc123.js"), "export {};\n");
  execFileSync(process.execPath, [compressScript, webDir], { stdio: "pipe" });
  app = await startTestApp({}, undefined, { webDistDir: webDir });
  const api = client(app.url);
  const admin = await api.register("admin@example.test");
  [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00"), localSlot(app.clock.now(), 2, "20:00")] })) as [string];
});
let showId: string;
afterAll(async () => {
  await app?.close();
  rmSync(webDir, { recursive: true, force: true });
});

/** GET with exactly these headers; the body as sent (never decoded). */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(new URL(pathname, app.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("pre-compressed client assets", () => {
  it("the build script writes brotli and gzip copies of text files worth compressing, and none of tiny ones", () => {
    expect(existsSync(path.join(webDir, "assets", "index-abc123.js.br"))).toBe(true);
    expect(existsSync(path.join(webDir, "assets", "index-abc123.js.gz"))).toBe(true);
    expect(existsSync(path.join(webDir, "assets", "index-abc123.css.br"))).toBe(true);
    expect(existsSync(path.join(webDir, "assets", "tiny-abc123.js.br"))).toBe(false);
  });

  it("sends brotli to a browser that takes it, with the original's type, Vary and a year of immutable caching", async () => {
    const res = await get("/assets/index-abc123.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);

    const styles = await get("/assets/index-abc123.css", { "accept-encoding": "br" });
    expect(styles.headers["content-encoding"]).toBe("br");
    expect(styles.headers["content-type"]).toMatch(/^text\/css/);
    expect(brotliDecompressSync(styles.body).toString()).toBe(css);
  });

  it("sends gzip when brotli is not accepted, and the plain file (still with Vary) when nothing is", async () => {
    const gz = await get("/assets/index-abc123.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const refused = await get("/assets/index-abc123.js", { "accept-encoding": "br;q=0, gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(script);

    const plain = await get("/assets/index-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.body.toString()).toBe(script);
  });

  it("answers a conditional request for the compressed copy with 304", async () => {
    const first = await get("/assets/index-abc123.js", { "accept-encoding": "br" });
    const again = await get("/assets/index-abc123.js", { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it("sends a small file as it is, and a missing asset is a plain 404", async () => {
    const tiny = await get("/assets/tiny-abc123.js", { "accept-encoding": "br, gzip" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString()).toBe("export {};\n");
    expect((await get("/assets/missing-abc123.js", { "accept-encoding": "br" })).status).toBe(404);
  });
});

describe(`answers made per request (${testDb})`, () => {
  it("a JSON answer of 1 kB or more goes out in brotli, or gzip, as the client accepts, and decodes to the plain answer", async () => {
    const plain = await get(`/api/show/detail/${showId}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThanOrEqual(1024);
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);

    const br = await get(`/api/show/detail/${showId}`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());

    const gz = await get("/api/openapi.json", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.body).toString()).openapi).toMatch(/^3\./);
  });

  it("a cached listing answers a repeated request with 304 whichever form the client holds", async () => {
    const first = await get(`/api/show/detail/${showId}`, { "accept-encoding": "br" });
    expect(first.headers["content-encoding"]).toBe("br");
    const again = await get(`/api/show/detail/${showId}`, { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it("pages' HTML is compressed; small answers, and answers to clients that take no encoding, are not", async () => {
    for (const page of ["/", "/movies", "/movies/653", "/my-bookings"]) {
      const html = await get(page, { accept: "text/html", "accept-encoding": "br" });
      expect(html.status, page).toBe(200);
      expect(html.headers["content-encoding"], page).toBe("br");
      expect(brotliDecompressSync(html.body).toString(), page).toContain('<div id="root">');
    }
    const health = await get("/api/health", { "accept-encoding": "br, gzip" });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(health.body.toString()).success).toBe(true);
    const refused = await get("/api/show/all", { "accept-encoding": "identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(refused.body.toString()).success).toBe(true);
  });

  it("a seat stream is never compressed, so each event reaches the browser when it happens", async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = request(new URL(`/api/booking/seats/${showId}/stream`, app.url), { headers: { accept: "text/event-stream", "accept-encoding": "br, gzip" } }, (res) => {
        res.once("data", () => {
          resolve(res.headers);
          req.destroy();
        });
      });
      req.on("error", reject);
      req.end();
    });
    expect(headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(headers["content-encoding"]).toBeUndefined();
  });
});
