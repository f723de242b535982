import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
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
  } = {},
): Promise<ServerProcess> {
  if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run \`node scripts/build.mjs server\` (the vitest global setup does)`);
  const port = await freePort();
  // Its mail goes to a loopback SMTP server, so tests can follow the links it sends. One for all
  // servers of this test process: servers sharing a database deliver each other's queued mail.
  const mail = env.SMTP_HOST || options.mail === "log" ? null : await sharedMailCatcher();
  let output = "";
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    JWT_SECRET: testSecret,
    PASSWORD_HASH_ROUNDS: "4",
    LOG_LEVEL: "warn",
    ADMIN_EMAILS: "admin@example.test",
    AUTH_RATE_LIMIT: "100000",
    BOOKING_RATE_LIMIT: "100000",
    ...mail?.env,
    ...env,
  };
  const child = spawn(process.execPath, ["--enable-source-maps", serverEntry], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const url = `http://127.0.0.1:${port}`;
  const stopServingLinks = mail ? serveMailLinks(url, (to) => mail.textsTo(to), configOf(childEnv)) : () => {};
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const done = await Promise.race([exited(child).then(() => true), sleep(8_000).then(() => false)]);
      if (!done) child.kill("SIGKILL");
    }
    const code = await exited(child);
    stopServingLinks();
    return code;
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
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
