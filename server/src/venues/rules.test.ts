import { type SeatCell, type SeatLayout, seatLayoutSchema } from "@quickshow/contracts";
import { defaultLayout, demoScreens } from "./default-screens.ts";
import { describe, expect, it } from "vitest";
import { bestAvailable } from "./best.ts";
import { priceOfSeats } from "./prices.ts";
import { brokenPairs, companionsReleased, lockedCompanionSeats, orphanSeatViolation, strandedByReturning, strandedByTaking } from "./rules.ts";
import { capacityOf, indexSeatMap } from "./seat-map.ts";

const seat = (number: number, extra: Partial<SeatCell> = {}): SeatCell => ({ number, category: "standard", ...extra });
const row = (label: string, n: number, extra: Partial<SeatCell> = {}) => ({ row: label, cells: Array.from({ length: n }, (_, i) => seat(i + 1, extra)) });
const map = (rows: SeatLayout["rows"], companionReleaseMinutes: number | null = null): SeatLayout => ({
  categories: [
    { id: "standard", name: "Standard", color: "#666666" },
    { id: "premium", name: "Premium", color: "#aa6600" },
  ],
  rows,
  companionReleaseMinutes,
});
const taken = (...seats: string[]) => new Set(seats);

describe("seat map index", () => {
  it("splits rows into runs at gaps and pairs love seats two by two", () => {
    const m = map([{ row: "A", cells: [seat(1), seat(2), null, seat(3, { pair: true }), seat(4, { pair: true }), seat(5, { pair: true }), seat(6, { pair: true })] }]);
    const index = indexSeatMap(m);
    expect(index.rows[0]!.runs).toEqual([["A1", "A2"], ["A3", "A4", "A5", "A6"]]);
    expect(index.seats.get("A3")!.partner).toBe("A4");
    expect(index.seats.get("A6")!.partner).toBe("A5");
    expect(index.seats.get("A1")!.partner).toBeNull();
    expect(capacityOf(m)).toBe(6);
  });
});

describe("no stranded single seat", () => {
  const m = map([row("A", 6), row("B", 6)]);

  it("names the seat a booking would leave alone between taken seats", () => {
    expect(strandedByTaking(m, taken("A1"), ["A3", "A4"])).toEqual(["A2"]);
    expect(orphanSeatViolation(m, taken("A1"), ["A3", "A4"])).toEqual(["A2"]);
  });

  it("counts the row's end and a gap as a wall", () => {
    expect(orphanSeatViolation(m, taken(), ["A2", "A3"])).toEqual(["A1"]);
    const gapped = map([{ row: "A", cells: [seat(1), seat(2), seat(3), null, seat(4), seat(5)] }]);
    expect(orphanSeatViolation(gapped, taken(), ["A1", "A2"])).toEqual(["A3"]);
  });

  it("allows a booking that leaves no single seat, or only one that was already alone", () => {
    expect(orphanSeatViolation(m, taken("A1"), ["A2", "A3"])).toEqual([]);
    expect(orphanSeatViolation(m, taken("A2"), ["A4", "A5", "A6"])).toEqual([]);
  });

  it("lets a stranding choice through when no other choice of as many seats in that row avoids it", () => {
    // Free: A2 A3 A4 and A6; any two of A2–A4 leave one of them alone, and A6 alone cannot host two.
    const busy = taken("A1", "A5");
    expect(orphanSeatViolation(m, busy, ["A2", "A3"])).toEqual([]);
    // One seat can go in A6 without stranding anyone, so taking A3 (stranding A2 and A4) is refused.
    expect(orphanSeatViolation(m, busy, ["A3"]).sort()).toEqual(["A2", "A4"]);
  });

  it("finds seats stranded by giving seats back", () => {
    // A paid A1–A3 returns A2: A2 itself is left alone between A1 and A3.
    expect(strandedByReturning(m, taken("A1", "A2", "A3"), ["A2"])).toEqual(["A2"]);
    expect(strandedByReturning(m, taken("A1", "A2", "A3"), ["A3"])).toEqual([]);
  });
});

describe("pairs and companions", () => {
  const m = map([{ row: "A", cells: [seat(1, { wheelchair: true }), seat(2, { companion: true }), seat(3), seat(4, { pair: true }), seat(5, { pair: true })] }], 60);

  it("refuses a love seat without its partner", () => {
    expect(brokenPairs(m, ["A4"])).toEqual(["A4"]);
    expect(brokenPairs(m, ["A4", "A5"])).toEqual([]);
  });

  it("keeps a companion seat for a wheelchair booking until its release time", () => {
    const start = new Date("2031-01-01T20:00:00Z");
    expect(companionsReleased(m, start, new Date("2031-01-01T18:59:00Z"))).toBe(false);
    expect(companionsReleased(m, start, new Date("2031-01-01T19:00:00Z"))).toBe(true);
    expect(lockedCompanionSeats(m, ["A2", "A3"], false)).toEqual(["A2"]);
    expect(lockedCompanionSeats(m, ["A1", "A2"], false)).toEqual([]);
    expect(lockedCompanionSeats(m, ["A2"], true)).toEqual([]);
    expect(companionsReleased({ ...m, companionReleaseMinutes: null }, start, start)).toBe(false);
  });
});

