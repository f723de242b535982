import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
const logged: string[] = [];

beforeAll(async () => {
  const logDestination = new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) });
  app = await startTestApp({ LOG_LEVEL: "debug" }, new Date(), { logDestination });
  api = client(app.url);
});
afterAll(() => app?.close());

describe(`signatures and tokens never reach the log (${testDb})`, () => {
  it("a whole run of signed checkout links, sessions and tokens in query strings leaves none of them in the log", async () => {
    const admin = await api.register("admin@example.test");
    const buyer = await api.register("buyer@example.test");
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
    const secrets: string[] = [admin, buyer];

    const paid = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, buyer);
    const cancelled = await api.post("/api/booking/create", { showId, selectedSeats: ["A2"] }, buyer);
    for (const created of [paid, cancelled]) {
      expect(created.status).toBe(201);
      secrets.push(created.body.url.split("/").at(-1));
      expect((await api.request("GET", created.body.url)).status).toBe(200);
      // Refused requests are logged as well as successful ones.
      expect((await api.request("GET", `${created.body.url}x`)).status).toBe(404);
    }
    expect((await api.request("POST", `${paid.body.url}/pay`)).status).toBeLessThan(400);
    expect((await api.request("POST", `${cancelled.body.url}/cancel`)).status).toBeLessThan(400);

    // Tokens a client (or an attacker) puts in a query string.
    await api.get(`/api/user/me?token=${buyer}`);
    await api.get(`/api/show/all?access_token=plain-secret-value-1&signature=plain-secret-value-2`);
    await api.get(`/api/no-such-route?sig=plain-secret-value-3&movie=keep-me`);
    secrets.push("plain-secret-value-1", "plain-secret-value-2", "plain-secret-value-3");
    await app.running.deps.logger.flush?.();

    const log = logged.join("");
    expect(log).toContain("/checkout/local/");
    expect(log).toContain("[redacted]");
    expect(log).toContain("movie=keep-me");
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
  });
});
