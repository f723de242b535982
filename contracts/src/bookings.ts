import { z } from "zod";
import { bookingIdSchema, isoInstantSchema, ok, showIdSchema, userIdSchema } from "./common.ts";
import { movieSchema } from "./movies.ts";
import { seatIdSchema, showSummarySchema } from "./shows.ts";

export const bookingStatuses = ["held", "paid", "expired", "cancelled", "refunded"] as const;
export const bookingStatusSchema = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const createBookingRequestSchema = z.object({
  showId: showIdSchema,
  selectedSeats: z.array(seatIdSchema).min(1, "pick at least one seat").max(60),
});
export type CreateBookingRequest = z.infer<typeof createBookingRequestSchema>;

export const createBookingResponseSchema = ok({
  bookingId: bookingIdSchema,
  /** Where the customer pays: the local checkout page, or Stripe Checkout. */
  url: z.string(),
  holdExpiresAt: isoInstantSchema,
});

const occupiedSeatsShape = { occupiedSeats: z.array(seatIdSchema) };
export const occupiedSeatsResponseSchema = ok(occupiedSeatsShape);
/** The data of each `seats` event of a show's seat stream: the whole current snapshot. */
export const seatsEventSchema = z.object(occupiedSeatsShape);
export type SeatsEvent = z.infer<typeof seatsEventSchema>;

/** Without `seats`, the whole booking; with them, only those seats are given back (a paid booking's rest stays valid). */
export const cancelBookingRequestSchema = z
  .object({ seats: z.array(seatIdSchema).min(1, "name at least one seat to give back").max(60).optional() })
  .optional();
export type CancelBookingRequest = z.infer<typeof cancelBookingRequestSchema>;

/**
 * The cinema's cancel at the counter. A seat already let in at the door is refused (409
 * `already_admitted`) unless `force` says to refund it anyway; the seat then stays taken for the
 * show, and `reason` is kept with the booking.
 */
export const adminCancelBookingRequestSchema = z
  .object({
    seats: z.array(seatIdSchema).min(1, "name at least one seat to give back").max(60).optional(),
    force: z.boolean().optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .optional();
export type AdminCancelBookingRequest = z.infer<typeof adminCancelBookingRequestSchema>;

export const bookingSchema = z.object({
  _id: bookingIdSchema,
  user: userIdSchema,
  show: showIdSchema,
  bookedSeats: z.array(seatIdSchema),
  /** Major units, as QuickShow sends it. */
  amount: z.number(),
  currency: z.string(),
  status: bookingStatusSchema,
  /** QuickShow's flag, kept for clients written against it. */
  isPaid: z.boolean(),
  holdExpiresAt: isoInstantSchema.nullable(),
  paymentLink: z.string().nullable(),
  /** Why the cinema refunded seats already let in at the door (they stay taken); null otherwise. */
  refundNote: z.string().nullable(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type Booking = z.infer<typeof bookingSchema>;

/**
 * Why a refunded booking's money goes back: the cinema cancelled the show, the payment arrived
 * after the seats were gone, the holder gave these seats back, or the booking was cancelled whole.
 */
export const refundReasonSchema = z.enum(["show_cancelled", "late_payment", "given_back", "cancelled"]);
export type RefundReason = z.infer<typeof refundReasonSchema>;

export const bookingWithShowSchema = bookingSchema.extend({
  show: showSummarySchema.extend({ movie: movieSchema }),
  /** A paid booking may be cancelled, and refunded, until this instant; null when it cannot be. */
  cancellableUntil: isoInstantSchema.nullable(),
  /** What giving back each seat refunds, in major units. */
  seatPrices: z.record(seatIdSchema, z.number()),
  /** Set on a refunded booking: why it was refunded. */
  refundReason: refundReasonSchema.nullable(),
});
export type BookingWithShow = z.infer<typeof bookingWithShowSchema>;

export const userBookingsResponseSchema = ok({ bookings: z.array(bookingWithShowSchema) });
export const bookingResponseSchema = ok({ booking: bookingWithShowSchema });

/** A live hold of the signed-in buyer on one show: what the seat map shows as "yours". */
export const myHoldSchema = z.object({
  bookingId: bookingIdSchema,
  seats: z.array(seatIdSchema),
  holdExpiresAt: isoInstantSchema,
  /** Where this hold is paid; null while its checkout is being started. */
  paymentLink: z.string().nullable(),
});
export type MyHold = z.infer<typeof myHoldSchema>;
export const myHoldsResponseSchema = ok({ holds: z.array(myHoldSchema) });

/** `GET /api/booking/check/:showId?seats=A1,A2`: what the seat rules say of a choice, before anything is held. */
export const seatChoiceQuerySchema = z.object({
  seats: z
    .string()
    .transform((list) => list.split(",").filter(Boolean))
    .pipe(z.array(seatIdSchema).min(1, "name at least one seat").max(60)),
});
export const seatRuleCodes = ["orphan_seat", "pair_seat", "companion_seat"] as const;
export const seatChoiceResponseSchema = ok({
  /** Empty when the choice may be held; otherwise what holding it would be refused for, and the seats concerned. */
  problems: z.array(z.object({ code: z.enum(seatRuleCodes), message: z.string(), seats: z.array(seatIdSchema) })),
});
