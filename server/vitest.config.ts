import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const db = process.env.TEST_DB ?? "pglite";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Two processes sharing one database only make sense on a database server, documents
    // written by the original Mongo tutorial app only exist on MongoDB, a dropped LISTEN
    // connection only on PostgreSQL, and a database under ./data only on PGlite: such files are
    // left out of the runs they cannot apply to instead of being skipped inside them.
    exclude: [
      ...(db === "pglite" ? ["test/**/*.server-db.test.ts"] : []),
      ...(db !== "mongo" ? ["test/**/*.mongo.test.ts"] : []),
      ...(db !== "postgres" ? ["test/**/*.postgres.test.ts"] : []),
      ...(db !== "pglite" ? ["test/**/*.pglite.test.ts"] : []),
    ],
    globalSetup: [fileURLToPath(new URL("test/support/build-server.ts", import.meta.url))],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    name: `server (${db})`,
  },
});
