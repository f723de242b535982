import { AppError } from "../../../errors.ts";
import type { BookingStatus } from "@quickshow/contracts";
import type { BookingRecord, BookingRepository, HoldResult } from "../interface.ts";
import type { CleanUpFailed } from "./clean-up.ts";
import { holdLedger } from "./hold-ledger.ts";
import { idFilter, idString, seatPath } from "./ids.ts";
import { onSale, seatIsBlocked, seatIsFree, statusIn, statusOf, toBooking } from "./mapping.ts";
import { type BookingDoc, type EffectDoc, effectFields, type Models, type SeatClaim, type ShowDoc } from "./models.ts";
import { toMajorUnits } from "../../../money.ts";

const owed = (now: Date): EffectDoc => ({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, doneAt: null });

/**
 * Bookings on MongoDB without multi-document transactions (FerretDB and single nodes have
 * none). Who owns a seat is decided only by the show document's `occupiedSeats` map, changed
 * by single-document conditional updates, which MongoDB applies atomically:
 *
 * - hold: ONE update sets every requested seat to `{booking, user, expiresAt}`, matching only if
 *   each seat is absent or a lapsed hold, so two racing buyers cannot both match; then the user's
 *   hold ledger admits it under the caps (hold-ledger.ts), or the seats go back at once; then the
 *   booking is inserted.
 * - sell: a write-ahead marker on the booking; ONE update turns the seats into a sale
 *   (`expiresAt: null`) if each is still this booking's, lapsed or free; then the booking is
 *   marked paid, with its owed confirmation, by one conditional update.
 * - oweRefund / release: the booking's status moves first (conditional), then each seat is
 *   released only if it is still this booking's unpaid claim.
 * - giveBack: ONE conditional update shrinks the paid booking and records the part it gives
 *   back (`givingBack`); then the part is inserted (an upsert, so a repeat is harmless) with its
 *   owed refund, its seats are released, and the record is cleared.
 *
 * A crash between steps never leaves a seat owned twice: a claim without a booking lapses at its
 * expiry like any abandoned hold, and a sale cut short is finished by finishInterruptedWrites.
 */
