import { Link, Navigate, useLocation } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CreditCard, QrCode, Ticket } from "lucide-react";
import type { BookingStatus, BookingWithShow } from "@quickshow/contracts";
import { call } from "../api/client.ts";
import { keys, useShowZone, useMyBookings, useMyWaitlists } from "../api/queries.ts";
import { useAuth } from "../auth/auth-context.ts";
import { Img } from "../components/Img.tsx";
import { EmptyState, ErrorState, PageHeading, Skeleton } from "../components/States.tsx";
import { formatCountdown, formatDateTime, formatMoney, formatRuntime } from "../lib/format.ts";
import { useDocumentTitle, useNow } from "../lib/hooks.ts";
import { ResendTickets } from "../tickets/TicketView.tsx";
import { PaidConfirmation } from "../journey/PaidConfirmation.tsx";
import { CancelBooking } from "../journey/CancelBooking.tsx";
import { refundExplanation } from "../journey/refund-words.ts";

const statusStyle: Record<BookingStatus, { label: string; className: string }> = {
  paid: { label: "Paid", className: "bg-emerald-500/15 text-emerald-300 ring-emerald-500/30" },
  held: { label: "Awaiting payment", className: "bg-amber-500/15 text-amber-200 ring-amber-500/30" },
  expired: { label: "Expired", className: "bg-zinc-500/15 text-zinc-300 ring-zinc-500/30" },
  cancelled: { label: "Cancelled", className: "bg-zinc-500/15 text-zinc-300 ring-zinc-500/30" },
  refunded: { label: "Refunded", className: "bg-sky-500/15 text-sky-200 ring-sky-500/30" },
};

type Section = "upcoming" | "past" | "closed";
const sectionTitles: Record<Section, string> = { upcoming: "Upcoming", past: "Past", closed: "Cancelled and expired" };

/** Live bookings of shows to come first; seen shows next; whatever was never or is no longer valid last. */
function sectionOf(booking: BookingWithShow, now: number): Section {
  const live = booking.status === "paid" || (booking.status === "held" && !!booking.holdExpiresAt && Date.parse(booking.holdExpiresAt) > now);
  if (!live) return "closed";
  return Date.parse(booking.show.showDateTime) > now ? "upcoming" : "past";
}

