import type { SeatLayout } from "@quickshow/contracts";

/**
 * The seats to offer `count` people from the free ones: side by side in one row when some row has
 * that many free in a row, else the first free seats in map order.
 */
export function pickSeats(layout: SeatLayout, free: ReadonlySet<string>, count: number): string[] | null {
  if (free.size < count) return null;
  const rows = layout.rows.map((r) => Array.from({ length: r.seats }, (_, i) => `${r.row}${i + 1}`));
  for (const row of rows) {
    for (let start = 0; start + count <= row.length; start++) {
      const run = row.slice(start, start + count);
      if (run.every((s) => free.has(s))) return run;
    }
  }
  return rows.flat().filter((s) => free.has(s)).slice(0, count);
}
