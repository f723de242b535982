import type { SeatLayout } from "@quickshow/contracts";
import { brokenPairs, strandedByTaking } from "./rules.ts";
import { indexSeatMap, type PlacedSeat } from "./seat-map.ts";

export interface BestSeatsRequest {
  count: number;
  /** Only seats of this category. */
  category?: string;
  /** Seats for a wheelchair user: the choice includes a wheelchair space (and may take companion seats). */
  wheelchair?: boolean;
  /** Companion seats are on general sale (their release time has passed). */
  companionsReleased: boolean;
  /** Apply the no-stranded-single-seat rule to the choice. */
  orphanRule: boolean;
}

/**
 * The best free seats for a party: adjacent in one row when some row allows it, else the best
 * seats one by one. "Best" is the middle rows and the centre of a row, the way most people pick
 * them; a choice that would strand a seat or split a pair is never offered when another exists.
 * Null when not enough seats fit the request.
 */
export function bestAvailable(layout: SeatLayout, unavailable: ReadonlySet<string>, request: BestSeatsRequest): string[] | null {
  const map = indexSeatMap(layout);
  const middleRow = (map.rows.length - 1) / 2;
  const score = (seats: PlacedSeat[]) => {
    const row = seats[0]!.rowIndex;
    const width = map.rows[row]!.width;
    const centre = seats.reduce((n, s) => n + s.position, 0) / seats.length;
    // A row away from the middle costs more than a seat away from the centre: people move sideways before back.
    return Math.abs(row - middleRow) * 2 + Math.abs(centre - (width - 1) / 2);
  };
  const eligible = (s: PlacedSeat) =>
    !unavailable.has(s.id) &&
    (request.category === undefined || s.cell.category === request.category) &&
    (request.wheelchair ? true : !s.cell.wheelchair && (!s.cell.companion || request.companionsReleased));
  const acceptable = (ids: string[]) =>
    brokenPairs(layout, ids).length === 0 &&
    (!request.wheelchair || ids.some((id) => map.seats.get(id)!.cell.wheelchair)) &&
    // A companion seat before its release goes only with a wheelchair space, which the wheelchair case already requires.
    (!request.orphanRule || strandedByTaking(layout, unavailable, ids).length === 0);

  let best: { ids: string[]; score: number } | null = null;
  for (const row of map.rows) {
    for (const run of row.runs) {
      for (let start = 0; start + request.count <= run.length; start++) {
        const ids = run.slice(start, start + request.count);
        const seats = ids.map((id) => map.seats.get(id)!);
        if (!seats.every(eligible) || !acceptable(ids)) continue;
        const s = score(seats);
        if (!best || s < best.score) best = { ids, score: s };
      }
    }
  }
  if (best) return best.ids;

  // No row has them side by side: the best single seats, keeping pairs out (a love seat needs its partner).
  const singles = [...map.seats.values()]
    .filter((s) => eligible(s) && s.partner === null)
    .sort((a, b) => score([a]) - score([b]) || a.rowIndex - b.rowIndex || a.position - b.position);
  if (request.wheelchair) {
    const space = singles.find((s) => s.cell.wheelchair);
    if (!space) return null;
    const rest = singles.filter((s) => s !== space).slice(0, request.count - 1);
    return rest.length === request.count - 1 ? [space.id, ...rest.map((s) => s.id)] : null;
  }
  return singles.length >= request.count ? singles.slice(0, request.count).map((s) => s.id) : null;
}
