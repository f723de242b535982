import { cacheTags, type ReadCache } from "../../http/read-cache.ts";
import type { Storage } from "./interface.ts";

const isRead = (method: string) => /^(get|list|find|count|existing|occupied|due|passwordHash|dashboard)/.test(method);

/** A repository whose every write method calls `after` with its arguments once it has run. */
function afterWrites<R extends object>(repository: R, after: (method: string, args: unknown[]) => Promise<void> | void): R {
  const wrapped = Object.create(repository) as Record<string, unknown>;
  for (const [name, value] of Object.entries(repository)) {
    if (typeof value !== "function" || isRead(name)) continue;
    wrapped[name] = async (...args: unknown[]) => {
      const result = await value.apply(repository, args);
      await after(name, args);
      return result;
    };
  }
  return wrapped as R;
}

/**
 * Wraps a storage so that every write a cached read depends on drops those cached answers on
 * this instance at once. It sits at the storage boundary, so no service can forget it, and it
 * wraps every write method, so a new one is covered without a change here.
 */
export function invalidatingStorage(storage: Storage, cache: ReadCache): Storage {
  // A hold names its show; other booking writes (payment, cancel, sweeps) name a booking or
  // nothing. Looking their show up would add a query to every booking, so they drop every
  // cached seat map instead: a map costs one query to rebuild and lives a second anyway.
  const bookings = afterWrites(storage.bookings, (_method, [first]) => {
    const showId = typeof first === "object" && first && "showId" in first ? String(first.showId) : null;
    cache.invalidate(showId ? cacheTags.seatsOf(showId) : cacheTags.allSeats);
  });
  const listings = () => cache.invalidate(cacheTags.showListings);
  return Object.assign(Object.create(storage) as Storage, {
    bookings,
    shows: afterWrites(storage.shows, listings),
    movies: afterWrites(storage.movies, listings),
  });
}
