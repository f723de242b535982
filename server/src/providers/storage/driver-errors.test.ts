import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import type { Storage } from "./interface.ts";
import { guardStorage } from "./outage.ts";
import { classifyPostgresError } from "./postgres/driver-errors.ts";
import { openPgliteStorage, openPostgresStorage } from "./postgres/storage.ts";

/** A loopback port nobody listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

let raw: Storage;
let guarded: Storage;
const reports: string[] = [];
beforeAll(async () => {
  raw = await openPgliteStorage(null);
  guarded = guardStorage(raw, classifyPostgresError, { down: (cause) => reports.push(`down ${cause}`), up: () => reports.push("up") });
});
afterAll(() => raw?.close());

const newUser = (name: string) => ({ id: `u-${name.length}-${Date.now()}`, name, email: `u${Date.now()}@example.test`, image: "", role: "user" as const, newShowEmails: false, passwordHash: null });

describe("driver errors of PostgreSQL and PGlite, at the storage boundary", () => {
  it("turns a value the database refuses (a NUL byte) into a 400, and is no outage", async () => {
    const error = await guarded.users.create(newUser("Nul\u0000")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation", status: 400 });
    expect(reports).toEqual([]);
  });

  it("reads a refused connection as the database being unreachable", async () => {
    const error = await openPostgresStorage(`postgres://postgres@127.0.0.1:${await closedPort()}/none`).catch((e: unknown) => e);
    expect(classifyPostgresError(error)).toEqual({ kind: "unavailable", cause: "ECONNREFUSED" });
  });
});
