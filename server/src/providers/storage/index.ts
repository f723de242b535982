import path from "node:path";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Storage } from "./interface.ts";
import { classifyMongoError } from "./mongo/driver-errors.ts";
import { guardStorage, type DriverErrorClassifier } from "./outage.ts";
import { classifyPostgresError } from "./postgres/driver-errors.ts";
import { openPgliteStorage, openPostgresStorage } from "./postgres/storage.ts";

export type { Storage } from "./interface.ts";

const classifiers: Record<Storage["kind"], DriverErrorClassifier> = {
  pglite: classifyPostgresError,
  postgres: classifyPostgresError,
  mongo: classifyMongoError,
};

/**
 * A storage as the app uses it: driver errors become typed errors (503 while the database is
 * unreachable, 400 for a value it refuses), and an outage is logged once when it starts and
 * once when it ends. Every store opened for the app goes through here.
 */
export function guardedStorage(storage: Storage, logger?: Logger): Storage {
  const log = logger?.child({ storage: storage.kind });
  return guardStorage(storage, classifiers[storage.kind], {
    down: (cause) => log?.error({ cause }, "database unreachable: answering 503 until it is back"),
    up: () => log?.info("database reachable again"),
  });
}

/**
 * The one place that decides which database QuickShow uses:
 * MONGODB_URI → MongoDB; else DATABASE_URL → PostgreSQL; else embedded PGlite under DATA_DIR.
 */
export async function openStorage(
  config: Pick<Config, "mongodbUri" | "databaseUrl" | "dataDir" | "currency" | "databaseTimeouts">,
  logger?: Logger,
): Promise<Storage> {
  return guardedStorage(await openChosenStorage(config, logger), logger);
}

async function openChosenStorage(config: Parameters<typeof openStorage>[0], logger?: Logger): Promise<Storage> {
  const timeouts = config.databaseTimeouts;
  if (config.mongodbUri) {
    // Loaded only when chosen, so PostgreSQL deployments never load the MongoDB driver.
    const { openMongoStorage } = await import("./mongo/storage.ts");
    return openMongoStorage(config.mongodbUri, {
      currency: config.currency,
      serverSelectionTimeoutMS: timeouts.connectMs,
      socketTimeoutMS: timeouts.queryMs,
      logger,
    });
  }
  if (config.databaseUrl) {
    return openPostgresStorage(config.databaseUrl, {
      timeouts,
      onIdleError: (err) => logger?.warn({ err }, "PostgreSQL dropped an idle connection; it will be replaced"),
    });
  }
  return openPgliteStorage(path.resolve(config.dataDir, "pglite"));
}
