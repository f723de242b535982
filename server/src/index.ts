import "dotenv/config";
import { renameSync, writeFileSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.ts";
import { startServer } from "./server.ts";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const running = await startServer(config);
  if (config.portFile) {
    // Written whole or not at all: a reader never sees half a port number.
    writeFileSync(`${config.portFile}.tmp`, new URL(running.url).port);
    renameSync(`${config.portFile}.tmp`, config.portFile);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.deps.logger.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      running.deps.logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    await running.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("QuickShow failed to start:", error);
  process.exit(1);
});
