import { AppError, badRequest } from "../../../errors.ts";
import { isUniqueViolation } from "../errors.ts";

/**
 * Driver failures as the typed errors the rest of the app knows: a malformed value is the
 * client's fault (400), an unreachable server is 503; duplicate keys are mapped where they
 * can happen, with a message naming what clashed.
 */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as { name?: string; message?: string } | null;
  switch (e?.name) {
    case "CastError":
    case "BSONError":
    case "StrictModeError":
      return badRequest("Malformed value in the request");
    case "MongoServerSelectionError":
    case "MongoNetworkError":
    case "MongoNetworkTimeoutError":
    case "MongoNotConnectedError":
    case "MongoTopologyClosedError":
      return new AppError("unavailable", "The database is unreachable; please try again shortly");
    default:
      return error;
  }
}

/** Wraps every method of a repository so driver errors leave as typed errors. */
export function guarded<T extends object>(repository: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    wrapped[name] =
      typeof value === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
            } catch (error) {
              throw mapDriverError(error);
            }
          }
        : value;
  }
  return wrapped as T;
}

/**
 * A duplicate key: MongoDB's 11000 (also FerretDB's on insert), or FerretDB v1's updates, which
 * report the backend's unique-constraint failure as an internal error.
 */
export function isDuplicateKey(error: unknown) {
  return isUniqueViolation(error) || /UNIQUE constraint failed|duplicate key/i.test(String((error as Error | null)?.message ?? ""));
}
