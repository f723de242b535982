import { Accessibility, Heart, UserPlus } from "lucide-react";
import type { SeatLayout } from "@quickshow/contracts";
import { formatMoney } from "../../lib/format.ts";

/** What the colours and markers of the map mean, with each category's price. */
export function Legend({ layout, prices, currency, holding = false }: { layout: SeatLayout; prices: Record<string, number>; currency: string; holding?: boolean }) {
  const cells = layout.rows.flatMap((r) => r.cells);
  const has = (flag: "wheelchair" | "companion" | "pair") => cells.some((c) => c?.[flag]);
  return (
    <ul className="mt-6 flex flex-wrap justify-center gap-x-6 gap-y-2 text-xs text-zinc-400" aria-label="Legend">
      {layout.categories.map((c) => (
        <li key={c.id} className="flex items-center gap-2" data-testid={`legend-${c.id}`}>
          <span className="size-4 rounded border" style={{ borderColor: c.color, backgroundColor: `${c.color}26` }} aria-hidden="true" />
          {layout.categories.length === 1 ? "Available" : c.name}
          {prices[c.id] !== undefined && <span className="text-zinc-300">{formatMoney(prices[c.id]!, currency)}</span>}
        </li>
      ))}
      <li className="flex items-center gap-2">
        <span className="size-4 rounded border border-primary bg-primary" aria-hidden="true" /> Selected
      </li>
      {holding && (
        <li className="flex items-center gap-2" data-testid="legend-mine">
          <span className="size-4 rounded border border-emerald-400 bg-emerald-400/25" aria-hidden="true" /> Held by you
        </li>
      )}
      <li className="flex items-center gap-2">
        <span className="size-4 rounded border border-zinc-700 bg-zinc-700/60" aria-hidden="true" /> Taken
      </li>
      {has("wheelchair") && (
        <li className="flex items-center gap-2">
          <Accessibility className="size-4" aria-hidden="true" /> Wheelchair space
        </li>
      )}
      {has("companion") && (
        <li className="flex items-center gap-2">
          <UserPlus className="size-4" aria-hidden="true" /> Companion seat
        </li>
      )}
      {has("pair") && (
        <li className="flex items-center gap-2">
          <Heart className="size-3.5 fill-pink-400 text-pink-400" aria-hidden="true" /> Love seat (sold in pairs)
        </li>
      )}
    </ul>
  );
}
