import { Link, Navigate, useLocation, useParams } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { ArrowLeft, CalendarPlus, Mail } from "lucide-react";
import type { Ticket } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { ErrorState, PageHeading, Skeleton } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";
import { useBookingTickets } from "../api/queries.ts";
import { formatDateTime } from "../lib/format.ts";

/** Mails a paid booking's tickets again (the server allows one resend per booking every few minutes). */
export function ResendTickets({ bookingId, className = "btn-secondary" }: { bookingId: string; className?: string }) {
  const resend = useMutation({ mutationFn: () => call("resendTickets", { params: { bookingId } }) });
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" className={className} disabled={resend.isPending || resend.isSuccess} onClick={() => resend.mutate()}>
        <Mail className="size-4" aria-hidden="true" /> {resend.isPending ? "Sending…" : "Resend tickets"}
      </button>
      {resend.isSuccess && (
        <p role="status" className="text-xs text-emerald-300">
          {resend.data.message}
        </p>
      )}
      {resend.isError && (
        <p role="alert" className="text-xs text-red-300">
          {errorMessage(resend.error)}
        </p>
      )}
    </div>
  );
}

/** The QR code as an image: an <img> of the served SVG never runs anything it might contain. */
function TicketCard({ ticket, index, count }: { ticket: Ticket; index: number; count: number }) {
  return (
    <li data-ticket-seat={ticket.seat} className="flex flex-col items-center gap-3 rounded-2xl border border-white/10 bg-zinc-900 p-4">
      <div className="flex w-full items-baseline justify-between">
        <p className="text-sm text-zinc-400">
          Ticket {index + 1} of {count}
        </p>
        {ticket.admittedAt && <p className="text-xs font-medium text-amber-200">Used at the door</p>}
      </div>
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(ticket.qrSvg)}`}
        alt={`QR code of the ticket for seat ${ticket.seat}`}
        data-token={ticket.token}
        className="aspect-square w-full max-w-[22rem] rounded-xl bg-white [image-rendering:pixelated]"
      />
      <div className="flex w-full items-end justify-between">
        <div>
          <p className="text-xs tracking-wide text-zinc-400 uppercase">Seat</p>
          <p className="text-3xl font-bold">{ticket.seat}</p>
        </div>
        <div className="text-right">
          <p className="text-xs tracking-wide text-zinc-400 uppercase">Booking</p>
          <p className="font-mono text-lg font-semibold" data-testid="reference">
            {ticket.reference}
          </p>
        </div>
      </div>
    </li>
  );
}

export function TicketView() {
  const { bookingId = "" } = useParams();
  const { status } = useAuth();
  const location = useLocation();
  const tickets = useBookingTickets(bookingId, status === "signed-in");
  useDocumentTitle(tickets.data ? `Tickets: ${tickets.data.show.movieTitle}` : "Tickets");

  if (status === "signed-out")
    return <Navigate to={`/sign-in?redirect=${encodeURIComponent(location.pathname)}`} replace state={{ notice: "Sign in to see your tickets." }} />;

  return (
    <div className="page">
      <Link to="/my-bookings" className="btn-ghost mb-4 w-fit text-sm">
        <ArrowLeft className="size-4" aria-hidden="true" /> My bookings
      </Link>
      {status === "loading" || tickets.isPending ? (
        <Skeleton className="h-96 w-full max-w-md rounded-2xl" />
      ) : tickets.isError ? (
        <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} title="Couldn't load these tickets" />
      ) : (
        <>
          <PageHeading title={tickets.data.show.movieTitle} />
          <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-zinc-400">When</dt>
              <dd>
                <time dateTime={tickets.data.show.startsAt}>{formatDateTime(tickets.data.show.startsAt, tickets.data.show.timeZone)}</time>
              </dd>
              {tickets.data.show.screen && (
                <>
                  <dt className="text-zinc-400">Screen</dt>
                  <dd>{tickets.data.show.screen}</dd>
                </>
              )}
              <dt className="text-zinc-400">Seats</dt>
              <dd>{tickets.data.tickets.map((t) => t.seat).join(", ")}</dd>
              <dt className="text-zinc-400">Booking</dt>
              <dd className="font-mono">{tickets.data.reference}</dd>
            </dl>
            <div className="flex flex-wrap items-start gap-2">
              <a
                className="btn-secondary"
                href={`data:text/calendar;charset=utf-8,${encodeURIComponent(tickets.data.calendar)}`}
                download={`quickshow-${tickets.data.reference}.ics`}
              >
                <CalendarPlus className="size-4" aria-hidden="true" /> Add to calendar
              </a>
              <ResendTickets bookingId={bookingId} />
            </div>
          </div>
          <p className="mb-4 max-w-2xl text-sm text-zinc-400">
            Show one code per person at the door, with your screen turned up bright. Each code lets one person in, once.
          </p>
          <ul className="grid max-w-5xl gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {tickets.data.tickets.map((t, i) => (
              <TicketCard key={t.seat} ticket={t} index={i} count={tickets.data.tickets.length} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
