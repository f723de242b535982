import { z } from "zod";

/** TMDB ids are positive integers; we carry them as strings, as QuickShow's Mongo `_id` did. */
export const movieIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "must be a TMDB movie id (digits only)");

export const uuidSchema = z.uuid({ message: "must be a UUID" });
export const showIdSchema = uuidSchema;
export const bookingIdSchema = uuidSchema;
export const userIdSchema = z.string().min(1).max(128);

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
  "not_found",
  "seat_taken",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Wraps a success payload in QuickShow's `{ success: true, ... }` envelope. */
export const ok = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ success: z.literal(true), ...shape });

export const isoInstantSchema = z.iso.datetime({ offset: true });
