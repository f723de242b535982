import { seatIdSchema } from "@quickshow/contracts";
import { ApiError } from "./client.ts";

/**
 * The seats a refused hold names as taken (`409 seat_taken` with `details.takenSeats`), read from
 * the error's details, never from its message (whose wording may change).
 */
export function takenSeatsOf(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== "seat_taken") return [];
  const listed = (err.details as { takenSeats?: unknown } | null | undefined)?.takenSeats;
  if (!Array.isArray(listed)) return [];
  return listed.filter((s): s is string => seatIdSchema.safeParse(s).success);
}
