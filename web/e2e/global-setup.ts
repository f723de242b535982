import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./paths.ts";

/**
 * The browser tests run what `npm start` runs: the compiled server serving web/dist. Both are
 * built first when missing or older than their sources (`npm run build -w web` also checks the
 * bundle-size budget).
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs"), "server", "web", "--if-stale"], { cwd: repoRoot, stdio: "inherit" });
}
