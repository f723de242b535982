import { ArrowRight, Sparkles } from "lucide-react";
import type { SeatCategory } from "@quickshow/contracts";
import { Spinner } from "../../components/States.tsx";
import { formatMoney } from "../../lib/format.ts";

/** "Best available" for a party of N: picks the best free seats together. */
export function BestAvailable({ max, partySize, setPartySize, onPick, pending }: { max: number; partySize: number; setPartySize: (n: number) => void; onPick: () => void; pending: boolean }) {
  return (
    <div className="mt-4 flex flex-wrap items-center justify-center gap-2 text-sm">
      <label className="flex items-center gap-2 text-zinc-400">
        Seats
        <select className="rounded-md border border-white/15 bg-zinc-900 px-2 py-1 text-zinc-100" value={partySize} onChange={(e) => setPartySize(Number(e.target.value))}>
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn-secondary inline-flex items-center gap-1.5 rounded-full border border-primary/50 px-4 py-1.5 hover:bg-primary/20" onClick={onPick} disabled={pending}>
        <Sparkles className="size-4" aria-hidden="true" /> Best available
      </button>
    </div>
  );
}

interface BookingBarProps {
  max: number;
  currency: string;
  showPrice: number;
  oneCategory: boolean;
  selected: string[];
  perCategory: { category: SeatCategory; count: number; price: number }[];
  totalCents: number;
  holdMinutes: number | undefined;
  pending: boolean;
  onProceed: () => void;
}

/** The choice so far, its total, and the way to checkout. */
export function BookingBar({ max, currency, showPrice, oneCategory, selected, perCategory, totalCents, holdMinutes, pending, onProceed }: BookingBarProps) {
  const sortedSelected = [...selected].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return (
    <div data-booking-bar className="mt-6 flex w-full flex-col gap-4 rounded-2xl border border-white/10 bg-zinc-900/70 p-5 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0 text-sm">
        <p className="text-zinc-400">
          {selected.length === 0 ? (
            <>
              Up to {max} seats per booking · {oneCategory ? `${formatMoney(showPrice, currency)} each` : `from ${formatMoney(showPrice, currency)}`}
            </>
          ) : (
            <>
              <span className="text-zinc-200" data-testid="selected-seats">
                {sortedSelected.join(", ")}
              </span>{" "}
              · {perCategory.map((line) => `${line.count} × ${oneCategory ? "" : `${line.category.name} `}${formatMoney(line.price, currency)}`).join(" + ")}
            </>
          )}
        </p>
        <p className="mt-1 text-xl font-semibold">
          Total <span data-testid="total-price">{formatMoney(totalCents / 100, currency)}</span>
        </p>
        {holdMinutes !== undefined && <p className="mt-1 text-xs text-zinc-400">Seats are held for {holdMinutes} minutes while you pay.</p>}
      </div>
      <button type="button" className="btn-primary px-8 py-3" onClick={onProceed} disabled={pending}>
        {pending ? <Spinner label="Holding your seats" /> : <>Proceed to checkout <ArrowRight className="size-4" aria-hidden="true" /></>}
      </button>
    </div>
  );
}
