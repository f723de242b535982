import type { AdmissionRecord, SecretStore, TicketRepository, UserRepository } from "../interface.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { idFilter } from "./ids.ts";
import { statusIn, toBooking } from "./mapping.ts";
import type { AdmissionDoc, BookingDoc, Models } from "./models.ts";

const ticketKey = (a: Pick<AdmissionRecord, "bookingId" | "seat">) => `${a.bookingId}:${a.seat}`;

const toAdmission = (doc: AdmissionDoc): AdmissionRecord => ({
  bookingId: doc.booking,
  seat: doc.seat,
  showId: doc.show,
  admittedAt: doc.admittedAt,
  admittedBy: doc.admittedBy,
  admittedByName: doc.admittedByName,
  device: doc.device ?? null,
});

const admissionDoc = (a: AdmissionRecord) => ({
  booking: String(a.bookingId),
  seat: String(a.seat),
  show: String(a.showId),
  admittedAt: a.admittedAt,
  admittedBy: String(a.admittedBy),
  admittedByName: String(a.admittedByName),
  device: a.device,
});

export function mongoTickets(
  { Admission, Booking }: Models,
  currency: string,
  lookups: { users: Pick<UserRepository, "findById"> },
): TicketRepository {
  const booking = toBooking(currency);
  return {
    /**
     * The booking's own conditional update decides: it adds the seat to `admittedSeats` only while
     * the booking has the status, is for the show, holds the seat and has not admitted it, so a
     * cancellation or refund (whose update requires the seat not admitted) and the admission
     * cannot both win. The admission document follows, as the ticket's `_id`; a crash between
     * the two is mended by the next scan of that ticket, which finds the seat admitted and no
     * document, and writes it.
     */
    async admit(admission, { bookingStatus }) {
      const { bookingId, seat, showId } = admission;
      const marked = await Booking.findOneAndUpdate(
        { $and: [{ _id: idFilter(bookingId) }, statusIn([bookingStatus]), { show: String(showId), bookedSeats: String(seat), admittedSeats: { $ne: String(seat) } }] },
        { $push: { admittedSeats: String(seat) } },
        { returnDocument: "after" },
      ).lean<BookingDoc>();
      const judgedDoc = marked ?? (await Booking.findOne({ _id: idFilter(bookingId) }).lean<BookingDoc>());
      if (!judgedDoc) return { booking: null, holderName: null, admitted: false, admission: null };
      const judged = booking(judgedDoc);
      const holderName = (await lookups.users.findById(judged.userId))?.name ?? null;
      if (marked) {
        await Admission.updateOne({ _id: ticketKey(admission) }, { $setOnInsert: admissionDoc(admission) }, { upsert: true });
        return { booking: judged, holderName, admitted: true, admission };
      }
      const qualifies = judged.status === bookingStatus && judged.showId === showId && judged.seats.includes(seat);
      if (!qualifies) return { booking: judged, holderName, admitted: false, admission: null };
      // Admitted before: by the first scan, whose document may still be on its way (or lost to a crash).
      for (let attempt = 0; attempt < 20; attempt++) {
        const earlier = await Admission.findById(ticketKey(admission)).lean<AdmissionDoc>();
        if (earlier) return { booking: judged, holderName, admitted: false, admission: toAdmission(earlier) };
        await new Promise((r) => setTimeout(r, 25));
      }
      await Admission.updateOne({ _id: ticketKey(admission) }, { $setOnInsert: admissionDoc(admission) }, { upsert: true });
      const mended = await Admission.findById(ticketKey(admission)).lean<AdmissionDoc>();
      return { booking: judged, holderName, admitted: false, admission: mended ? toAdmission(mended) : admission };
    },

    async admittedSeatsOf(bookingId) {
      const doc = await Booking.findOne({ _id: idFilter(bookingId) }, { admittedSeats: 1 }).lean<Pick<BookingDoc, "admittedSeats">>();
      return [...(doc?.admittedSeats ?? [])].sort();
    },

    async listAdmissionsOf(bookingId) {
      const docs = await Admission.find({ booking: String(bookingId) }).sort({ seat: 1 }).lean<AdmissionDoc[]>();
      return docs.map(toAdmission);
    },

    async listAdmissionsOfShow(showId) {
      const docs = await Admission.find({ show: String(showId) }).sort({ admittedAt: 1, booking: 1, seat: 1 }).lean<AdmissionDoc[]>();
      return docs.map(toAdmission);
    },

    async countAdmitted(showIds) {
      if (showIds.length === 0) return new Map();
      const rows = await Admission.aggregate<{ _id: string; admitted: number }>([
        { $match: { show: { $in: showIds.map(String) } } },
        { $group: { _id: "$show", admitted: { $sum: 1 } } },
      ]);
      return new Map(rows.map((r) => [r._id, r.admitted]));
    },

    /** Our bookings' `_id`s are lower-case UUID strings, whose string order is their UUID order. */
    async findBookingsInIdRange(from, to, limit) {
      const docs = await Booking.find({ _id: { $gte: String(from), $lte: String(to) } })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<BookingDoc[]>();
      return docs.map(booking);
    },
  };
}

export function mongoSecrets({ Secret }: Models): SecretStore {
  return {
    async keepFirst(name, value) {
      try {
        await Secret.create({ _id: String(name), value: String(value), createdAt: new Date() });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const stored = await Secret.findById(String(name)).lean<{ value: string }>();
      return stored!.value;
    },
  };
}
