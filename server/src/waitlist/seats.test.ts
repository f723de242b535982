import { describe, expect, it } from "vitest";
import { offerableSeats } from "./seats.ts";

const seat = (number: number, extra: Record<string, unknown> = {}) => ({ number, category: "standard", ...extra });
const layout = {
  categories: [
    { id: "standard", name: "Standard", color: "#666666" },
    { id: "premium", name: "Premium", color: "#aa6600" },
  ],
  rows: [
    { row: "A", cells: [seat(1), seat(2), seat(3), seat(4)] },
    { row: "B", cells: [seat(1), seat(2), seat(3), seat(4, { category: "premium" })] },
    { row: "C", cells: [seat(1, { pair: true }), seat(2, { pair: true }), seat(3, { wheelchair: true }), seat(4)] },
  ],
  companionReleaseMinutes: null,
};
const show = { layout, startsAt: new Date("2031-01-01T20:00:00Z") };
const now = new Date("2031-01-01T12:00:00Z");
const allBut = (free: string[]) => new Set(["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4"].filter((s) => !free.includes(s)));

describe("seats offered from a waitlist", () => {
  it("are side by side in one row when a row has enough free together", () => {
    expect(offerableSeats(show, allBut(["A1", "A3", "B2", "B3"]), { seats: 2, category: null }, now, true)).toEqual(["B2", "B3"]);
  });
  it("are the best free ones one by one otherwise, and none when too few are free", () => {
    expect(offerableSeats(show, allBut(["A1", "A3", "B2"]), { seats: 3, category: null }, now, true)?.sort()).toEqual(["A1", "A3", "B2"]);
    expect(offerableSeats(show, allBut(["A1"]), { seats: 2, category: null }, now, true)).toBeNull();
  });
  it("never split a love seat pair nor give away a wheelchair space", () => {
    expect(offerableSeats(show, allBut(["C1", "C2", "C3"]), { seats: 1, category: null }, now, true)).toBeNull();
    expect(offerableSeats(show, allBut(["C1", "C2", "C3"]), { seats: 2, category: null }, now, true)).toEqual(["C1", "C2"]);
  });
  it("strand a single seat only when nothing else fits the wish", () => {
    // B2 would leave B1 alone; B3 (as central, leaving B1 B2 together) is the choice.
    expect(offerableSeats(show, allBut(["B1", "B2", "B3"]), { seats: 1, category: null }, now, true)).toEqual(["B3"]);
    expect(offerableSeats(show, allBut(["B2", "B3"]), { seats: 1, category: null }, now, true)).toHaveLength(1);
  });
  it("of the category wished for, when one is", () => {
    expect(offerableSeats(show, allBut(["A1", "A2", "B4"]), { seats: 1, category: "premium" }, now, true)).toEqual(["B4"]);
    expect(offerableSeats(show, allBut(["A1", "A2"]), { seats: 1, category: "premium" }, now, true)).toBeNull();
  });
});
