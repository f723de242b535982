import type { SeatCell, SeatLayout } from "@quickshow/contracts";

/** A seat as the map draws it: where it sits, and the partner a love seat is sold with. */
export interface MapSeat {
  id: string;
  row: string;
  rowIndex: number;
  /** Cell index in the row, gaps counted: the column it is drawn in. */
  position: number;
  cell: SeatCell;
  partner: string | null;
}

export interface MapModel {
  seats: Map<string, MapSeat>;
  /** Seat ids of each row, left to right (gaps left out), for keyboard moves. */
  rows: MapSeat[][];
}

/**
 * Reads a seat map for drawing and keyboard moves. Love-seat partners follow the map format's
 * definition (consecutive pair seats of a row, two by two from the left); the server enforces
 * the pairing, this only draws it and selects both at once.
 */
export function mapModel(layout: SeatLayout): MapModel {
  const seats = new Map<string, MapSeat>();
  const rows = layout.rows.map((row, rowIndex) => {
    const list: MapSeat[] = [];
    let pairRun: MapSeat[] = [];
    const closePairs = () => {
      for (let i = 0; i + 1 < pairRun.length; i += 2) {
        pairRun[i]!.partner = pairRun[i + 1]!.id;
        pairRun[i + 1]!.partner = pairRun[i]!.id;
      }
      pairRun = [];
    };
    row.cells.forEach((cell, position) => {
      if (!cell?.pair) closePairs();
      if (!cell) return;
      const seat: MapSeat = { id: `${row.row}${cell.number}`, row: row.row, rowIndex, position, cell, partner: null };
      seats.set(seat.id, seat);
      list.push(seat);
      if (cell.pair) pairRun.push(seat);
    });
    closePairs();
    return list;
  });
  return { seats, rows };
}

/** The seat an arrow key moves to from `from`: along the row, or to the nearest column of the next row that has seats. */
export function seatInDirection(model: MapModel, from: string, key: string): string | null {
  const seat = model.seats.get(from);
  if (!seat) return model.rows.find((r) => r.length > 0)?.[0]?.id ?? null;
  const row = model.rows[seat.rowIndex]!;
  const i = row.indexOf(seat);
  if (key === "ArrowLeft") return row[i - 1]?.id ?? null;
  if (key === "ArrowRight") return row[i + 1]?.id ?? null;
  if (key === "Home") return row[0]?.id ?? null;
  if (key === "End") return row[row.length - 1]?.id ?? null;
  const step = key === "ArrowUp" ? -1 : key === "ArrowDown" ? 1 : 0;
  if (step === 0) return null;
  for (let r = seat.rowIndex + step; r >= 0 && r < model.rows.length; r += step) {
    const target = model.rows[r]!;
    if (target.length === 0) continue;
    return target.reduce((best, s) => (Math.abs(s.position - seat.position) < Math.abs(best.position - seat.position) ? s : best)).id;
  }
  return null;
}
