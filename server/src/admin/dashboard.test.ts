import { describe, expect, it } from "vitest";
import { salesByLocalDay } from "./dashboard.ts";

describe("dashboard sales by local day", () => {
  it("puts a quarter hour in the cinema's own date, not the UTC date", () => {
    const figures = [
      // 03:30 UTC is still the evening before in New York.
      { start: new Date("2031-03-02T03:30:00Z"), bookings: 2, revenueMinor: 2500 },
      { start: new Date("2031-03-01T22:00:00Z"), bookings: 1, revenueMinor: 1000 },
      { start: new Date("2031-03-02T15:00:00Z"), bookings: 1, revenueMinor: 999 },
    ];
    expect(salesByLocalDay(figures, "America/New_York")).toEqual([
      { date: "2031-03-01", bookings: 3, revenueMinor: 3500 },
      { date: "2031-03-02", bookings: 1, revenueMinor: 999 },
    ]);
    expect(salesByLocalDay(figures, "UTC").map((d) => d.date)).toEqual(["2031-03-01", "2031-03-02"]);
  });
});
