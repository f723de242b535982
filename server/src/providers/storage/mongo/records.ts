import { Types } from "mongoose";
import { AppError, badRequest } from "../../../errors.ts";
import { isUniqueViolation } from "../errors.ts";
import { defaultLayout } from "../../../shows/layout.ts";
import type { BookingRecord, MovieRecord, OutboxItem, ShowRecord, UserRecord } from "../interface.ts";
import type { BookingDoc, DocId, MovieDoc, OccupiedSeat, OutboxDoc, ShowDoc, UserDoc } from "./models.ts";

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

const fractionDigits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The tutorial's major units (12.5) to exact minor units (1250). */
export const majorToMinor = (major: number | undefined, currency: string) => Math.round((major ?? 0) * 10 ** fractionDigits(currency));
export const minorToMajor = (minor: number, currency: string) => minor / 10 ** fractionDigits(currency);

/** Whether a seat's entry leaves it free for a buyer at `now`. */
export function seatIsFree(entry: OccupiedSeat | undefined | null, now: Date) {
  if (entry === undefined || entry === null) return true;
  if (typeof entry === "string") return false;
  return entry.expiresAt !== null && entry.expiresAt !== undefined && new Date(entry.expiresAt).getTime() <= now.getTime();
}

/** A seat is sold when the tutorial wrote a user id, or our claim has no expiry. */
export const seatIsSold = (entry: OccupiedSeat | undefined | null) =>
  typeof entry === "string" || (!!entry && (entry.expiresAt === null || entry.expiresAt === undefined));

const createdAtOf = (id: DocId, createdAt: Date | undefined) =>
  createdAt ?? (typeof id === "string" ? new Date(0) : id.getTimestamp());

export function toUser(doc: UserDoc): UserRecord {
  return {
    id: doc._id,
    name: doc.name ?? "",
    email: doc.email,
    image: doc.image ?? "",
    role: doc.role ?? "user",
    favorites: doc.favorites ?? [],
    newShowEmails: doc.newShowEmails ?? false,
    createdAt: doc.createdAt ?? new Date(0),
  };
}

export function toMovie(doc: MovieDoc): MovieRecord {
  return {
    _id: doc._id,
    title: doc.title ?? "",
    overview: doc.overview ?? "",
    poster_path: doc.poster_path ?? "",
    backdrop_path: doc.backdrop_path ?? "",
    release_date: doc.release_date ?? "",
    original_language: doc.original_language ?? "",
    tagline: doc.tagline ?? "",
    genres: doc.genres ?? [],
    casts: (doc.casts ?? []).map((c) => ({ name: c.name, character: c.character ?? "", profile_path: c.profile_path ?? null })),
    vote_average: doc.vote_average ?? 0,
    runtime: doc.runtime ?? 0,
    trailers: doc.trailers ?? [],
  };
}

export const toShow = (currency: string) =>
  (doc: ShowDoc): ShowRecord => ({
    id: idString(doc._id),
    movieId: doc.movie,
    startsAt: doc.showDateTime,
    priceMinor: doc.showPriceMinor ?? majorToMinor(doc.showPrice, currency),
    layout: doc.layout ?? defaultLayout,
  });

/** A booking without `status` was written by the tutorial: paid when `isPaid`, else long lapsed. */
export const statusOf = (doc: Pick<BookingDoc, "status" | "isPaid">) => doc.status ?? (doc.isPaid ? "paid" : "expired");

export const toBooking = (defaultCurrency: string) =>
  (doc: BookingDoc): BookingRecord => {
    const status = statusOf(doc);
    const currency = doc.currency ?? defaultCurrency;
    const createdAt = createdAtOf(doc._id, doc.createdAt);
    return {
      id: idString(doc._id),
      userId: doc.user,
      showId: String(doc.show),
      seats: doc.bookedSeats ?? [],
      amountMinor: doc.amountMinor ?? majorToMinor(doc.amount, currency),
      currency,
      status,
      holdExpiresAt: doc.holdExpiresAt ?? null,
      paymentLink: doc.paymentLink ?? null,
      paymentRef: doc.paymentRef ?? null,
      paidAt: doc.paidAt ?? (status === "paid" ? (doc.updatedAt ?? createdAt) : null),
      createdAt,
      updatedAt: doc.updatedAt ?? createdAt,
    };
  };

export function toOutboxItem(doc: OutboxDoc): OutboxItem {
  return {
    id: doc._id,
    dedupeKey: doc.dedupeKey,
    kind: doc.kind,
    to: doc.to,
    subject: doc.subject,
    text: doc.text,
    html: doc.html,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError ?? null,
    sentAt: doc.sentAt ?? null,
  };
}

/** Paid bookings, ours (`status`) and the tutorial's (`isPaid` without a status). */
export const paidFilter = { $or: [{ status: "paid" as const }, { status: { $exists: false }, isPaid: true }] };

/** Bookings a payment may still confirm: held, lapsed, or the tutorial's unpaid ones. */
export const payableFilter = { $or: [{ status: { $in: ["held" as const, "expired" as const] } }, { status: { $exists: false }, isPaid: { $ne: true } }] };

/**
 * Driver failures as the typed errors the rest of the app knows: a malformed value is the
 * client's fault (400), an unreachable server is 503; duplicate keys are mapped where they
 * can happen, with a message naming what clashed.
 */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as { name?: string; message?: string } | null;
  switch (e?.name) {
    case "CastError":
    case "BSONError":
    case "StrictModeError":
      return badRequest("Malformed value in the request");
    case "MongoServerSelectionError":
    case "MongoNetworkError":
    case "MongoNetworkTimeoutError":
    case "MongoNotConnectedError":
    case "MongoTopologyClosedError":
      return new AppError("unavailable", "The database is unreachable; please try again shortly");
    default:
      return error;
  }
}

/** Wraps every method of a repository so driver errors leave as typed errors. */
export function guarded<T extends object>(repository: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    wrapped[name] =
      typeof value === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
            } catch (error) {
              throw mapDriverError(error);
            }
          }
        : value;
  }
  return wrapped as T;
}

/**
 * A duplicate key: MongoDB's 11000 (also FerretDB's on insert), or FerretDB v1's updates, which
 * report the backend's unique-constraint failure as an internal error.
 */
export function isDuplicateKey(error: unknown) {
  return isUniqueViolation(error) || /UNIQUE constraint failed|duplicate key/i.test(String((error as Error | null)?.message ?? ""));
}
