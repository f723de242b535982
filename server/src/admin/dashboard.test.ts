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

  it("ends each day at its own local midnight: across a change of clocks, and in a zone a quarter hour off the hour", () => {
    const quarter = (iso: string) => ({ start: new Date(iso), bookings: 1, revenueMinor: 100 });
    // New York moves its clocks forward on 9 March 2031: that day is 23 hours long.
    const newYork = salesByLocalDay(
      ["2031-03-09T04:45:00Z", "2031-03-09T05:00:00Z", "2031-03-10T03:45:00Z", "2031-03-10T04:00:00Z"].map(quarter),
      "America/New_York",
    );
    expect(newYork.map((d) => [d.date, d.bookings])).toEqual([
      ["2031-03-08", 1],
      ["2031-03-09", 2],
      ["2031-03-10", 1],
    ]);
    // Kathmandu is 5 h 45 min ahead of UTC; the figures need not come in order.
    const kathmandu = salesByLocalDay(["2031-03-01T18:15:00Z", "2031-03-01T18:00:00Z", "2031-03-01T18:30:00Z"].map(quarter), "Asia/Kathmandu");
    expect(kathmandu.map((d) => [d.date, d.bookings])).toEqual([
      ["2031-03-01", 1],
      ["2031-03-02", 2],
    ]);
  });
});
