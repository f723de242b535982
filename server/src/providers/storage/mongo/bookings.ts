import type { BookingRecord, DashboardTotals, HoldResult, NewHold, PaymentOutcome } from "../interface.ts";
import type { BookingDoc, Models, SeatClaim, ShowDoc } from "./models.ts";
import { idFilter, idString, minorToMajor, paidFilter, payableFilter, seatIsFree, seatPath, statusOf, toBooking } from "./records.ts";

/**
 * Bookings on MongoDB without multi-document transactions (FerretDB and single nodes have
 * none). Who owns a seat is decided only by the show document's `occupiedSeats` map, changed
 * by single-document conditional updates, which MongoDB applies atomically:
 *
 * - hold: ONE update sets every requested seat to `{booking, user, expiresAt}` and matches only
 *   if each seat is absent or a lapsed hold. Two racing buyers cannot both match.
 * - confirmPayment: ONE update turns the seats into a sale (`expiresAt: null`) if each is still
 *   this booking's, lapsed or free; then the booking is marked paid conditionally.
 * - cancel / expire: the booking's status moves first (conditional), then each seat is
 *   released only if it is still this booking's unpaid claim.
 *
 * The booking document is written after the seats are claimed. A crash between the two leaves
 * a claim without a booking, which lapses at its expiry like any abandoned hold; a crash after
 * a status change but before the release leaves claims that lapse the same way. No failure
 * leaves a seat owned twice, or a booking listed that does not own its seats.
 */
