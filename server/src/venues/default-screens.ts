import { type SeatCategory, type SeatCell, type SeatLayout, standardCategory } from "@quickshow/contracts";

export const defaultCinemaId = "main";
export const defaultScreenId = "screen-1";

const premium: SeatCategory = { id: "premium", name: "Premium", color: "#b45309" };
const recliner: SeatCategory = { id: "recliner", name: "Recliner", color: "#7c3aed" };

const seats = (count: number, category = "standard", from = 1): SeatCell[] =>
  Array.from({ length: count }, (_, i) => ({ number: from + i, category }));

/** QuickShow's screen: rows A–J of nine seats, drawn in pairs of rows with a walkway between. */
export const defaultLayout: SeatLayout = {
  categories: [standardCategory],
  rows: "ABCDEFGHIJ".split("").map((row) => ({ row, cells: seats(9), ...("BDFH".includes(row) ? { aisleAfter: true } : {}) })),
  companionReleaseMinutes: null,
};

// The demo's rooms stay nine cells wide, like Screen 1, so their maps fit a phone's screen.

/** A mid-size screen: a centre aisle, premium rows at the back, wheelchair spaces with companion seats in front. */
function studioLayout(): SeatLayout {
  const row = (label: string, category: string) => ({ row: label, cells: [...seats(4, category), null, ...seats(4, category, 5)] });
  return {
    categories: [standardCategory, premium],
    rows: [
      {
        row: "A",
        cells: [
          { number: 1, category: "standard", wheelchair: true },
          { number: 2, category: "standard", companion: true },
          ...seats(2, "standard", 3),
          null,
          ...seats(2, "standard", 5),
          { number: 7, category: "standard", companion: true },
          { number: 8, category: "standard", wheelchair: true },
        ],
        aisleAfter: true,
      },
      ...["B", "C", "D", "E"].map((l) => row(l, "standard")),
      { ...row("F", "standard"), aisleAfter: true },
      row("G", "premium"),
      row("H", "premium"),
    ],
    companionReleaseMinutes: 60,
  };
}

/** A small luxury screen: premium seats in front, recliners and love seats at the back. */
function loungeLayout(): SeatLayout {
  const love = (number: number): SeatCell => ({ number, category: "recliner", pair: true });
  return {
    categories: [premium, recliner],
    rows: [
      { row: "A", cells: [{ number: 1, category: "premium", wheelchair: true }, { number: 2, category: "premium", companion: true }, null, ...seats(6, "premium", 3)] },
      { row: "B", cells: [...seats(4, "premium"), null, ...seats(4, "premium", 5)], aisleAfter: true },
      { row: "C", cells: [...seats(4, "recliner"), null, ...seats(4, "recliner", 5)] },
      { row: "D", cells: [love(1), love(2), null, love(3), love(4), null, love(5), love(6)] },
    ],
    companionReleaseMinutes: 120,
  };
}

export const demoScreens = [
  { id: "screen-2", name: "Studio 2", layout: studioLayout() },
  { id: "screen-3", name: "Lounge 3", layout: loungeLayout() },
];
