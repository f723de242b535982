import { describe, expect, it } from "vitest";
import { localDateOf, localToInstant } from "./local-time.ts";

describe("cinema local time", () => {
  it("reads a wall-clock time in the cinema's zone, whatever the server's zone", () => {
    expect(localToInstant("2030-07-01", "20:00", "Europe/Paris")?.toISOString()).toBe("2030-07-01T18:00:00.000Z");
    expect(localToInstant("2030-01-01", "20:00", "Europe/Paris")?.toISOString()).toBe("2030-01-01T19:00:00.000Z");
    expect(localToInstant("2030-01-01", "20:00", "Asia/Kolkata")?.toISOString()).toBe("2030-01-01T14:30:00.000Z");
  });

  it("refuses a time skipped when clocks go forward, and impossible dates", () => {
    expect(localToInstant("2030-03-31", "02:30", "Europe/Paris")).toBeNull();
    expect(localToInstant("2030-02-30", "10:00", "UTC")).toBeNull();
  });

  it("groups by the cinema's date, not UTC's", () => {
    const lateShow = new Date("2030-01-02T04:30:00Z");
    expect(localDateOf(lateShow, "America/New_York")).toBe("2030-01-01");
    expect(localDateOf(lateShow, "UTC")).toBe("2030-01-02");
  });
});
