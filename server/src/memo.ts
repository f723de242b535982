/** Values kept until their time is up, at most `max` of them (the oldest kept goes first). */
export function expiringEntries<T>(options: { max: number; ttlMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(key: string): T | undefined {
      const hit = entries.get(key);
      return hit && hit.until > now() ? hit.value : undefined;
    },
    set(key: string, value: T) {
      if (entries.size >= options.max) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: now() + options.ttlMs });
    },
    clear() {
      entries.clear();
    },
  };
}

/**
 * Remembers the answers of a lookup for a while, at most `max` of them, for records that change
 * rarely and whose brief staleness is harmless (a movie's title in a checkout description).
 * Misses (null) are not remembered.
 */
export function memoize<T>(lookup: (key: string) => Promise<T | null>, options: { max: number; ttlMs: number; now?: () => number }) {
  const remembered = expiringEntries<T>(options);
  return async (key: string): Promise<T | null> => {
    const hit = remembered.get(key);
    if (hit !== undefined) return hit;
    const value = await lookup(key);
    if (value !== null) remembered.set(key, value);
    return value;
  };
}

/**
 * `memoize` for a lookup of many keys at once: the keys remembered are answered from memory and
 * the rest read in one call of `lookupMany`, which answers the records it found with their keys.
 */
export function memoizeMany<T>(
  lookupMany: (keys: string[]) => Promise<T[]>,
  keyOf: (value: T) => string,
  options: { max: number; ttlMs: number; now?: () => number },
) {
  const remembered = expiringEntries<T>(options);
  return async (keys: string[]): Promise<T[]> => {
    const found: T[] = [];
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = remembered.get(key);
      if (hit !== undefined) found.push(hit);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    for (const value of await lookupMany(missing)) {
      remembered.set(keyOf(value), value);
      found.push(value);
    }
    return found;
  };
}
