import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Storage } from "../../src/providers/storage/interface.ts";
import { openPgliteStorage, openPostgresStorage } from "../../src/providers/storage/postgres/storage.ts";

/** Which database this run tests: TEST_DB=pglite (in-process) or postgres (the local server). */
export const testDb = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  /** Set for a database server, so other processes can share it. */
  url: string | null;
  open(): Promise<Storage>;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: in-memory PGlite or a new database on the server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDb === "pglite") {
    return { url: null, open: () => openPgliteStorage(null), drop: async () => {} };
  }
  const name = `qs_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openPostgresStorage(url.toString(), { poolSize: 20 }),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // A pool that was just ended may still be closing its sockets; forcing the drop then
        // would kill them mid-goodbye, so wait for them to leave first.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name}${attempt >= 50 ? " with (force)" : ""}`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}
