import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookingReference, idRangeOf, normalizeReference, parseManualCode } from "./reference.ts";

describe("booking references", () => {
  it("are eight unambiguous characters naming a range that holds their booking id", () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      const reference = bookingReference(id);
      expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      const { from, to } = idRangeOf(reference);
      expect(from <= id && id <= to).toBe(true);
      expect(from.slice(0, 11)).toBe(id.slice(0, 11));
    }
  });

  it("spell the first 40 bits of the id in Crockford's base 32", () => {
    expect(bookingReference("00000000-0000-4000-8000-000000000000")).toBe("0000-0000");
    expect(bookingReference("ffffffff-ff00-4000-8000-000000000000")).toBe("ZZZZ-ZZZZ");
    expect(bookingReference("00000000-2100-4000-8000-000000000000")).toBe("0000-0011");
    expect(idRangeOf("0000-0011")).toEqual({ from: "00000000-2100-0000-0000-000000000000", to: "00000000-21ff-ffff-ffff-ffffffffffff" });
  });

  it("are read back however they are typed: any case, no dash, O for 0, I or L for 1", () => {
    expect(normalizeReference("7k3m-qx9d")).toBe("7K3M-QX9D");
    expect(normalizeReference("O1IL 2345")).toBe("0111-2345");
    expect(normalizeReference("7K3M-QX9")).toBeNull();
    expect(normalizeReference("7K3M-QX9U")).toBeNull();
  });

  it("and a seat typed after them is told apart, even a row whose letter looks like a digit", () => {
    expect(parseManualCode("7K3M-QX9D A12")).toEqual({ reference: "7K3M-QX9D", seat: "A12" });
    expect(parseManualCode("7k3mqx9d/o4")).toEqual({ reference: "7K3M-QX9D", seat: "O4" });
    expect(parseManualCode("7K3M QX9D-IL3")).toEqual({ reference: "7K3M-QX9D", seat: "IL3" });
    expect(parseManualCode("7K3M-QX9D")).toBeNull();
    expect(parseManualCode("7K3M-QX9D A0")).toBeNull();
    expect(parseManualCode("hello")).toBeNull();
  });
});
