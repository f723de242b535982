import type { SeatCategory, SeatCell, SeatLayout } from "@quickshow/contracts";

/** What a click or drag on a cell of the editor does. */
export type Tool = { kind: "gap" } | { kind: "paint"; category: string } | { kind: "flag"; flag: "wheelchair" | "companion" | "pair" };

const rowLabel = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);

/** A plain grid: `rows` rows of `seats` seats, every seat of the first category. */
export function grid(rows: number, seats: number, categories: SeatCategory[]): SeatLayout {
  const category = categories[0]?.id ?? "standard";
  return {
    categories,
    rows: Array.from({ length: rows }, (_, r) => ({ row: rowLabel(r), cells: Array.from({ length: seats }, (_, n) => ({ number: n + 1, category })) })),
    companionReleaseMinutes: null,
  };
}

/**
 * How a row's seats are numbered from the left, after every change. Halls are labelled both ways:
 * "seats" counts seats only, so numbering continues across a gap (1 2 · 3); "positions" lets a
 * gap take its number, so a seat keeps the number of its place (1 2 · 4).
 */
export type Numbering = "seats" | "positions";

const renumber = (cells: (SeatCell | null)[], numbering: Numbering) => {
  let n = 0;
  return cells.map((c, position) => (c ? { ...c, number: numbering === "positions" ? position + 1 : ++n } : null));
};

/** Every row numbered again the chosen way. */
export const renumberLayout = (layout: SeatLayout, numbering: Numbering): SeatLayout => ({
  ...layout,
  rows: layout.rows.map((row) => ({ ...row, cells: renumber(row.cells, numbering) })),
});

/** The way a saved map was numbered: "positions" when a seat after a gap carries its place's number. */
export function numberingOf(layout: SeatLayout): Numbering {
  const byPosition = layout.rows.every((row) => row.cells.every((c, p) => !c || c.number === p + 1));
  const gapBeforeSeat = layout.rows.some((row) => row.cells.some((c, p) => c && row.cells.slice(0, p).includes(null)));
  return byPosition && gapBeforeSeat ? "positions" : "seats";
}

/** Applies the tool to one cell. `on` says which way a drag goes (set or clear), decided by the first cell it touched. */
export function applyTool(layout: SeatLayout, rowIndex: number, position: number, tool: Tool, on: boolean, numbering: Numbering = "seats"): SeatLayout {
  const rows = layout.rows.map((row, r) => {
    if (r !== rowIndex) return row;
    const cells = row.cells.map((cell, p): SeatCell | null => {
      if (p !== position) return cell;
      if (tool.kind === "gap") return on ? null : (cell ?? { number: 0, category: layout.categories[0]?.id ?? "standard" });
      if (!cell) return cell;
      if (tool.kind === "paint") return { ...cell, category: tool.category };
      const next: SeatCell = { ...cell };
      if (on) next[tool.flag] = true;
      else delete next[tool.flag];
      // A love seat is never also a wheelchair or companion seat.
      if (on && tool.flag === "pair") {
        delete next.wheelchair;
        delete next.companion;
      }
      if (on && tool.flag !== "pair") delete next.pair;
      return next;
    });
    return { ...row, cells: renumber(cells, numbering) };
  });
  return { ...layout, rows };
}

/** Whether a drag starting on this cell sets the tool's effect (true) or clears it. */
export function dragSets(layout: SeatLayout, rowIndex: number, position: number, tool: Tool): boolean {
  const cell = layout.rows[rowIndex]?.cells[position];
  if (tool.kind === "gap") return cell !== null;
  if (tool.kind === "paint") return true;
  return !cell?.[tool.flag];
}

export function renameRow(layout: SeatLayout, rowIndex: number, label: string): SeatLayout {
  return { ...layout, rows: layout.rows.map((row, r) => (r === rowIndex ? { ...row, row: label.toUpperCase().slice(0, 2) } : row)) };
}

export function toggleAisle(layout: SeatLayout, rowIndex: number): SeatLayout {
  return { ...layout, rows: layout.rows.map((row, r) => (r === rowIndex ? { ...row, aisleAfter: !row.aisleAfter } : row)) };
}

/** A category id from its name: lower-case letters, digits and dashes. */
export const categoryId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 30) || "category";
