import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDb, type TestDatabase } from "./support/database.ts";

const cli = fileURLToPath(new URL("../src/cli/index.ts", import.meta.url));
let database: TestDatabase;
const dataDir = mkdtempSync(path.join(tmpdir(), "qs-cli-"));

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", ...database.env },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe(`command line (${testDb})`, () => {
  it("seeds, lists shows, exports a show's bookings as CSV, and explains its mistakes", () => {
    const seeded = run("seed");
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/Seeded \d+ new shows of 8 movies/);
    expect(run("seed").out).toMatch(/Seeded 0 new shows/);

    const listed = run("list-shows");
    const showId = /\s([0-9a-f-]{36})\s/.exec(listed.out)?.[1];
    expect(showId).toBeTruthy();
    const csv = run("export-bookings", showId!);
    expect(csv.code).toBe(0);
    expect(csv.out.split("\r\n")[0]).toBe("booking_id,status,seats,amount,currency,customer,email,created_at,paid_at");

    const admin = run("make-admin", "nobody@example.test");
    expect(admin.code).toBe(1);
    expect(admin.err).toMatch(/No account with the email nobody@example.test/);
    expect(run("frobnicate").err).toMatch(/Unknown command "frobnicate"/);
    expect(run("expire-holds").out).toMatch(/Expired 0 lapsed hold/);
  }, 120_000);
});
