import { isUniqueViolation } from "../errors.ts";
import { errorChain, type DriverErrorMeaning } from "../outage.ts";

/** The driver's (and Mongoose's) names for a server it cannot reach or that stopped answering. */
const unreachable = new Set([
  "MongoServerSelectionError",
  "MongooseServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "MongoPoolClearedError",
  "MongoWaitQueueTimeoutError",
  "MongoOperationTimeoutError",
]);

/** A value Mongoose or BSON could not store or cast: the client's fault. */
const malformed = new Set(["CastError", "BSONError", "StrictModeError"]);

/**
 * MongoDB driver and Mongoose errors, by name, for the storage boundary (outage.ts); duplicate
 * keys are mapped where they can happen, with a message naming what clashed.
 */
export function classifyMongoError(error: unknown): DriverErrorMeaning {
  for (const e of errorChain(error)) {
    const name = typeof e.name === "string" ? e.name : "";
    if (unreachable.has(name)) return { kind: "unavailable", cause: name };
    if (malformed.has(name)) return { kind: "malformed" };
  }
  return null;
}

/**
 * A duplicate key: MongoDB's 11000 (also FerretDB's on insert), or FerretDB v1's updates, which
 * report the backend's unique-constraint failure as an internal error.
 */
export function isDuplicateKey(error: unknown) {
  return isUniqueViolation(error) || /UNIQUE constraint failed|duplicate key/i.test(String((error as Error | null)?.message ?? ""));
}