export function mongoBookings(models: Models, defaultCurrency: string, cleanUpFailed: CleanUpFailed = () => () => {}): BookingRepository {
  const { Show, Booking } = models;
  const record = toBooking(defaultCurrency);
  const ledger = holdLedger(models);

  const getDoc = (id: string) => Booking.findOne({ _id: idFilter(id) }).lean<BookingDoc>();
  const inStatus = (bookingId: string, statuses: readonly BookingStatus[]) => ({ $and: [{ _id: idFilter(bookingId) }, statusIn(statuses)] });

  /** Matches a seat the owner may take at `now`: free, a lapsed hold, or (when selling) already its own. */
  const takeable = (seat: string, now: Date, owner?: string) => {
    const path = seatPath(seat);
    return {
      $or: [{ [path]: { $exists: false } }, { [`${path}.expiresAt`]: { $lte: now } }, ...(owner ? [{ [`${path}.booking`]: owner }] : [])],
    };
  };

  /** One atomic update claiming all seats, or none of them. */
  async function claim(showId: string, seats: string[], owner: SeatClaim, now: Date, ownSeatsToo: boolean) {
    const result = await Show.updateOne(
      { _id: idFilter(showId), ...(ownSeatsToo ? {} : onSale), $and: seats.map((s) => takeable(s, now, ownSeatsToo ? owner.booking : undefined)) },
      { $set: Object.fromEntries(seats.map((s) => [seatPath(s), owner])) },
    );
    return result.matchedCount === 1;
  }

  /** Why a claim failed: the seats not free at `now`, or the show cancelled; null when the show is missing. */
  async function whyRefused(showId: string, seats: string[], now: Date) {
    const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1, cancelledAt: 1 }).lean<ShowDoc>();
    if (!show) return null;
    if (show.cancelledAt) return "show_cancelled" as const;
    return seats.filter((s) => !seatIsFree(show.occupiedSeats?.[s], now));
  }

  /** Gives seats back, each only while it is still this booking's claim (unpaid ones, or any). */
  async function releaseSeats(showId: string, bookingId: string, seats: string[], which: "unpaid" | "any") {
    await Promise.all(
      seats.map((seat) => {
        const path = seatPath(seat);
        const unpaid = which === "unpaid" ? { [`${path}.expiresAt`]: { $ne: null } } : {};
        return Show.updateOne({ _id: idFilter(showId), [`${path}.booking`]: bookingId, ...unpaid }, { $unset: { [path]: "" } });
      }),
    );
  }

  const markPaid = (bookingId: string, from: readonly BookingStatus[], paymentRef: string, paidAt: Date) =>
    Booking.findOneAndUpdate(
      inStatus(bookingId, from),
      {
        $set: {
          status: "paid",
          isPaid: true,
          paidAt,
          paymentRef,
          holdExpiresAt: null,
          confirmingRef: null,
          confirmingAt: null,
          updatedAt: paidAt,
          [`effects.${effectFields["booking.paid"]}`]: owed(paidAt),
        },
      },
      { returnDocument: "after" },
    ).lean<BookingDoc>();

  /** The seats among `seats` whose claims may go: those not let in at the door. */
  const notAdmitted = (doc: BookingDoc, seats: string[]) => seats.filter((s) => !doc.admittedSeats?.includes(s));

  /** The steps of a give-back after the booking shrank; each is safe to run again. */
  async function settleGiveBack(doc: BookingDoc, now: Date) {
    const part = doc.givingBack;
    if (!part) return;
    const id = idString(doc._id);
    const currency = doc.currency ?? defaultCurrency;
    const partDoc: Omit<BookingDoc, "_id"> = {
      user: doc.user,
      show: doc.show,
      amount: toMajorUnits(part.amountMinor, currency),
      amountMinor: part.amountMinor,
      currency,
      bookedSeats: part.seats,
      isPaid: false,
      paymentLink: null,
      status: "refunded",
      holdExpiresAt: null,
      paymentRef: doc.paymentRef ?? null,
      paidAt: doc.paidAt ?? null,
      refundNote: part.note ?? null,
      effects: { [effectFields["refund.owed"]]: owed(now) },
      createdAt: now,
      updatedAt: now,
    };
    await Booking.updateOne({ _id: part.id }, { $setOnInsert: partDoc }, { upsert: true });
    await releaseSeats(doc.show, id, notAdmitted(doc, part.seats), "any");
    await Booking.updateOne({ _id: doc._id, "givingBack.id": part.id }, { $set: { givingBack: null } });
  }

  async function finishInterruptedWrites(now: Date) {
    let repaired = 0;
    for (const doc of await Booking.find({ givingBack: { $ne: null } }).lean<BookingDoc[]>()) {
      await settleGiveBack(doc, now);
      repaired++;
    }
    const interrupted = await Booking.find({ confirmingAt: { $ne: null } }).lean<BookingDoc[]>();
    for (const doc of interrupted) {
      const id = idString(doc._id);
      const status = statusOf(doc);
      if (status === "paid" || status === "cancelled" || status === "refunded") {
        // A closed booking owns no seat, not even one a sale cut short gave it.
        if (status !== "paid") await releaseSeats(doc.show, id, notAdmitted(doc, doc.bookedSeats), "any");
        await Booking.updateOne({ _id: doc._id, status }, { $set: { confirmingRef: null, confirmingAt: null } });
        continue;
      }
      const show = await Show.findOne({ _id: idFilter(doc.show) }, { occupiedSeats: 1 }).lean<ShowDoc>();
      const seats = show?.occupiedSeats ?? {};
      const allSold = doc.bookedSeats.every((seat) => {
        const entry = seats[seat];
        return typeof entry === "object" && entry !== null && "booking" in entry && entry.booking === id && entry.expiresAt === null;
      });
      // The seats were sold to it: the money had arrived. Otherwise the payment's retry decides.
      if (allSold && (await markPaid(id, [status], doc.confirmingRef ?? "", doc.confirmingAt ?? now))) repaired++;
    }
    return repaired;
  }

  return {
    async hold(hold, caps): Promise<HoldResult> {
      const bookingId = String(hold.id);
      const owner: SeatClaim = { booking: bookingId, user: String(hold.userId), expiresAt: hold.holdExpiresAt };
      // A failed claim is re-read to name the taken seats; if they were freed meanwhile (a cancel), it is tried again.
      let claimed = false;
      for (let attempt = 0; attempt < 3 && !claimed; attempt++) {
        claimed = await claim(hold.showId, hold.seats, owner, hold.now, false);
        if (claimed) break;
        const taken = await whyRefused(hold.showId, hold.seats, hold.now);
        if (taken === null) throw new AppError("conflict", "This show is no longer on sale; pick another time");
        if (taken === "show_cancelled") return { ok: false, reason: taken };
        if (taken.length > 0) return { ok: false, reason: "seats_taken", takenSeats: taken };
      }
      if (!claimed) return { ok: false, reason: "seats_taken", takenSeats: hold.seats };
      const giveBack = () => releaseSeats(hold.showId, bookingId, hold.seats, "any");
      try {
        const refused = await ledger.enter(hold, caps);
        if (refused) {
          await giveBack();
          return refused;
        }
      } catch (error) {
        await giveBack().catch(cleanUpFailed("give back the seats of a hold the caps could not record"));
        throw error;
      }

      const doc: BookingDoc = {
        _id: bookingId,
        user: String(hold.userId),
        show: String(hold.showId),
        amount: toMajorUnits(hold.amountMinor, hold.currency),
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
        await giveBack().catch(cleanUpFailed("give back the seats of a hold whose booking was not written"));
        await ledger.leave(hold.userId, bookingId).catch(cleanUpFailed("drop the ledger entry of a hold whose booking was not written"));
        throw error;
      }
      return { ok: true, booking: record(doc) };
    },

    async setPayment(id, paymentLink, paymentRef) {
      await Booking.updateOne({ _id: idFilter(id) }, { $set: { paymentLink, paymentRef } });
    },

    async get(id) {
      const doc = await getDoc(id);
      return doc ? record(doc) : null;
    },

    async listForUser(userId) {
      const docs = await Booking.find({ user: String(userId) }).sort({ createdAt: -1, _id: -1 }).lean<BookingDoc[]>();
      return docs.map(record);
    },

    async page({ showIds, matching, statuses, createdFrom, createdTo, order, after, limit }) {
      if (matching && matching.userIds.length === 0 && !matching.idRange) return [];
      const direction = order === "newest" ? -1 : 1;
      const beyond = direction === -1 ? "$lt" : "$gt";
      const docs = await Booking.find({
        $and: [
          showIds ? { show: { $in: showIds.map(String) } } : {},
          matching
            ? {
                $or: [
                  { user: { $in: matching.userIds.map(String) } },
                  ...(matching.idRange ? [{ _id: { $gte: matching.idRange.from, $lte: matching.idRange.to } }] : []),
                ],
              }
            : {},
          statuses ? statusIn(statuses) : {},
          createdFrom || createdTo ? { createdAt: { ...(createdFrom ? { $gte: createdFrom } : {}), ...(createdTo ? { $lt: createdTo } : {}) } } : {},
          after ? { $or: [{ createdAt: { [beyond]: after.at } }, { createdAt: after.at, _id: { [beyond]: String(after.id) } }] } : {},
        ],
      })
        .sort({ createdAt: direction, _id: direction })
        .limit(limit)
        .lean<BookingDoc[]>();
      return docs.map(record);
    },

    async listForShow(showId, statuses) {
      const docs = await Booking.find({ $and: [{ show: String(showId) }, statusIn(statuses)] }).lean<BookingDoc[]>();
      return docs.map(record);
    },

    async occupiedSeats(showId, now) {
      const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1 }).lean<ShowDoc>();
      return Object.entries(show?.occupiedSeats ?? {})
        .filter(([, entry]) => !seatIsFree(entry, now))
        .map(([seat]) => seat);
    },

    /** One update blocks every seat, matching only if each is free, a lapsed hold or blocked already. */
    async blockSeats({ showId, seats, now }) {
      const blocked = { blocked: true, expiresAt: null };
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await Show.updateOne(
          {
            _id: idFilter(showId),
            $and: seats.map((seat) => {
              const path = seatPath(seat);
              return { $or: [{ [path]: { $exists: false } }, { [`${path}.expiresAt`]: { $lte: now } }, { [`${path}.blocked`]: true }] };
            }),
          },
          { $set: Object.fromEntries(seats.map((seat) => [seatPath(seat), blocked])) },
        );
        if (result.matchedCount === 1) return { ok: true } as const;
        const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1 }).lean<ShowDoc>();
        if (!show) return { ok: false, takenSeats: seats } as const;
        const takenSeats = seats.filter((seat) => {
          const entry = show.occupiedSeats?.[seat];
          return !seatIsFree(entry, now) && !seatIsBlocked(entry);
        });
        // Freed between the update and the read (a release): try again.
        if (takenSeats.length > 0) return { ok: false, takenSeats } as const;
      }
      return { ok: false, takenSeats: seats } as const;
    },

    async unblockSeats({ showId, seats }) {
      const results = await Promise.all(
        seats.map((seat) => {
          const path = seatPath(seat);
          return Show.updateOne({ _id: idFilter(showId), [`${path}.blocked`]: true }, { $unset: { [path]: "" } });
        }),
      );
      return results.reduce((n, r) => n + r.modifiedCount, 0);
    },

    async listBlockedSeats(showId) {
      const show = await Show.findOne({ _id: idFilter(showId) }, { occupiedSeats: 1 }).lean<ShowDoc>();
      return Object.entries(show?.occupiedSeats ?? {})
        .filter(([, entry]) => seatIsBlocked(entry))
        .map(([seat]) => seat);
    },

    async sell({ bookingId, from, paymentRef, now }) {
      const doc = await getDoc(bookingId);
      if (!doc || !from.includes(statusOf(doc))) return null;
      const id = idString(doc._id);
      // Write-ahead: a crash between selling the seats and marking the booking paid is finished
      // by finishInterruptedWrites (at start and with every sweep).
      await Booking.updateOne(inStatus(bookingId, from), { $set: { confirmingRef: paymentRef, confirmingAt: now } });
      if (!(await claim(doc.show, doc.bookedSeats, { booking: id, user: doc.user, expiresAt: null }, now, true))) return null;
      const paid = await markPaid(bookingId, from, paymentRef, now);
      if (paid) {
        await ledger.leave(doc.user, id).catch(cleanUpFailed("drop the ledger entry of a paid booking"));
        return record(paid);
      }
      // Its status moved while we sold: a concurrent sale leaves it paid (the seats are rightly its
      // own); anything else closed it, and the seats just sold go back.
      const again = await getDoc(bookingId);
      if (again && statusOf(again) !== "paid") await releaseSeats(doc.show, id, doc.bookedSeats, "any");
      return null;
    },

    async oweRefund({ bookingId, from, paymentRef, now, unlessAdmitted, note }) {
      const current = unlessAdmitted ? await getDoc(bookingId) : null;
      const refunded = await Booking.findOneAndUpdate(
        {
          $and: [
            inStatus(bookingId, from),
            // Atomic with the door's update adding to admittedSeats: one of the two finds the other's write.
            unlessAdmitted ? { admittedSeats: { $nin: current?.bookedSeats ?? [] } } : {},
          ],
        },
        {
          $set: {
            status: "refunded",
            paymentRef,
            holdExpiresAt: null,
            confirmingRef: null,
            confirmingAt: null,
            updatedAt: now,
            ...(note ? { refundNote: note } : {}),
            [`effects.${effectFields["refund.owed"]}`]: owed(now),
          },
        },
        { returnDocument: "after" },
      ).lean<BookingDoc>();
      if (!refunded) return null;
      const id = idString(refunded._id);
      // A refunded booking owns no seat, not even one an interrupted sale gave it, but for those let in at the door.
      await releaseSeats(refunded.show, id, notAdmitted(refunded, refunded.bookedSeats), "any");
      await ledger.leave(refunded.user, id).catch(cleanUpFailed("drop the ledger entry of a refunded booking"));
      return record(refunded);
    },

    async giveBack({ bookingId, seen, keep, keepAmountMinor, part, now, unlessAdmitted }) {
      const current = await getDoc(bookingId);
      if (!current) return null;
      const currency = current.currency ?? defaultCurrency;
      const shrunk = await Booking.findOneAndUpdate(
        // Compared whole: a give-back racing another change of the booking (or another give-back) loses.
        {
          $and: [
            inStatus(bookingId, ["paid"]),
            { bookedSeats: [...seen] },
            { givingBack: null },
            unlessAdmitted ? { admittedSeats: { $nin: part.seats } } : {},
          ],
        },
        {
          $set: {
            bookedSeats: keep,
            amount: toMajorUnits(keepAmountMinor, currency),
            amountMinor: keepAmountMinor,
            updatedAt: now,
            givingBack: { id: part.id, seats: part.seats, amountMinor: part.amountMinor, note: part.note ?? null },
          },
        },
        { returnDocument: "after" },
      ).lean<BookingDoc>();
      if (!shrunk) return null;
      await settleGiveBack(shrunk, now);
      const given = await getDoc(part.id);
      return { booking: record({ ...shrunk, givingBack: null }), part: record(given!) };
    },

    async release({ bookingId, from, to, lapsedBy, clearHoldExpiry, now }) {
      const released = await Booking.findOneAndUpdate(
        { $and: [inStatus(bookingId, [from]), lapsedBy ? { holdExpiresAt: { $lte: lapsedBy } } : {}] },
        { $set: { status: to, updatedAt: now, ...(clearHoldExpiry ? { holdExpiresAt: null } : {}) } },
        { returnDocument: "after" },
      ).lean<BookingDoc>();
      if (!released) return null;
      const id = idString(released._id);
      await releaseSeats(released.show, id, released.bookedSeats, "unpaid");
      await ledger.leave(released.user, id).catch(cleanUpFailed("drop the ledger entry of a released booking"));
      return record(released);
    },

    async lapsedHolds(now, limit) {
      const docs = await Booking.find({ status: "held", holdExpiresAt: { $lte: now } }, { _id: 1 })
        .sort({ holdExpiresAt: 1 })
        .limit(limit)
        .lean<{ _id: BookingDoc["_id"] }[]>();
      return docs.map((d) => idString(d._id));
    },

    finishInterruptedWrites,

    /** Summed here rather than by $group: the tutorial's documents carry major units, ours minor units. */
    async sales(statuses, since, periodMinutes) {
      const docs = await Booking.find(statusIn(statuses), { amount: 1, amountMinor: 1, currency: 1, paidAt: 1, createdAt: 1, updatedAt: 1, status: 1, isPaid: 1 }).lean<BookingDoc[]>();
      const periods = new Map<number, { bookings: number; revenueMinor: number }>();
      let revenueMinor = 0;
      for (const doc of docs) {
        const b: BookingRecord = record(doc);
        revenueMinor += b.amountMinor;
        if (!b.paidAt || b.paidAt < since) continue;
        const start = Math.floor(b.paidAt.getTime() / (periodMinutes * 60_000)) * periodMinutes * 60_000;
        const q = periods.get(start) ?? { bookings: 0, revenueMinor: 0 };
        q.bookings += 1;
        q.revenueMinor += b.amountMinor;
        periods.set(start, q);
      }
      return {
        bookings: docs.length,
        revenueMinor,
        byPeriod: [...periods].sort(([a], [b]) => a - b).map(([start, q]) => ({ start: new Date(start), ...q })),
      };
    },
  };
}
