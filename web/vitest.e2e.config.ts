import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser end-to-end tests: real server (child process) + Debian's chromium via playwright-core.
// Run from the repo root: npx vitest run --config web/vitest.e2e.config.ts
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    // Each file starts its own server and browser; run them one after another.
    fileParallelism: false,
    sequence: { concurrent: false },
    // A page on a busy machine (or Chromium's first start) can take seconds to render: waiting
    // assertions get the same deadline as the browser's own actions, not vitest's default 1 s.
    expect: { poll: { timeout: 20_000 } },
    testTimeout: 180_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
    pool: "forks",
  },
});
