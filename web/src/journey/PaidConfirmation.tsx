import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router";
import { CheckCircle2, Clock, Undo2 } from "lucide-react";
import { useMyBookings, useShowZone } from "../api/queries.ts";
import { formatDateTime, formatMoney } from "../lib/format.ts";
import { listSeats } from "./seats.ts";
import { refundExplanation } from "./refund-words.ts";

/**
 * My bookings opened with `?paid=<id>` (from checkout) or `?refunded=<id>` (from checkout when the
 * seats were gone by the time the money arrived, or from a refund's link): says plainly what
 * happened to that booking, and why it was refunded, at the top of the page.
 */
export function PaidConfirmation() {
  const [search] = useSearchParams();
  const paidId = search.get("paid");
  const refundedId = search.get("refunded");
  const id = paidId ?? refundedId;
  // A payment provider may call back a moment after the buyer arrives: look again until it has.
  const bookings = useMyBookings({ refetchInterval: (all) => (id && all?.find((b) => b._id === id)?.status === "held" ? 2_000 : false) });
  const booking = id ? bookings.data?.find((b) => b._id === id) : undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (booking) heading.current?.focus();
  }, [booking?._id, booking?.status]);

  const zoneOf = useShowZone();

  if (!id || !booking) return null;
  const what = (
    <p className="mt-1 text-zinc-100">
      <strong>{booking.show.movie.title}</strong> · <time dateTime={booking.show.showDateTime}>{formatDateTime(booking.show.showDateTime, zoneOf(booking.show))}</time> ·{" "}
      {booking.bookedSeats.length === 1 ? "Seat" : "Seats"} {listSeats(booking.bookedSeats)} · {formatMoney(booking.amount, booking.currency)}
    </p>
  );

  if (booking.status === "paid") {
    return (
      <section role="status" aria-labelledby="paid-title" data-testid="paid-confirmation" className="mb-8 max-w-3xl rounded-2xl border border-emerald-400/40 bg-emerald-400/10 p-5">
        <h2 id="paid-title" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-lg font-semibold text-emerald-100 outline-none">
          <CheckCircle2 className="size-5" aria-hidden="true" /> Payment received: you're booked!
        </h2>
        {what}
        <p className="mt-2 text-sm text-zinc-300">Your booking is listed below. Show it at the cinema; a confirmation is also on its way by email.</p>
      </section>
    );
  }
  if (booking.status === "refunded" || refundedId) {
    const refund = refundExplanation(booking);
    return (
      <section role="status" aria-labelledby="paid-title" data-testid="paid-confirmation" className="mb-8 max-w-3xl rounded-2xl border border-sky-400/40 bg-sky-400/10 p-5">
        <h2 id="paid-title" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-lg font-semibold text-sky-100 outline-none">
          <Undo2 className="size-5" aria-hidden="true" /> {refund.title}
        </h2>
        {what}
        <p className="mt-2 text-sm text-zinc-300">{refund.text}</p>
      </section>
    );
  }
  return (
    <section role="status" aria-labelledby="paid-title" data-testid="paid-confirmation" className="mb-8 max-w-3xl rounded-2xl border border-amber-400/40 bg-amber-400/10 p-5">
      <h2 id="paid-title" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-lg font-semibold text-amber-100 outline-none">
        <Clock className="size-5" aria-hidden="true" /> Confirming your payment…
      </h2>
      {what}
    </section>
  );
}
