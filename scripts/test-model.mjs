#!/usr/bin/env node
// `npm run test:model -- --runs=N --seed=S [--db=pglite|postgres|mongo] [--steps=N]`: the stateful
// model test (server/test/model.test.ts) with more sequences than `npm test` runs. PostgreSQL is
// the machine's server (TEST_POSTGRES_URL); MongoDB needs TEST_MONGODB_URL (`npm test` starts one).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const match = /^--(runs|seed|db|steps)=(.+)$/.exec(arg);
    if (!match) {
      console.error(`Unknown option ${arg}; use --runs=N --seed=S --db=pglite|postgres|mongo --steps=N`);
      process.exit(2);
    }
    return [match[1], match[2]];
  }),
);
const env = {
  ...process.env,
  TEST_DB: options.db ?? "pglite",
  MODEL_RUNS: options.runs ?? "50",
  MODEL_SEED: options.seed ?? String(Date.now() % 1_000_000),
  ...(options.steps ? { MODEL_MAX_COMMANDS: options.steps } : {}),
};
console.log(`model test on ${env.TEST_DB}: ${env.MODEL_RUNS} sequences, seed ${env.MODEL_SEED}`);
const result = spawnSync("npx", ["vitest", "run", "--dir", "server", "--config", "server/vitest.config.ts", "test/model.test.ts"], { cwd: root, stdio: "inherit", env });
process.exit(result.status ?? 1);
