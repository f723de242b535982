import type { Booking } from "@quickshow/contracts";
import { toMajorUnits } from "../money.ts";
import type { BookingRecord } from "../providers/storage/interface.ts";
import { effectiveStatus } from "./lifecycle.ts";


export function presentBooking(b: BookingRecord, now: Date): Booking {
  const status = effectiveStatus(b, now);
  return {
    _id: b.id,
    user: b.userId,
    show: b.showId,
    bookedSeats: b.seats,
    amount: toMajorUnits(b.amountMinor, b.currency),
    currency: b.currency,
    status,
    isPaid: status === "paid",
    holdExpiresAt: status === "held" && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    paymentLink: status === "held" ? b.paymentLink : null,
    refundNote: b.refundNote,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
