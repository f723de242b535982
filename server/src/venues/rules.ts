import type { SeatLayout } from "@quickshow/contracts";
import { indexSeatMap, type IndexedSeatMap } from "./seat-map.ts";

/**
 * The seat rules a cinema sells by, as pure functions over a seat map and the set of seats that
 * are unavailable (sold, held or blocked). Bookings call them before a hold and before a partial
 * give-back; best-available and the web map use the same definitions.
 */

type Seats = ReadonlySet<string>;

/** Free seats left alone in their run: both neighbours taken, or a taken seat and the run's end (a gap or the row's end). */
function strandedInRun(run: readonly string[], unavailable: Seats): string[] {
  if (run.length < 2) return []; // a seat alone between gaps is how the room was built, not a rule's concern
  return run.filter((seat, i) => {
    if (unavailable.has(seat)) return false;
    const leftTaken = i === 0 || unavailable.has(run[i - 1]!);
    const rightTaken = i === run.length - 1 || unavailable.has(run[i + 1]!);
    return leftTaken && rightTaken;
  });
}

function strandedInRows(map: IndexedSeatMap, unavailable: Seats, rowIndexes: Iterable<number>): string[] {
  const out: string[] = [];
  for (const r of rowIndexes) for (const run of map.rows[r]!.runs) out.push(...strandedInRun(run, unavailable));
  return out;
}

const rowsOf = (map: IndexedSeatMap, seats: Iterable<string>) => {
  const rows = new Set<number>();
  for (const s of seats) {
    const placed = map.seats.get(s);
    if (placed) rows.add(placed.rowIndex);
  }
  return rows;
};

/**
 * Seats that are stranded when `after` is unavailable but were not when `before` was, in the rows
 * where the two differ. Works both ways: seats taken (a hold) and seats given back (a partial
 * cancellation: `after` is `before` without the returned seats).
 */
export function newlyStranded(layout: SeatLayout, before: Seats, after: Seats): string[] {
  const map = indexSeatMap(layout);
  const changed = [...after].filter((s) => !before.has(s)).concat([...before].filter((s) => !after.has(s)));
  const rows = rowsOf(map, changed);
  const was = new Set(strandedInRows(map, before, rows));
  return strandedInRows(map, after, rows).filter((s) => !was.has(s));
}

/** Seats a taking of `selected` would strand, if `unavailable` are taken already. */
export const strandedByTaking = (layout: SeatLayout, unavailable: Seats, selected: readonly string[]) =>
  newlyStranded(layout, unavailable, new Set([...unavailable, ...selected]));

/** Seats a give-back of `returned` (now unavailable) would strand. */
export const strandedByReturning = (layout: SeatLayout, unavailable: Seats, returned: readonly string[]) => {
  const back = new Set(returned);
  return newlyStranded(layout, unavailable, new Set([...unavailable].filter((s) => !back.has(s))));
};

/**
 * The no-stranded-single-seat rule for a booking of `selected`: the seats it would strand, except
 * in rows where no other choice of as many adjacent free seats strands none (the rule must never
 * make a row unsellable). Empty when the booking may go ahead.
 */
export function orphanSeatViolation(layout: SeatLayout, unavailable: Seats, selected: readonly string[]): string[] {
  const map = indexSeatMap(layout);
  const stranded = strandedByTaking(layout, unavailable, selected);
  if (stranded.length === 0) return [];
  const strandedRows = rowsOf(map, stranded);
  const pickedPerRow = new Map<number, number>();
  for (const s of selected) {
    const r = map.seats.get(s)?.rowIndex;
    if (r !== undefined) pickedPerRow.set(r, (pickedPerRow.get(r) ?? 0) + 1);
  }
  const avoidable = new Set<number>();
  for (const r of strandedRows) {
    const count = pickedPerRow.get(r);
    // A seat stranded in a row the booking does not touch cannot happen (only changed rows are looked at).
    if (count === undefined) continue;
    if (someChoiceAvoidsStranding(map, unavailable, r, count)) avoidable.add(r);
  }
  return stranded.filter((s) => avoidable.has(map.seats.get(s)!.rowIndex));
}

/** Whether some `count` adjacent free seats of the row, splitting no pair, strand no seat. */
function someChoiceAvoidsStranding(map: IndexedSeatMap, unavailable: Seats, rowIndex: number, count: number): boolean {
  for (const run of map.rows[rowIndex]!.runs) {
    for (let start = 0; start + count <= run.length; start++) {
      const window = run.slice(start, start + count);
      if (window.some((s) => unavailable.has(s))) continue;
      if (brokenPairs(map.layout, window).length > 0) continue;
      const after = new Set([...unavailable, ...window]);
      const was = new Set(strandedInRun(run, unavailable));
      if (strandedInRun(run, after).every((s) => was.has(s))) return true;
    }
  }
  return false;
}

/** Pair seats of the list whose partner is not in it: a love seat is held, sold and given back only with its partner. */
export function brokenPairs(layout: SeatLayout, seats: readonly string[]): string[] {
  const map = indexSeatMap(layout);
  const chosen = new Set(seats);
  return seats.filter((s) => {
    const partner = map.seats.get(s)?.partner;
    return partner !== null && partner !== undefined && !chosen.has(partner);
  });
}

/** Whether companion seats are on general sale at `now` for a show starting at `startsAt`. */
export function companionsReleased(layout: SeatLayout, startsAt: Date, now: Date) {
  if (layout.companionReleaseMinutes === null) return false;
  return now.getTime() >= startsAt.getTime() - layout.companionReleaseMinutes * 60_000;
}

/**
 * Companion seats a booking may not take: before their release, a companion seat goes only with a
 * wheelchair space in the same booking.
 */
export function lockedCompanionSeats(layout: SeatLayout, seats: readonly string[], released: boolean): string[] {
  if (released) return [];
  const map = indexSeatMap(layout).seats;
  if (seats.some((s) => map.get(s)?.cell.wheelchair)) return [];
  return seats.filter((s) => map.get(s)?.cell.companion);
}

/**
 * Companion seats of the choice whose wheelchair space, right beside them, a rule found left
 * alone: the buyer hears the companion rule (the seat goes with the space) rather than a
 * stranded-seat warning about a space nobody sits in unless they use a wheelchair.
 */
export function companionsAwayFromTheirSpace(layout: SeatLayout, chosen: readonly string[], stranded: readonly string[]): { companion: string; space: string }[] {
  const map = indexSeatMap(layout);
  const alone = new Set(stranded.filter((s) => map.seats.get(s)?.cell.wheelchair));
  if (alone.size === 0) return [];
  const found: { companion: string; space: string }[] = [];
  for (const row of map.rows) {
    for (const run of row.runs) {
      run.forEach((seat, i) => {
        if (!chosen.includes(seat) || !map.seats.get(seat)?.cell.companion) return;
        const space = [run[i - 1], run[i + 1]].find((n) => n !== undefined && alone.has(n));
        if (space) found.push({ companion: seat, space });
      });
    }
  }
  return found;
}
