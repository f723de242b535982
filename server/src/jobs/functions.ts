import { saleStatuses } from "../bookings/lifecycle.ts";
import { expireLapsedHolds, releaseHold } from "../bookings/release.ts";
import type { UserLifecycleEvent } from "../providers/auth/interface.ts";
import { applyUserEvent, removeUser, syncUserProfile } from "../users/lifecycle.ts";
import type { Deps } from "../deps.ts";
import { deliverDueMail } from "../mail/delivery.ts";
import { makeAllOffers, makeOffers } from "../waitlist/offers.ts";
import { deliverDueEffects, type EffectHandlers } from "./effects.ts";
import { refundReasonOf } from "../bookings/refund-reason.ts";
import { confirmationMail, newShowMail, refundMail, reminderMail, type TicketFacts, welcomeMail } from "../mail/templates.ts";
import { formatMoney } from "../money.ts";
import type { JobFunctions } from "../providers/jobs/interface.ts";
import type { BookingRecord, ExternalProfile } from "../providers/storage/interface.ts";
import { formatLocal } from "../shows/local-time.ts";
import { ticketAttachments } from "../tickets/mail.ts";
import { bookingReference } from "../tickets/reference.ts";
import { zoneOfShow } from "../venues/cinemas.ts";

type JobDeps = Pick<Deps, "storage" | "clock" | "config" | "logger" | "mail" | "payments" | "jobs" | "auth" | "metrics">;

/**
 * The background work of QuickShow. The local runner and the Inngest functions both call these,
 * so they must be safe to run twice and on several instances at once: every write is conditional
 * and every mail has a dedupe key.
 */
