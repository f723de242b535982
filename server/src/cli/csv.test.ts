import { describe, expect, it } from "vitest";
import { csvCell } from "./csv.ts";

describe("CSV cells", () => {
  it("quotes separators and quotes, and defuses spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell(12.5)).toBe("12.5");
  });
});
