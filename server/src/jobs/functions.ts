import type { Deps } from "../deps.ts";
import { deliverDueMail } from "../mail/delivery.ts";
import { confirmationMail, newShowMail, reminderMail, type TicketFacts, welcomeMail } from "../mail/templates.ts";
import { formatMoney } from "../money.ts";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { formatLocal } from "../shows/local-time.ts";

type JobDeps = Pick<Deps, "storage" | "clock" | "config" | "logger" | "mail">;

/**
 * The background work of QuickShow. The local runner and the Inngest functions both call these,
 * so they must be safe to run twice and on several instances at once: every write is conditional
 * and every mail has a dedupe key.
 */
export function jobFunctions(deps: JobDeps) {
  const { storage, clock, config } = deps;

  async function ticketFacts(booking: BookingRecord): Promise<{ to: string; facts: TicketFacts } | null> {
    const [user, show] = await Promise.all([storage.users.findById(booking.userId), storage.shows.get(booking.showId)]);
    if (!user || !show) return null;
    const movie = await storage.movies.get(show.movieId);
    return {
      to: user.email,
      facts: {
        bookingId: booking.id,
        userName: user.name,
        movieTitle: movie?.title ?? "your movie",
        when: formatLocal(show.startsAt, config.theaterTimeZone),
        seats: booking.seats,
        amount: formatMoney(booking.amountMinor, booking.currency),
        bookingsUrl: `${config.publicUrl}/my-bookings`,
      },
    };
  }

  return {
    /** After a hold's time: expire it if still unpaid (a paid or cancelled booking is left alone). */
    releaseSeatsIfUnpaid: ({ bookingId }: { bookingId: string }) =>
      storage.bookings.expireIfLapsed(bookingId, clock.now()),

    expireLapsedHolds: () => storage.bookings.expireLapsedHolds(clock.now()),

    async sendBookingConfirmation({ bookingId }: { bookingId: string }) {
      const booking = await storage.bookings.get(bookingId);
      if (!booking || booking.status !== "paid") return false;
      const ticket = await ticketFacts(booking);
      if (!ticket) return false;
      const queued = await storage.outbox.enqueue(confirmationMail(ticket.to, ticket.facts), clock.now());
      await deliverDueMail(deps);
      return queued;
    },

    /** Reminds every paid booking of shows starting within the reminder window, once each. */
    async sendShowReminders() {
      const now = clock.now();
      const until = new Date(now.getTime() + config.reminderHoursBefore * 3600_000);
      const shows = await storage.shows.listStartingBetween(now, until);
      let queued = 0;
      for (const show of shows) {
        for (const booking of await storage.bookings.listPaidForShow(show.id)) {
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
      const times = shows
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((s) => formatLocal(s.startsAt, config.theaterTimeZone));
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

export type JobFunctions = ReturnType<typeof jobFunctions>;
