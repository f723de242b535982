import { z } from "zod";
import { bookingIdSchema, isoInstantSchema, movieIdSchema, ok, showIdSchema, userIdSchema } from "./common.ts";
import { bookingSchema, bookingStatusSchema } from "./bookings.ts";
import { imageKindSchema, movieSchema } from "./movies.ts";
import { localDateSchema, showSchema, showSummarySchema } from "./shows.ts";

export const isAdminResponseSchema = ok({ isAdmin: z.boolean() });

export const adminShowSchema = showSchema.extend({
  movie: movieSchema,
  capacity: z.number().int(),
  seatsSold: z.number().int(),
  seatsHeld: z.number().int(),
  earnings: z.number(),
  /** Tickets let in at the door so far. */
  admitted: z.number().int(),
  /** Set once the cinema cancelled the show: it is off sale and its bookings are refunded. */
  cancelledAt: isoInstantSchema.nullable(),
});
export type AdminShow = z.infer<typeof adminShowSchema>;

export const dashboardResponseSchema = ok({
  dashboardData: z.object({
    totalBookings: z.number().int(),
    totalRevenue: z.number(),
    activeShows: z.number().int(),
    totalUser: z.number().int(),
    currency: z.string(),
    /** Paid revenue per local day of the cinema, oldest first. */
    revenueByDay: z.array(z.object({ date: localDateSchema, revenue: z.number(), bookings: z.number().int() })),
    upcomingShows: z.array(adminShowSchema),
  }),
});
export type DashboardData = z.infer<typeof dashboardResponseSchema>["dashboardData"];

/**
 * One page of a long admin list: `limit` items after the `cursor` the previous page gave
 * (`nextCursor`, null on the last page). A request without them gets the first page.
 */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

export const adminShowsQuerySchema = pageQuerySchema.extend({
  movieId: movieIdSchema.optional(),
  /** Shows starting at or after this instant (default: now) and before `to`. */
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
});
export const adminShowsResponseSchema = ok({ shows: z.array(adminShowSchema), nextCursor: z.string().nullable() });

export const adminBookingSchema = bookingSchema.extend({
  user: z.object({ _id: userIdSchema, name: z.string(), email: z.string() }),
  show: showSummarySchema.extend({ movie: movieSchema }),
});
export type AdminBooking = z.infer<typeof adminBookingSchema>;
export const adminBookingsQuerySchema = pageQuerySchema.extend({
  /** Part of the customer's name or email (any case), or a booking reference ("7K3M-QX9D"). */
  q: z.string().trim().min(1).max(100).optional(),
  showId: showIdSchema.optional(),
  movieId: movieIdSchema.optional(),
  status: bookingStatusSchema.optional(),
  /** Bookings made at or after `from` and before `to`. */
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  sort: z.enum(["newest", "oldest"]).default("newest"),
});
export const adminBookingsResponseSchema = ok({ bookings: z.array(adminBookingSchema), nextCursor: z.string().nullable() });
export const adminBookingResponseSchema = ok({ booking: adminBookingSchema });

/** Fields of the multipart form that uploads a movie image; the file itself goes in the field `image`. */
export const movieImageFormSchema = z.object({ kind: imageKindSchema });
export const movieImageResponseSchema = ok({ message: z.string(), url: z.string(), movie: movieSchema });

/** Work owed after a booking changed: its confirmation mail after payment, a refund. */
export const effectKinds = ["booking.paid", "refund.owed"] as const;
export type EffectKind = (typeof effectKinds)[number];

export const openEffectSchema = z.object({
  id: z.string(),
  kind: z.enum(effectKinds),
  bookingId: bookingIdSchema,
  /** `failed`: given up after many attempts, waiting for a person. */
  status: z.enum(["pending", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export const openEffectsResponseSchema = ok({ effects: z.array(openEffectSchema) });

export const cancelShowResponseSchema = ok({
  showId: showIdSchema,
  cancelledAt: isoInstantSchema,
  /** Paid bookings refunded by this call, and holds released; a second call finds none left. */
  refunded: z.number().int(),
  released: z.number().int(),
  /** Refunds of this show still to be delivered by the payment provider (failed ones included). */
  refundsOwed: z.number().int(),
});
