import type { Logger } from "../../logger.ts";
import type { ChangeBus, ChangeEvent, ChangeListener } from "./interface.ts";
import { Listeners } from "./listeners.ts";

/** One process (the embedded PGlite allows no other): events go straight to this process's listeners. */
export class InProcessBus implements ChangeBus {
  readonly kind = "in-process";
  private readonly listeners: Listeners;
  private closed = false;

  constructor(logger: Logger) {
    this.listeners = new Listeners(logger);
  }

  publish(event: ChangeEvent) {
    // Delivered after the write's caller resumes, as over a network, never inside the write.
    if (!this.closed) queueMicrotask(() => this.listeners.emit(event));
  }

  subscribe(listener: ChangeListener) {
    return this.listeners.add(listener);
  }

  async close() {
    this.closed = true;
  }
}
