import { describe, expect, it } from "vitest";
import { pickSeats } from "./seats.ts";

const layout = { rows: [{ row: "A", seats: 4, category: "standard" }, { row: "B", seats: 4, category: "standard" }], aisleAfterRows: [] };

describe("seats offered from a waitlist", () => {
  it("are side by side in one row when a row has enough free together", () => {
    expect(pickSeats(layout, new Set(["A1", "A3", "B2", "B3"]), 2)).toEqual(["B2", "B3"]);
  });
  it("are the first free ones otherwise, and none when too few are free", () => {
    expect(pickSeats(layout, new Set(["A1", "A3", "B2"]), 3)).toEqual(["A1", "A3", "B2"]);
    expect(pickSeats(layout, new Set(["A1"]), 2)).toBeNull();
  });
});
