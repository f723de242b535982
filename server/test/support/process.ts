import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config.ts";
import { startMailCatcher, type MailCatcher } from "./mail-catcher.ts";
import { serveMailLinks } from "./mail-links.ts";
import { testSecret } from "./secrets.ts";

// Compiled by the vitest global setup (test/support/build-server.ts) of every config using this.
const serverEntry = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's own reading of its environment; a server that will refuse it needs nothing confirmed. */
function configOf(env: Record<string, string | undefined>) {
  try {
    return loadConfig(env);
  } catch {
    return { adminEmails: [], requireEmailVerification: false };
  }
}

let catcher: Promise<MailCatcher> | null = null;
/** Started on first use and left running (it does not keep the process alive). */
const sharedMailCatcher = () => (catcher ??= startMailCatcher());

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far, for failure messages. */
  logs(): string;
  /** SIGTERM (SIGKILL if it hangs) and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/**
 * The compiled server in its own process, as `npm start` runs it, on a free loopback port;
 * resolves once /api/health answers 200. Used by the server's process tests and the browser
 * tests alike.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: {
    timeoutMs?: number;
    /**
     * "catch" (default): mail goes to a loopback SMTP server whose links test clients follow.
     * "log": mail is only logged, as with no SMTP configured (instant, for tests that kill the server mid-send).
     */
    mail?: "catch" | "log";
    /** The directory it runs in, as `npm start` runs it in the repository's root (default: this process's). */
    cwd?: string;
  } = {},
): Promise<ServerProcess> {
  if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run \`node scripts/build.mjs server\` (the vitest global setup does)`);
  // Port 0 and the port the server reports: a port picked here and freed could be taken by another
  // server meanwhile, whose health check would then answer for this one.
  const portFile = path.join(mkdtempSync(path.join(tmpdir(), "qs-port-")), "port");
  // Its mail goes to a loopback SMTP server, so tests can follow the links it sends. One for all
  // servers of this test process: servers sharing a database deliver each other's queued mail.
  const mail = env.SMTP_HOST || options.mail === "log" ? null : await sharedMailCatcher();
  let output = "";
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: "0",
    PORT_FILE: portFile,
    HOST: "127.0.0.1",
    JWT_SECRET: testSecret,
    PASSWORD_HASH_ROUNDS: "4",
    LOG_LEVEL: "warn",
    ADMIN_EMAILS: "admin@example.test",
    AUTH_RATE_LIMIT: "100000",
    BOOKING_RATE_LIMIT: "100000",
    // Tests pick seats anywhere on the map; the seat rules get their own tests (venues.test.ts, screens.e2e).
    ORPHAN_SEAT_RULE: "false",
    ...mail?.env,
    ...env,
  };
  const child = spawn(process.execPath, ["--enable-source-maps", serverEntry], { env: childEnv, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const done = await Promise.race([exited(child).then(() => true), sleep(8_000).then(() => false)]);
      if (!done) child.kill("SIGKILL");
    }
    return exited(child);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let port = 0;
  while (!port) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was listening:\n${output}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`server did not start listening in time:\n${output}`);
    }
    port = existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) || 0 : 0;
    if (!port) await sleep(50);
  }
  const url = `http://127.0.0.1:${port}`;
  const stopServingLinks = mail ? serveMailLinks(url, (to) => mail.textsTo(to), configOf(childEnv)) : () => {};
  const stop = async () => {
    const code = await kill();
    stopServingLinks();
    return code;
  };
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy:\n${output}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) {
      return { url, port, child, logs: () => output, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`server did not become healthy in time:\n${output}`);
}
