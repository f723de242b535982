import { bookingStatuses, type CastMember, type Genre, mailKinds, roles, type SeatLayout, type Trailer, waitlistStatuses } from "@quickshow/contracts";
import { effectKinds, type MailAttachment } from "../interface.ts";
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    image: text("image").notNull().default(""),
    role: text("role", { enum: roles }).notNull().default("user"),
    passwordHash: text("password_hash"),
    emailVerified: boolean("email_verified").notNull().default(false),
    newShowEmails: boolean("new_show_emails").notNull().default(false),
    /** Raised to end every session of the account: a session token carries the value it was issued under. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const movies = pgTable("movies", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  overview: text("overview").notNull(),
  posterPath: text("poster_path").notNull(),
  backdropPath: text("backdrop_path").notNull(),
  releaseDate: text("release_date").notNull(),
  originalLanguage: text("original_language").notNull(),
  tagline: text("tagline").notNull().default(""),
  genres: jsonb("genres").$type<Genre[]>().notNull(),
  casts: jsonb("casts").$type<CastMember[]>().notNull(),
  trailers: jsonb("trailers").$type<Trailer[]>().notNull().default(sql`'[]'::jsonb`),
  voteAverage: real("vote_average").notNull(),
  runtime: integer("runtime").notNull(),
  createdAt: instant("created_at").notNull().defaultNow(),
});

export const favorites = pgTable(
  "favorites",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    movieId: text("movie_id").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.movieId] })],
);

export const cinemas = pgTable("cinemas", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull().default(""),
  city: text("city").notNull().default(""),
  timeZone: text("time_zone").notNull(),
});

/** A screen and its current seat map; `version` grows with every edit. */
export const screens = pgTable("screens", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  cinemaId: text("cinema_id").notNull(),
  layout: jsonb("layout").$type<SeatLayout>().notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: instant("updated_at").notNull(),
});

export const shows = pgTable(
  "shows",
  {
    id: uuid("id").primaryKey(),
    movieId: text("movie_id").notNull().references(() => movies.id),
    startsAt: instant("starts_at").notNull(),
    priceMinor: integer("price_minor").notNull(),
    layout: jsonb("layout").$type<SeatLayout>().notNull(),
    cancelledAt: instant("cancelled_at"),
    // The screen as it was named when the show was scheduled; the exclusion constraint
    // shows_screen_no_overlap (migration 0005) keeps two shows on sale from sharing it at once.
    screenId: text("screen_id").references(() => screens.id),
    screenName: text("screen_name"),
    cinemaId: text("cinema_id"),
    pricesMinor: jsonb("prices_minor").$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    endsAt: instant("ends_at"),
  },
  // A screen's time is unique by shows_screen_no_overlap (one film may play on two screens at
  // once); a show without a screen claims no screen time, so there the film and time are unique.
  (t) => [
    uniqueIndex("shows_unscreened_movie_starts_key").on(t.movieId, t.startsAt).where(sql`${t.screenId} is null`),
    index("shows_starts_idx").on(t.startsAt),
  ],
);

export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    showId: uuid("show_id").notNull().references(() => shows.id),
    seats: jsonb("seats").$type<string[]>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: bookingStatuses }).notNull(),
    holdExpiresAt: instant("hold_expires_at"),
    paymentLink: text("payment_link"),
    paymentRef: text("payment_ref"),
    paidAt: instant("paid_at"),
    refundNote: text("refund_note"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    index("bookings_user_created_idx").on(t.userId, t.createdAt),
    index("bookings_created_idx").on(t.createdAt, t.id),
    index("bookings_show_idx").on(t.showId),
    index("bookings_status_hold_idx").on(t.status, t.holdExpiresAt),
    index("bookings_status_paid_idx").on(t.status, t.paidAt),
    // The hold caps count a user's live holds inside the hold itself: only held rows matter.
    index("bookings_user_held_idx").on(t.userId).where(sql`status = 'held'`),
  ],
);

/**
 * One row per taken seat. The primary key is what makes a double sale impossible:
 * two bookings can never both own (show, seat). `expiresAt` is null once paid.
 */
export const seatClaims = pgTable(
  "seat_claims",
  {
    showId: uuid("show_id").notNull().references(() => shows.id),
    seat: text("seat").notNull(),
    /** Null for a seat the cinema blocked (then `expiresAt` is null too: off sale until unblocked). */
    bookingId: uuid("booking_id").references(() => bookings.id),
    expiresAt: instant("expires_at"),
  },
  (t) => [primaryKey({ columns: [t.showId, t.seat] }), index("seat_claims_booking_idx").on(t.bookingId)],
);

export const processedEvents = pgTable("processed_events", {
  id: text("id").primaryKey(),
  source: text("source").notNull(),
  createdAt: instant("created_at").notNull().defaultNow(),
});

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind", { enum: mailKinds }).notNull(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text_body").notNull(),
    html: text("html_body").notNull(),
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    sentAt: instant("sent_at"),
  },
  (t) => [uniqueIndex("mail_outbox_dedupe_key").on(t.dedupeKey), index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * Work owed after a booking changed (its confirmation mail, a refund), inserted in the same
 * transaction as the change and deleted from nobody's memory: the job runner delivers it.
 */
export const effects = pgTable(
  "effects",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: effectKinds }).notNull(),
    bookingId: uuid("booking_id").notNull().references(() => bookings.id),
    status: text("status", { enum: ["pending", "done", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    doneAt: instant("done_at"),
  },
  (t) => [index("effects_due_idx").on(t.status, t.nextAttemptAt)],
);

/** People waiting for seats of a sold-out show, first come first. */
export const waitlist = pgTable(
  "waitlist",
  {
    id: uuid("id").primaryKey(),
    showId: uuid("show_id").notNull().references(() => shows.id),
    userId: text("user_id").notNull().references(() => users.id),
    seats: integer("seats").notNull(),
    category: text("category"),
    status: text("status", { enum: waitlistStatuses }).notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id),
    joinedAt: instant("joined_at").notNull(),
  },
  (t) => [
    // One place in line per person and show while waiting or offered.
    uniqueIndex("waitlist_active_key").on(t.showId, t.userId).where(sql`status in ('waiting', 'offered')`),
    index("waitlist_line_idx").on(t.showId, t.status, t.joinedAt, t.id),
    index("waitlist_user_idx").on(t.userId),
  ],
);

/** Who makes the offers of a show's line right now, so two instances never make them out of order. */
export const waitlistLeases = pgTable("waitlist_leases", {
  showId: uuid("show_id").primaryKey(),
  until: instant("until").notNull(),
});

/**
 * Tickets let in at the door. The primary key is what makes a double entry impossible: a ticket
 * (booking, seat) can be admitted once, however many devices scan it at the same moment.
 */
export const admissions = pgTable(
  "admissions",
  {
    bookingId: uuid("booking_id").notNull().references(() => bookings.id),
    seat: text("seat").notNull(),
    showId: uuid("show_id").notNull().references(() => shows.id),
    admittedAt: instant("admitted_at").notNull(),
    admittedBy: text("admitted_by").notNull(),
    admittedByName: text("admitted_by_name").notNull(),
    device: text("device"),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.seat] }), index("admissions_show_idx").on(t.showId)],
);

/** Values generated once and shared by every instance (the ticket signing key when none is configured). */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: instant("created_at").notNull().defaultNow(),
});
