import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";

let app: TestApp;
let api: Client;
let admin: string;
const logLines: { level: number; msg: string }[] = [];

beforeAll(async () => {
  // A built client of one script, so /assets is served as in production.
  const webDist = mkdtempSync(path.join(tmpdir(), "qs-web-"));
  mkdirSync(path.join(webDist, "assets"));
  writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>QuickShow</title>");
  writeFileSync(path.join(webDist, "assets", "app.js"), "console.log('hi')");
  const logDestination = new Writable({
    write: (chunk, _enc, done) => {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  app = await startTestApp({ LOG_LEVEL: "info" }, new Date(), { webDistDir: webDist, logDestination });
  api = client(app.url);
  admin = await api.register("admin@example.test");
});
afterAll(() => app?.close());

const controlCharacters = ["\u0000", "\u0007", "\u001b", "\n", "\t", "\u007f", "\u0085"];

describe(`text with control characters is refused with 400 (${testDb})`, () => {
  it.each(controlCharacters.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`, c]))("in a new account's name or password: %s", async (_label, c) => {
    const byName = await api.post("/api/auth/register", { name: `Ada${c}Lovelace`, email: `ada${c.charCodeAt(0)}@example.test`, password: "a fine password" });
    expect(byName.status).toBe(400);
    expect(byName.body).toMatchObject({ success: false, code: "validation" });
    const byPassword = await api.post("/api/auth/register", { name: "Ada", email: `ada-pw${c.charCodeAt(0)}@example.test`, password: `a fine${c}password` });
    expect(byPassword.status).toBe(400);
    const signIn = await api.post("/api/auth/login", { email: "admin@example.test", password: `correct horse${c}battery` });
    expect(signIn.status).toBe(400);
  });

  it("creates no account from a refused request", async () => {
    await api.post("/api/auth/register", { name: "Nul\u0000", email: "nul@example.test", password: "a fine password" });
    expect((await api.post("/api/auth/login", { email: "nul@example.test", password: "a fine password" })).status).toBe(401);
  });
});

describe("client mistakes answer 4xx and are never logged as errors", () => {
  const mistakes: [string, () => Promise<Response>, number][] = [
    ["a missing script under /assets", () => fetch(`${app.url}/assets/missing-abc123.js`), 404],
    ["a path out of /assets", () => fetch(`${app.url}/assets/..%2f..%2fpackage.json`), 404],
    ["a missing upload", () => fetch(`${app.url}/media/uploads/movie-1-poster-nope.png`), 404],
    ["a path out of /media/uploads", () => fetch(`${app.url}/media/uploads/..%2f..%2fjwt-secret`), 404],
    ["a malformed path under /media/uploads", () => fetch(`${app.url}/media/uploads/%E0%A4%A`), 404],
    [
      "a multipart upload cut short",
      () =>
        fetch(`${app.url}/api/admin/movies/653/image`, {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": "multipart/form-data; boundary=cut" },
          body: '--cut\r\nContent-Disposition: form-data; name="kind"\r\n\r\nposter\r\n--cut\r\nContent-Disposition: form-data; name="image"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG',
        }),
      400,
    ],
  ];

  it.each(mistakes)("%s", async (_name, send, status) => {
    const before = logLines.length;
    const res = await send();
    expect(res.status).toBe(status);
    expect(await res.text()).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    const logged = logLines.slice(before);
    expect(logged.filter((line) => line.level > 40)).toEqual([]);
  });

  it("still serves the files that are there", async () => {
    expect((await fetch(`${app.url}/assets/app.js`)).status).toBe(200);
  });
});
