import type { Logger } from "../../logger.ts";
import type { ChangeEvent, ChangeListener } from "./interface.ts";

/** The subscribers of one bus; a listener that throws is logged and never stops the others. */
export class Listeners {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly logger: Logger) {}

  add(listener: ChangeListener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: ChangeEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error({ err, event }, "a change listener failed");
      }
    }
  }

  /** After a gap in delivery: whatever was missed is covered by "everything may have changed". */
  emitGap() {
    this.emit({ kind: "all-seats" });
    this.emit({ kind: "listings" });
    this.emit({ kind: "users" });
  }
}
