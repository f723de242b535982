import type { Logger } from "../../logger.ts";
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

/**
 * The publishing side of a bus over a database: events wait in `PendingEvents` and go out one
 * flush at a time, a tick after the first publish, so a burst of writes leaves as one write.
 * A flush waits while `canSend` is false (no connection, or closed); `flush()` resumes it.
 */
export class PublishBatcher {
  private readonly pending = new PendingEvents();
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly send: (keys: string[]) => Promise<unknown>,
    private readonly canSend: () => boolean,
    private readonly logger: Logger,
  ) {}

  add(event: ChangeEvent) {
    this.pending.add(event);
    this.flush();
  }

  flush() {
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.flushing = null;
        if (this.pending.size > 0 && this.canSend()) this.flush();
      });
  }

  /** Done once the flush under way, if any, is over: what was published last has gone out. */
  settled() {
    return this.flushing ?? Promise.resolve();
  }

  private async drain() {
    while (this.pending.size > 0 && this.canSend()) {
      const keys = this.pending.take();
      try {
        await this.send(keys);
      } catch (err) {
        // The seat maps still refresh: other instances' caches expire within seconds and their
        // streams re-read on every heartbeat.
        this.logger.warn({ err, events: keys.length }, "could not publish seat changes");
      }
    }
  }
}
