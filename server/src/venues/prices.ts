import type { SeatLayout } from "@quickshow/contracts";
import { indexSeatMap } from "./seat-map.ts";

/** A show's prices: one per category, exact minor units. */
export type CategoryPrices = Readonly<Record<string, number>>;

/** The price of each of the layout's categories: the given one, or `fallbackMinor` for a category not named. */
export function pricesForLayout(layout: SeatLayout, given: CategoryPrices, fallbackMinor: number): Record<string, number> {
  return Object.fromEntries(layout.categories.map((c) => [c.id, given[c.id] ?? fallbackMinor]));
}

/** What these seats cost together, in minor units: each at its category's price (the show's base price when none). */
export function priceOfSeats(show: { layout: SeatLayout; pricesMinor?: CategoryPrices; priceMinor: number }, seats: readonly string[]) {
  const map = indexSeatMap(show.layout).seats;
  return seats.reduce((sum, seat) => {
    const category = map.get(seat)?.cell.category;
    return sum + ((category !== undefined ? show.pricesMinor?.[category] : undefined) ?? show.priceMinor);
  }, 0);
}

/** The lowest price of a seat on sale, QuickShow's single `showPrice`. */
export function lowestPrice(layout: SeatLayout, prices: CategoryPrices, fallbackMinor: number) {
  const used = new Set([...indexSeatMap(layout).seats.values()].map((s) => s.cell.category));
  const inUse = [...used].map((c) => prices[c] ?? fallbackMinor);
  return inUse.length > 0 ? Math.min(...inUse) : fallbackMinor;
}
