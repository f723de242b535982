#!/usr/bin/env node
// `npm test`: type checks, the server suite on PGlite, on the PostgreSQL server and on
// MongoDB (FerretDB embedded in tools/mongo-test-server), then the browser tests. Prints one closing line: "Summary: N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".tmp/test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const only = process.argv.slice(2); // e.g. `npm test -- pglite`
const wanted = (name) => only.length === 0 || only.includes(name);

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function vitest(label, args, env) {
  const file = path.join(out, `${label.replace(/\W+/g, "-")}.json`);
  const ok = run(label, "npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile=${file}`], { env });
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else if (!ok) {
    failed += 1;
  }
}

const reachable = (url) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });

if (wanted("typecheck")) {
  const projects = ["contracts", "server", ...(existsSync(path.join(root, "web/tsconfig.json")) ? ["web"] : [])];
  for (const project of projects) run(`typecheck ${project}`, "npx", ["tsc", "-p", project]);
}

if (wanted("pglite")) vitest("server on PGlite", ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "pglite" });

if (wanted("postgres")) {
  if (await reachable(postgresUrl)) {
    vitest("server on PostgreSQL", ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "postgres", TEST_POSTGRES_URL: postgresUrl });
  } else {
    console.error(`\nPostgreSQL is not reachable at ${postgresUrl}. Start it (or set TEST_POSTGRES_URL); .ci/run starts it for CI.`);
    failures.push("server on PostgreSQL (no server)");
    failed += 1;
  }
}

/** Go from PATH, or where the Go distribution installs it. */
function findGo() {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/local/go/bin", path.join(process.env.HOME ?? "", "go/bin")];
  return dirs.map((d) => path.join(d, "go")).find((p) => p && existsSync(p)) ?? null;
}

/** Starts the MongoDB-compatible test server on a free loopback port; resolves to it and its URI. */
function startMongoTestServer(binary) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    const timer = setTimeout(() => (child.kill("SIGTERM"), reject(new Error("mongo-test-server did not become ready in 30 s"))), 30_000);
    const exitedEarly = (code) => (clearTimeout(timer), reject(new Error(`mongo-test-server exited with ${code}: ${output}`)));
    child.once("error", (error) => (clearTimeout(timer), reject(error)));
    child.once("exit", exitedEarly);
    const onData = (chunk) => {
      output += chunk;
      const ready = /mongo-test-server ready: (mongodb:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        child.off("exit", exitedEarly);
        child.stdout.off("data", onData);
        child.stdout.resume(); // keep draining its (tiny) output
        resolve({ child, uri: ready[1] });
      }
    };
    child.stdout.on("data", onData);
  });
}

const stopChild = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => (clearTimeout(force), resolve()));
    child.kill("SIGTERM");
  });

if (wanted("mongo")) {
  const label = "server on MongoDB (FerretDB)";
  const toolDir = path.join(root, "tools/mongo-test-server");
  const binary = path.join(toolDir, "bin/mongo-test-server");
  const go = findGo();
  if (!go) {
    console.error("\nGo is not installed (looked in PATH and /usr/local/go/bin); it builds the MongoDB test server.");
    failures.push(`${label} (no Go)`);
    failed += 1;
  } else if (run("build tools/mongo-test-server", go, ["build", "-buildvcs=false", "-o", binary, "."], { cwd: toolDir, env: { PATH: `${path.dirname(go)}${path.delimiter}${process.env.PATH ?? ""}` } })) {
    let server = null;
    const stopOnExit = () => server?.child.kill("SIGTERM");
    process.once("exit", stopOnExit);
    try {
      server = await startMongoTestServer(binary);
      console.log(`MongoDB test server (FerretDB) at ${server.uri}`);
      vitest(label, ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "mongo", TEST_MONGODB_URL: server.uri });
    } catch (error) {
      console.error(`\n${error.message}`);
      failures.push(`${label} (test server did not start)`);
      failed += 1;
    } finally {
      if (server) await stopChild(server.child);
      process.removeListener("exit", stopOnExit);
    }
  } else {
    failed += 1;
  }
}

if (wanted("browser") && existsSync(path.join(root, "web/vitest.e2e.config.ts"))) {
  vitest("web in Chromium", ["--config", "web/vitest.e2e.config.ts"]);
}

console.log(failures.length ? `\nFailed steps: ${failures.join("; ")}` : "\nAll steps passed.");
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
