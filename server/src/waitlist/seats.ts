import type { SeatLayout } from "@quickshow/contracts";
import { indexSeatMap } from "../venues/seat-map.ts";

/**
 * The seats to offer `count` people from the free ones: side by side in one row when some row has
 * that many free in a row, else the first free seats in map order.
 */
export function pickSeats(layout: SeatLayout, free: ReadonlySet<string>, count: number): string[] | null {
  if (free.size < count) return null;
  const runs = indexSeatMap(layout).rows.flatMap((r) => r.runs);
  for (const run of runs) {
    for (let start = 0; start + count <= run.length; start++) {
      const window = run.slice(start, start + count);
      if (window.every((s) => free.has(s))) return window;
    }
  }
  return runs.flat().filter((s) => free.has(s)).slice(0, count);
}
