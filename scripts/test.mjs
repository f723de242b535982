#!/usr/bin/env node
// `npm test`: type checks, the server suite on PGlite, on the PostgreSQL server and on
// MongoDB (FerretDB embedded in tools/mongo-test-server), each with its Stripe calls sent to
// stripe-mock (built with `go install` into tools/bin/, started once for all three), then the
// browser tests. Prints one closing line: "Summary: N passed, N failed". It installs or starts what
// the machine lacks first (scripts/test-setup.mjs): Chromium, and a PostgreSQL server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensurePostgres } from "./test-setup.mjs";

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
/** Each failed test by name, repeated at the end: CI shows only the last lines of the output. */
const failedNames = [];

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
    for (const file of report.testResults ?? []) {
      const where = path.relative(root, file.name);
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
      for (const test of failedTests) failedNames.push(`${label}: ${where} > ${test.fullName}`);
      // A file that failed before its tests ran (an import error, a failing hook) lists none.
      if (file.status === "failed" && failedTests.length === 0) failedNames.push(`${label}: ${where} (${(file.message ?? "failed").split("\n")[0]})`);
    }
  } else if (!ok) {
    failed += 1;
  }
}

// The machine set-up comes first: without a browser the run stops before spending minutes on suites.
if (wanted("browser") && existsSync(path.join(root, "web/vitest.e2e.config.ts"))) ensureChromium(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");

if (wanted("typecheck")) {
  const projects = ["contracts", "server", ...(existsSync(path.join(root, "web/tsconfig.json")) ? ["web"] : [])];
  for (const project of projects) run(`typecheck ${project}`, "npx", ["tsc", "-p", project]);
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

/** Builds stripe-mock, Stripe's own API mock, with `go install` into tools/bin/ (ignored by git). */
function buildStripeMock(go) {
  const gobin = path.join(root, "tools/bin");
  const ok = run("build stripe-mock", go, ["install", "github.com/stripe/stripe-mock@v0.203.0"], {
    env: { GOBIN: gobin, PATH: `${path.dirname(go)}${path.delimiter}${process.env.PATH ?? ""}` },
  });
  return ok ? path.join(gobin, "stripe-mock") : null;
}

/**
 * Starts stripe-mock with both listeners on free loopback ports (it would otherwise also open
 * HTTPS on 12112 on every interface) and resolves once it says where it listens.
 */
function startStripeMock(binary) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-http-addr", "127.0.0.1:", "-https-addr", "127.0.0.1:"], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    const timer = setTimeout(() => (child.kill("SIGTERM"), reject(new Error("stripe-mock did not start listening in 30 s"))), 30_000);
    const exitedEarly = (code) => (clearTimeout(timer), reject(new Error(`stripe-mock exited with ${code}: ${output}`)));
    child.once("error", (error) => (clearTimeout(timer), reject(error)));
    child.once("exit", exitedEarly);
    const onData = (chunk) => {
      output += chunk;
      const listening = /Listening for HTTP at address: (\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        child.off("exit", exitedEarly);
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve({ child, url: `http://${listening[1]}` });
      }
    };
    child.stdout.on("data", onData);
  });
}

/** Waits until stripe-mock answers an API request (it prints its address just before serving). */
async function answers(url) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/v1/balance`, { headers: { authorization: "Bearer sk_test_ready" } });
      if (res.ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`stripe-mock at ${url} did not answer in 15 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Every server suite sends its Stripe calls to one stripe-mock (TEST_STRIPE_MOCK_URL), which
// checks each request against Stripe's published API. Without Go or a working build the run
// fails: server/test/stripe.test.ts cannot run without it.
const serverSuites = ["pglite", "postgres", "mongo"].filter(wanted);
let stripeMock = null;
const stopStripeMockOnExit = () => stripeMock?.child.kill("SIGTERM");
process.once("exit", stopStripeMockOnExit);
const stripeEnv = () => (stripeMock ? { TEST_STRIPE_MOCK_URL: stripeMock.url } : {});
if (serverSuites.length > 0) {
  const go = findGo();
  const binary = go ? buildStripeMock(go) : null;
  if (!go) console.error("\nGo is not installed (looked in PATH and /usr/local/go/bin); it builds stripe-mock for the Stripe tests.");
  if (!binary) {
    failures.push("stripe-mock (not built)");
    failed += 1;
  } else {
    try {
      stripeMock = await startStripeMock(binary);
      await answers(stripeMock.url);
      console.log(`stripe-mock at ${stripeMock.url}`);
    } catch (error) {
      console.error(`\n${error.message}`);
      failures.push("stripe-mock (did not start)");
      failed += 1;
    }
  }
}

if (wanted("pglite")) vitest("server on PGlite", ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "pglite", ...stripeEnv() });

if (wanted("postgres")) {
  let server = null;
  try {
    server = await ensurePostgres(postgresUrl, root);
  } catch (error) {
    console.error(`\nNo PostgreSQL server at ${postgresUrl}, and the embedded one did not start: ${error?.message ?? error}`);
    failures.push("server on PostgreSQL (no server)");
    failed += 1;
  }
  if (server) {
    vitest("server on PostgreSQL", ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "postgres", TEST_POSTGRES_URL: server.url, ...stripeEnv() });
    await server.stop();
  }
}

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
      vitest(label, ["--dir", "server", "--config", "server/vitest.config.ts"], { TEST_DB: "mongo", TEST_MONGODB_URL: server.uri, ...stripeEnv() });
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

if (stripeMock) await stopChild(stripeMock.child);
process.removeListener("exit", stopStripeMockOnExit);

if (wanted("browser") && existsSync(path.join(root, "web/vitest.e2e.config.ts"))) {
  vitest("web in Chromium", ["--config", "web/vitest.e2e.config.ts"]);
}

if (failedNames.length) console.log(`\nFailed tests:\n${failedNames.map((name) => `  ${name}`).join("\n")}`);
console.log(failures.length ? `\nFailed steps: ${failures.join("; ")}` : "\nAll steps passed.");
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
