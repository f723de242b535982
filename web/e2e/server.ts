import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startServerProcess } from "../../server/test/support/process.ts";
import { launchBrowser } from "./browser.ts";

export const ADMIN_EMAIL = "admin@example.test";

export interface TestServer {
  baseURL: string;
  /** Everything the server printed so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * The real server as `npm start` runs it (production mode, serving the built client), with a
 * fresh data directory that is removed when it stops. The process itself is started by the same
 * helper the server's own process tests use.
 */
export async function startServer(opts: { seedDemo: boolean; env?: Record<string, string> }): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "quickshow-e2e-"));
  try {
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      SEED_DEMO: String(opts.seedDemo),
      ADMIN_EMAILS: ADMIN_EMAIL,
      NODE_ENV: "production",
      // The local checkout page, on purpose: there are no Stripe keys here.
      ALLOW_DEMO_CHECKOUT: "true",
      // Customers book without confirming their address unless a test asks for it (accounts.e2e).
      REQUIRE_EMAIL_VERIFICATION: "false",
      // Tests pick seats anywhere; the screens test turns the stranded-seat rule on to test it.
      ORPHAN_SEAT_RULE: "false",
      ...opts.env,
    });
    return {
      baseURL: server.url,
      logs: server.logs,
      async stop() {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** One server and one browser for a test file, started before its tests and stopped after. */
export function useSite(opts: { seedDemo: boolean; env?: Record<string, string> }) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get baseURL() {
      return server!.baseURL;
    },
    get browser() {
      return browser!;
    },
  };
}
