import type { BookingStatus, Movie, Role, SeatLayout } from "@quickshow/contracts";

/** Records as the domain sees them; money in integer minor units, time as Date (UTC). */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  image: string;
  role: Role;
  favorites: string[];
  newShowEmails: boolean;
  createdAt: Date;
}

export type NewUser = Omit<UserRecord, "favorites" | "createdAt"> & { passwordHash: string | null };

/** A user whose identity lives in an external provider (Clerk); `id` is the provider's user id. */
export interface ExternalProfile {
  id: string;
  name: string;
  email: string;
  image: string;
  role: Role;
}

export type MovieRecord = Movie;

export interface ShowRecord {
  id: string;
  movieId: string;
  startsAt: Date;
  priceMinor: number;
  layout: SeatLayout;
}

export interface BookingRecord {
  id: string;
  userId: string;
  showId: string;
  seats: string[];
  amountMinor: number;
  currency: string;
  status: BookingStatus;
  holdExpiresAt: Date | null;
  paymentLink: string | null;
  paymentRef: string | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShowWithOccupancy extends ShowRecord {
  seatsSold: number;
  seatsHeld: number;
  earningsMinor: number;
}

export interface NewHold {
  id: string;
  userId: string;
  showId: string;
  seats: string[];
  amountMinor: number;
  currency: string;
  holdExpiresAt: Date;
  now: Date;
}

export type HoldResult = { ok: true; booking: BookingRecord } | { ok: false; takenSeats: string[] };

export type PaymentOutcome =
  | { outcome: "paid"; booking: BookingRecord }
  | { outcome: "already_paid"; booking: BookingRecord }
  /** The money arrived but the seats are gone or the booking was closed: give it back. */
  | { outcome: "refund_required"; booking: BookingRecord; firstTime: boolean }
  | { outcome: "not_found" };

export interface DashboardTotals {
  totalBookings: number;
  totalRevenueMinor: number;
  activeShows: number;
  totalUsers: number;
  revenueByDay: { date: string; revenueMinor: number; bookings: number }[];
}

export interface MailMessage {
  dedupeKey: string;
  kind: "confirmation" | "reminder" | "new_show" | "welcome";
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxItem extends MailMessage {
  id: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

export interface UserRepository {
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  passwordHashOf(email: string): Promise<{ userId: string; passwordHash: string | null } | null>;
  setRole(email: string, role: Role): Promise<UserRecord | null>;
  setNewShowEmails(userId: string, value: boolean): Promise<UserRecord | null>;
  /** Adds the movie if absent, removes it if present; returns the new list. */
  toggleFavorite(userId: string, movieId: string): Promise<string[]>;
  listNewShowSubscribers(): Promise<UserRecord[]>;
  count(): Promise<number>;
  /**
   * Creates or updates a user managed by an external identity provider from its profile (name,
   * email, image, role); favorites and mail preferences are kept. `created` is true only for the
   * call that inserted the row. An email taken by another user is a conflict. Null when the id
   * belongs to a removed user (a late update never brings one back).
   */
  upsertFromProfile(profile: ExternalProfile): Promise<{ user: UserRecord; created: boolean } | null>;
  /**
   * Removes a user deleted in the external provider: favorites are dropped, live holds released,
   * and the row is kept anonymised (no name, email or image) so paid bookings still add up.
   * False when there was no such user or it was already removed.
   */
  removeExternal(id: string, now: Date): Promise<boolean>;
}

export interface MovieRepository {
  /** Inserts the movie unless it is already stored (our copy may carry custom images). */
  insertIfAbsent(movie: MovieRecord): Promise<void>;
  get(id: string): Promise<MovieRecord | null>;
  getMany(ids: string[]): Promise<MovieRecord[]>;
  /** Movies with at least one show starting after `now`, soonest show first. */
  listWithUpcomingShows(now: Date): Promise<MovieRecord[]>;
  count(): Promise<number>;
  /** Replaces the stored movie's poster or backdrop URL; null when the movie is not stored. */
  setImage(id: string, kind: "poster" | "backdrop", url: string): Promise<MovieRecord | null>;
}

export interface ShowRepository {
  /** All or nothing; a show at the same instant for the same movie is a conflict. */
  createMany(shows: ShowRecord[]): Promise<ShowRecord[]>;
  get(id: string): Promise<ShowRecord | null>;
  getMany(ids: string[]): Promise<ShowRecord[]>;
  /** Of the given instants, those at which the movie already has a show. */
  existingStarts(movieId: string, starts: Date[]): Promise<Date[]>;
  listUpcomingForMovie(movieId: string, now: Date): Promise<ShowRecord[]>;
  listUpcomingWithOccupancy(now: Date): Promise<ShowWithOccupancy[]>;
  listStartingBetween(from: Date, to: Date): Promise<ShowRecord[]>;
  count(): Promise<number>;
}

export interface BookingRepository {
  /**
   * Creates a held booking and claims its seats in one atomic step. A seat counts as free
   * when nobody claims it or its claim is a hold that expired before `now`.
   */
  hold(hold: NewHold): Promise<HoldResult>;
  setPayment(id: string, paymentLink: string, paymentRef: string): Promise<void>;
  get(id: string): Promise<BookingRecord | null>;
  listForUser(userId: string): Promise<BookingRecord[]>;
  /** Unpaid holds of a user on a show that are still live at `now`. */
  countLiveHolds(userId: string, showId: string, now: Date): Promise<number>;
  listAll(): Promise<BookingRecord[]>;
  listPaidForShow(showId: string): Promise<BookingRecord[]>;
  occupiedSeats(showId: string, now: Date): Promise<string[]>;
  /** Confirms while the hold is live or its seats are still free; otherwise a refund is owed. */
  confirmPayment(input: { bookingId: string; paymentRef: string; now: Date }): Promise<PaymentOutcome>;
  /** Releases an unpaid hold at the customer's request; null when it was not held. */
  cancel(bookingId: string, now: Date): Promise<BookingRecord | null>;
  /** Marks one booking expired if its hold lapsed unpaid; true when this call did it. */
  expireIfLapsed(bookingId: string, now: Date): Promise<boolean>;
  /** Marks every lapsed hold expired and frees its seats; returns the booking ids. */
  expireLapsedHolds(now: Date): Promise<string[]>;
  dashboard(now: Date, timeZone: string, days: number): Promise<DashboardTotals>;
}

export interface EventLog {
  /** Records an external event id; false when it was recorded before (a replay). */
  recordOnce(eventId: string, source: string): Promise<boolean>;
  /** Forgets a recorded event whose handling failed, so the sender's retry is processed. */
  forget(eventId: string): Promise<void>;
}

export interface Outbox {
  /** Queues a message; false when one with the same key was queued before. */
  enqueue(message: MailMessage, now: Date): Promise<boolean>;
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  markSent(id: string, now: Date): Promise<void>;
  markFailed(id: string, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void>;
  list(): Promise<OutboxItem[]>;
}

export interface Storage {
  readonly kind: "pglite" | "postgres" | "mongo";
  readonly users: UserRepository;
  readonly movies: MovieRepository;
  readonly shows: ShowRepository;
  readonly bookings: BookingRepository;
  readonly events: EventLog;
  readonly outbox: Outbox;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
