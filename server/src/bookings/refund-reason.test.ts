import { describe, expect, it } from "vitest";
import { refundReasonOf } from "./refund-reason.ts";

const created = new Date("2026-12-01T10:00:00Z");
const later = new Date("2026-12-01T10:05:00Z");
const open = { cancelledAt: null };

describe("why a booking was refunded", () => {
  it("names the cinema's cancellation first, whatever else the booking went through", () => {
    expect(refundReasonOf({ status: "refunded", paidAt: later, createdAt: created }, { cancelledAt: later })).toBe("show_cancelled");
    expect(refundReasonOf({ status: "refunded", paidAt: null, createdAt: created }, { cancelledAt: later })).toBe("show_cancelled");
  });

  it("tells a late payment, a give-back and a cancellation apart by when the booking was paid and written", () => {
    expect(refundReasonOf({ status: "refunded", paidAt: null, createdAt: created }, open)).toBe("late_payment");
    expect(refundReasonOf({ status: "refunded", paidAt: created, createdAt: later }, open)).toBe("given_back");
    expect(refundReasonOf({ status: "refunded", paidAt: later, createdAt: created }, open)).toBe("cancelled");
  });

  it("says nothing of a booking that was not refunded", () => {
    expect(refundReasonOf({ status: "paid", paidAt: later, createdAt: created }, { cancelledAt: later })).toBeNull();
  });
});
