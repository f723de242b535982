import path from "node:path";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Storage } from "./interface.ts";
import { openPgliteStorage, openPostgresStorage } from "./postgres/storage.ts";

export type { Storage } from "./interface.ts";

/** The one place that decides which database QuickShow uses. */
export function openStorage(config: Pick<Config, "databaseUrl" | "dataDir">, logger?: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    return openPostgresStorage(config.databaseUrl, {
      onIdleError: (err) => logger?.warn({ err }, "PostgreSQL dropped an idle connection; it will be replaced"),
    });
  }
  return openPgliteStorage(path.resolve(config.dataDir, "pglite"));
}
