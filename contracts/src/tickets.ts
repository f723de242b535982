import { z } from "zod";
import { bookingIdSchema, isoInstantSchema, ok, plainTextMessage, plainTextPattern, showIdSchema, userIdSchema } from "./common.ts";
import { seatIdSchema } from "./shows.ts";

/**
 * A booking's short reference, as printed on its tickets and read out at a counter: eight
 * characters of Crockford's base-32 in two groups ("7K3M-QX9D"). Typed by hand it may come in
 * lower case, without the dash, or with O/I/L for 0/1/1.
 */
export const bookingReferenceSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, "must be a booking reference such as 7K3M-QX9D");

export const ticketSchema = z.object({
  seat: seatIdSchema,
  reference: bookingReferenceSchema,
  /** What the QR code holds: a compact JWS (Ed25519) naming the booking, seat and show. */
  token: z.string(),
  /** The QR code of `token` as an SVG document. */
  qrSvg: z.string(),
  /** When the ticket was used at the door, or null. */
  admittedAt: isoInstantSchema.nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const bookingTicketsResponseSchema = ok({
  bookingId: bookingIdSchema,
  reference: bookingReferenceSchema,
  show: z.object({
    _id: showIdSchema,
    movieTitle: z.string(),
    startsAt: isoInstantSchema,
    /** The cinema's IANA time zone, in which the show's local date and time are given. */
    timeZone: z.string(),
    /** "Sat 12 Dec 2026, 20:00 CET" in the cinema's zone. */
    localStart: z.string(),
    /** The screen's name, where the cinema has several. */
    screen: z.string().nullable(),
  }),
  tickets: z.array(ticketSchema),
  /** The show as an iCalendar event (.ics), for an "Add to calendar" link. */
  calendar: z.string(),
});
export type BookingTickets = z.infer<typeof bookingTicketsResponseSchema>;

export const resendTicketsResponseSchema = ok({ message: z.string() });

/**
 * A staff member's scan: the QR token, the booking reference and seat typed by hand ("7K3M-QX9D A12"),
 * or the reference alone, which lets in every seat of the booking not yet admitted.
 */
export const checkInRequestSchema = z.object({
  code: z.string().trim().min(1).max(2048),
  /** The show being let in; without it, any show of the cinema's current day is accepted. */
  showId: showIdSchema.optional(),
  /** A name for the scanning device ("door 2"), kept with the admission. */
  device: z.string().trim().max(64).regex(plainTextPattern, plainTextMessage).optional(),
  /** When the scan was made, for scans queued offline and sent later; defaults to now. */
  scannedAt: isoInstantSchema.optional(),
});
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

export const checkInShowSchema = z.object({
  _id: showIdSchema,
  movieTitle: z.string(),
  startsAt: isoInstantSchema,
  localStart: z.string(),
  /** The door admits the show's tickets from `opensAt` until `endsAt` (the film and the cleaning are over). */
  opensAt: isoInstantSchema,
  endsAt: isoInstantSchema,
});
export type CheckInShow = z.infer<typeof checkInShowSchema>;

export const checkInResponseSchema = ok({
  admission: z.object({
    bookingId: bookingIdSchema,
    reference: bookingReferenceSchema,
    /** The seat admitted (the first of `seats` when a reference let a group in). */
    seat: seatIdSchema,
    /** Every seat this scan admitted: one for a ticket, the booking's seats not yet in for a reference alone. */
    seats: z.array(seatIdSchema),
    /** Seats of the booking that were in before this scan (a reference alone only), with when. */
    alreadyIn: z.array(z.object({ seat: seatIdSchema, admittedAt: isoInstantSchema })),
    show: checkInShowSchema,
    /** The holder's first name only: enough to greet, nothing more. */
    holderFirstName: z.string(),
    admittedAt: isoInstantSchema,
  }),
});
export type Admission = z.infer<typeof checkInResponseSchema>["admission"];

/** `details` of a 409 `already_admitted`: when, by whom and on which device the ticket was used. */
export const alreadyAdmittedDetailsSchema = z.object({
  bookingId: bookingIdSchema,
  seat: seatIdSchema,
  reference: bookingReferenceSchema,
  admittedAt: isoInstantSchema,
  admittedBy: z.string(),
  device: z.string().nullable(),
  /** Every seat of the scan that was in before (more than one for a reference typed alone). */
  seats: z.array(seatIdSchema),
});

/** `details` of a 422 `wrong_show`: the show the ticket is for. */
export const wrongShowDetailsSchema = z.object({ show: checkInShowSchema });

export const checkInKeysResponseSchema = ok({
  /** Public keys (JWK, OKP/Ed25519) that verify ticket tokens; a door device may verify offline with them. */
  keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.string() })),
});

/** `details` of a 422 `too_early`: when the show's door opens. */
export const tooEarlyDetailsSchema = z.object({ opensAt: isoInstantSchema });

/** The tickets of a show admitted so far, so a door device refuses a second entry while offline. */
export const showAdmissionsResponseSchema = ok({
  admissions: z.array(
    z.object({ bookingId: bookingIdSchema, reference: bookingReferenceSchema, seat: seatIdSchema, admittedAt: isoInstantSchema, admittedBy: z.string(), device: z.string().nullable() }),
  ),
});

export const attendanceResponseSchema = ok({
  /** The default cinema's local date; each show is on its own cinema's current local day. */
  date: z.string(),
  shows: z.array(
    checkInShowSchema.extend({
      admitted: z.number().int(),
      sold: z.number().int(),
    }),
  ),
});

export const staffRoles = ["user", "staff"] as const;
export const adminUsersQuerySchema = z.object({
  /** Part of a name or email address; empty lists the staff. */
  q: z.string().trim().max(100).regex(plainTextPattern, plainTextMessage).default(""),
});
export const adminUserSchema = z.object({
  _id: userIdSchema,
  name: z.string(),
  email: z.string(),
  role: z.enum(["user", "admin", "staff"]),
  /** An admin by role or by ADMIN_EMAILS: the panel cannot change such an account. */
  isAdmin: z.boolean(),
});
export const adminUsersResponseSchema = ok({ users: z.array(adminUserSchema) });
export const setStaffRoleRequestSchema = z.object({ role: z.enum(staffRoles) });
export const adminUserResponseSchema = ok({ user: adminUserSchema });
