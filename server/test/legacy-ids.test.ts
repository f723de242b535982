import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";

/**
 * Ids in the shapes the API accepts (UUIDs, and MongoDB ObjectIds as 24 hex digits for the
 * tutorial's documents) that no database issued, on every storage: a 404, never a 500. The
 * tutorial's documents themselves are exercised by legacy-data.mongo.test.ts.
 */
let app: TestApp;
let api: Client;
let admin: string;
let buyer: string;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: "false" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  buyer = await api.register("buyer@example.test");
});
afterAll(() => app?.close());

describe(`ids the database never issued (${testDb})`, () => {
  it("a malformed id is a 400 and an unknown one a 404, never a 500", async () => {
    expect((await api.get("/api/show/detail/not-an-id")).status).toBe(400);
    expect((await api.get(`/api/show/detail/${randomUUID()}`)).status).toBe(404);
    // The shape of a MongoDB ObjectId is valid on every database; it just is not there.
    expect((await api.get("/api/show/detail/65a1b2c3d4e5f60718293a4b")).status).toBe(404);
    expect((await api.get("/api/booking/seats/65a1b2c3d4e5f60718293a4b")).status).toBe(404);
    expect((await api.get("/api/booking/65a1b2c3d4e5f60718293a4b", buyer)).status).toBe(404);
    expect((await api.post("/api/booking/create", { showId: "65a1b2c3d4e5f60718293a4b", selectedSeats: ["A1"] }, buyer)).status).toBe(404);
  });
});
