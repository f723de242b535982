import { AppError, badRequest } from "../../errors.ts";
import type { Storage } from "./interface.ts";

/**
 * What a driver's error means for the request that met it: the database cannot be reached
 * (503), the request carried a value the database refuses (400), or neither (a bug: 500).
 */
export type DriverErrorMeaning = { kind: "unavailable"; cause: string } | { kind: "malformed" } | null;

/**
 * One per driver: reads its error codes, names and fixed texts, never a message that may carry
 * values; `cause` (a code or a fixed text) is what the outage is logged with.
 */
export type DriverErrorClassifier = (error: unknown) => DriverErrorMeaning;

export interface OutageReporter {
  /** The first failure of an outage; `cause` is the driver's error name or code, never a message. */
  down(cause: string): void;
  /** The first success after an outage. */
  up(): void;
}

/** An error and its causes, outermost first: drizzle wraps the driver's error in its own. */
export function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === "object" && !seen.has(e) && seen.size < 8; e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e as Record<string, unknown>;
  }
}

/**
 * Tracks whether the database is down, so an outage is reported once when it starts and once
 * when it ends, however many requests fail in between.
 */
export function outageTracker(reporter: OutageReporter) {
  let down = false;
  return {
    failed(cause: string) {
      if (down) return;
      down = true;
      reporter.down(cause);
    },
    succeeded() {
      if (!down) return;
      down = false;
      reporter.up();
    },
  };
}

const unavailable = () => new AppError("unavailable", "The database is unreachable; please try again shortly");

/** Every method of a repository, with driver errors leaving as typed errors and outages tracked. */
function guardRepository<T extends object>(repository: T, classify: DriverErrorClassifier, tracker: ReturnType<typeof outageTracker>): T {
  const translate = (error: unknown): unknown => {
    if (error instanceof AppError) return error;
    const meaning = classify(error);
    if (meaning?.kind === "unavailable") {
      tracker.failed(meaning.cause);
      return unavailable();
    }
    return meaning?.kind === "malformed" ? badRequest("Malformed value in the request") : error;
  };
  const wrapped = Object.create(repository) as Record<string, unknown>;
  // for…in walks inherited methods too, so a repository another wrapper made is covered.
  for (const name in repository) {
    const value = (repository as Record<string, unknown>)[name];
    if (typeof value !== "function") continue;
    wrapped[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = value.apply(repository, args);
      } catch (error) {
        throw translate(error);
      }
      // Some methods hand back a query builder, which is a thenable rather than a Promise.
      if (typeof (result as PromiseLike<unknown> | null)?.then !== "function") return result;
      return Promise.resolve(result).then(
        (answer) => (tracker.succeeded(), answer),
        (error) => {
          const translated = translate(error);
          // A refused value or a bug still means the database answered.
          if (!(translated instanceof AppError && translated.code === "unavailable")) tracker.succeeded();
          throw translated;
        },
      );
    };
  }
  return wrapped as T;
}

/**
 * The storage with every repository guarded: whichever store is behind it, an unreachable or
 * frozen database answers 503 `unavailable` (reported once per outage), a value the database
 * refuses answers 400, and a new repository or method is covered without a change here.
 */
export function guardStorage(storage: Storage, classify: DriverErrorClassifier, reporter: OutageReporter): Storage {
  const tracker = outageTracker(reporter);
  const guard = <T extends object>(repository: T) => guardRepository(repository, classify, tracker);
  // Every repository (an object of methods) is guarded, so a new one is covered too.
  const repositories = Object.entries(storage).filter(([, value]) => typeof value === "object" && value !== null);
  return Object.assign(Object.create(storage) as Storage, Object.fromEntries(repositories.map(([name, repository]) => [name, guard(repository)])));
}
