import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openBus } from "../src/providers/bus/index.ts";
import type { ChangeBus, ChangeEvent } from "../src/providers/bus/interface.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";

let database: TestDatabase;
let listener: ChangeBus;
let publisher: ChangeBus;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig(database.env);
  [listener, publisher] = [await openBus(config, createLogger("silent")), await openBus(config, createLogger("silent"))];
});
afterAll(async () => {
  await listener?.close();
  await publisher?.close();
  await database?.drop();
});

describe("the LISTEN/NOTIFY bus", () => {
  it("listens again after PostgreSQL drops its connection, and says everything may have changed meanwhile", async () => {
    expect(listener.kind).toBe("postgres-notify");
    const heard: ChangeEvent[] = [];
    listener.subscribe((event) => heard.push(event));
    const admin = new pg.Client({ connectionString: database.url! });
    await admin.connect();
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'",
      );
      // Both buses listen (each also publishes on its own connection).
      expect(killed.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await eventually(() => expect(heard).toContainEqual({ kind: "all-seats" }), 15_000);
    await eventually(async () => {
      publisher.publish({ kind: "seats", showId: "after-reconnect" });
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toContainEqual({ kind: "seats", showId: "after-reconnect" });
    }, 15_000);
  });
});
