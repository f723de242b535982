import { describe, expect, it } from "vitest";
import { formatMoney, toMajorUnits, toMinorUnits } from "./money.ts";

describe("money", () => {
  it("converts prices exactly, without flooring", () => {
    expect(toMinorUnits(12.99, "usd")).toBe(1299);
    expect(toMinorUnits(0.1 + 0.2, "usd")).toBe(30);
    expect(toMinorUnits(12.345, "usd")).toBeNull();
    expect(toMajorUnits(1299, "usd")).toBe(12.99);
  });

  it("respects currencies without minor units", () => {
    expect(toMinorUnits(1500, "jpy")).toBe(1500);
    expect(toMinorUnits(1500.5, "jpy")).toBeNull();
    expect(formatMoney(1500, "jpy")).toBe("¥1,500");
    expect(formatMoney(2500, "usd")).toBe("$25.00");
  });
});
