import { Writable } from "node:stream";
import { mongo } from "mongoose";
import { stdSerializers } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { serializeError } from "./log-safety.ts";
import type { Storage } from "./providers/storage/interface.ts";
import { openPgliteStorage } from "./providers/storage/postgres/storage.ts";

const hash = `$2b$10$${"N9qo8uLOickgx2ZMRZoMye".padEnd(53, "a")}`;
const email = "leaky@example.test";

/** A logger writing into an array, as the app's logger writes to stdout. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger("info", stream), text: () => lines.join("") };
}

let storage: Storage;
beforeAll(async () => {
  storage = await openPgliteStorage(null);
});
afterAll(() => storage?.close());

/** A real failed insert of a user: the driver's error quotes the row, hash included. */
async function failedUserInsert() {
  try {
    await storage.users.create({ id: "u-leak", name: "Nul\u0000Name", email, image: "", role: "user", newShowEmails: false, passwordHash: hash });
  } catch (error) {
    return error;
  }
  throw new Error("the insert was expected to fail");
}

describe("no secret, hash or query parameter reaches a log line", () => {
  it("logs a failed insert by its SQLSTATE and statement, without the row's values", async () => {
    const error = await failedUserInsert();
    expect(JSON.stringify(stdSerializers.err(error as Error))).toContain(hash); // what pino alone would write
    const { logger, text } = capturingLogger();
    logger.error({ err: error }, "unhandled error");
    expect(text()).toContain("22021");
    expect(text()).toContain("Failed query: insert into");
    expect(text()).not.toContain(hash);
    expect(text()).not.toContain(email);
    expect(text()).not.toContain("NameNul");
  });

  it("keeps values out of an error that pino's standard serializer has been through already", async () => {
    const error = await failedUserInsert();
    const line = JSON.stringify(serializeError(stdSerializers.err(error as Error)));
    expect(line).toContain("Failed query: insert into");
    expect(line).not.toContain(hash);
    expect(line).not.toContain(email);
  });

  it("logs a MongoDB duplicate key by its code, without the duplicate value", () => {
    const error = new mongo.MongoServerError({ errmsg: `E11000 duplicate key error collection: qs.users index: email_1 dup key: { email: "${email}" }`, code: 11000, keyValue: { email } });
    const { logger, text } = capturingLogger();
    logger.error({ err: error }, "unhandled error");
    expect(text()).toContain("MongoServerError 11000");
    expect(text()).not.toContain(email);
  });

  it("redacts passwords, hashes and tokens wherever a logged object carries them, and hashes or tokens inside messages", () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const { logger, text } = capturingLogger();
    logger.info({ password: "hunter2-hunter2", user: { passwordHash: hash, token } }, "signed in");
    logger.warn({ err: new Error(`could not verify ${token} against ${hash}`) }, "odd");
    expect(text()).not.toContain("hunter2");
    expect(text()).not.toContain(hash);
    expect(text()).not.toContain(token);
    expect(text()).toContain("[redacted]");
  });
});
