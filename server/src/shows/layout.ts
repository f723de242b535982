import type { SeatLayout } from "@quickshow/contracts";

/** QuickShow's screen: rows A–J of nine seats, drawn in pairs of rows with an aisle between. */
export const defaultLayout: SeatLayout = {
  rows: "ABCDEFGHIJ".split("").map((row) => ({ row, seats: 9, category: "standard" })),
  aisleAfterRows: ["B", "D", "F", "H"],
};

export const seatsOf = (layout: SeatLayout) => layout.rows.flatMap((r) => Array.from({ length: r.seats }, (_, i) => `${r.row}${i + 1}`));

export const capacityOf = (layout: SeatLayout) => layout.rows.reduce((n, r) => n + r.seats, 0);
