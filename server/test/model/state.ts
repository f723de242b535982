/**
 * The small in-memory model of one show's box office that the stateful test drives the real API
 * against: what should be true after each command, written from the rules as a customer, the
 * counter and the door see them, not from the code.
 */
export const seatsInPlay = ["A1", "A2", "A3", "A4", "A5", "A6"];
export const limits = { holdMinutes: 10, perBooking: 3, holdsPerShow: 2, seatsAcrossShows: 4, cutoffMinutes: 10, priceMinor: 1250 };

export interface ModelBooking {
  id: string;
  user: number;
  seats: string[];
  amountMinor: number;
  /** As stored: held, paid, cancelled, refunded or expired; a held one past its expiry reads as expired. */
  status: "held" | "paid" | "cancelled" | "refunded" | "expired";
  holdExpiresAt: Date;
  /** The payment it was bought with (its own, or the booking a given-back part came from). */
  ref: string;
  /** A payment reached it (paid, or refunded at once as a late payer). */
  charged: boolean;
  /** It was ever paid, so its confirmation is owed. */
  everPaid: boolean;
  paymentLink: string | null;
}

export interface ModelEntry {
  user: number;
  seats: number;
  status: "waiting" | "offered" | "accepted" | "lapsed" | "left";
  bookingId: string | null;
  order: number;
}

export class ShowModel {
  bookings = new Map<string, ModelBooking>();
  blocked = new Set<string>();
  /** Seats let in at the door, by the booking whose ticket was scanned. */
  admitted = new Map<string, string>();
  /** Admitted seats whose money went back (the counter forced it): taken for the show for good. */
  stuck = new Set<string>();
  /** Charged per payment, minor units. */
  charges = new Map<string, number>();
  entries: ModelEntry[] = [];
  cancelled = false;
  /** Tickets (signed codes) of each booking's seats, read while it was paid. */
  tickets = new Map<string, Map<string, string>>();

  constructor(
    public now: Date,
    readonly startsAt: Date,
  ) {}

  status(b: ModelBooking): ModelBooking["status"] {
    return b.status === "held" && b.holdExpiresAt <= this.now ? "expired" : b.status;
  }

  liveHolds() {
    return [...this.bookings.values()].filter((b) => this.status(b) === "held");
  }

  /** Seats nobody (but the booking `except`) may take: blocked, held live, sold, or admitted and refunded by force. */
  occupied(except?: string) {
    const taken = new Set([...this.blocked, ...this.stuck]);
    for (const b of this.bookings.values()) if (b.id !== except && ["held", "paid"].includes(this.status(b))) b.seats.forEach((s) => taken.add(s));
    return taken;
  }

  free() {
    const taken = this.occupied();
    return seatsInPlay.filter((s) => !taken.has(s));
  }

  /** Why the caps refuse a hold of `seats` more seats for the user, or null. */
  overCaps(user: number, seats: number) {
    const mine = this.liveHolds().filter((b) => b.user === user);
    if (mine.length + 1 > limits.holdsPerShow) return "holds_per_show";
    if (mine.reduce((n, b) => n + b.seats.length, 0) + seats > limits.seatsAcrossShows) return "seats_across_shows";
    return null;
  }

  beforeCutoff() {
    return this.now.getTime() < this.startsAt.getTime() - limits.cutoffMinutes * 60_000;
  }

  admittedOf(bookingId: string, seats: readonly string[]) {
    return seats.filter((s) => this.admitted.get(s) === bookingId);
  }

  charge(b: ModelBooking) {
    b.charged = true;
    this.charges.set(b.ref, (this.charges.get(b.ref) ?? 0) + b.amountMinor);
  }

  /** The money paid back for a booking refunded now: its admitted seats stay taken. */
  refund(b: ModelBooking) {
    b.status = "refunded";
    for (const s of this.admittedOf(b.id, b.seats)) this.stuck.add(s);
  }

  /** The seats that give a booking of `seats` back: the rest stays, the part is refunded on its own. */
  giveBack(b: ModelBooking, seats: string[], partId: string) {
    b.seats = b.seats.filter((s) => !seats.includes(s));
    b.amountMinor -= seats.length * limits.priceMinor;
    const part: ModelBooking = { ...b, id: partId, seats, amountMinor: seats.length * limits.priceMinor, status: "refunded", paymentLink: null, everPaid: false };
    this.bookings.set(partId, part);
    for (const s of seats) if (this.admitted.get(s) === b.id) this.stuck.add(s);
    return part;
  }

  /** A hold the API answered with, or an offer the runner made: live until its expiry. */
  addHold(id: string, user: number, seats: string[], paymentLink: string | null, holdExpiresAt = new Date(this.now.getTime() + limits.holdMinutes * 60_000)) {
    const b: ModelBooking = { id, user, seats, amountMinor: seats.length * limits.priceMinor, status: "held", holdExpiresAt, ref: id, charged: false, everPaid: false, paymentLink };
    this.bookings.set(id, b);
    return b;
  }

  entryOf(user: number) {
    return this.entries.find((e) => e.user === user && (e.status === "waiting" || e.status === "offered"));
  }
}
