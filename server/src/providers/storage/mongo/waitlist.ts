import type { WaitlistRecord, WaitlistRepository } from "../interface.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import type { Models, WaitlistDoc } from "./models.ts";

const live = new Set(["waiting", "offered"]);
const activeKey = (doc: Pick<WaitlistDoc, "_id" | "show" | "user">, status: string) =>
  live.has(status) ? `${doc.show}:${doc.user}` : `${doc.show}:${doc.user}:${doc._id}`;

const toEntry = (doc: WaitlistDoc): WaitlistRecord => ({
  id: doc._id,
  showId: doc.show,
  userId: doc.user,
  seats: doc.seats,
  category: doc.category ?? null,
  status: doc.status,
  bookingId: doc.booking ?? null,
  joinedAt: doc.joinedAt,
});

export function mongoWaitlist({ Waitlist, WaitlistLease }: Models): WaitlistRepository {
  return {
    async join(entry) {
      const doc: WaitlistDoc = {
        _id: String(entry.id),
        show: String(entry.showId),
        user: String(entry.userId),
        seats: entry.seats,
        category: entry.category,
        status: "waiting",
        booking: null,
        joinedAt: entry.joinedAt,
        activeKey: "",
      };
      doc.activeKey = activeKey(doc, "waiting");
      try {
        await Waitlist.create(doc);
        return toEntry(doc);
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
    },
    async ofShow(showId, statuses, limit) {
      const docs = await Waitlist.find({ show: String(showId), status: { $in: [...statuses] } })
        .sort({ joinedAt: 1, _id: 1 })
        .limit(limit)
        .lean<WaitlistDoc[]>();
      return docs.map(toEntry);
    },
    async ofUser(userId, statuses) {
      const docs = await Waitlist.find({ user: String(userId), status: { $in: [...statuses] } }).sort({ joinedAt: -1 }).lean<WaitlistDoc[]>();
      return docs.map(toEntry);
    },
    async move(entryId, from, to, bookingId) {
      const doc = await Waitlist.findOne({ _id: String(entryId) }, { show: 1, user: 1 }).lean<WaitlistDoc>();
      if (!doc) return false;
      const moved = await Waitlist.updateOne(
        { _id: String(entryId), status: from },
        { $set: { status: to, activeKey: activeKey(doc, to), ...(bookingId !== undefined ? { booking: bookingId } : {}) } },
      );
      return moved.matchedCount === 1;
    },
    async showsWith(statuses, limit) {
      const shows = (await Waitlist.distinct("show", { status: { $in: [...statuses] } })) as string[];
      return shows.slice(0, limit);
    },
    /** Taken over only when lapsed, by one conditional update; the first lease of a show is an insert that only one caller wins. */
    async lease(showId, now, until) {
      const taken = await WaitlistLease.updateOne({ _id: String(showId), until: { $lte: now } }, { $set: { until } });
      if (taken.matchedCount === 1) return true;
      try {
        await WaitlistLease.create({ _id: String(showId), until });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async unlease(showId) {
      await WaitlistLease.updateOne({ _id: String(showId) }, { $set: { until: new Date(0) } });
    },
  };
}
