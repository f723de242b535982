import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./paths.ts";

export const ADMIN_EMAIL = "admin@example.test";

export interface TestServer {
  baseURL: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts the real server (`node --import tsx server/src/index.ts`) on a free port with a fresh
 * data directory and waits until /api/health answers 200.
 */
export async function startServer(opts: { seedDemo: boolean; env?: Record<string, string> }): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "quickshow-e2e-"));
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/index.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: String(opts.seedDemo),
      ADMIN_EMAILS: ADMIN_EMAIL,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));

  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const done = await Promise.race([exited(child).then(() => true), sleep(8_000).then(() => false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited(child);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with code ${child.exitCode} before it was healthy:\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.status === 200) return { baseURL, port, dataDir, logs: () => output, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server did not become healthy within 90 s:\n${output}`);
}
