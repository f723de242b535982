import type { BookingTickets, CheckInRequest } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { deliverDueMail } from "../mail/delivery.ts";
import { confirmationMail } from "../mail/templates.ts";
import { memoize } from "../memo.ts";
import { formatMoney } from "../money.ts";
import type { UserRecord } from "../providers/storage/interface.ts";
import { attendanceToday } from "./attendance.ts";
import { checkIn, type ShowLookup } from "./checkin.ts";
import { calendarOf, issueTickets } from "./issue.ts";
import { ticketAttachments } from "./mail.ts";
import { qrSvg } from "./qr.ts";
import { bookingReference } from "./reference.ts";
import { ticketKeysFor } from "./signing.ts";
import { hasTickets } from "./validity.ts";

export function ticketService(deps: Deps) {
  const { storage, config, clock, logger } = deps;
  // The door asks for the same few shows over and over, and a day's doors for a few hundred; a
  // cancelled show's tickets are void through their refunded bookings, not through the show.
  const findShow = memoize((id) => storage.shows.get(id), { max: 5_000, ttlMs: 60_000 });
  const findMovie = memoize((id) => storage.movies.get(id), { max: 1_000, ttlMs: 60_000 });
  const lookup: ShowLookup = { show: findShow, movie: findMovie };

  async function paidBookingOf(user: UserRecord, bookingId: string) {
    const booking = await storage.bookings.get(bookingId);
    // Someone else's booking answers exactly like a missing one, so ids cannot be probed.
    if (!booking || booking.userId !== user.id) throw notFound("Booking");
    if (!hasTickets(booking)) throw new AppError("conflict", `This booking has no tickets: it is ${booking.status}`);
    return booking;
  }

  return {
    async bookingTickets(user: UserRecord, bookingId: string): Promise<Omit<BookingTickets, "success">> {
      const booking = await paidBookingOf(user, bookingId);
      const [issued, admissions] = await Promise.all([issueTickets(deps, booking), storage.tickets.listAdmissionsOf(booking.id)]);
      if (!issued) throw notFound("Show");
      const admittedAt = new Map(admissions.map((a) => [a.seat, a.admittedAt.toISOString()]));
      return {
        bookingId: booking.id,
        reference: issued.reference,
        show: {
          _id: issued.show.id,
          movieTitle: issued.movieTitle,
          startsAt: issued.show.startsAt.toISOString(),
          timeZone: issued.timeZone,
          localStart: issued.localStart,
          screen: issued.show.screen?.name ?? null,
        },
        tickets: await Promise.all(
          issued.tickets.map(async (t) => ({ ...t, reference: issued.reference, qrSvg: await qrSvg(t.token), admittedAt: admittedAt.get(t.seat) ?? null })),
        ),
        calendar: calendarOf(deps, issued),
      };
    },

    /**
     * Mails the tickets again. The outbox key carries the resend window, so a second request in
     * the same window is refused by the database, on every instance alike, and the mail itself
     * is delivered (and retried) like any other.
     */
    async resend(user: UserRecord, bookingId: string) {
      const booking = await paidBookingOf(user, bookingId);
      const now = clock.now();
      const windowMs = config.ticketResendMinutes * 60_000;
      const window = Math.floor(now.getTime() / windowMs);
      const show = await findShow(booking.showId);
      if (!show) throw notFound("Show");
      const issued = await issueTickets(deps, booking, { show, movie: await findMovie(show.movieId) });
      if (!issued) throw notFound("Show");
      const mail = confirmationMail(user.email, {
        bookingId: booking.id,
        reference: issued.reference,
        userName: user.name,
        movieTitle: issued.movieTitle,
        when: issued.localStart,
        seats: booking.seats,
        amount: formatMoney(booking.amountMinor, booking.currency),
        bookingsUrl: `${config.publicUrl}/my-bookings`,
      });
      const queued = await storage.outbox.enqueue(
        { ...mail, dedupeKey: `tickets:${booking.id}:${window}`, attachments: await ticketAttachments(deps, booking, user) },
        now,
      );
      if (!queued) {
        const next = new Date((window + 1) * windowMs);
        throw new AppError("rate_limited", `Your tickets were mailed a moment ago; you can ask again after ${next.toISOString().slice(11, 16)} UTC`, { retryAfter: next.toISOString() });
      }
      void deliverDueMail(deps).catch((err: unknown) => logger.warn({ err }, "resent tickets stay queued for the next mail round"));
      return { message: `Your tickets are on their way to ${user.email}` };
    },

    checkIn: (staff: UserRecord, request: CheckInRequest) => checkIn(deps, lookup, staff, request),

    attendanceToday: () => attendanceToday(deps, lookup),

    /** What a door device keeps of a show's admissions, to refuse a second entry while offline. */
    async showAdmissions(showId: string) {
      const admissions = await storage.tickets.listAdmissionsOfShow(showId);
      return admissions.map((a) => ({
        bookingId: a.bookingId,
        reference: bookingReference(a.bookingId),
        seat: a.seat,
        admittedAt: a.admittedAt.toISOString(),
        admittedBy: a.admittedByName,
        device: a.device,
      }));
    },

    async publicKeys() {
      return [(await ticketKeysFor(config.ticketSigningKey, storage.secrets)).publicJwk];
    },
  };
}
