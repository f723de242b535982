import { createHash } from "node:crypto";
import type { Clock } from "../clock.ts";
import type { ChangeEvent } from "../providers/bus/interface.ts";

interface Entry {
  body: Buffer;
  etag: string;
  expiresAt: number;
  tags: string[];
}

/**
 * Serialized answers of hot read routes, kept for a short time and dropped (by tag) as soon as
 * this instance writes something they depend on, and when the change bus brings another
 * instance's write. The time-to-live of a second or two bounds the lag only if the bus fails.
 */
export class ReadCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, payload: unknown, ttlMs: number, tags: string[]): Entry {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const body = Buffer.from(JSON.stringify(payload));
    const entry = {
      body,
      etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
      expiresAt: this.clock.now().getTime() + ttlMs,
      tags,
    };
    this.entries.set(key, entry);
    return entry;
  }

  invalidate(tag: string) {
    const all = tag === cacheTags.allSeats;
    for (const [key, entry] of this.entries) {
      if (entry.tags.includes(tag) || (all && entry.tags.some((t) => t.startsWith("seats:")))) this.entries.delete(key);
    }
  }

  clear() {
    this.entries.clear();
  }
}

export const cacheTags = {
  showListings: "show-listings",
  seatsOf: (showId: string) => `seats:${showId}`,
  allSeats: "seats",
};

/** Drops the cached answers a change makes stale. */
export function dropCachedReads(cache: ReadCache, event: ChangeEvent) {
  if (event.kind === "users") return;
  if (event.kind === "listings") cache.invalidate(cacheTags.showListings);
  else cache.invalidate(event.kind === "seats" ? cacheTags.seatsOf(event.showId) : cacheTags.allSeats);
}
