import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import { InProcessBus } from "./in-process.ts";
import type { ChangeBus } from "./interface.ts";

export type { ChangeBus, ChangeEvent } from "./interface.ts";

/**
 * The one place that picks the change bus, following the storage choice: MongoDB → change
 * streams or polling; PostgreSQL server → LISTEN/NOTIFY; embedded PGlite (one process) → in-process.
 */
export async function openBus(config: Pick<Config, "mongodbUri" | "databaseUrl" | "changeBusPollMs">, logger: Logger): Promise<ChangeBus> {
  const log = logger.child({ provider: "bus" });
  if (config.mongodbUri) {
    const { MongoBus } = await import("./mongo.ts");
    return MongoBus.open(config.mongodbUri, { pollMs: config.changeBusPollMs }, log);
  }
  if (config.databaseUrl) {
    const { PostgresNotifyBus } = await import("./postgres.ts");
    return PostgresNotifyBus.open(config.databaseUrl, log);
  }
  return new InProcessBus(log);
}
