import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/providers/storage/postgres/schema.ts",
  out: "./src/providers/storage/postgres/migrations",
});
