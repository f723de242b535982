import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig, type Env } from "../../src/config.ts";
import type { DestinationStream } from "pino";
import type { MailProvider } from "../../src/providers/mail/interface.ts";
import type { LocalJobsProvider } from "../../src/providers/jobs/local.ts";
import type { LocalPaymentsProvider } from "../../src/providers/payments/local.ts";
import type { Storage } from "../../src/providers/storage/interface.ts";
import { startServer, type RunningServer } from "../../src/server.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { outboxSource, serveMailLinks } from "./mail-links.ts";

import { testSecret } from "./secrets.ts";

export { testSecret };

export interface TestApp {
  url: string;
  clock: ManualClock;
  storage: Storage;
  running: RunningServer;
  database: TestDatabase;
  payments: LocalPaymentsProvider;
  close(): Promise<void>;
}

/** The real app on a real port over a fresh database, with a clock the test controls. */
export async function startTestApp(
  env: Partial<Record<keyof Env, string>> = {},
  start = new Date(),
  providers: { mail?: MailProvider; webDistDir?: string; logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const storage = await database.open();
  const clock = new ManualClock(start);
  const config = testConfig(env, database);
  const running = await startServer(config, { clock, storage, webDistDir: path.join(tmpdir(), "qs-no-web"), ...providers });
  const stopServingLinks = serveMailLinks(running.url, outboxSource(storage), config);
  return {
    url: running.url,
    clock,
    storage,
    running,
    database,
    payments: running.deps.payments as LocalPaymentsProvider,
    async close() {
      stopServingLinks();
      await running.close();
      await database.drop();
    },
  };
}

/**
 * A second server over the same database as `app` with other settings, as after a restart with
 * a changed configuration; closing it leaves the database open for `app`.
 */
export async function startSibling(app: TestApp, env: Partial<Record<keyof Env, string>>) {
  const config = testConfig(env, app.database);
  const running = await startServer(config, { clock: app.clock, storage: app.storage, webDistDir: path.join(tmpdir(), "qs-no-web") });
  const stopServingLinks = serveMailLinks(running.url, outboxSource(app.storage), config);
  return {
    url: running.url,
    async close() {
      stopServingLinks();
      await new Promise<void>((resolve) => {
        running.server.close(() => resolve());
        running.server.closeAllConnections();
      });
      // Its own change-bus connection would keep the test database from being dropped.
      await running.deps.bus.close();
    },
  };
}

function testConfig(env: Partial<Record<keyof Env, string>>, database: TestDatabase) {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "qs-test-")),
    JWT_SECRET: testSecret,
    PASSWORD_HASH_ROUNDS: "4",
    SEED_DEMO: "false",
    JOBS_ENABLED: "false",
    ADMIN_EMAILS: "admin@example.test",
    // Tests fire hundreds of requests from one address; limits get their own test.
    AUTH_RATE_LIMIT: "100000",
    BOOKING_RATE_LIMIT: "100000",
    // Tests pick seats anywhere on the map; the seat rules get their own test (venues.test.ts).
    ORPHAN_SEAT_RULE: "false",
    // The storage is handed in below; the database's address still picks the change bus.
    ...database.env,
    ...env,
  });
}

/** Waits until the app's in-process job runner has finished what events asked of it. */
export const jobsSettled = (app: Pick<TestApp, "running">) => (app.running.deps.jobs as LocalJobsProvider).settled();
