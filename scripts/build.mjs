#!/usr/bin/env node
// `npm run build`: compiles the server (with the contracts it imports) to server/dist and builds
// the web client to web/dist. `node scripts/build.mjs server --if-stale` builds only what is
// missing or older than its sources; `npm start`, the tests and the bench call it that way.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = (p) => path.join(root, p);

export const serverDist = at("server/dist");
export const serverEntry = path.join(serverDist, "index.js");
// Written last, so a build that died halfway is seen as stale.
const serverStamp = path.join(serverDist, ".built");
const webIndex = at("web/dist/index.html");

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

const olderThan = (built, sources) => !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;

export const serverIsStale = () => olderThan(serverStamp, ["server/src", "contracts/src", "scripts/build.mjs"].map(at));
// .env too: VITE_CLERK_PUBLISHABLE_KEY is read when the client is built.
export const webIsStale = () =>
  olderThan(webIndex, ["web/src", "web/index.html", "web/public", "web/vite.config.ts", "web/scripts", "contracts/src", ".env"].map(at));

/**
 * One ES module bundle of the server's own code and the contracts workspace; packages from
 * node_modules stay imports. The modules loaded only when chosen (MongoDB storage) become chunks
 * beside it, so every file of the bundle sits directly in server/dist and the migrations are
 * copied to where storage.ts looks for them ("./migrations" next to the code).
 */
export async function buildServer() {
  // esbuild is the server's dependency; resolve it from there, wherever npm put it.
  const esbuild = await import(pathToFileURL(createRequire(at("server/package.json")).resolve("esbuild")).href);
  const staging = `${serverDist}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: { index: at("server/src/index.ts") },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: true,
      sourcesContent: false,
      logLevel: "warning",
      plugins: [
        {
          name: "packages-stay-imports",
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@quickshow/") ? undefined : { path: args.path, external: true }));
          },
        },
      ],
    });
  } finally {
    // Its service process would otherwise live on beside the server `npm start` runs.
    await esbuild.stop();
  }
  cpSync(at("server/src/providers/storage/postgres/migrations"), path.join(staging, "migrations"), { recursive: true });
  writeFileSync(path.join(staging, ".built"), `${new Date().toISOString()}\n`);
  // Swapped in whole, so a process starting meanwhile never sees half a build.
  rmSync(serverDist, { recursive: true, force: true });
  try {
    renameSync(staging, serverDist);
  } catch (error) {
    // Another build finished first with the same sources; keep it.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(serverStamp)) throw error;
  }
}

export function buildWeb() {
  // NODE_ENV=test (vitest) or development would make Vite bundle React's development build.
  const result = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`building the web client failed (exit ${result.status})`);
}

export async function build({ parts = ["server", "web"], ifStale = false } = {}) {
  if (parts.includes("server") && (!ifStale || serverIsStale())) {
    const started = performance.now();
    await buildServer();
    console.log(`Compiled the server to server/dist in ${Math.round(performance.now() - started)} ms`);
  }
  if (parts.includes("web") && existsSync(at("web/vite.config.ts")) && (!ifStale || webIsStale())) {
    if (ifStale) console.log("Building the web client (first start or sources changed)…");
    buildWeb();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const parts = args.filter((a) => !a.startsWith("--"));
  try {
    await build({ parts: parts.length ? parts : undefined, ifStale: args.includes("--if-stale") });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
