import { type BookingStatus, bookingStatuses, type CastMember, type Genre, type MailKind, mailKinds, type Role, roles, type SeatLayout, type Trailer, type WaitlistStatus, waitlistStatuses } from "@quickshow/contracts";
import { Schema, type Connection, type Model, type Types } from "mongoose";
import type { OutboxItem } from "../interface.ts";

/**
 * Mongoose models in the shapes of the original QuickShow tutorial (collections `users`,
 * `movies`, `shows`, `bookings`), plus the fields our core adds. Documents the tutorial app
 * wrote stay readable: every added field is optional and has a read-time default (see
 * mapping.ts).
 *
 * Money: the tutorial stored `showPrice` and `amount` in major units (12.5). We keep writing
 * those for anything else that reads the collections, but the truth is the integer minor-unit
 * fields `showPriceMinor` and `amountMinor`; a document without them (written by the
 * tutorial) is read by converting its major-unit value with the currency's digits.
 *
 * Ids: users, movies, and the shows and bookings we create have string `_id`s (Clerk/local
 * user ids, TMDB ids, UUIDs). The tutorial's shows and bookings have ObjectId `_id`s; `_id` is
 * Mixed so that Mongoose never casts one kind into the other (see ids.ts).
 */

/** A seat taken by one of our bookings; `expiresAt` null means sold. */
export interface SeatClaim {
  booking: string;
  user: string;
  expiresAt: Date | null;
}

/** A seat the cinema took off sale: no booking may claim it until unblocked (it never expires). */
export interface BlockedSeat {
  blocked: true;
  expiresAt: null;
}

/** The tutorial wrote the buyer's user id as a plain string: a sold seat. */
export type OccupiedSeat = SeatClaim | BlockedSeat | string;

export type DocId = string | Types.ObjectId;

export interface UserDoc {
  _id: string;
  name: string;
  email: string;
  image: string;
  role?: Role;
  /** Absent on the tutorial's documents: not verified. */
  emailVerified?: boolean;
  favorites?: string[];
  newShowEmails?: boolean;
  passwordHash?: string | null;
  /** Absent until the account first ends its sessions: 0. */
  sessionVersion?: number;
  createdAt?: Date;
  /** Set when the external identity provider deleted the user; the document stays, anonymised. */
  removedAt?: Date | null;
  /**
   * The user's holds, for the caps on what one account may hold: changed only by updates that
   * match `holdLedgerVersion` (or bump it), so two concurrent holds cannot both pass the caps.
   * An entry may outlive its booking's hold (a crash); it stops counting at its expiry.
   */
  holdLedger?: HoldLedgerEntry[];
  holdLedgerVersion?: number;
}

export interface HoldLedgerEntry {
  booking: string;
  show: string;
  seats: number;
  expiresAt: Date;
}

