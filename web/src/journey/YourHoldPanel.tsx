import { useEffect, useRef } from "react";
import { CreditCard, Ticket, X } from "lucide-react";
import { errorMessage } from "../api/client.ts";
import { formatCountdown } from "../lib/format.ts";
import { listSeats } from "./seats.ts";
import type { MyHold } from "./use-my-hold.ts";

/** The buyer's own held seats on this show, with the way to pay or release them, and the question before a second hold. */
export function YourHoldPanel({ hold, soldOut = false }: { hold: MyHold; soldOut?: boolean }) {
  const firstChoice = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (hold.question) firstChoice.current?.focus();
  }, [hold.question]);
  if (hold.holds.length === 0) return null;
  const held = hold.holds.flatMap((h) => h.seats);

  return (
    <section aria-labelledby="your-hold-title" data-testid="your-hold" className="mb-8 w-full rounded-2xl border border-emerald-400/40 bg-emerald-400/10 p-4 text-sm">
      <h2 id="your-hold-title" className="flex items-center gap-2 text-base font-semibold text-emerald-100">
        <Ticket className="size-4" aria-hidden="true" /> {soldOut ? "Your seats are held: pay now" : "Your hold"}
      </h2>
      <ul className="mt-2 flex flex-col gap-3">
        {hold.holds.map((h) => (
          <li key={h.bookingId} className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-zinc-100">
              {h.seats.length === 1 ? "Seat" : "Seats"} <strong>{listSeats(h.seats)}</strong> {h.seats.length === 1 ? "is" : "are"} held for you for{" "}
              <span role="timer" className="font-mono tabular-nums">
                {formatCountdown(Date.parse(h.holdExpiresAt) - hold.now)}
              </span>
              .
            </p>
            <div className="flex flex-wrap gap-2">
              {h.paymentLink && (
                <a href={h.paymentLink} className="btn-primary">
                  <CreditCard className="size-4" aria-hidden="true" /> Continue to payment
                </a>
              )}
              <button type="button" className="btn-secondary" disabled={hold.release.isPending} onClick={() => hold.release.mutate([h.bookingId])}>
                <X className="size-4" aria-hidden="true" /> Release {h.seats.length === 1 ? "seat" : "seats"}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {hold.release.isError && (
        <p role="alert" className="mt-2 text-red-200">
          {errorMessage(hold.release.error)}
        </p>
      )}
      {hold.question && (
        <div role="group" aria-labelledby="second-hold-question" className="mt-4 rounded-xl border border-amber-400/40 bg-amber-400/10 p-3">
          <p id="second-hold-question" className="text-amber-50">
            You already hold {listSeats(held)} for this show. What about {listSeats(hold.question.seats)}?
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button ref={firstChoice} type="button" className="btn-primary" onClick={() => void hold.answer("replace")}>
              Release {listSeats(held)} and hold {listSeats(hold.question.seats)}
            </button>
            <button type="button" className="btn-secondary" onClick={() => void hold.answer("both")}>
              Keep both holds
            </button>
            <button type="button" className="btn-ghost" onClick={() => void hold.answer("back")}>
              Not now
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
