import { describe, expect, it } from "vitest";
import { movieAvailability, showAvailability } from "./availability.ts";

describe("how full a show looks to a buyer", () => {
  it("is sold out with no free seat, filling fast with a fifth or less free, available otherwise", () => {
    expect(showAvailability(0, 90)).toBe("sold_out");
    expect(showAvailability(-1, 90)).toBe("sold_out");
    expect(showAvailability(1, 90)).toBe("filling_fast");
    expect(showAvailability(18, 90)).toBe("filling_fast");
    expect(showAvailability(19, 90)).toBe("available");
    expect(showAvailability(90, 90)).toBe("available");
  });

  it("a movie is sold out only when every show is, and filling fast when any show is full or nearly", () => {
    expect(movieAvailability(["sold_out", "sold_out"])).toBe("sold_out");
    expect(movieAvailability(["sold_out", "available"])).toBe("filling_fast");
    expect(movieAvailability(["available", "filling_fast"])).toBe("filling_fast");
    expect(movieAvailability(["available", "available"])).toBe("available");
    expect(movieAvailability([])).toBe("available");
  });
});
