import type { BookingStatus, EffectKind, MailKind, Movie, Role, SeatLayout, WaitlistStatus } from "@quickshow/contracts";

/** Records as the domain sees them; money in integer minor units, time as Date (UTC). */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  image: string;
  role: Role;
  /** The owner proved the address by following a mailed link (or the identity provider vouches for it). */
  emailVerified: boolean;
  favorites: string[];
  newShowEmails: boolean;
  /**
   * Raised to end every session of the account (a new password, "sign out everywhere"): a session
   * token names the version it was issued under and is refused once the account's has moved on.
   */
  sessionVersion: number;
  createdAt: Date;
}

export type NewUser = Omit<UserRecord, "favorites" | "createdAt" | "emailVerified" | "sessionVersion"> & {
  passwordHash: string | null;
  /** Not verified unless said so. */
  emailVerified?: boolean;
};

/** A user whose identity lives in an external provider (Clerk); `id` is the provider's user id. */
export interface ExternalProfile {
  id: string;
  name: string;
  email: string;
  image: string;
  role: Role;
  /** Whether the provider has verified the address (Clerk may allow unverified ones); absent means it vouches for it. */
  emailVerified?: boolean;
}

export type MovieRecord = Movie;

export interface ShowRecord {
  id: string;
  movieId: string;
  startsAt: Date;
  priceMinor: number;
  layout: SeatLayout;
  /** Set when the cinema cancelled the show: off sale, its bookings refunded. */
  cancelledAt: Date | null;
  /** The screen it plays on (copied when scheduled); null for a show from before screens. */
  screen: ShowScreen | null;
  /** Price per category of `layout`, minor units; a category missing here costs `priceMinor`. */
  pricesMinor: Record<string, number>;
  /** The screen is busy with this show until then (runtime and cleaning); null without a screen. */
  endsAt: Date | null;
}

export interface ShowScreen {
  id: string;
  name: string;
  cinemaId: string;
}

/** A show to schedule; one without a screen (older callers) occupies none. */
export type NewShow = Omit<ShowRecord, "cancelledAt" | "screen" | "pricesMinor" | "endsAt"> &
  Partial<Pick<ShowRecord, "screen" | "pricesMinor" | "endsAt">>;

