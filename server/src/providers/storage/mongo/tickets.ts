import { AppError } from "../../../errors.ts";
import type { AdmissionRecord, BookingRepository, SecretStore, TicketRepository, UserRepository } from "../interface.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { toBooking } from "./mapping.ts";
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

export function mongoTickets(
  { Admission, Booking }: Models,
  currency: string,
  lookups: { bookings: Pick<BookingRepository, "get">; users: Pick<UserRepository, "findById"> },
): TicketRepository {
  const booking = toBooking(currency);
  return {
    /**
     * The booking is read, then the ticket inserted as the `_id`: of two scans inserting it at
     * once, the second hits the key and reads the first. Documents here are atomic one at a time,
     * so a cancellation landing between the read and the insert is not seen: that ticket is let in
     * once, as if scanned a moment before the cancellation.
     */
    async admit(admission, { bookingStatus }) {
      const judged = await lookups.bookings.get(admission.bookingId);
      if (!judged) return { booking: null, holderName: null, admitted: false, admission: null };
      const holder = lookups.users.findById(judged.userId).then((u) => u?.name ?? null);
      // Awaited on every path that answers; a path that throws first must not leave it unhandled.
      holder.catch(() => undefined);
      const qualifies = judged.status === bookingStatus && judged.showId === admission.showId && judged.seats.includes(admission.seat);
      if (!qualifies) return { booking: judged, holderName: await holder, admitted: false, admission: null };
      try {
        await Admission.create({
          _id: ticketKey(admission),
          booking: String(admission.bookingId),
          seat: String(admission.seat),
          show: String(admission.showId),
          admittedAt: admission.admittedAt,
          admittedBy: String(admission.admittedBy),
          admittedByName: String(admission.admittedByName),
          device: admission.device,
        });
        return { booking: judged, holderName: await holder, admitted: true, admission };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const earlier = await Admission.findById(ticketKey(admission)).lean<AdmissionDoc>();
      // Written by a racing scan and gone again (its booking removed): the scan can simply be repeated.
      if (!earlier) throw new AppError("unavailable", "This ticket could not be checked just now; scan it again");
      return { booking: judged, holderName: await holder, admitted: false, admission: toAdmission(earlier) };
    },

    async listAdmissionsOf(bookingId) {
      const docs = await Admission.find({ booking: String(bookingId) }).sort({ seat: 1 }).lean<AdmissionDoc[]>();
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
