import type { Clock } from "../../clock.ts";
import { isOutage } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { JobEventName, JobEvents, JobFunctions, JobsProvider } from "./interface.ts";

interface Intervals {
  sweepMs: number;
  remindersMs: number;
  mailMs: number;
  effectsMs: number;
  waitlistMs: number;
}

/**
 * Runs jobs inside the server process: events right after they are emitted, sweeps on timers.
 * Timers are never the only record: a restart loses them, and the periodic rounds find what they
 * were for in the database (effects owed after a payment, lapsed holds, queued mail). A hold is
 * free for buyers at its expiry anyway; the sweep only records it.
 */
export class LocalJobsProvider implements JobsProvider {
  readonly kind = "local" as const;
  private timers = new Set<NodeJS.Timeout>();
  private running = new Set<Promise<unknown>>();
  /** Rounds started by events and not finished yet, by what they work on; see `soon`. */
  private rounds = new Map<string, { again: boolean }>();
  /** Jobs set to run at once whose timer has not fired yet. */
  private startingNow = 0;
  private stopped = false;

  constructor(
    private readonly functions: () => JobFunctions,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervals: Intervals = { sweepMs: 30_000, remindersMs: 5 * 60_000, mailMs: 30_000, effectsMs: 5_000, waitlistMs: 15_000 },
  ) {}

  async emit<N extends JobEventName>(name: N, data: JobEvents[N]) {
    if (this.stopped) return;
    const fns = this.functions();
    const e = data as JobEvents[JobEventName];
    switch (name) {
      case "booking.created": {
        const { bookingId, holdExpiresAt } = e as JobEvents["booking.created"];
        const delay = Math.max(0, new Date(holdExpiresAt).getTime() - this.clock.now().getTime()) + 1000;
        this.later(delay, "release-seats", () => fns.releaseSeatsIfUnpaid({ bookingId }));
        break;
      }
      case "booking.paid":
      case "booking.refunded":
        // The effect is already recorded; this only delivers it now instead of at the next round.
        this.soon("deliver-effects", "deliver-effects", () => fns.deliverDueEffects());
        break;
      case "show.seats_freed": {
        const { showId } = e as JobEvents["show.seats_freed"];
        this.soon(`waitlist-offers:${showId}`, "waitlist-offers", () => fns.makeWaitlistOffers({ showId }));
        break;
      }
      case "show.added":
        this.later(0, "new-show-notifications", () => fns.notifyNewShows(e as JobEvents["show.added"]));
        break;
      case "user.created":
        this.later(0, "welcome-user", () => fns.welcomeUser(e as JobEvents["user.created"]));
        break;
    }
  }

  start() {
    const fns = this.functions();
    // What a previous process recorded but did not deliver (it crashed, or was stopped) goes first.
    this.later(0, "deliver-effects", () => fns.deliverDueEffects());
    this.every(this.intervals.effectsMs, "deliver-effects", () => fns.deliverDueEffects());
    this.every(this.intervals.waitlistMs, "waitlist-offers", () => fns.makeWaitlistOffers({}));
    this.every(this.intervals.sweepMs, "expire-holds", () => fns.expireLapsedHolds());
    this.every(this.intervals.remindersMs, "show-reminders", () => fns.sendShowReminders());
    this.every(this.intervals.mailMs, "deliver-mail", () => fns.deliverDueMail());
  }

  /**
   * Resolves once nothing runs and nothing is about to (rounds that events asked for): lets a test
   * step the world one change at a time. Timers set for later (a hold's expiry) do not count.
   */
  async settled() {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.running.size === 0 && this.rounds.size === 0 && this.startingNow === 0) return;
      await Promise.allSettled([...this.running]);
    }
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.startingNow = 0;
    await Promise.allSettled([...this.running]);
  }

  private run(name: string, job: () => Promise<unknown>) {
    const p = job()
      // During an outage every round fails the same way; the outage itself is logged once, by the storage guard.
      .catch((err) => (isOutage(err) ? this.logger.debug({ job: name }, "job waits for the database") : this.logger.error({ err, job: name }, "job failed")))
      .finally(() => this.running.delete(p));
    this.running.add(p);
    return p;
  }

  private later(delayMs: number, name: string, job: () => Promise<unknown>) {
    const now = delayMs <= 0;
    if (now) this.startingNow++;
    // Node caps timers at ~24.8 days; holds are far shorter.
    const timer = setTimeout(() => {
      if (now) this.startingNow--;
      this.timers.delete(timer);
      if (!this.stopped) void this.run(name, job);
    }, Math.min(delayMs, 2 ** 31 - 1));
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Runs a round now, unless one for the same key is already running: then that round runs once
   * more when it ends. Each round reads what is due when it starts, so one more round covers every
   * event that came meanwhile; a burst of events (a show cancelled with a hundred bookings) makes
   * two rounds, not a hundred competing for the same rows.
   */
  private soon(key: string, name: string, job: () => Promise<unknown>) {
    const round = this.rounds.get(key);
    if (round) {
      round.again = true;
      return;
    }
    const state = { again: false };
    this.rounds.set(key, state);
    this.later(0, name, async () => {
      try {
        do {
          state.again = false;
          await job();
        } while (state.again && !this.stopped);
      } finally {
        this.rounds.delete(key);
      }
    });
  }

  private every(intervalMs: number, name: string, job: () => Promise<unknown>) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      void this.run(name, job).finally(() => (busy = false));
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
  }
}
