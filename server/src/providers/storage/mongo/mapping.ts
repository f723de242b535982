import { type BookingStatus, type SeatLayout, seatLayoutSchema } from "@quickshow/contracts";
import { roundToMinorUnits } from "../../../money.ts";
import { defaultLayout } from "../../../shows/layout.ts";
import { idString } from "./ids.ts";
import type { BookingRecord, MovieRecord, OutboxItem, ShowRecord, UserRecord } from "../interface.ts";
import type { BookingDoc, DocId, MovieDoc, OccupiedSeat, OutboxDoc, ShowDoc, UserDoc } from "./models.ts";

/** Whether a seat's entry leaves it free for a buyer at `now`. */
export function seatIsFree(entry: OccupiedSeat | undefined | null, now: Date) {
  if (entry === undefined || entry === null) return true;
  if (typeof entry === "string" || "blocked" in entry) return false;
  return entry.expiresAt !== null && entry.expiresAt !== undefined && new Date(entry.expiresAt).getTime() <= now.getTime();
}

/** A seat is sold when the tutorial wrote a user id, or our claim has no expiry. */
export const seatIsSold = (entry: OccupiedSeat | undefined | null) =>
  typeof entry === "string" || (!!entry && !("blocked" in entry) && (entry.expiresAt === null || entry.expiresAt === undefined));

export const seatIsBlocked = (entry: OccupiedSeat | undefined | null) => typeof entry === "object" && entry !== null && "blocked" in entry;

const createdAtOf = (id: DocId, createdAt: Date | undefined) =>
  createdAt ?? (typeof id === "string" ? new Date(0) : id.getTimestamp());

export function toUser(doc: UserDoc): UserRecord {
  return {
    id: doc._id,
    name: doc.name ?? "",
    email: doc.email,
    image: doc.image ?? "",
    role: doc.role ?? "user",
    emailVerified: doc.emailVerified ?? false,
    favorites: doc.favorites ?? [],
    newShowEmails: doc.newShowEmails ?? false,
    sessionVersion: doc.sessionVersion ?? 0,
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

/** A show as the domain reads it, with its seat map (looked up by `layoutId`, or inline on older documents). */
export const toShow = (currency: string) =>
  (doc: ShowDoc, layouts: ReadonlyMap<string, SeatLayout> = new Map()): ShowRecord => ({
    id: idString(doc._id),
    movieId: doc.movie,
    startsAt: doc.showDateTime,
    priceMinor: doc.showPriceMinor ?? roundToMinorUnits(doc.showPrice ?? 0, currency),
    // A layout written before seat maps had cells (or none, by the tutorial) is read in today's shape.
    layout: (doc.layoutId ? layouts.get(doc.layoutId) : undefined) ?? seatLayoutSchema.parse(doc.layout ?? defaultLayout),
    cancelledAt: doc.cancelledAt ?? null,
    screen: doc.screen ?? null,
    pricesMinor: doc.pricesMinor ?? {},
    endsAt: doc.endsAt ?? null,
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
      amountMinor: doc.amountMinor ?? roundToMinorUnits(doc.amount ?? 0, currency),
      currency,
      status,
      holdExpiresAt: doc.holdExpiresAt ?? null,
      paymentLink: doc.paymentLink ?? null,
      paymentRef: doc.paymentRef ?? null,
      paidAt: doc.paidAt ?? (status === "paid" ? (doc.updatedAt ?? createdAt) : null),
      refundNote: doc.refundNote ?? null,
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
    attachments: doc.attachments ?? null,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError ?? null,
    sentAt: doc.sentAt ?? null,
  };
}

/**
 * Bookings whose status is one of `statuses`, ours and the tutorial's: a tutorial booking has no
 * `status` and reads as paid when `isPaid`, otherwise as expired (it deleted unpaid ones).
 */
/** Shows on sale: not cancelled (the tutorial's shows have no such field). */
export const onSale = { cancelledAt: null };

export function statusIn(statuses: readonly BookingStatus[]) {
  const legacy: Record<string, unknown>[] = [];
  if (statuses.includes("paid")) legacy.push({ status: { $exists: false }, isPaid: true });
  if (statuses.includes("expired")) legacy.push({ status: { $exists: false }, isPaid: { $ne: true } });
  return { $or: [{ status: { $in: [...statuses] } }, ...legacy] };
}
