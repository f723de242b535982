/**
 * Remembers the answers of a lookup for a while, at most `max` of them, for records that change
 * rarely and whose brief staleness is harmless (a movie's title in a checkout description).
 * Misses (null) are not remembered.
 */
export function memoize<T>(lookup: (key: string) => Promise<T | null>, options: { max: number; ttlMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: T; until: number }>();
  return async (key: string): Promise<T | null> => {
    const hit = entries.get(key);
    if (hit && hit.until > now()) return hit.value;
    const value = await lookup(key);
    if (value !== null) {
      if (entries.size >= options.max) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: now() + options.ttlMs });
    }
    return value;
  };
}
