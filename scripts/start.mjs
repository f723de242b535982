#!/usr/bin/env node
// `npm start`: builds the web client when it is missing or older than its sources, then runs the server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const builtIndex = path.join(root, "web/dist/index.html");

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

// .env too: VITE_CLERK_PUBLISHABLE_KEY is read when the client is built.
const sources = ["web/src", "web/index.html", "web/public", "web/vite.config.ts", "contracts/src", ".env"].map((p) => path.join(root, p));
const stale = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (stale && existsSync(path.join(root, "web/vite.config.ts"))) {
  console.log("Building the web client (first start or sources changed)…");
  const build = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/src/index.ts")], {
  cwd: root,
  stdio: "inherit",
  // NODE_ENV is left as given: a live site sets NODE_ENV=production, which turns on the
  // production guards (real payments, confirmed emails), while a bare `npm start` is the demo.
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