describe("best available", () => {
  const m = map([row("A", 7), row("B", 7), row("C", 7)]);
  const rules = { companionsReleased: false, orphanRule: true };

  it("picks adjacent seats in the middle of the middle row", () => {
    expect(bestAvailable(m, taken(), { count: 2, ...rules })).toEqual(["B3", "B4"]);
    expect(bestAvailable(m, taken(), { count: 3, ...rules })).toEqual(["B3", "B4", "B5"]);
  });

  it("never offers a choice that strands a seat when another exists", () => {
    const choice = bestAvailable(m, taken("B1"), { count: 2, ...rules })!;
    expect(strandedByTaking(m, taken("B1"), choice)).toEqual([]);
  });

  it("falls back to single seats when no row has the party side by side, and answers null when too few are free", () => {
    const nearlyFull = new Set([...indexSeatMap(m).seats.keys()].filter((s) => !["A1", "C7"].includes(s)));
    expect(bestAvailable(m, nearlyFull, { count: 2, ...rules })?.sort()).toEqual(["A1", "C7"]);
    expect(bestAvailable(m, nearlyFull, { count: 3, ...rules })).toBeNull();
  });

  it("filters by category and includes a wheelchair space only when asked", () => {
    const mixed = map([
      { row: "A", cells: [seat(1, { wheelchair: true }), seat(2, { companion: true }), seat(3), seat(4)] },
      { row: "B", cells: [seat(1, { category: "premium" }), seat(2, { category: "premium" }), seat(3), seat(4)] },
    ]);
    expect(bestAvailable(mixed, taken(), { count: 2, category: "premium", ...rules })).toEqual(["B1", "B2"]);
    expect(bestAvailable(mixed, taken(), { count: 2, wheelchair: true, ...rules })).toEqual(["A1", "A2"]);
    const plain = bestAvailable(mixed, taken(), { count: 2, ...rules })!;
    expect(plain.some((s) => s === "A1" || s === "A2")).toBe(false);
  });

  it("keeps love seats together", () => {
    const loveRow = map([{ row: "A", cells: [seat(1, { pair: true }), seat(2, { pair: true }), seat(3, { pair: true }), seat(4, { pair: true })] }]);
    const one = bestAvailable(loveRow, taken(), { count: 2, ...rules })!;
    expect(brokenPairs(loveRow, one)).toEqual([]);
    expect(bestAvailable(loveRow, taken(), { count: 1, ...rules })).toBeNull();
  });

  it("handles a 500-seat map", () => {
    const big = map(Array.from({ length: 20 }, (_, i) => row(String.fromCharCode(65 + i), 25)));
    expect(capacityOf(big)).toBe(500);
    expect(bestAvailable(big, taken(), { count: 4, ...rules })).toHaveLength(4);
  });
});

describe("prices", () => {
  it("adds each seat's category price, with the show price for a category without one", () => {
    const m = map([{ row: "A", cells: [seat(1), seat(2, { category: "premium" })] }]);
    expect(priceOfSeats({ layout: m, pricesMinor: { standard: 1000, premium: 1550 }, priceMinor: 900 }, ["A1", "A2"])).toBe(2550);
    expect(priceOfSeats({ layout: m, pricesMinor: { standard: 1000 }, priceMinor: 900 }, ["A2"])).toBe(900);
  });
});

describe("the built-in screens", () => {
  it("are valid seat maps: Screen 1 is QuickShow's 90 seats, the demo rooms fit nine cells a row", () => {
    expect(seatLayoutSchema.safeParse(defaultLayout).success).toBe(true);
    expect(capacityOf(defaultLayout)).toBe(90);
    for (const screen of demoScreens) {
      const parsed = seatLayoutSchema.safeParse(screen.layout);
      expect(parsed.error?.issues ?? [], screen.name).toEqual([]);
      expect(Math.max(...screen.layout.rows.map((r) => r.cells.length))).toBeLessThanOrEqual(9);
    }
  });

  it("reads a layout stored before seat maps had cells as the same seats", () => {
    const legacy = seatLayoutSchema.parse({ rows: [{ row: "A", seats: 3, category: "standard" }, { row: "B", seats: 2 }], aisleAfterRows: ["A"] });
    expect(indexSeatMap(legacy).rows.map((r) => r.runs)).toEqual([[["A1", "A2", "A3"]], [["B1", "B2"]]]);
    expect(legacy.rows[0]!.aisleAfter).toBe(true);
  });
});
