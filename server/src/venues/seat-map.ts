import type { SeatCell, SeatLayout } from "@quickshow/contracts";

/** A seat of a map with where it sits: its row, its cell, and the run of seats between gaps it belongs to. */
export interface PlacedSeat {
  id: string;
  cell: SeatCell;
  rowIndex: number;
  /** Position in the row's cells, gaps counted: how far from the row's start it is drawn. */
  position: number;
  /** The seat beside it sold only with it (love seats), or null. */
  partner: string | null;
}

/** A seat map read once for the rules: seats by id, and each row as its runs of adjacent seats. */
export interface IndexedSeatMap {
  layout: SeatLayout;
  seats: ReadonlyMap<string, PlacedSeat>;
  /** Per row, the runs of adjacent seats (split by gaps), as seat ids left to right. */
  rows: readonly { label: string; width: number; runs: readonly (readonly string[])[] }[];
}

const seatId = (row: string, cell: SeatCell) => `${row}${cell.number}`;

const indexes = new WeakMap<SeatLayout, IndexedSeatMap>();

/** Indexes a layout; a show's layout is read many times a second in a rush, so the index is kept per object. */
export function indexSeatMap(layout: SeatLayout): IndexedSeatMap {
  const known = indexes.get(layout);
  if (known) return known;
  const seats = new Map<string, PlacedSeat>();
  const rows = layout.rows.map((row, rowIndex) => {
    const runs: string[][] = [];
    let run: string[] = [];
    let pairRun: string[] = [];
    const closePairs = () => {
      // Consecutive pair seats are partners two by two from the left (the map schema makes the count even).
      for (let i = 0; i + 1 < pairRun.length; i += 2) {
        seats.get(pairRun[i]!)!.partner = pairRun[i + 1]!;
        seats.get(pairRun[i + 1]!)!.partner = pairRun[i]!;
      }
      pairRun = [];
    };
    row.cells.forEach((cell, position) => {
      if (!cell?.pair) closePairs();
      if (!cell) {
        if (run.length > 0) runs.push(run);
        run = [];
        return;
      }
      const id = seatId(row.row, cell);
      seats.set(id, { id, cell, rowIndex, position, partner: null });
      run.push(id);
      if (cell.pair) pairRun.push(id);
    });
    closePairs();
    if (run.length > 0) runs.push(run);
    return { label: row.row, width: row.cells.length, runs };
  });
  const indexed = { layout, seats, rows };
  indexes.set(layout, indexed);
  return indexed;
}

export const seatIdsOf = (layout: SeatLayout) => [...indexSeatMap(layout).seats.keys()];

export const capacityOf = (layout: SeatLayout) => indexSeatMap(layout).seats.size;

/** Seats of the list that are not on the map. */
export const unknownSeats = (layout: SeatLayout, seats: readonly string[]) => {
  const map = indexSeatMap(layout).seats;
  return seats.filter((s) => !map.has(s));
};

/** The categories a map's seats use, in the map's order. */
export const categoriesInUse = (layout: SeatLayout) => {
  const used = new Set([...indexSeatMap(layout).seats.values()].map((s) => s.cell.category));
  return layout.categories.filter((c) => used.has(c.id));
};
