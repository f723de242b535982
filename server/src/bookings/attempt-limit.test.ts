import { describe, expect, it } from "vitest";
import { attemptLimit } from "./attempt-limit.ts";

describe("booking attempts per account", () => {
  it("refuses the attempt past the limit within a minute, for that account only, and allows again after it", () => {
    let t = 0;
    const limit = attemptLimit(3, () => t);
    expect([limit.allow("a"), limit.allow("a"), limit.allow("a"), limit.allow("a")]).toEqual([true, true, true, false]);
    expect(limit.allow("b")).toBe(true);
    t = 60_001;
    expect(limit.allow("a")).toBe(true);
  });
});
