import { defineConfig } from "vitest/config";

const db = process.env.TEST_DB ?? "pglite";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Two processes sharing one database only make sense on a database server.
    exclude: db === "pglite" ? ["test/**/*.server-db.test.ts"] : [],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    name: `server (${db})`,
  },
});