export interface MovieDoc {
  _id: string;
  title: string;
  overview: string;
  poster_path: string;
  backdrop_path: string;
  release_date: string;
  original_language: string;
  tagline?: string;
  genres: Genre[];
  casts: CastMember[];
  trailers?: Trailer[];
  vote_average: number;
  runtime: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ShowDoc {
  _id: DocId;
  movie: string;
  showDateTime: Date;
  /** Major units, as the tutorial stored it; read only when `showPriceMinor` is absent. */
  showPrice: number;
  showPriceMinor?: number;
  occupiedSeats?: Record<string, OccupiedSeat>;
  /** Inline on shows written before seat maps were stored apart (and the tutorial's, which have none). */
  layout?: SeatLayout;
  /** The show's seat map in `seat_maps` (see seat-maps.ts). */
  layoutId?: string;
  cancelledAt?: Date | null;
  /** Absent on shows scheduled before screens existed. */
  screen?: { id: string; name: string; cinemaId: string } | null;
  /**
   * The screen's id again, at the top level for the unique index (FerretDB does not index a path
   * through a null `screen`); null or absent for a show without a screen.
   */
  screenId?: string | null;
  pricesMinor?: Record<string, number>;
  endsAt?: Date | null;
}

export interface SeatMapDoc {
  _id: string;
  layout: SeatLayout;
}

export interface CinemaDoc {
  _id: string;
  name: string;
  address?: string;
  city?: string;
  timeZone: string;
}

export interface ScreenDoc {
  _id: string;
  name: string;
  cinemaId: string;
  layout: SeatLayout;
  version: number;
  updatedAt: Date;
}

/** A time a screen is taken by a show; see screen-schedules.ts. */
export interface ScheduleSlot {
  show: string;
  startsAt: Date;
  endsAt: Date;
  /** When the slot was taken, so one whose show was never written (a crash) can be told apart. */
  takenAt: Date;
}

/**
 * The shows a screen is booked for, in one document per screen, changed only by updates that
 * match the `version` read: two admins scheduling at once cannot both take overlapping slots.
 */
export interface ScreenScheduleDoc {
  _id: string;
  version: number;
  slots: ScheduleSlot[];
}

/** Where a booking's owed effects live: one field per kind (dots cannot be field names). */
export const effectFields = { "booking.paid": "paid", "refund.owed": "refund" } as const;

export interface EffectDoc {
  status: "pending" | "done" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface BookingDoc {
  _id: DocId;
  user: string;
  /** The show's id as a string (the tutorial stored the ObjectId's hex string). */
  show: string;
  /** Major units, as the tutorial stored it; read only when `amountMinor` is absent. */
  amount: number;
  amountMinor?: number;
  currency?: string;
  bookedSeats: string[];
  isPaid: boolean;
  paymentLink?: string | null;
  /** Absent on the tutorial's bookings: `isPaid` then says paid, otherwise it reads as expired. */
  status?: BookingStatus;
  holdExpiresAt?: Date | null;
  paymentRef?: string | null;
  paidAt?: Date | null;
  /** Set while a payment is being confirmed (write-ahead), cleared when it ends paid or refunded. */
  confirmingRef?: string | null;
  confirmingAt?: Date | null;
  /**
   * Set by the first step of a give-back (the seats leave this booking) until the given-back part
   * exists and its seats are free again; finishInterruptedWrites completes it after a crash.
   */
  givingBack?: { id: string; seats: string[]; amountMinor: number; note?: string | null } | null;
  /**
   * Seats let in at the door, added by the admission's own conditional update while the booking
   * is paid and holds the seat: a refund's update that requires none of them is atomic with it.
   * Their claims on the show are never freed.
   */
  admittedSeats?: string[];
  refundNote?: string | null;
  /** Work owed after this booking changed, written in the same update as the change. */
  effects?: Partial<Record<(typeof effectFields)[keyof typeof effectFields], EffectDoc>>;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ProcessedEventDoc {
  _id: string;
  source: string;
  createdAt: Date;
}

export type OutboxDoc = Omit<OutboxItem, "id"> & { _id: string; createdAt: Date };

// Timestamps are written by the adapter from the caller's clock (tests move time), never by
// Mongoose's wall clock; `versionKey` would add `__v` that nothing here reads.
const options = { versionKey: false, timestamps: false, autoIndex: false, autoCreate: false } as const;

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, default: "" },
    email: { type: String, required: true },
    image: { type: String, default: "" },
    role: { type: String, enum: roles, default: "user" },
    emailVerified: { type: Boolean, default: false },
    favorites: { type: [String], default: [] },
    newShowEmails: { type: Boolean, default: false },
    passwordHash: { type: String, default: null },
    sessionVersion: { type: Number },
    createdAt: { type: Date },
    removedAt: { type: Date, default: null },
    holdLedger: { type: Schema.Types.Mixed },
    holdLedgerVersion: { type: Number },
  },
  { ...options, collection: "users" },
);
userSchema.index({ email: 1 }, { unique: true, name: "users_email_key" });
userSchema.index({ newShowEmails: 1 }, { name: "users_new_show_emails" });

const movieSchema = new Schema<MovieDoc>(
  {
    _id: { type: String, required: true },
    title: String,
    overview: String,
    poster_path: String,
    backdrop_path: String,
    release_date: String,
    original_language: String,
    tagline: { type: String, default: "" },
    genres: { type: Schema.Types.Mixed, default: [] },
    casts: { type: Schema.Types.Mixed, default: [] },
    trailers: { type: Schema.Types.Mixed, default: [] },
    vote_average: Number,
    runtime: Number,
    createdAt: Date,
    updatedAt: Date,
  },
  { ...options, collection: "movies" },
);

