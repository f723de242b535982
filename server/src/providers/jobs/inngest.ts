import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/express";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { clerkDeletedUser, InvalidProfileError, profileFromClerkUser } from "../auth/clerk-profile.ts";
import type { JobEventName, JobEvents, JobFunctions, JobsProvider } from "./interface.ts";

export interface InngestSettings {
  /** Dev mode: no signing, events and registration go to the dev server. */
  dev: boolean;
  eventKey?: string | undefined;
  signingKey?: string | undefined;
  /** The dev server's (or a self-hosted Inngest's) URL; Inngest Cloud when unset. */
  baseUrl?: string | undefined;
}

/** QuickShow's Inngest app id, as in the original tutorial. */
export const inngestAppId = "movie-ticket-booking";

/** How a domain event is named on Inngest. */
export const inngestEventName = (name: JobEventName) => `app/${name}` as const;

/**
 * Inngest drops a second event with the same id (within 24 hours), so emitting twice for one
 * booking, payment or batch of shows starts one run.
 */
function eventId<N extends JobEventName>(name: N, data: JobEvents[N]): string {
  const d = data as Partial<JobEvents["booking.created"] & JobEvents["show.added"] & JobEvents["user.created"] & JobEvents["show.seats_freed"]>;
  switch (name) {
    case "booking.created":
    case "booking.paid":
    case "booking.refunded":
      return `${name}:${d.bookingId}`;
    case "show.seats_freed":
      // Each release is news: no id, so Inngest drops none of them.
      return `${name}:${d.showId}:${Date.now()}`;
    case "show.added":
      return `${name}:${[...(d.showIds ?? [])].sort()[0]}`;
    case "user.created":
      return `${name}:${d.userId}`;
    default:
      return `${name}:${JSON.stringify(data)}`;
  }
}

/** Errors a retry cannot fix end the run at once instead of being retried. */
async function settle<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidProfileError) throw new NonRetriableError(error.message);
    if (error instanceof AppError && (error.code === "conflict" || error.code === "validation")) {
      throw new NonRetriableError(error.message);
    }
    throw error;
  }
}

/**
 * QuickShow's Inngest functions. Each is a thin shell of steps around the same job functions the
 * in-process runner calls; those are idempotent, so Inngest's retries and a function running on
 * several instances at once are safe. Step ids are stable: tests mock `wait-for-hold-to-lapse`.
 */
