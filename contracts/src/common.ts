import { z } from "zod";

/** TMDB ids are positive integers; we carry them as strings, as QuickShow's Mongo `_id` did. */
export const movieIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "must be a TMDB movie id (digits only)");

export const uuidSchema = z.uuid({ message: "must be a UUID" });
/**
 * Shows and bookings we create have UUIDs; those written by the original MongoDB tutorial app
 * have ObjectIds, carried as 24 hex digits. Both are accepted so that data stays reachable.
 */
export const recordIdSchema = z
  .string()
  .regex(
    /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})$/i,
    "must be a UUID (or the 24-hex-digit id of a record from the original app)",
  );
export const showIdSchema = recordIdSchema;
export const bookingIdSchema = recordIdSchema;
/**
 * Text a person typed (a name, a password): no NUL or other control character, line breaks and
 * tabs included. They only arrive by mistake or as an attack, and PostgreSQL refuses NUL outright.
 * Nor the invisible characters that make text look like other text where it is shown (a cinema or
 * a person's name in the admin panel): direction overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF).
 */
export const plainTextPattern = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]*$/u;
export const plainTextMessage = "must not contain control characters or invisible characters (such as direction marks or zero-width spaces)";
export const safeTextSchema = z.string().regex(plainTextPattern, plainTextMessage);
/** What a password may contain at sign-in: passwords chosen before invisible characters were refused still work. */
export const noControlCharactersSchema = z.string().regex(/^\P{Cc}*$/u, "must not contain control characters");

export const userIdSchema = safeTextSchema.min(1).max(128);

/** Every error the API sends, whatever the status. */
export const errorBodySchema = z.object({
  success: z.literal(false),
  message: z.string(),
  code: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const errorCodes = [
  "validation",
  "unauthenticated",
  "forbidden",
  /** A local account tried to hold seats before confirming its email address. */
  "email_unverified",
  "not_found",
  "seat_taken",
  "too_many_holds",
  "too_late",
  "show_cancelled",
  "conflict",
  /** Another show occupies the screen at that time. */
  "screen_busy",
  /** The booking would leave a single free seat stranded. */
  "orphan_seat",
  /** A pair (love) seat picked without its partner. */
  "pair_seat",
  /** A companion seat picked without a wheelchair space before the screen releases it. */
  "companion_seat",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal",
  /** Check-in: the ticket was already used (details say when, by whom, on which device). */
  "already_admitted",
  /** Check-in: the ticket is for another show or another day (details name it). */
  "wrong_show",
  /** Check-in: the ticket's booking was cancelled or refunded, or its seat given back. */
  "ticket_void",
  /** Check-in: the show's door is not open yet (details.opensAt says when it opens). */
  "too_early",
  /** Check-in: the show is over (details.endsAt). */
  "show_over",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Wraps a success payload in QuickShow's `{ success: true, ... }` envelope. */
export const ok = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ success: z.literal(true), ...shape });

export const isoInstantSchema = z.iso.datetime({ offset: true });
