import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const buildScript = fileURLToPath(new URL("../../../scripts/build.mjs", import.meta.url));

/**
 * Vitest global setup: tests that start the server as a process run the compiled server, as
 * production does, so it is compiled first when it is missing or older than its sources.
 * In-process tests import the TypeScript sources and do not need it.
 */
export default function compileServer(): void {
  execFileSync(process.execPath, [buildScript, "server", "--if-stale"], { stdio: "inherit" });
}