export function jobFunctions(deps: JobDeps): JobFunctions {
  const { storage, clock, config } = deps;

  async function ticketFacts(booking: BookingRecord): Promise<{ to: string; name: string; facts: TicketFacts } | null> {
    const [user, show] = await Promise.all([storage.users.findById(booking.userId), storage.shows.get(booking.showId)]);
    if (!user || !show) return null;
    const movie = await storage.movies.get(show.movieId);
    return {
      to: user.email,
      name: user.name,
      facts: {
        bookingId: booking.id,
        reference: bookingReference(booking.id),
        userName: user.name,
        movieTitle: movie?.title ?? "your movie",
        when: formatLocal(show.startsAt, await zoneOfShow(deps, show)),
        seats: booking.seats,
        amount: formatMoney(booking.amountMinor, booking.currency),
        bookingsUrl: `${config.publicUrl}/my-bookings`,
      },
    };
  }

  /** The confirmation mail of a paid booking, queued once (the outbox dedupes by key) and sent. */
  async function sendBookingConfirmation({ bookingId }: { bookingId: string }) {
    const booking = await storage.bookings.get(bookingId);
    if (!booking || booking.status !== "paid") return false;
    const ticket = await ticketFacts(booking);
    if (!ticket) return false;
    // The tickets travel with the confirmation, written once with it in the outbox.
    const attachments = await ticketAttachments(deps, booking, { name: ticket.name });
    const queued = await storage.outbox.enqueue({ ...confirmationMail(ticket.to, ticket.facts), attachments }, clock.now());
    await deliverDueMail(deps);
    return queued;
  }

  /**
   * Gives a payment back and tells the customer. The provider dedupes by booking and the mail by
   * key, so a second run after a crash between the two is harmless.
   */
  async function refundBooking(bookingId: string) {
    const booking = await storage.bookings.get(bookingId);
    if (!booking || booking.status !== "refunded" || !booking.paymentRef) return;
    await deps.payments.refund({ bookingId, paymentRef: booking.paymentRef, amountMinor: booking.amountMinor, currency: booking.currency });
    const [ticket, show] = await Promise.all([ticketFacts(booking), storage.shows.get(booking.showId)]);
    const reason = show ? refundReasonOf(booking, show) : null;
    if (ticket && reason && (await storage.outbox.enqueue(refundMail(ticket.to, { ...ticket.facts, reason }), clock.now()))) await deliverDueMail(deps);
  }

  const effectHandlers: EffectHandlers = {
    "booking.paid": (bookingId) => sendBookingConfirmation({ bookingId }),
    "refund.owed": refundBooking,
  };

  return {
    /**
     * After a hold's time: expire it if still unpaid (a paid or cancelled booking is left alone),
     * and close its checkout at the payment provider so it can no longer be paid.
     */
    async releaseSeatsIfUnpaid({ bookingId }: { bookingId: string }) {
      return (await releaseHold(deps, bookingId, "expired")) !== null;
    },

    /** The safety net behind the per-booking release: every lapsed hold, whoever missed it. */
    expireLapsedHolds: () => expireLapsedHolds(deps),

    /** What the identity provider said happened to a user (its Inngest events), through the one sync path. */
    applyUserEvent: (event: UserLifecycleEvent) => applyUserEvent(deps, event),

    /**
     * Creates or updates a user from the identity provider's profile; a new user is welcomed.
     * Null when the user was removed before: a late event does not bring it back.
     */
    async syncUserProfile(profile: ExternalProfile) {
      const synced = await syncUserProfile(deps, profile);
      return synced ? { userId: synced.user.id, created: synced.created } : null;
    },

    /**
     * The identity provider deleted the account: its holds are released (and their checkouts
     * closed), favorites dropped, the user anonymised; paid bookings stay for the books.
     */
    removeUser: ({ userId }: { userId: string }) => removeUser(deps, userId),

    /** Delivers what booking changes left owed: confirmation mail after a payment, refunds. */
    deliverDueEffects: () => deliverDueEffects(deps, effectHandlers),

    makeWaitlistOffers: ({ showId }: { showId?: string }) => (showId ? makeOffers(deps, showId) : makeAllOffers(deps)),

    sendBookingConfirmation,

    /** Reminds every paid booking of shows starting within the reminder window, once each. */
    async sendShowReminders() {
      const now = clock.now();
      const until = new Date(now.getTime() + config.reminderHoursBefore * 3600_000);
      const shows = await storage.shows.listStartingBetween(now, until);
      let queued = 0;
      for (const show of shows) {
        for (const booking of await storage.bookings.listForShow(show.id, saleStatuses)) {
          const ticket = await ticketFacts(booking);
          if (ticket && (await storage.outbox.enqueue(reminderMail(ticket.to, ticket.facts), now))) queued++;
        }
      }
      if (queued > 0) await deliverDueMail(deps);
      return queued;
    },

    async notifyNewShows({ movieId, showIds }: { movieId: string; showIds: string[] }) {
      const [movie, shows, subscribers] = await Promise.all([
        storage.movies.get(movieId),
        storage.shows.getMany(showIds),
        storage.users.listNewShowSubscribers(),
      ]);
      if (!movie || shows.length === 0) return 0;
      const sorted = shows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const times = await Promise.all(sorted.map(async (s) => formatLocal(s.startsAt, await zoneOfShow(deps, s))));
      const batch = [...showIds].sort()[0];
      let queued = 0;
      for (const user of subscribers) {
        const mail = newShowMail(user.email, {
          key: `new_show:${batch}:${user.id}`,
          userName: user.name,
          movieTitle: movie.title,
          times,
          movieUrl: `${config.publicUrl}/movies/${movie._id}`,
        });
        if (await storage.outbox.enqueue(mail, clock.now())) queued++;
      }
      if (queued > 0) await deliverDueMail(deps);
      return queued;
    },

    async welcomeUser({ userId }: { userId: string }) {
      const user = await storage.users.findById(userId);
      if (!user) return false;
      const queued = await storage.outbox.enqueue(
        welcomeMail(user.email, { userId, userName: user.name, siteUrl: config.publicUrl }),
        clock.now(),
      );
      await deliverDueMail(deps);
      return queued;
    },

    deliverDueMail: () => deliverDueMail(deps),
  };
}