export function mongoBookings({ Show, Booking, User }: Models, defaultCurrency: string) {
  const record = toBooking(defaultCurrency);

  const getDoc = (id: string) => Booking.findOne({ _id: idFilter(id) }).lean<BookingDoc>();

  /** Matches a seat that a new hold may take at `now`. */
  const takeable = (seat: string, now: Date, alsoOwnedBy?: string) => {
    const path = seatPath(seat);
    return {
      $or: [
        { [path]: { $exists: false } },
        { [`${path}.expiresAt`]: { $lte: now } },
        ...(alsoOwnedBy ? [{ [`${path}.booking`]: alsoOwnedBy }] : []),
      ],
    };
  };

  /** One atomic update claiming all seats, or none of them. */
  async function claim(showId: string, seats: string[], owner: SeatClaim, now: Date, mayRetake: boolean) {
    const result = await Show.updateOne(
      { _id: idFilter(showId), $and: seats.map((s) => takeable(s, now, mayRetake ? owner.booking : undefined)) },
      { $set: Object.fromEntries(seats.map((s) => [seatPath(s), owner])) },
    );
    return result.matchedCount === 1;
  }

  /** Seats of `seats` not free for `bookingId` at `now`, read after a failed claim for the message. */
  async function takenOf(showId: string, seats: string[], now: Date) {
    const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1 }).lean<ShowDoc>();
    if (!show) return null;
    return seats.filter((s) => !seatIsFree(show.occupiedSeats?.[s], now));
  }

  /**
   * Gives seats back, each only while it is still this booking's claim of the given kind, so a
   * seat that lapsed and was re-sold in between is never touched.
   */
  async function release(showId: string, bookingId: string, seats: string[], which: "unpaid" | "lapsed" | "any", now: Date) {
    await Promise.all(
      seats.map((seat) => {
        const path = seatPath(seat);
        const expiry =
          which === "unpaid" ? { [`${path}.expiresAt`]: { $ne: null } } : which === "lapsed" ? { [`${path}.expiresAt`]: { $lte: now } } : {};
        return Show.updateOne({ _id: idFilter(showId), [`${path}.booking`]: bookingId, ...expiry }, { $unset: { [path]: "" } });
      }),
    );
  }

  async function cancel(bookingId: string, now: Date): Promise<BookingRecord | null> {
    const cancelled = await Booking.findOneAndUpdate(
      { _id: idFilter(bookingId), status: "held" },
      { $set: { status: "cancelled", holdExpiresAt: null, updatedAt: now } },
      { returnDocument: "after" },
    ).lean<BookingDoc>();
    if (!cancelled) return null;
    await release(cancelled.show, String(bookingId), cancelled.bookedSeats, "unpaid", now);
    return record(cancelled);
  }

  async function expireIfLapsed(bookingId: string, now: Date) {
    const expired = await Booking.findOneAndUpdate(
      { _id: idFilter(bookingId), status: "held", holdExpiresAt: { $lte: now } },
      { $set: { status: "expired", updatedAt: now } },
      { returnDocument: "after" },
    ).lean<BookingDoc>();
    if (!expired) return false;
    await release(expired.show, String(bookingId), expired.bookedSeats, "lapsed", now);
    return true;
  }

  const markPaid = (bookingId: string, paymentRef: string, paidAt: Date) =>
    Booking.findOneAndUpdate(
      { $and: [{ _id: idFilter(bookingId) }, payableFilter] },
      {
        $set: { status: "paid", isPaid: true, paidAt, paymentRef, holdExpiresAt: null, confirmingRef: null, confirmingAt: null, updatedAt: paidAt },
      },
      { returnDocument: "after" },
    ).lean<BookingDoc>();

  /**
   * Finishes confirmations a crash interrupted: a booking whose seats were all sold to it is
   * marked paid (the money had arrived); a closed booking gives back any seat sold to it. One
   * that never got its seats is left for the payment's retry, which confirms or refunds it.
   */
  async function recoverInterruptedPayments(now: Date) {
    const interrupted = await Booking.find({ confirmingAt: { $ne: null } }).lean<BookingDoc[]>();
    let recovered = 0;
    for (const doc of interrupted) {
      const id = idString(doc._id);
      const status = statusOf(doc);
      if (status === "cancelled" || status === "refunded") {
        await release(doc.show, id, doc.bookedSeats, "any", now);
        await Booking.updateOne({ _id: doc._id, status }, { $set: { confirmingRef: null, confirmingAt: null } });
        continue;
      }
      if (status === "paid") {
        await Booking.updateOne({ _id: doc._id, status }, { $set: { confirmingRef: null, confirmingAt: null } });
        continue;
      }
      const show = await Show.findOne({ _id: idFilter(doc.show) }, { occupiedSeats: 1 }).lean<ShowDoc>();
      const seats = show?.occupiedSeats ?? {};
      const allSold = doc.bookedSeats.every((seat) => {
        const entry = seats[seat];
        return typeof entry === "object" && entry !== null && entry.booking === id && entry.expiresAt === null;
      });
      if (allSold && (await markPaid(id, doc.confirmingRef ?? "", doc.confirmingAt ?? now))) recovered++;
    }
    return recovered;
  }

  /** The money came in but the seats are gone or the booking was closed: owe a refund, once. */
  async function refund(bookingId: string, paymentRef: string, now: Date): Promise<PaymentOutcome> {
    const refunded = await Booking.findOneAndUpdate(
      { $and: [{ _id: idFilter(bookingId) }, { $or: [{ status: "cancelled" }, payableFilter] }] },
      { $set: { status: "refunded", paymentRef, holdExpiresAt: null, confirmingRef: null, confirmingAt: null, updatedAt: now } },
      { returnDocument: "after" },
    ).lean<BookingDoc>();
    if (refunded) {
      // A refunded booking owns no seat, not even one an interrupted confirmation sold it.
      await release(refunded.show, String(bookingId), refunded.bookedSeats, "any", now);
      return { outcome: "refund_required", booking: record(refunded), firstTime: true };
    }
    const doc = await getDoc(bookingId);
    if (!doc) return { outcome: "not_found" };
    if (statusOf(doc) === "paid") return { outcome: "already_paid", booking: record(doc) };
    return { outcome: "refund_required", booking: record(doc), firstTime: false };
  }

  return {
    async hold(hold: NewHold): Promise<HoldResult> {
      const bookingId = String(hold.id);
      const owner: SeatClaim = { booking: bookingId, user: String(hold.userId), expiresAt: hold.holdExpiresAt };
      // A failed claim is re-read to name the taken seats; if they were freed in the meantime
      // (a cancel), the claim is simply tried again.
      let claimed = false;
      for (let attempt = 0; attempt < 3 && !claimed; attempt++) {
        claimed = await claim(hold.showId, hold.seats, owner, hold.now, false);
        if (claimed) break;
        const taken = await takenOf(hold.showId, hold.seats, hold.now);
        if (taken === null) throw new Error(`Show ${hold.showId} does not exist`);
        if (taken.length > 0) return { ok: false, takenSeats: taken };
      }
      if (!claimed) return { ok: false, takenSeats: hold.seats };

      const doc: BookingDoc = {
        _id: bookingId,
        user: String(hold.userId),
        show: String(hold.showId),
        amount: minorToMajor(hold.amountMinor, hold.currency),
        amountMinor: hold.amountMinor,
        currency: hold.currency,
        bookedSeats: hold.seats,
        isPaid: false,
        paymentLink: null,
        status: "held",
        holdExpiresAt: hold.holdExpiresAt,
        paymentRef: null,
        paidAt: null,
        createdAt: hold.now,
        updatedAt: hold.now,
      };
      try {
        await Booking.create(doc);
      } catch (error) {
        await release(hold.showId, bookingId, hold.seats, "any", hold.now).catch(() => {});
        throw error;
      }
      return { ok: true, booking: record(doc) };
    },

    async setPayment(id: string, paymentLink: string, paymentRef: string) {
      await Booking.updateOne({ _id: idFilter(id) }, { $set: { paymentLink, paymentRef } });
    },

    async get(id: string) {
      const doc = await getDoc(id);
      return doc ? record(doc) : null;
    },

    async listForUser(userId: string) {
      const docs = await Booking.find({ user: String(userId) }).sort({ createdAt: -1, _id: -1 }).lean<BookingDoc[]>();
      return docs.map(record);
    },

    async countLiveHolds(userId: string, showId: string, now: Date) {
      return Booking.countDocuments({ user: String(userId), show: String(showId), status: "held", holdExpiresAt: { $gt: now } });
    },

    async listAll() {
      const docs = await Booking.find({}).sort({ createdAt: -1, _id: -1 }).lean<BookingDoc[]>();
      return docs.map(record);
    },

    async listPaidForShow(showId: string) {
      const docs = await Booking.find({ $and: [{ show: String(showId) }, paidFilter] }).lean<BookingDoc[]>();
      return docs.map(record);
    },

    async occupiedSeats(showId: string, now: Date) {
      const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1 }).lean<ShowDoc>();
      return Object.entries(show?.occupiedSeats ?? {})
        .filter(([, entry]) => !seatIsFree(entry, now))
        .map(([seat]) => seat);
    },

    async confirmPayment({ bookingId, paymentRef, now }: { bookingId: string; paymentRef: string; now: Date }): Promise<PaymentOutcome> {
      const doc = await getDoc(bookingId);
      if (!doc) return { outcome: "not_found" };
      const status = statusOf(doc);
      if (status === "paid") return { outcome: "already_paid", booking: record(doc) };
      if (status === "cancelled" || status === "refunded") return refund(bookingId, paymentRef, now);

      const id = String(bookingId);
      // Write-ahead: a crash between selling the seats and marking the booking paid is
      // finished by recoverInterruptedPayments (at start and with every sweep).
      await Booking.updateOne({ $and: [{ _id: idFilter(bookingId) }, payableFilter] }, { $set: { confirmingRef: paymentRef, confirmingAt: now } });
      const sold: SeatClaim = { booking: id, user: doc.user, expiresAt: null };
      if (await claim(doc.show, doc.bookedSeats, sold, now, true)) {
        const paid = await markPaid(bookingId, paymentRef, now);
        if (paid) return { outcome: "paid", booking: record(paid) };
        const again = await getDoc(bookingId);
        if (again && statusOf(again) === "paid") return { outcome: "already_paid", booking: record(again) };
        // Cancelled while we were claiming: the seats we just sold go back, the money too.
        await release(doc.show, id, doc.bookedSeats, "any", now);
      }
      return refund(bookingId, paymentRef, now);
    },

    cancel,
    expireIfLapsed,
    recoverInterruptedPayments,

    async expireLapsedHolds(now: Date) {
      await recoverInterruptedPayments(now);
      const lapsed = await Booking.find({ status: "held", holdExpiresAt: { $lte: now } }, { _id: 1 }).lean<{ _id: unknown }[]>();
      const ids = lapsed.map((b) => String(b._id));
      const done = await Promise.all(ids.map((id) => expireIfLapsed(id, now)));
      return ids.filter((_, i) => done[i]);
    },

    /**
     * Totals over paid bookings, summed here rather than by $group: the tutorial's documents
     * carry major units, ours minor units, and each needs its own conversion.
     */
    async dashboard(now: Date, timeZone: string, days: number): Promise<DashboardTotals> {
      const since = now.getTime() - days * 24 * 3600_000;
      const localDay = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
      const paid = await Booking.find(paidFilter, {
        amount: 1,
        amountMinor: 1,
        currency: 1,
        paidAt: 1,
        createdAt: 1,
        updatedAt: 1,
        status: 1,
        isPaid: 1,
      }).lean<BookingDoc[]>();
      let totalRevenueMinor = 0;
      const byDay = new Map<string, { revenueMinor: number; bookings: number }>();
      for (const doc of paid) {
        const b = record(doc);
        totalRevenueMinor += b.amountMinor;
        if (!b.paidAt || b.paidAt.getTime() < since) continue;
        const parts = Object.fromEntries(localDay.formatToParts(b.paidAt).map((p) => [p.type, p.value]));
        const date = `${parts.year}-${parts.month}-${parts.day}`;
        const day = byDay.get(date) ?? { revenueMinor: 0, bookings: 0 };
        day.revenueMinor += b.amountMinor;
        day.bookings += 1;
        byDay.set(date, day);
      }
      const [activeShows, totalUsers] = await Promise.all([
        Show.countDocuments({ showDateTime: { $gt: now } }),
        User.countDocuments({}),
      ]);
      return {
        totalBookings: paid.length,
        totalRevenueMinor,
        activeShows,
        totalUsers,
        revenueByDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d })),
      };
    },
  };
}
