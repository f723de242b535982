import { describe, expect, it } from "vitest";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { cancelCutoff, capMessage, effectiveStatus, holdExpiry, holdLapsed, refundableByCustomer, refundableOnPayment, sellableOnPayment, settledPaymentOutcome } from "./lifecycle.ts";

const t0 = new Date("2031-01-01T10:00:00Z");
const booking = (over: Partial<BookingRecord> = {}): BookingRecord => ({
  id: "b",
  userId: "u",
  showId: "s",
  seats: ["A1"],
  amountMinor: 1000,
  currency: "usd",
  status: "held",
  holdExpiresAt: holdExpiry(t0, 10),
  paymentLink: null,
  paymentRef: null,
  paidAt: null,
  refundNote: null,
  createdAt: t0,
  updatedAt: t0,
  ...over,
});

describe("booking lifecycle rules", () => {
  it("a hold lapses exactly at its expiry, not a millisecond before", () => {
    const b = booking();
    expect(holdLapsed(b, new Date(t0.getTime() + 10 * 60_000 - 1))).toBe(false);
    expect(holdLapsed(b, new Date(t0.getTime() + 10 * 60_000))).toBe(true);
    expect(effectiveStatus(b, new Date(t0.getTime() + 10 * 60_000))).toBe("expired");
  });

  it("only a hold lapses: paid, cancelled and refunded bookings keep their status", () => {
    const late = new Date(t0.getTime() + 3600_000);
    for (const status of ["paid", "cancelled", "refunded"] as const) {
      expect(effectiveStatus(booking({ status }), late)).toBe(status);
    }
  });

  it("a payment may buy a lapsed hold's seats, and is refunded for a cancelled booking but never for a paid one", () => {
    expect(sellableOnPayment).toEqual(["held", "expired"]);
    expect(refundableOnPayment).toContain("cancelled");
    expect(refundableOnPayment).not.toContain("paid");
    expect(refundableOnPayment).not.toContain("refunded");
  });

  it("a payment that neither sold nor owed a refund is a replay or a second refund claim", () => {
    expect(settledPaymentOutcome(null)).toBe("not_found");
    expect(settledPaymentOutcome(booking({ status: "paid" }))).toBe("already_paid");
    expect(settledPaymentOutcome(booking({ status: "refunded" }))).toBe("refund_required");
  });

  it("says which cap refused a hold", () => {
    const caps = { holdsPerShow: 2, seatsAcrossShows: 20 };
    expect(capMessage("holds_per_show", 1, caps)).toMatch(/1 unpaid booking for this show/);
    expect(capMessage("seats_across_shows", 18, caps)).toMatch(/18 unpaid seats \(at most 20/);
  });
});

describe("cancelling a paid booking", () => {
  const show = { startsAt: new Date("2031-01-01T20:00:00Z"), cancelledAt: null };
  it("is refundable by its customer until the cutoff before the show, not at it", () => {
    const paid = booking({ status: "paid" });
    expect(cancelCutoff(show.startsAt, 60)).toEqual(new Date("2031-01-01T19:00:00Z"));
    expect(refundableByCustomer(paid, show, new Date("2031-01-01T18:59:59Z"), 60)).toBe(true);
    expect(refundableByCustomer(paid, show, new Date("2031-01-01T19:00:00Z"), 60)).toBe(false);
  });

  it("is not the customer's to cancel once unpaid, refunded, or when the cinema cancelled the show", () => {
    const early = new Date("2031-01-01T10:00:00Z");
    expect(refundableByCustomer(booking({ status: "held" }), show, early, 60)).toBe(false);
    expect(refundableByCustomer(booking({ status: "refunded" }), show, early, 60)).toBe(false);
    expect(refundableByCustomer(booking({ status: "paid" }), { ...show, cancelledAt: early }, early, 60)).toBe(false);
  });
});
