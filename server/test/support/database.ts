import { randomBytes } from "node:crypto";
import pg from "pg";
import { guardedStorage } from "../../src/providers/storage/index.ts";
import type { Storage } from "../../src/providers/storage/interface.ts";
import { openMongoStorage } from "../../src/providers/storage/mongo/storage.ts";
import { openPgliteStorage, openPostgresStorage } from "../../src/providers/storage/postgres/storage.ts";

/**
 * Which database this run tests: TEST_DB=pglite (in-process), postgres (the local server,
 * TEST_POSTGRES_URL) or mongo (a MongoDB-compatible server at TEST_MONGODB_URL; `npm test`
 * starts FerretDB from tools/mongo-test-server for it).
 */
export const testDb = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres" | "mongo";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const mongoUrl = process.env.TEST_MONGODB_URL ?? "mongodb://127.0.0.1:27017/";

export interface TestDatabase {
  /** Set for a database server, so other processes can share it. */
  url: string | null;
  /** The environment a server process needs to use this database (DATABASE_URL or MONGODB_URI). */
  env: Record<string, string>;
  open(): Promise<Storage>;
  drop(): Promise<void>;
}

/** `base` with its path (the database name) replaced, keeping any query options. */
function withDatabase(base: string, name: string) {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(base);
  if (!match) throw new Error(`TEST_MONGODB_URL is not a MongoDB URI: ${base}`);
  return `${match[1]}/${name}${match[2] ?? ""}`;
}

/** A fresh, empty database for one test file: in-memory PGlite or a new database on the server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDb === "pglite") {
    return { url: null, env: {}, open: async () => guardedStorage(await openPgliteStorage(null)), drop: async () => {} };
  }
  if (testDb === "mongo") {
    // MongoDB creates a database on first write; dropping it afterwards removes every collection.
    const url = withDatabase(mongoUrl, `qs_test_${randomBytes(6).toString("hex")}`);
    return {
      url,
      env: { MONGODB_URI: url },
      open: async () => guardedStorage(await openMongoStorage(url, { poolSize: 20 })),
      async drop() {
        const { default: mongoose } = await import("mongoose");
        const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
        try {
          await connection.dropDatabase();
        } finally {
          await connection.close();
        }
      },
    };
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
    env: { DATABASE_URL: url.toString() },
    open: async () => guardedStorage(await openPostgresStorage(url.toString(), { poolSize: 20 })),
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