const showSchema = new Schema<ShowDoc>(
  {
    _id: { type: Schema.Types.Mixed, required: true },
    movie: { type: String, required: true, ref: "Movie" },
    showDateTime: { type: Date, required: true },
    showPrice: { type: Number, required: true },
    showPriceMinor: { type: Number },
    // Keyed by seat ("A1"): a SeatClaim, or the tutorial's plain user-id string.
    occupiedSeats: { type: Schema.Types.Mixed, default: {} },
    layout: { type: Schema.Types.Mixed },
    layoutId: { type: String },
    cancelledAt: { type: Date, default: null },
    screen: { type: Schema.Types.Mixed },
    screenId: { type: String, default: null },
    pricesMinor: { type: Schema.Types.Mixed },
    endsAt: { type: Date },
  },
  // minimize: false keeps an empty `occupiedSeats: {}` as the tutorial did.
  { ...options, collection: "shows", minimize: false },
);
// A screen and its time are the key (one film may play on two screens at once; the screen
// schedules keep shows from overlapping). Shows without a screen all have screenId null (or none,
// the tutorial's), so the film completes their key and several films can still start at one hour.
showSchema.index({ screenId: 1, showDateTime: 1, movie: 1 }, { unique: true, name: "shows_screen_starts_key" });
/** Indexes of earlier versions that now refuse what is allowed; dropped at start. */
export const retiredIndexes = [{ collection: "shows", name: "shows_movie_starts_key" }] as const;
showSchema.index({ showDateTime: 1 }, { name: "shows_starts_idx" });

const bookingSchema = new Schema<BookingDoc>(
  {
    _id: { type: Schema.Types.Mixed, required: true },
    user: { type: String, required: true, ref: "User" },
    show: { type: String, required: true, ref: "Show" },
    amount: { type: Number, required: true },
    amountMinor: { type: Number },
    currency: { type: String },
    bookedSeats: { type: [String], required: true },
    isPaid: { type: Boolean, default: false },
    paymentLink: { type: String, default: null },
    status: { type: String, enum: bookingStatuses },
    holdExpiresAt: { type: Date, default: null },
    paymentRef: { type: String, default: null },
    paidAt: { type: Date, default: null },
    confirmingRef: { type: String, default: null },
    confirmingAt: { type: Date, default: null },
    effects: { type: Schema.Types.Mixed },
    givingBack: { type: Schema.Types.Mixed, default: undefined },
    admittedSeats: { type: [String], default: undefined },
    refundNote: { type: String, default: null },
    createdAt: { type: Date },
    updatedAt: { type: Date },
  },
  { ...options, collection: "bookings" },
);
bookingSchema.index({ user: 1, createdAt: -1 }, { name: "bookings_user_created_idx" });
bookingSchema.index({ show: 1 }, { name: "bookings_show_idx" });
bookingSchema.index({ status: 1, holdExpiresAt: 1 }, { name: "bookings_status_hold_idx" });
bookingSchema.index({ status: 1, paidAt: 1 }, { name: "bookings_status_paid_idx" });
bookingSchema.index({ confirmingAt: 1 }, { name: "bookings_confirming_idx" });
for (const field of Object.values(effectFields)) {
  bookingSchema.index({ [`effects.${field}.status`]: 1, [`effects.${field}.nextAttemptAt`]: 1 }, { name: `bookings_effects_${field}_due_idx` });
}

const processedEventSchema = new Schema<ProcessedEventDoc>(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { ...options, collection: "processed_events" },
);

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    kind: { type: String, required: true, enum: mailKinds },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    attachments: { type: [{ _id: false, filename: String, contentType: String, contentBase64: String }], default: undefined },
    status: { type: String, required: true, enum: ["pending", "sent", "failed"], default: "pending" },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { ...options, collection: "mail_outbox" },
);
outboxSchema.index({ dedupeKey: 1 }, { unique: true, name: "mail_outbox_dedupe_key" });
outboxSchema.index({ status: 1, nextAttemptAt: 1 }, { name: "mail_outbox_due_idx" });

export interface WaitlistDoc {
  _id: string;
  show: string;
  user: string;
  seats: number;
  /** Absent on entries from before categories: any seat. */
  category?: string | null;
  status: WaitlistStatus;
  booking: string | null;
  joinedAt: Date;
  /**
   * `<show>:<user>` while waiting or offered, `<show>:<user>:<_id>` after: a unique index on it
   * keeps one live place in line per person and show (FerretDB v1 has no partial indexes).
   */
  activeKey: string;
}

export interface WaitlistLeaseDoc {
  _id: string;
  until: Date;
}

const waitlistSchema = new Schema<WaitlistDoc>(
  {
    _id: { type: String, required: true },
    show: { type: String, required: true },
    user: { type: String, required: true },
    seats: { type: Number, required: true },
    category: { type: String, default: null },
    status: { type: String, required: true, enum: waitlistStatuses },
    booking: { type: String, default: null },
    joinedAt: { type: Date, required: true },
    activeKey: { type: String, required: true },
  },
  { ...options, collection: "waitlist" },
);
waitlistSchema.index({ activeKey: 1 }, { unique: true, name: "waitlist_active_key" });
waitlistSchema.index({ show: 1, status: 1, joinedAt: 1, _id: 1 }, { name: "waitlist_line_idx" });
waitlistSchema.index({ user: 1 }, { name: "waitlist_user_idx" });