export function StatusBadge({ status }: { status: BookingStatus }) {
  const s = statusStyle[status];
  return (
    <span data-status={status} className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${s.className}`}>
      {s.label}
    </span>
  );
}

export function MyBookings() {
  useDocumentTitle("My bookings");
  const { user, status } = useAuth();
  const location = useLocation();
  const bookings = useMyBookings();

  if (status === "signed-out")
    return <Navigate to={`/sign-in?redirect=${encodeURIComponent(location.pathname)}`} replace state={{ notice: "Sign in to see your bookings." }} />;

  return (
    <div className="page">
      <PageHeading title="My bookings" />
      <PaidConfirmation />
      {status === "loading" || bookings.isPending ? (
        <ul className="flex flex-col gap-4" aria-busy="true" aria-label="Loading bookings">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-36 w-full max-w-3xl rounded-2xl" />
          ))}
        </ul>
      ) : bookings.isError ? (
        <ErrorState error={bookings.error} onRetry={() => void bookings.refetch()} title="Couldn't load your bookings" />
      ) : bookings.data.length === 0 ? (
        <EmptyState icon={<Ticket className="size-8" />} title="No bookings yet">
          <p>When you book tickets, they'll show up here.</p>
          <Link to="/movies" className="btn-primary mt-4">
            Browse movies
          </Link>
        </EmptyState>
      ) : (
        <BookingSections bookings={bookings.data} />
      )}
      <MyWaitlists />
    </div>
  );
}

/** The lines the customer is in, with their place; an offer is paid from its booking above. */
function MyWaitlists() {
  const { user } = useAuth();
  const zoneOf = useShowZone();
  const queryClient = useQueryClient();
  const lists = useMyWaitlists();
  const leave = useMutation({
    mutationFn: (showId: string) => call("leaveWaitlist", { params: { showId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.myWaitlists }),
  });
  if (!lists.data || lists.data.length === 0) return null;
  return (
    <section aria-labelledby="my-waitlists" className="mt-8 max-w-3xl">
      <h2 id="my-waitlists" className="mb-3 text-base font-semibold text-zinc-300">
        Waitlists
      </h2>
      <ul className="flex flex-col gap-2">
        {lists.data.map((w) => (
          <li key={w._id} data-waitlist-show={w.show} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-white/10 p-3 text-sm">
            <span>
              <strong>{w.showDetail.movie.title}</strong>,{" "}
              <time dateTime={w.showDetail.showDateTime}>{formatDateTime(w.showDetail.showDateTime, zoneOf(w.showDetail))}</time> ·{" "}
              {w.seats} {w.seats === 1 ? "seat" : "seats"}
            </span>
            {w.status === "offered" ? (
              <span className="text-emerald-300">Seats are held for you: pay from the booking above</span>
            ) : (
              <span className="flex items-center gap-3">
                <span>Number {w.position} in line</span>
                <button type="button" className="btn-ghost text-xs" disabled={leave.isPending} onClick={() => leave.mutate(w.show)}>
                  Leave waitlist
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BookingSections({ bookings }: { bookings: BookingWithShow[] }) {
  const now = useNow(60_000);
  const sections = (["upcoming", "past", "closed"] as const).map((section) => ({
    section,
    items: bookings.filter((b) => sectionOf(b, now) === section),
  }));
  return (
    <div className="flex flex-col gap-8">
      {sections
        .filter((s) => s.items.length > 0)
        .map(({ section, items }) => (
          <section key={section} aria-labelledby={`bookings-${section}`} data-section={section}>
            <h2 id={`bookings-${section}`} className="mb-3 text-base font-semibold text-zinc-300">
              {sectionTitles[section]}
            </h2>
            <ul className="flex flex-col gap-4">
              {items.map((b) => (
                <BookingCard key={b._id} booking={b} />
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}

function RefundNote({ booking }: { booking: BookingWithShow }) {
  const refund = refundExplanation(booking);
  return (
    <p data-refund-reason={booking.refundReason ?? ""} className="mt-1 text-sm text-sky-200">
      <strong>{refund.title}.</strong> {refund.text}
    </p>
  );
}

function BookingCard({ booking }: { booking: BookingWithShow }) {
  const zoneOf = useShowZone();
  const movie = booking.show.movie;
  const expiresAt = booking.holdExpiresAt ? Date.parse(booking.holdExpiresAt) : NaN;
  const live = booking.status === "held" && Number.isFinite(expiresAt);
  const now = useNow(1000, live);
  const left = expiresAt - now;
  const canPay = live && left > 0 && !!booking.paymentLink;
  const shownStatus: BookingStatus = booking.status === "held" && live && left <= 0 ? "expired" : booking.status;

  return (
    <li
      data-booking-id={booking._id}
      className="flex max-w-3xl flex-col gap-4 rounded-2xl border border-primary/20 bg-primary/5 p-3 sm:flex-row sm:items-stretch"
    >
      <Img src={movie.poster_path} alt={`${movie.title} poster`} className="aspect-[2/3] w-24 shrink-0 self-start rounded-xl sm:w-28" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-lg font-semibold">{movie.title}</h3>
          <StatusBadge status={shownStatus} />
        </div>
        <p className="text-sm text-zinc-400">{formatRuntime(movie.runtime)}</p>
        <p className="text-sm">
          <time dateTime={booking.show.showDateTime}>{formatDateTime(booking.show.showDateTime, zoneOf(booking.show))}</time>
        </p>
        <p className="text-sm text-zinc-400">
          {booking.bookedSeats.length} {booking.bookedSeats.length === 1 ? "ticket" : "tickets"} · Seats{" "}
          <span className="text-zinc-200">{booking.bookedSeats.join(", ")}</span>
        </p>
        {booking.status === "refunded" && <RefundNote booking={booking} />}
      </div>
      <div className="flex min-w-0 flex-row flex-wrap items-center justify-between gap-3 sm:flex-col sm:flex-nowrap sm:items-end sm:justify-between">
        <p className="text-2xl font-semibold">{formatMoney(booking.amount, booking.currency)}</p>
        {canPay && booking.paymentLink && (
          <div className="flex flex-col items-end gap-1">
            <a href={booking.paymentLink} className="btn-primary">
              <CreditCard className="size-4" aria-hidden="true" /> Pay now
            </a>
            <p className="text-xs text-amber-200" aria-live="off">
              Seats held for <span className="font-mono tabular-nums">{formatCountdown(left)}</span>
            </p>
          </div>
        )}
        {booking.status === "paid" && (
          <div className="flex flex-wrap items-start justify-end gap-2">
            <Link to={`/my-bookings/${booking._id}/tickets`} className="btn-primary">
              <QrCode className="size-4" aria-hidden="true" /> Tickets
            </Link>
            <ResendTickets bookingId={booking._id} className="btn-ghost" />
          </div>
        )}
        {booking.status === "paid" && booking.cancellableUntil && <CancelBooking booking={booking} timeZone={zoneOf(booking.show)} />}
      </div>
    </li>
  );
}
