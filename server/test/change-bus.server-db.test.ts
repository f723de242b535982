import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openBus } from "../src/providers/bus/index.ts";
import type { ChangeBus, ChangeEvent } from "../src/providers/bus/interface.ts";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";

let database: TestDatabase;
const buses: ChangeBus[] = [];

const open = async () => {
  const bus = await openBus(loadConfig({ ...database.env, CHANGE_BUS_POLL_MS: "50" }), createLogger("silent"));
  buses.push(bus);
  return bus;
};
const record = (bus: ChangeBus) => {
  const heard: ChangeEvent[] = [];
  bus.subscribe((event) => heard.push(event));
  return heard;
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await database?.drop();
});

describe(`the change bus on ${testDb}`, () => {
  it("carries each event to every instance on the same database, the publisher included", async () => {
    const [a, b] = [await open(), await open()];
    const [heardA, heardB] = [record(a), record(b)];
    a.publish({ kind: "seats", showId: "3f0c9a52-7d1e-4c43-9d64-5f4a1b2c3d4e" });
    b.publish({ kind: "listings" });
    for (const heard of [heardA, heardB]) {
      await eventually(() =>
        expect(heard).toEqual(expect.arrayContaining([{ kind: "seats", showId: "3f0c9a52-7d1e-4c43-9d64-5f4a1b2c3d4e" }, { kind: "listings" }])),
      );
    }
  });

  it("sends a burst of one show's changes as one event and another show's separately", async () => {
    const [a, b] = [await open(), await open()];
    const heard = record(b);
    for (let i = 0; i < 50; i++) a.publish({ kind: "seats", showId: "show-one" });
    a.publish({ kind: "seats", showId: "show-two" });
    await eventually(() => expect(heard).toContainEqual({ kind: "seats", showId: "show-two" }));
    expect(heard.filter((e) => e.kind === "seats" && e.showId === "show-one")).toHaveLength(1);
  });

  it("delivers what was published just before close", async () => {
    const [a, b] = [await open(), await open()];
    const heard = record(b);
    a.publish({ kind: "all-seats" });
    await a.close();
    await eventually(() => expect(heard).toContainEqual({ kind: "all-seats" }));
  });
});
