#!/usr/bin/env node
// `npm start`: compiles the server and builds the web client when either is missing or older than
// its sources, then runs the compiled server with node.
import { spawn } from "node:child_process";
import { build, root, serverEntry } from "./build.mjs";

try {
  await build({ ifStale: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const server = spawn(process.execPath, ["--enable-source-maps", serverEntry], {
  // ./data and .env are the repository's, wherever npm was started from.
  cwd: root,
  stdio: "inherit",
  // NODE_ENV is left as given: a live site sets NODE_ENV=production, which turns on the
  // production guards (real payments, confirmed emails), while a bare `npm start` is the demo.
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
