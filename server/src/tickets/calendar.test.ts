import { describe, expect, it } from "vitest";
import { showEventIcs } from "./calendar.ts";

const event = {
  uid: "b1@quickshow",
  title: "Amélie; the fabulous, destiny (QuickShow)",
  startsAt: new Date("2026-12-12T19:30:00Z"),
  minutes: 122,
  description: `Booking 7K3M-QX9D, seats A1, A2.\\nSee you there. ${"x".repeat(120)}`,
  now: new Date("2026-11-29T12:00:00Z"),
};

describe("show calendar events", () => {
  it("give the show's start and end in UTC, with text escaped", () => {
    const ics = showEventIcs(event);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics).toContain("DTSTART:20261212T193000Z\r\n");
    expect(ics).toContain("DTEND:20261212T213200Z\r\n");
    expect(ics).toContain("SUMMARY:Amélie\\; the fabulous\\, destiny (QuickShow)\r\n");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("fold lines at 75 octets, never inside a character", () => {
    const ics = showEventIcs({ ...event, description: "é".repeat(100) });
    const lines = ics.split("\r\n");
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain(`DESCRIPTION:${"é".repeat(100)}\r\n`);
  });
});
