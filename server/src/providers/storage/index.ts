import path from "node:path";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Storage } from "./interface.ts";
import { openPgliteStorage, openPostgresStorage } from "./postgres/storage.ts";

export type { Storage } from "./interface.ts";

/**
 * The one place that decides which database QuickShow uses:
 * MONGODB_URI → MongoDB; else DATABASE_URL → PostgreSQL; else embedded PGlite under DATA_DIR.
 */
export async function openStorage(
  config: Pick<Config, "mongodbUri" | "databaseUrl" | "dataDir" | "currency">,
  logger?: Logger,
): Promise<Storage> {
  if (config.mongodbUri) {
    // Loaded only when chosen, so PostgreSQL deployments never load the MongoDB driver.
    const { openMongoStorage } = await import("./mongo/storage.ts");
    return openMongoStorage(config.mongodbUri, { currency: config.currency });
  }
  if (config.databaseUrl) {
    return openPostgresStorage(config.databaseUrl, {
      onIdleError: (err) => logger?.warn({ err }, "PostgreSQL dropped an idle connection; it will be replaced"),
    });
  }
  return openPgliteStorage(path.resolve(config.dataDir, "pglite"));
}
