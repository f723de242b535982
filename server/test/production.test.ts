import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { startServerProcess } from "./support/process.ts";

describe("production mode with the demo checkout asked for", () => {
  let app: TestApp;
  let api: Client;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: "production", ALLOW_DEMO_CHECKOUT: "true" });
    api = client(app.url);
  });
  afterAll(() => app?.close());

  it("serves no API console (404) but keeps the OpenAPI document", async () => {
    expect((await api.get("/api/docs")).status).toBe(404);
    expect((await api.get("/api/docs/app.js")).status).toBe(404);
    expect((await api.get("/api/openapi.json")).status).toBe(200);
  });

  it("says on the checkout page that no money is taken", async () => {
    const admin = await api.register("admin@example.test");
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
    const booking = await api.post("/api/booking/create", { showId, selectedSeats: ["C3"] }, admin);
    expect(booking.status).toBe(201);
    const page = await api.get(booking.body.url as string);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Demo checkout: no money is taken");
  });
});

describe("the API console in production with API_DOCS=true", () => {
  // Outside production it is served by default: openapi.test.ts reads it there.
  it("is served", async () => {
    const app = await startTestApp({ NODE_ENV: "production", ALLOW_DEMO_CHECKOUT: "true", API_DOCS: "true" });
    try {
      const docs = await client(app.url).get("/api/docs");
      expect(docs.status).toBe(200);
      expect(String(docs.body)).toContain("<html");
    } finally {
      await app.close();
    }
  });
});

describe("refusing to start", () => {
  it("stops with a message in production without Stripe keys or ALLOW_DEMO_CHECKOUT", async () => {
    await expect(startServerProcess({ NODE_ENV: "production", SEED_DEMO: "false" }, { timeoutMs: 30_000 })).rejects.toThrow(
      /server exited with 1[\s\S]*STRIPE_SECRET_KEY: is required in production[\s\S]*ALLOW_DEMO_CHECKOUT=true/,
    );
  });

  it("stops with a message when TRUST_PROXY=true", async () => {
    await expect(startServerProcess({ TRUST_PROXY: "true", SEED_DEMO: "false" }, { timeoutMs: 30_000 })).rejects.toThrow(/TRUST_PROXY: must not be true/);
  });
});