const waitlistLeaseSchema = new Schema<WaitlistLeaseDoc>(
  { _id: { type: String, required: true }, until: { type: Date, required: true } },
  { ...options, collection: "waitlist_leases" },
);

const screenSchema = new Schema<ScreenDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    cinemaId: { type: String, required: true },
    layout: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: "screens", minimize: false },
);

const seatMapSchema = new Schema<SeatMapDoc>(
  { _id: { type: String, required: true }, layout: { type: Schema.Types.Mixed, required: true } },
  { ...options, collection: "seat_maps", minimize: false },
);

const cinemaSchema = new Schema<CinemaDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    address: { type: String, default: "" },
    city: { type: String, default: "" },
    timeZone: { type: String, required: true },
  },
  { ...options, collection: "cinemas" },
);

const screenScheduleSchema = new Schema<ScreenScheduleDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    slots: { type: Schema.Types.Mixed, default: [] },
  },
  { ...options, collection: "screen_schedules", minimize: false },
);

/** A ticket let in at the door; `_id` is `<booking>:<seat>`, so the ticket can be admitted once. */
export interface AdmissionDoc {
  _id: string;
  booking: string;
  seat: string;
  show: string;
  admittedAt: Date;
  admittedBy: string;
  admittedByName: string;
  device: string | null;
}

export interface SecretDoc {
  _id: string;
  value: string;
  createdAt: Date;
}

const admissionSchema = new Schema<AdmissionDoc>(
  {
    _id: { type: String, required: true },
    booking: { type: String, required: true },
    seat: { type: String, required: true },
    show: { type: String, required: true },
    admittedAt: { type: Date, required: true },
    admittedBy: { type: String, required: true },
    admittedByName: { type: String, required: true },
    device: { type: String, default: null },
  },
  { ...options, collection: "admissions" },
);
admissionSchema.index({ show: 1 }, { name: "admissions_show_idx" });
admissionSchema.index({ booking: 1 }, { name: "admissions_booking_idx" });

const secretSchema = new Schema<SecretDoc>(
  { _id: { type: String, required: true }, value: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { ...options, collection: "app_secrets" },
);

export interface Models {
  User: Model<UserDoc>;
  Movie: Model<MovieDoc>;
  Show: Model<ShowDoc>;
  Booking: Model<BookingDoc>;
  ProcessedEvent: Model<ProcessedEventDoc>;
  Outbox: Model<OutboxDoc>;
  Waitlist: Model<WaitlistDoc>;
  WaitlistLease: Model<WaitlistLeaseDoc>;
  Screen: Model<ScreenDoc>;
  ScreenSchedule: Model<ScreenScheduleDoc>;
  Cinema: Model<CinemaDoc>;
  Admission: Model<AdmissionDoc>;
  Secret: Model<SecretDoc>;
  SeatMap: Model<SeatMapDoc>;
}

/** Models bound to one connection (never the global mongoose one), so several can coexist. */
export function bindModels(connection: Connection): Models {
  return {
    User: connection.model<UserDoc>("User", userSchema),
    Movie: connection.model<MovieDoc>("Movie", movieSchema),
    Show: connection.model<ShowDoc>("Show", showSchema),
    Booking: connection.model<BookingDoc>("Booking", bookingSchema),
    ProcessedEvent: connection.model<ProcessedEventDoc>("ProcessedEvent", processedEventSchema),
    Outbox: connection.model<OutboxDoc>("MailOutbox", outboxSchema),
    Waitlist: connection.model<WaitlistDoc>("Waitlist", waitlistSchema),
    WaitlistLease: connection.model<WaitlistLeaseDoc>("WaitlistLease", waitlistLeaseSchema),
    Screen: connection.model<ScreenDoc>("Screen", screenSchema),
    ScreenSchedule: connection.model<ScreenScheduleDoc>("ScreenSchedule", screenScheduleSchema),
    Cinema: connection.model<CinemaDoc>("Cinema", cinemaSchema),
    Admission: connection.model<AdmissionDoc>("Admission", admissionSchema),
    Secret: connection.model<SecretDoc>("Secret", secretSchema),
    SeatMap: connection.model<SeatMapDoc>("SeatMap", seatMapSchema),
  };
}
