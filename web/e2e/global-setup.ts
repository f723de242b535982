import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, webDir } from "./paths.ts";

/** Newest modification time of any file under `path` (a file or a folder). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The server serves web/dist, so build it first when it is missing or older than its sources. */
export default function setup(): void {
  const builtIndex = join(webDir, "dist", "index.html");
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sources = [
    join(webDir, "src"),
    join(webDir, "public"),
    join(webDir, "index.html"),
    join(webDir, "vite.config.ts"),
    join(repoRoot, "contracts", "src"),
  ];
  const newestSource = Math.max(...sources.map(newestMtime));
  if (builtAt > newestSource) {
    console.log("[e2e] web/dist is up to date");
    return;
  }
  console.log("[e2e] building web/dist …");
  // `npm run build -w web` also runs the bundle-size budget check (postbuild).
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync("npm", ["run", "build", "-w", "web"], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
