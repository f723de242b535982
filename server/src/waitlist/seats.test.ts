import { describe, expect, it } from "vitest";
import { pickSeats } from "./seats.ts";

const cells = (n: number) => Array.from({ length: n }, (_, i) => ({ number: i + 1, category: "standard" }));
const layout = { categories: [{ id: "standard", name: "Standard", color: "#666666" }], rows: [{ row: "A", cells: cells(4) }, { row: "B", cells: cells(4) }], companionReleaseMinutes: null };

describe("seats offered from a waitlist", () => {
  it("are side by side in one row when a row has enough free together", () => {
    expect(pickSeats(layout, new Set(["A1", "A3", "B2", "B3"]), 2)).toEqual(["B2", "B3"]);
  });
  it("are the first free ones otherwise, and none when too few are free", () => {
    expect(pickSeats(layout, new Set(["A1", "A3", "B2"]), 3)).toEqual(["A1", "A3", "B2"]);
    expect(pickSeats(layout, new Set(["A1"]), 2)).toBeNull();
  });
});
