import { useMemo, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Undo2 } from "lucide-react";
import type { BookingWithShow } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { keys, useShowDetail } from "../api/queries.ts";
import { formatDateTime, formatMoney } from "../lib/format.ts";
import { mapModel } from "../pages/seat-layout/seat-map-model.ts";
import { listSeats } from "./seats.ts";

/** Each booked love seat's partner within the booking: they go back together or not at all. */
function usePartners(booking: BookingWithShow, enabled: boolean) {
  const detail = useShowDetail(booking.show._id, enabled);
  const layout = enabled ? detail.data?.show.layout : undefined;
  return useMemo(() => {
    const partners = new Map<string, string>();
    if (!layout) return partners;
    const seats = mapModel(layout).seats;
    for (const seat of booking.bookedSeats) {
      const partner = seats.get(seat)?.partner;
      if (partner && booking.bookedSeats.includes(partner)) partners.set(seat, partner);
    }
    return partners;
  }, [layout, booking.bookedSeats]);
}

/**
 * Cancel a paid booking, or give back some of its seats, showing the refund and the deadline
 * before anything happens. After a partial give-back the rest of the booking can be cancelled
 * (or given back) again at once.
 */
export function CancelBooking({ booking, timeZone }: { booking: BookingWithShow; timeZone: string | undefined }) {
  const [asking, setAsking] = useState(false);
  const [picked, setPicked] = useState<string[]>(booking.bookedSeats);
  const [done, setDone] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const partners = usePartners(booking, asking && booking.bookedSeats.length > 1);
  const whole = picked.length === booking.bookedSeats.length && booking.bookedSeats.every((s) => picked.includes(s));
  const refundMajor = picked.reduce((sum, seat) => sum + (booking.seatPrices[seat] ?? 0), 0);
  const refund = formatMoney(whole ? booking.amount : refundMajor, booking.currency);
  const cancel = useMutation({
    mutationFn: (seats: string[] | undefined) => call("cancelBooking", { params: { bookingId: booking._id }, body: seats ? { seats } : undefined }),
    onSuccess: (_res, seats) => {
      setDone(`${seats ? `${seats.length === 1 ? "Seat" : "Seats"} ${listSeats(seats)} given back.` : "Cancelled."} ${refund} will be refunded to your card.`);
      setAsking(false);
      void queryClient.invalidateQueries({ queryKey: keys.myBookings });
    },
  });

  const open = () => {
    setPicked(booking.bookedSeats);
    setDone(null);
    cancel.reset();
    setAsking(true);
  };
  // A love seat and its partner are ticked and unticked together, as the seat rules give them back.
  const toggle = (seat: string) =>
    setPicked((now) => {
      const both = [seat, ...(partners.has(seat) ? [partners.get(seat)!] : [])];
      return now.includes(seat) ? now.filter((s) => !both.includes(s)) : [...now, ...both.filter((s) => !now.includes(s))];
    });

  if (!asking) {
    return (
      <div className="flex flex-col items-end gap-2">
        {done && (
          <p role="status" className="text-right text-sm text-sky-200">
            {done}
          </p>
        )}
        <button type="button" className="btn-secondary" onClick={open}>
          <Undo2 className="size-4" aria-hidden="true" /> Cancel booking
        </button>
      </div>
    );
  }
  return (
    <div role="group" aria-label="Cancel this booking" className="flex w-full min-w-0 flex-col items-stretch gap-2 sm:max-w-xs sm:items-end sm:text-right">
      {booking.bookedSeats.length > 1 && (
        <fieldset className="flex min-w-0 flex-wrap gap-x-3 text-sm sm:justify-end">
          <legend className="mb-1 w-full text-zinc-300 sm:text-right">Seats to give back</legend>
          {booking.bookedSeats.map((seat) => (
            <label key={seat} className="flex items-center gap-2 px-1">
              <input type="checkbox" checked={picked.includes(seat)} onChange={() => toggle(seat)} disabled={cancel.isPending} />
              {seat}
              {partners.has(seat) && <span className="text-xs text-zinc-400">(love seat with {partners.get(seat)})</span>}
            </label>
          ))}
        </fieldset>
      )}
      <p className="text-sm">
        {whole ? "Cancel" : `Give back ${picked.length} of ${booking.bookedSeats.length} seats`} and get <strong>{refund}</strong> back? Possible until{" "}
        <time dateTime={booking.cancellableUntil!}>{formatDateTime(booking.cancellableUntil!, timeZone)}</time>.
      </p>
      {cancel.isError && (
        <p role="alert" className="text-sm text-red-300">
          {errorMessage(cancel.error)}
        </p>
      )}
      <div className="flex flex-wrap gap-2 sm:justify-end">
        <button type="button" className="btn-ghost" onClick={() => setAsking(false)} disabled={cancel.isPending}>
          Keep booking
        </button>
        <button type="button" className="btn-primary" onClick={() => cancel.mutate(whole ? undefined : picked)} disabled={cancel.isPending || picked.length === 0}>
          {cancel.isPending ? "Cancelling…" : whole ? `Cancel and refund ${refund}` : `Give back and refund ${refund}`}
        </button>
      </div>
    </div>
  );
}