export function inngestFunctions(inngest: Inngest, jobs: () => JobFunctions) {
  const syncUserCreation = inngest.createFunction(
    { id: "sync-user-from-clerk", name: "Sync user created in Clerk", triggers: [{ event: "clerk/user.created" }] },
    async ({ event, step }) => {
      const profile = await settle(async () => profileFromClerkUser(event.data));
      // The one sync path: a user it creates is welcomed through app/user.created, as from the webhook.
      return step.run("save-user", () => settle(() => jobs().syncUserProfile(profile)));
    },
  );

  const syncUserUpdation = inngest.createFunction(
    { id: "update-user-from-clerk", name: "Sync user updated in Clerk", triggers: [{ event: "clerk/user.updated" }] },
    async ({ event, step }) => {
      const profile = await settle(async () => profileFromClerkUser(event.data));
      return step.run("save-user", () => settle(() => jobs().syncUserProfile(profile)));
    },
  );

  const syncUserDeletion = inngest.createFunction(
    { id: "delete-user-with-clerk", name: "Remove user deleted in Clerk", triggers: [{ event: "clerk/user.deleted" }] },
    async ({ event, step }) => {
      const parsed = clerkDeletedUser.safeParse(event.data);
      if (!parsed.success) throw new NonRetriableError("clerk/user.deleted without a user id");
      return step.run("remove-user", () => jobs().removeUser({ userId: parsed.data.id }));
    },
  );

  const releaseSeats = inngest.createFunction(
    {
      id: "release-seats-delete-booking",
      name: "Release seats of an unpaid booking",
      triggers: [{ event: inngestEventName("booking.created") }],
      idempotency: "event.data.bookingId",
    },
    async ({ event, step }) => {
      const { bookingId, holdExpiresAt } = event.data as JobEvents["booking.created"];
      // A second past the hold, so the release never races the customer's last second.
      await step.sleepUntil("wait-for-hold-to-lapse", new Date(new Date(holdExpiresAt).getTime() + 1000));
      return step.run("release-seats", () => jobs().releaseSeatsIfUnpaid({ bookingId }));
    },
  );

  const sendBookingConfirmation = inngest.createFunction(
    {
      id: "send-booking-confirmation-email",
      name: "Deliver a booking's confirmation mail or refund",
      // Event ids (`booking.paid:<id>`, `booking.refunded:<id>`) already make a repeat start no run.
      triggers: [{ event: inngestEventName("booking.paid") }, { event: inngestEventName("booking.refunded") }],
    },
    async ({ step }) => {
      // The payment or cancellation recorded the mail or refund as an effect; this delivers what is due now.
      return step.run("deliver-effects", () => jobs().deliverDueEffects());
    },
  );

  const deliverEffects = inngest.createFunction(
    // Effects whose event was lost or whose delivery failed, with the effect queue's backoff.
    { id: "deliver-booking-effects", name: "Deliver booking effects", triggers: [{ cron: "* * * * *" }] },
    async ({ step }) => step.run("deliver-effects", () => jobs().deliverDueEffects()),
  );

  const makeWaitlistOffers = inngest.createFunction(
    // Prompt after each release; the cron covers a lost event (the line itself is the record).
    { id: "make-waitlist-offers", name: "Offer freed seats to the waitlist", triggers: [{ event: inngestEventName("show.seats_freed") }, { cron: "* * * * *" }] },
    async ({ event, step }) => {
      const showId = (event.data as Partial<JobEvents["show.seats_freed"]> | undefined)?.showId;
      return step.run("make-offers", () => jobs().makeWaitlistOffers(showId ? { showId } : {}));
    },
  );

  const sendShowReminders = inngest.createFunction(
    // More often than the reminder window is long, so no show slips between two runs.
    { id: "send-show-reminders", name: "Send show reminders", triggers: [{ cron: "*/15 * * * *" }] },
    async ({ step }) => step.run("send-reminders", () => jobs().sendShowReminders()),
  );

  const sendNewShowNotifications = inngest.createFunction(
    { id: "send-new-show-notifications", name: "Tell subscribers about new shows", triggers: [{ event: inngestEventName("show.added") }] },
    async ({ event, step }) => {
      const data = event.data as JobEvents["show.added"];
      return step.run("notify-subscribers", () => jobs().notifyNewShows(data));
    },
  );

  const sendWelcomeMail = inngest.createFunction(
    { id: "send-welcome-mail", name: "Welcome a new user", triggers: [{ event: inngestEventName("user.created") }] },
    async ({ event, step }) => {
      const { userId } = event.data as JobEvents["user.created"];
      return step.run("send-welcome-mail", () => jobs().welcomeUser({ userId }));
    },
  );

  const deliverMail = inngest.createFunction(
    // Mail is sent as soon as it is queued; this retries what failed, with the outbox's backoff.
    { id: "deliver-mail-outbox", name: "Deliver queued mail", triggers: [{ cron: "* * * * *" }] },
    async ({ step }) => step.run("deliver-due-mail", () => jobs().deliverDueMail()),
  );

  const expireLapsedHolds = inngest.createFunction(
    // The safety net behind release-seats: holds whose event was lost or whose run failed.
    { id: "expire-lapsed-holds", name: "Expire lapsed holds", triggers: [{ cron: "*/10 * * * *" }] },
    async ({ step }) => step.run("expire-holds", () => jobs().expireLapsedHolds()),
  );

  return {
    syncUserCreation,
    syncUserUpdation,
    syncUserDeletion,
    releaseSeats,
    sendBookingConfirmation,
    deliverEffects,
    makeWaitlistOffers,
    sendShowReminders,
    sendNewShowNotifications,
    sendWelcomeMail,
    deliverMail,
    expireLapsedHolds,
  };
}

export type QuickShowInngestFunctions = ReturnType<typeof inngestFunctions>;

export function createInngestClient(settings: InngestSettings, logger: Logger) {
  return new Inngest({
    id: inngestAppId,
    isDev: settings.dev,
    ...(settings.eventKey ? { eventKey: settings.eventKey } : {}),
    ...(settings.signingKey ? { signingKey: settings.signingKey } : {}),
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    logger,
  });
}

/**
 * Jobs on Inngest: `emit` sends the event with `inngest.send`, Inngest calls the functions back
 * at /api/inngest, and runs the periodic ones on its cron. Nothing runs on timers in-process.
 */
export class InngestJobsProvider implements JobsProvider {
  readonly kind = "inngest" as const;
  readonly client: Inngest;
  readonly functions: QuickShowInngestFunctions;
  readonly endpoint: NonNullable<JobsProvider["endpoint"]>;

  constructor(settings: InngestSettings, jobs: () => JobFunctions, logger: Logger) {
    this.client = createInngestClient(settings, logger);
    this.functions = inngestFunctions(this.client, jobs);
    this.endpoint = {
      path: "/api/inngest",
      handler: serve({ client: this.client, functions: Object.values(this.functions) }),
    };
  }

  async emit<N extends JobEventName>(name: N, data: JobEvents[N]) {
    await this.client.send({ name: inngestEventName(name), data, id: eventId(name, data) });
  }

  start() {
    // Inngest runs the crons.
  }

  async stop() {
    // Runs are Inngest's; an interrupted step is retried by Inngest against another instance.
  }
}
