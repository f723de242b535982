import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";

/** When the door lets a show's audience in: from `opensAt` until the show is over (`endsAt`). */
export interface DoorWindow {
  opensAt: Date;
  endsAt: Date;
}

// A film without a known runtime counts as two hours, as the screen schedule counts it.
const assumedRuntimeMinutes = 120;

/**
 * The door opens CHECKIN_OPENS_MINUTES before the show and closes when the screen is handed to
 * the next show: after the film and the cleaning. A show scheduled on a screen already carries
 * that instant; one without a screen is given the same span from its movie's runtime.
 */
export function doorWindow(
  show: Pick<ShowRecord, "startsAt" | "endsAt">,
  runtimeMinutes: number,
  config: Pick<Config, "checkinOpensMinutes" | "cleaningBufferMinutes">,
): DoorWindow {
  const start = show.startsAt.getTime();
  const runtime = runtimeMinutes > 0 ? runtimeMinutes : assumedRuntimeMinutes;
  return {
    opensAt: new Date(start - config.checkinOpensMinutes * 60_000),
    endsAt: show.endsAt ?? new Date(start + (runtime + config.cleaningBufferMinutes) * 60_000),
  };
}

/** Refuses a scan made outside the show's window; `formatAt` writes an instant in the cinema's local time. */
export function assertDoorOpen(window: DoorWindow, at: Date, formatAt: (instant: Date) => string) {
  if (at < window.opensAt) {
    throw new AppError("too_early", `Too early: the door opens for this show at ${formatAt(window.opensAt)}`, { opensAt: window.opensAt.toISOString() });
  }
  if (at > window.endsAt) {
    throw new AppError("show_over", `This show is over: it ended at ${formatAt(window.endsAt)}`, { endsAt: window.endsAt.toISOString() });
  }
}
