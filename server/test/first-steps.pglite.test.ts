import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { client } from "./support/client.ts";
import { startServerProcess, type ServerProcess } from "./support/process.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
// A relative data directory, as the default ./data is: it means the same place only when the
// server and the command both resolve it from the repository's root. Under .tmp/ (ignored by git),
// so a developer's own ./data is never touched.
const dataDir = `.tmp/first-steps-${randomBytes(4).toString("hex")}/data`;
const email = "newcomer@example.test";
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.stop();
  // server/ too: a command that got it wrong made its empty database there.
  for (const base of [root, path.join(root, "server")]) rmSync(path.join(base, path.dirname(dataDir)), { recursive: true, force: true });
});

/** `npm run <script> -- <args>` as a newcomer types it, in `cwd`. */
function npmRun(cwd: string, script: string, ...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const start = () => startServerProcess({ DATA_DIR: dataDir }, { cwd: root, mail: "log" });

describe("the README's first steps on the embedded database", () => {
  it("start, sign up, stop, `npm run make-admin -- <email>`, start: the account is an admin", async () => {
    server = await start();
    const token = await client(server.url).register(email);
    expect((await client(server.url).get("/api/admin/is-admin", token)).status).toBe(403);
    await server.stop();
    server = null;

    // From the root, as the README says (npm runs it inside server/), and from server/ itself.
    const made = npmRun(root, "make-admin", email);
    expect(made.err).toBe("");
    expect(made.out).toContain(`${email} is now an admin`);
    const listed = npmRun(path.join(root, "server"), "cli", "list-shows");
    expect(listed.code).toBe(0);
    // The first start put demo shows on screen: the command sees them in the same database.
    expect(listed.out).not.toContain("No upcoming shows");

    server = await start();
    const again = await client(server.url).post("/api/auth/login", { email, password: "correct horse battery" });
    expect(again.status).toBe(200);
    expect((await client(server.url).get("/api/admin/is-admin", again.body.token)).status).toBe(200);
  }, 180_000);
});
