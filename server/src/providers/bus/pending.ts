import { encodeEvent } from "./codec.ts";
import type { ChangeEvent } from "./interface.ts";

/**
 * Events waiting to go out, encoded and deduplicated, so a burst of writes becomes one statement.
 * Past `limit` distinct shows they collapse into "every show", which costs readers no more.
 */
export class PendingEvents {
  private readonly keys = new Set<string>();

  constructor(private readonly limit = 200) {}

  add(event: ChangeEvent) {
    if (this.keys.size >= this.limit && event.kind === "seats") {
      for (const key of this.keys) if (key.startsWith("seats:")) this.keys.delete(key);
      this.keys.add(encodeEvent({ kind: "all-seats" }));
      return;
    }
    this.keys.add(encodeEvent(event));
  }

  get size() {
    return this.keys.size;
  }

  take(): string[] {
    const keys = [...this.keys];
    this.keys.clear();
    return keys;
  }
}