/** A screen and its current seat map; shows keep the copy they were scheduled with. */
export interface ScreenRecord {
  id: string;
  name: string;
  cinemaId: string;
  layout: SeatLayout;
  /** 1 when created, one more on every change. */
  version: number;
  updatedAt: Date;
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
  /** Why the cinema refunded seats already admitted at the door (they stay taken for the show); null otherwise. */
  refundNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShowWithOccupancy extends ShowRecord {
  seatsSold: number;
  seatsHeld: number;
  earningsMinor: number;
}

/** Where a page starts: just after the item with this sort instant and id. */
export interface PagePosition {
  at: Date;
  id: string;
}

export interface BookingPageQuery {
  showIds?: string[];
  /** Bookings of one of these users, or whose id lies in the range (inclusive); both may be empty. */
  matching?: { userIds: string[]; idRange?: { from: string; to: string } };
  statuses?: readonly BookingStatus[];
  createdFrom?: Date;
  createdTo?: Date;
  order: "newest" | "oldest";
  after?: PagePosition;
  limit: number;
}

export interface ShowPageQuery {
  movieId?: string;
  from: Date;
  to?: Date;
  after?: PagePosition;
  limit: number;
}

export type NewHold = Pick<BookingRecord, "id" | "userId" | "showId" | "seats" | "amountMinor" | "currency"> & { holdExpiresAt: Date; now: Date };

/** Limits on what one account may hold unpaid at once; enforced in the same atomic step as the claim. */
export interface HoldCaps {
  /** Live holds of the user on this show, the new one included. */
  holdsPerShow: number;
  /** Seats the user holds unpaid across all shows, the new ones included. */
  seatsAcrossShows: number;
}

export type HoldResult =
  | { ok: true; booking: BookingRecord }
  | { ok: false; reason: "seats_taken"; takenSeats: string[] }
  /** The cinema cancelled the show: it sells nothing more. */
  | { ok: false; reason: "show_cancelled" }
  /** The caps refused the hold; `live` is what the user already holds (holds on the show, or seats). */
  | { ok: false; reason: "holds_per_show" | "seats_across_shows"; live: number };

/** Bookings and their amounts in all, and per period of payment (UTC, aligned to the epoch), for the dashboard. */
export interface SalesFigures {
  bookings: number;
  revenueMinor: number;
  /** From `since` on, the periods with at least one sale. */
  byPeriod: { start: Date; bookings: number; revenueMinor: number }[];
}

export { effectKinds, type EffectKind } from "@quickshow/contracts";

/** Work owed after a booking's state changed, recorded in the same atomic step as the change. */
export interface Effect {
  /** `<kind>:<bookingId>`: one effect of a kind per booking, however often the change is replayed. */
  id: string;
  kind: EffectKind;
  bookingId: string;
  attempts: number;
}

export interface MailMessage {
  dedupeKey: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the message (ticket PDF, calendar event), kept with it until it is sent. */
  attachments?: MailAttachment[] | null;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The file's bytes in base64. */
  contentBase64: string;
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
  getMany(ids: string[]): Promise<UserRecord[]>;
  findByEmail(email: string): Promise<UserRecord | null>;
  passwordHashOf(email: string): Promise<{ userId: string; passwordHash: string | null } | null>;
  setRole(email: string, role: Role): Promise<UserRecord | null>;
  markEmailVerified(userId: string): Promise<UserRecord | null>;
  /**
   * Stores the new hash and, in the same write, raises the session version, so no session of the
   * old password outlives it. The new session version; null when there is no such (live) user.
   */
  setPasswordHash(userId: string, passwordHash: string): Promise<number | null>;
  /** Raises the session version (every session ends); the new version, null when there is no such (live) user. */
  endSessions(userId: string): Promise<number | null>;
  setNewShowEmails(userId: string, value: boolean): Promise<UserRecord | null>;
  /** Adds the movie if absent, removes it if present; returns the new list. */
  toggleFavorite(userId: string, movieId: string): Promise<string[]>;
  listNewShowSubscribers(): Promise<UserRecord[]>;
  count(): Promise<number>;
  /**
   * Creates or updates a user managed by an external identity provider from its profile (name,
   * email, image, role); favorites and mail preferences are kept. The address counts as verified
   * as the provider says (`emailVerified`, verified when it says nothing). `created` is true only for the
   * call that inserted the row. An email taken by another user is a conflict. Null when the id
   * belongs to a removed user (a late update never brings one back).
   */
  upsertFromProfile(profile: ExternalProfile): Promise<{ user: UserRecord; created: boolean } | null>;
  /**
   * Removes a user deleted in the external provider: favorites are dropped and the row is kept
   * anonymised (no name, email or image) so paid bookings still add up; bookings are untouched.
   * False when there was no such user or it was already removed.
   */
  removeExternal(id: string, now: Date): Promise<boolean>;
  /** Live users whose name or email contains `text` (any case), by email, at most `limit`. */
  listMatching(text: string, limit: number): Promise<UserRecord[]>;
  /** Live users with the role, by email, at most `limit`. */
  listByRole(role: Role, limit: number): Promise<UserRecord[]>;
}

export interface MovieRepository {
  /** Inserts the movie unless it is already stored (our copy may carry custom images). */
  insertIfAbsent(movie: MovieRecord): Promise<void>;
  get(id: string): Promise<MovieRecord | null>;
  getMany(ids: string[]): Promise<MovieRecord[]>;
  /** Movies with at least one show on sale (not cancelled) starting after `now`, soonest show first. */
  listWithUpcomingShows(now: Date): Promise<MovieRecord[]>;
  count(): Promise<number>;
  /** Replaces the stored movie's poster or backdrop URL; null when the movie is not stored. */
  setImage(id: string, kind: "poster" | "backdrop", url: string): Promise<MovieRecord | null>;
}

export interface ShowRepository {
  /**
   * All or nothing; among shows without a screen, one at the same instant for the same movie is a
   * conflict, and a show whose [startsAt, endsAt) overlaps another show on sale on the same screen
   * throws ScreenBusyError (one movie may play on two screens at once).
   */
  createMany(shows: NewShow[]): Promise<ShowRecord[]>;
  get(id: string): Promise<ShowRecord | null>;
  getMany(ids: string[]): Promise<ShowRecord[]>;
  /** Of the given instants, those at which the movie already has a show. */
  existingStarts(movieId: string, starts: Date[]): Promise<Date[]>;
  /** Shows on sale (not cancelled) starting after `now`. */
  listUpcomingForMovie(movieId: string, now: Date): Promise<ShowRecord[]>;
  /**
   * A page of shows (cancelled ones too) starting in [from, to), soonest first, strictly after
   * `after`, with seats sold and held at `now` and the amounts of their bookings in `saleStatuses`.
   */
  pageWithOccupancy(query: ShowPageQuery, now: Date, saleStatuses: readonly BookingStatus[]): Promise<ShowWithOccupancy[]>;
  idsOfMovie(movieId: string): Promise<string[]>;
  /** Shows not cancelled starting in [from, to). */
  listStartingBetween(from: Date, to: Date): Promise<ShowRecord[]>;
  count(): Promise<number>;
  /** Shows not cancelled starting after the instant. */
  countStartingAfter(instant: Date): Promise<number>;
  /** Marks the show cancelled at `now` unless it already was; the show as it now is, null when missing. */
  cancel(id: string, now: Date): Promise<ShowRecord | null>;
}

/**
 * Bookings and seat claims. Each method is one atomic step in the database's own idiom; what
 * the steps mean for a booking (when a hold lapses, what a late payment gets, what a removed
 * user's holds become) is decided in server/src/bookings/. A seat is free when nobody claims it
 * or its claim is a hold that expired at or before the `now` given.
 */
export interface BookingRepository {
  /**
   * Writes a held booking and claims its seats, if the show is not cancelled, each seat is free
   * and the user's live holds fit the caps; otherwise writes nothing and says why.
   */
  hold(hold: NewHold, caps: HoldCaps): Promise<HoldResult>;
  setPayment(id: string, paymentLink: string, paymentRef: string): Promise<void>;
  get(id: string): Promise<BookingRecord | null>;
  listForUser(userId: string): Promise<BookingRecord[]>;
  /** A page of bookings in creation order (`newest` first or `oldest` first), strictly after `after`. */
  page(query: BookingPageQuery): Promise<BookingRecord[]>;
  listForShow(showId: string, statuses: readonly BookingStatus[]): Promise<BookingRecord[]>;
  /** Seats sold, blocked, or held by a hold live at `now`. */
  occupiedSeats(showId: string, now: Date): Promise<string[]>;
  /**
   * Takes seats off sale: each must be free or a lapsed hold at `now` (or blocked already); all
   * or none. A blocked seat is owned by no booking, so no hold or sale can take it, in the same
   * atomic step that decides every claim.
   */
  blockSeats(input: { showId: string; seats: string[]; now: Date }): Promise<{ ok: true } | { ok: false; takenSeats: string[] }>;
  /** Puts blocked seats back on sale; seats not blocked are left alone. Returns how many were unblocked. */
  unblockSeats(input: { showId: string; seats: string[] }): Promise<number>;
  listBlockedSeats(showId: string): Promise<string[]>;
  /**
   * Sells the booking's seats and marks it paid, together with its `booking.paid` effect, if its
   * status is one of `from` and each of its seats is its own, free, or a lapsed hold at `now`.
   * Null when nothing was written.
   */
  sell(input: { bookingId: string; from: readonly BookingStatus[]; paymentRef: string; now: Date }): Promise<BookingRecord | null>;
  /**
   * Marks the booking refunded, together with its `refund.owed` effect, and frees its seat
   * claims, if its status is one of `from` and (with `unlessAdmitted`) none of its seats was
   * admitted at the door. A seat admitted at the door keeps its claim: it stays taken for the
   * show. `note` is kept with the booking. Null when nothing was written.
   */
  oweRefund(input: {
    bookingId: string;
    from: readonly BookingStatus[];
    paymentRef: string;
    now: Date;
    unlessAdmitted: boolean;
    note?: string | null;
  }): Promise<BookingRecord | null>;
  /**
   * Gives back some seats of a paid booking, if it is still paid with exactly the seats `seen`:
   * the booking keeps `keep` at `keepAmountMinor`, and the given-back seats become a booking of
   * their own (`part`: refunded, same user, show and payment, with `note`) with its `refund.owed`
   * effect; their claims are freed, except those of seats admitted at the door, which stay taken.
   * With `unlessAdmitted`, nothing is written if a given-back seat was admitted. Null when nothing
   * was written (the booking changed meanwhile, or that refusal).
   */
  giveBack(input: {
    bookingId: string;
    seen: readonly string[];
    keep: string[];
    keepAmountMinor: number;
    part: { id: string; seats: string[]; amountMinor: number; note?: string | null };
    now: Date;
    unlessAdmitted: boolean;
  }): Promise<{ booking: BookingRecord; part: BookingRecord } | null>;
  /**
   * Moves a booking from `from` to `to` and frees its unpaid seat claims, if it is still `from`
   * and, when `lapsedBy` is given, its hold expired at or before that instant. `clearHoldExpiry`
   * empties `holdExpiresAt`; otherwise it is kept.
   */
  release(input: { bookingId: string; from: BookingStatus; to: BookingStatus; lapsedBy?: Date; clearHoldExpiry: boolean; now: Date }): Promise<BookingRecord | null>;
  /** Ids of bookings still `held` whose hold expired at or before `now`, oldest first. */
  lapsedHolds(now: Date, limit: number): Promise<string[]>;
  /**
   * Finishes writes a crash cut in half, where the store has no multi-document transactions
   * (MongoDB); a no-op elsewhere. Returns how many bookings it repaired.
   */
  finishInterruptedWrites(now: Date): Promise<number>;
  /**
   * Count and sum of the bookings in `statuses`, and per `periodMinutes` (whole quarter hours) of
   * payment since `since`. Called for every view of the admin dashboard, so best answered without
   * reading every booking ever sold (PostgreSQL keeps running totals; MongoDB still sums them).
   */
  sales(statuses: readonly BookingStatus[], since: Date, periodMinutes: number): Promise<SalesFigures>;
}

export interface CinemaRecord {
  id: string;
  name: string;
  address: string;
  city: string;
  timeZone: string;
}

/** The chain's cinemas. */
export interface CinemaRepository {
  /** Every cinema, by name. */
  list(): Promise<CinemaRecord[]>;
  get(id: string): Promise<CinemaRecord | null>;
  /** Inserts the cinema unless its id is taken; true when this call inserted it. */
  insertIfAbsent(cinema: CinemaRecord): Promise<boolean>;
  /** Replaces its fields; null when there is no such cinema. */
  update(cinema: CinemaRecord): Promise<CinemaRecord | null>;
}

/** Screens and their seat maps. */
export interface ScreenRepository {
  /** Every screen, by name. */
  list(): Promise<ScreenRecord[]>;
  get(id: string): Promise<ScreenRecord | null>;
  /** Inserts the screen unless its id is taken; true when this call inserted it. */
  insertIfAbsent(screen: ScreenRecord): Promise<boolean>;
  /**
   * Replaces name and seat map and adds one to the version, if the screen exists and (when given)
   * is still at `expectedVersion`. Null when nothing was written.
   */
  update(id: string, change: Pick<ScreenRecord, "name" | "cinemaId" | "layout" | "updatedAt">, expectedVersion?: number): Promise<ScreenRecord | null>;
}

/** The effects owed after booking changes, delivered by the job runner until done. */
export interface EffectQueue {
  /** Hands out due effects, each to one caller: it is not due again before `leaseUntil`. */
  due(now: Date, leaseUntil: Date, limit: number): Promise<Effect[]>;
  done(effect: Effect, now: Date): Promise<void>;
  /** Due again at `retryAt`, or never when `giveUp`; the error is kept for the admin. */
  failed(effect: Effect, error: string, retryAt: Date, giveUp: boolean): Promise<void>;
  /** Effects not yet done (pending or given up), for the admin and tests. */
  open(): Promise<(Effect & { status: "pending" | "failed"; lastError: string | null })[]>;
}

export interface EventLog {
  /** Whether an external event id was recorded (its handling finished before). */
  seen(eventId: string): Promise<boolean>;
  /** Records an external event id; false when it was recorded before (a replay). */
  recordOnce(eventId: string, source: string): Promise<boolean>;
}

export interface Outbox {
  /** Queues a message; false when one with the same key was queued before. */
  enqueue(message: MailMessage, now: Date): Promise<boolean>;
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  markSent(id: string, now: Date): Promise<void>;
  markFailed(id: string, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void>;
  list(): Promise<OutboxItem[]>;
  /** Messages still to send (the backlog) and messages given up on. */
  counts(): Promise<{ pending: number; failed: number }>;
}

export interface WaitlistRecord {
  id: string;
  showId: string;
  userId: string;
  seats: number;
  /** Only seats of this category will do; null for any. */
  category: string | null;
  status: WaitlistStatus;
  /** The held booking of an offer. */
  bookingId: string | null;
  joinedAt: Date;
}

/** The lines for sold-out shows; who gets offered what is decided in server/src/waitlist/. */
export interface WaitlistRepository {
  /** Puts the user in line unless already waiting or offered for that show (then null). */
  join(entry: Pick<WaitlistRecord, "id" | "showId" | "userId" | "seats" | "category" | "joinedAt">): Promise<WaitlistRecord | null>;
  /** Entries of a show in `statuses`, first come first. */
  ofShow(showId: string, statuses: readonly WaitlistStatus[], limit: number): Promise<WaitlistRecord[]>;
  /** The user's entries in `statuses`, newest first. */
  ofUser(userId: string, statuses: readonly WaitlistStatus[]): Promise<WaitlistRecord[]>;
  /** Moves an entry from `from` to `to` (setting its offer's booking when given), if it is still `from`. */
  move(entryId: string, from: WaitlistStatus, to: WaitlistStatus, bookingId?: string | null): Promise<boolean>;
  /** Shows that have someone in `statuses`. */
  showsWith(statuses: readonly WaitlistStatus[], limit: number): Promise<string[]>;
  /** Gives the caller the show's line until `until`, unless another caller holds it past `now`. */
  lease(showId: string, now: Date, until: Date): Promise<boolean>;
  /** Hands the show's line back before its lease runs out. */
  unlease(showId: string): Promise<void>;
}

/** A ticket (a booking's seat) let in at the door. A ticket is admitted once, ever. */
export interface AdmissionRecord {
  bookingId: string;
  seat: string;
  showId: string;
  admittedAt: Date;
  /** The staff member's user id, and their name as it was then. */
  admittedBy: string;
  admittedByName: string;
  /** The scanning device's name, when it gave one. */
  device: string | null;
}

/** What one attempt at the door found and did. */
export interface AdmitResult {
  /** The booking as it was judged; null when there is no booking of that id. */
  booking: BookingRecord | null;
  /** Its holder's name, read in the same step (null when the account is gone). */
  holderName: string | null;
  /** True when this call wrote `admission`. */
  admitted: boolean;
  /**
   * The admission this call wrote, or the earlier one of the same ticket; null when the booking
   * did not meet the condition (nothing was written).
   */
  admission: AdmissionRecord | null;
}

/** Admissions at the door; whether a ticket may be admitted at all is decided in server/src/tickets/. */
export interface TicketRepository {
  /**
   * Records the admission once, in one step with the check of its booking: only while the booking
   * has `bookingStatus`, is for the admission's show and still holds its seat, and only if that
   * ticket (booking, seat) was never admitted; otherwise answers the earlier admission. A booking
   * cancelled at the same moment is either seen cancelled or cancelled after the admission, never
   * admitted on a stale read (MongoDB reads the booking just before writing: see its adapter).
   */
  admit(admission: AdmissionRecord, condition: { bookingStatus: BookingStatus }): Promise<AdmitResult>;
  /**
   * The seats of the booking let in at the door, as the step that refuses refunds of them sees
   * them (MongoDB: the booking's own `admittedSeats`, written before the admission document).
   */
  admittedSeatsOf(bookingId: string): Promise<string[]>;
  /** The admissions of a booking's tickets. */
  listAdmissionsOf(bookingId: string): Promise<AdmissionRecord[]>;
  /** The admissions of a show's tickets, oldest first: what door devices keep to refuse a second entry offline. */
  listAdmissionsOfShow(showId: string): Promise<AdmissionRecord[]>;
  /** Tickets admitted per show, for the shows given; a show with none is absent. */
  countAdmitted(showIds: string[]): Promise<Map<string, number>>;
  /** Bookings whose id lies in [from, to] (UUID order), at most `limit`: a booking reference typed at the door names such a range. */
  findBookingsInIdRange(from: string, to: string, limit: number): Promise<BookingRecord[]>;
}

/** Values generated once and then shared by every instance on the database (the ticket signing key). */
export interface SecretStore {
  /** Stores `value` under `name` unless a value is stored there; answers the stored value (the first writer wins). */
  keepFirst(name: string, value: string): Promise<string>;
}

export interface Storage {
  readonly kind: "pglite" | "postgres" | "mongo";
  readonly users: UserRepository;
  readonly movies: MovieRepository;
  readonly shows: ShowRepository;
  readonly screens: ScreenRepository;
  readonly cinemas: CinemaRepository;
  readonly bookings: BookingRepository;
  readonly events: EventLog;
  readonly outbox: Outbox;
  readonly effects: EffectQueue;
  readonly waitlist: WaitlistRepository;
  readonly tickets: TicketRepository;
  readonly secrets: SecretStore;
  ping(): Promise<boolean>;
  /** Connections of a database server's pool, for metrics (absent for the embedded PGlite). */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Connections running a query or a transaction now. */
  inUse: number;
  /** Requests waiting for a free connection. */
  waiting: number;
}
