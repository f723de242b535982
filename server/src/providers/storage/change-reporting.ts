import type { ChangeEvent } from "../bus/interface.ts";
import type { Storage } from "./interface.ts";

// A read taken for a write would cost every instance a re-read of every seat map it streams.
const isRead = (method: string) => /^(get|list|find|count|existing|occupied|lapsed|sales|page|ids|due|passwordHash|dashboard)/.test(method);

/** Booking writes that never change who holds a seat. */
const seatNeutral = new Set(["setPayment"]);

/** A repository whose every write method reports what it changed, judged from its arguments and result. */
function afterWrites<R extends object>(repository: R, changeOf: (method: string, args: unknown[], result: unknown) => ChangeEvent | null, report: (event: ChangeEvent) => void): R {
  const wrapped = Object.create(repository) as Record<string, unknown>;
  for (const [name, value] of Object.entries(repository)) {
    if (typeof value !== "function" || isRead(name)) continue;
    wrapped[name] = async (...args: unknown[]) => {
      const result = await value.apply(repository, args);
      const change = changeOf(name, args, result);
      if (change) report(change);
      return result;
    };
  }
  return wrapped as R;
}

const showIdIn = (value: unknown): string | null =>
  typeof value === "object" && value !== null && "showId" in value ? String(value.showId) : null;

/**
 * Which seats a booking write changed. A hold names its show; a sale, refund or release returns
 * its booking, which names it. A write that returns no show (a repair after a crash) reports
 * "every show": looking the shows up would cost queries, and readers re-read what they show
 * anyway. A write that changed nothing (a refused hold, a release that found nothing, nothing
 * repaired) reports nothing.
 */
function seatChange(method: string, [first]: unknown[], result: unknown): ChangeEvent | null {
  if (seatNeutral.has(method) || result === null || result === false || result === 0) return null;
  if (Array.isArray(result) && result.length === 0) return null;
  if (typeof result === "object" && result !== null && "ok" in result && result.ok === false) return null;
  const booking = typeof result === "object" && result !== null && "booking" in result ? result.booking : result;
  const showId = showIdIn(first) ?? showIdIn(booking);
  return showId ? { kind: "seats", showId } : { kind: "all-seats" };
}

/**
 * Wraps a storage so that every write reports what it changed to `report` once it has run: the
 * read cache drops what depends on it and the change bus tells every instance. It sits at the
 * storage boundary, so no service can forget it, and it wraps every write method, so a new one is
 * covered (as "every show") without a change here.
 */
export function changeReportingStorage(storage: Storage, report: (event: ChangeEvent) => void): Storage {
  const listings = () => ({ kind: "listings" }) as const;
  return Object.assign(Object.create(storage) as Storage, {
    bookings: afterWrites(storage.bookings, seatChange, report),
    shows: afterWrites(storage.shows, listings, report),
    movies: afterWrites(storage.movies, listings, report),
  });
}
