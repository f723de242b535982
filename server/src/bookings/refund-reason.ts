import type { RefundReason } from "@quickshow/contracts";
import type { BookingRecord, ShowRecord } from "../providers/storage/interface.ts";

/**
 * Why a refunded booking was refunded, read from what is stored rather than recorded apart:
 * - the show's `cancelledAt`: the cinema cancelled the show (whatever else happened first);
 * - never sold (`paidAt` empty): the payment came after the hold had lapsed and its seats were gone;
 * - sold before it was written (`paidAt` < `createdAt`): the part a give-back split off a paid
 *   booking, which keeps the original payment's time (a booking is always written before it is paid);
 * - otherwise a paid booking cancelled whole, by its holder or at the counter.
 */
export function refundReasonOf(booking: Pick<BookingRecord, "status" | "paidAt" | "createdAt">, show: Pick<ShowRecord, "cancelledAt">): RefundReason | null {
  if (booking.status !== "refunded") return null;
  if (show.cancelledAt) return "show_cancelled";
  if (!booking.paidAt) return "late_payment";
  if (booking.paidAt.getTime() < booking.createdAt.getTime()) return "given_back";
  return "cancelled";
}
