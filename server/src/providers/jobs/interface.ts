import type { RequestHandler } from "express";
import type { UserLifecycleEvent } from "../auth/interface.ts";
import type { ExternalProfile } from "../storage/interface.ts";

/**
 * The work a runner calls, written in server/src/jobs/ (what to do; the runner decides when).
 * Each is idempotent: runners may call one twice, or on two instances at once.
 */
export interface JobFunctions {
  releaseSeatsIfUnpaid(input: { bookingId: string }): Promise<boolean>;
  expireLapsedHolds(): Promise<string[]>;
  applyUserEvent(event: UserLifecycleEvent): Promise<string>;
  syncUserProfile(profile: ExternalProfile): Promise<{ userId: string; created: boolean } | null>;
  removeUser(input: { userId: string }): Promise<{ removed: boolean; releasedBookings: number }>;
  deliverDueEffects(): Promise<number>;
  /** Offers freed seats of one show (or of every show with a waitlist) to the first in line. */
  makeWaitlistOffers(input: { showId?: string }): Promise<number>;
  sendBookingConfirmation(input: { bookingId: string }): Promise<boolean>;
  sendShowReminders(): Promise<number>;
  notifyNewShows(input: { movieId: string; showIds: string[] }): Promise<number>;
  welcomeUser(input: { userId: string }): Promise<boolean>;
  deliverDueMail(): Promise<number>;
}

/** Events the domain emits; job functions react to them. */
export interface JobEvents {
  "booking.created": { bookingId: string; holdExpiresAt: string };
  "booking.paid": { bookingId: string };
  /** A booking was refunded (late payment, cancellation): its refund is owed now. */
  "booking.refunded": { bookingId: string };
  "show.added": { movieId: string; showIds: string[] };
  /** Seats of the show came free (a cancellation, a lapsed hold): its waitlist may be owed offers. */
  "show.seats_freed": { showId: string };
  "user.created": { userId: string };
}
export type JobEventName = keyof JobEvents;

export interface JobsProvider {
  readonly kind: "local" | "inngest";
  /** Hands the event to the job runner; throws when it could not be handed over. */
  emit<N extends JobEventName>(name: N, data: JobEvents[N]): Promise<void>;
  /** Starts periodic work (sweeps, reminders, mail delivery). */
  start(): void;
  /** Stops timers and waits for running jobs. */
  stop(): Promise<void>;
  /** An HTTP endpoint the runner calls back on (Inngest at /api/inngest); app.ts mounts it. */
  readonly endpoint?: { path: string; handler: RequestHandler };
}
