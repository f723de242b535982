import { Types } from "mongoose";
import { badRequest } from "../../../errors.ts";
import type { DocId } from "./models.ts";

const objectIdHex = /^[0-9a-f]{24}$/i;

/**
 * The `_id` values an id may be stored as: ours (a string) or the tutorial's (an ObjectId,
 * which the API carries as its hex string). Anything but a string is refused, so no query
 * operator can ever be smuggled in as an id.
 */
export function idVariants(id: string): DocId[] {
  if (typeof id !== "string") throw badRequest("Malformed id");
  return objectIdHex.test(id) ? [id, new Types.ObjectId(id)] : [id];
}

export function idFilter(id: string): DocId | { $in: DocId[] } {
  const variants = idVariants(id);
  return variants.length === 1 ? variants[0]! : { $in: variants };
}

export const idsFilter = (ids: string[]) => ({ $in: ids.flatMap(idVariants) });

export const idString = (id: DocId) => (typeof id === "string" ? id : id.toHexString());

/** Seat names become field paths (`occupiedSeats.A1`), so only plain names are allowed. */
export function seatPath(seat: string) {
  if (typeof seat !== "string" || !/^[A-Za-z0-9_-]{1,16}$/.test(seat)) throw badRequest(`Malformed seat ${JSON.stringify(seat)}`);
  return `occupiedSeats.${seat}`;
}
