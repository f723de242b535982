import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStorage } from "../src/providers/storage/postgres/storage.ts";
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

  it("make-staff and remove-staff grant and take away the door-staff role, and leave an admin alone", async () => {
    // The embedded database is the one the command opens under DATA_DIR; a server database is shared.
    const open = () => (testDb === "pglite" ? openPgliteStorage(path.resolve(dataDir, "pglite")) : database.open());
    const storage = await open();
    try {
      await storage.users.create({ id: "cli-door", name: "Door", email: "door@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
      await storage.users.create({ id: "cli-boss", name: "Boss", email: "boss@example.test", image: "", role: "admin", newShowEmails: false, passwordHash: null });
    } finally {
      await storage.close();
    }
    const granted = run("make-staff", "Door@example.test");
    expect(granted.out).toMatch(/door@example.test is now door staff/);
    const roleOf = async (id: string) => {
      const reopened = await open();
      try {
        return (await reopened.users.findById(id))?.role;
      } finally {
        await reopened.close();
      }
    };
    expect(await roleOf("cli-door")).toBe("staff");
    expect(run("make-staff", "boss@example.test").err).toMatch(/is an admin/);
    expect(await roleOf("cli-boss")).toBe("admin");
    expect(run("remove-staff", "door@example.test").out).toMatch(/is now a regular user/);
    expect(await roleOf("cli-door")).toBe("user");
  }, 120_000);
});
