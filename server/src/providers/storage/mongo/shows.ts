import type { NewShow, ShowPageQuery, ShowWithOccupancy } from "../interface.ts";
import { screenSchedules } from "./screen-schedules.ts";
import { seatMaps } from "./seat-maps.ts";
import { duplicate } from "../errors.ts";
import type { CleanUpFailed } from "./clean-up.ts";
import type { BookingDoc, Models, ShowDoc } from "./models.ts";
import type { BookingStatus } from "@quickshow/contracts";
import { roundToMinorUnits, toMajorUnits } from "../../../money.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { idFilter, idsFilter, idString } from "./ids.ts";
import { onSale, seatIsBlocked, seatIsFree, seatIsSold, statusIn, toShow } from "./mapping.ts";

const sameInstantTwice = () => duplicate("A show of this movie already exists at one of these times");

export function mongoShows(models: Models, currency: string, cleanUpFailed: CleanUpFailed = () => () => {}) {
  const { Show, Booking } = models;
  const toRecord = toShow(currency);
  const schedules = screenSchedules(models);
  const maps = seatMaps(models);
  /** Records of the documents, with their seat maps. */
  const toRecords = async (docs: ShowDoc[]) => {
    const layouts = await maps.of(docs);
    return docs.map((doc) => toRecord(doc, layouts));
  };
  const record = async (doc: ShowDoc) => (await toRecords([doc]))[0]!;

  /** Takes each screen's time for its new shows; on a refusal, gives back what was taken. Returns how to give it all back. */
  async function takeScreens(shows: NewShow[]) {
    const byScreen = new Map<string, (NewShow & { endsAt: Date })[]>();
    for (const show of shows) {
      if (!show.screen || !show.endsAt) continue;
      const list = byScreen.get(show.screen.id) ?? [];
      list.push(show as NewShow & { endsAt: Date });
      byScreen.set(show.screen.id, list);
    }
    const taken: string[] = [];
    const giveBack = () => Promise.all(taken.map((screenId) => schedules.giveBack(screenId, byScreen.get(screenId)!.map((s) => s.id))));
    try {
      for (const [screenId, list] of byScreen) {
        await schedules.take(screenId, list);
        taken.push(screenId);
      }
    } catch (error) {
      await giveBack().catch(cleanUpFailed("give back screen time taken for shows that were not written"));
      throw error;
    }
    return giveBack;
  }

  return {
    /**
     * All or nothing without a transaction: the unique (screen, showDateTime, movie) index refuses a
     * clash, and the shows this call did insert are deleted again before the conflict is
     * reported. Nobody can have booked them in between: their ids are not known outside yet.
     */
    async createMany(input: NewShow[]) {
      if (input.length === 0) return [];
      const records = input.map((r) => ({ ...r, cancelledAt: null, screen: r.screen ?? null, pricesMinor: r.pricesMinor ?? {}, endsAt: r.endsAt ?? null }));
      const keys = records.map((r) => `${r.screen?.id ?? ""}|${r.movieId}@${r.startsAt.getTime()}`);
      if (new Set(keys).size !== keys.length) throw sameInstantTwice();
      const layoutIds = await Promise.all(records.map((r) => maps.save(r.layout)));
      const giveBackScreens = await takeScreens(records);
      try {
        await Show.insertMany(
          records.map((r, i) => ({
            _id: r.id,
            movie: r.movieId,
            showDateTime: r.startsAt,
            showPrice: toMajorUnits(r.priceMinor, currency),
            showPriceMinor: r.priceMinor,
            occupiedSeats: {},
            layoutId: layoutIds[i],
            screen: r.screen,
            screenId: r.screen?.id ?? null,
            pricesMinor: r.pricesMinor,
            endsAt: r.endsAt,
          })),
          { ordered: true },
        );
      } catch (error) {
        if (isDuplicateKey(error)) await Show.deleteMany({ _id: { $in: records.map((r) => r.id) } });
        await giveBackScreens().catch(cleanUpFailed("give back screen time of shows refused as duplicates"));
        if (!isDuplicateKey(error)) throw error;
        throw sameInstantTwice();
      }
      return records;
    },
    async get(id: string) {
      const doc = await Show.findOne({ _id: idFilter(id) }).lean<ShowDoc>();
      return doc ? record(doc) : null;
    },
    async getMany(ids: string[]) {
      if (ids.length === 0) return [];
      return toRecords(await Show.find({ _id: idsFilter(ids) }).lean<ShowDoc[]>());
    },
    async existingStarts(movieId: string, starts: Date[]) {
      if (starts.length === 0) return [];
      const docs = await Show.find({ movie: String(movieId), showDateTime: { $in: starts } }, { showDateTime: 1 }).lean<ShowDoc[]>();
      return docs.map((d) => d.showDateTime);
    },
    async listUpcomingForMovie(movieId: string, now: Date) {
      return toRecords(await Show.find({ movie: String(movieId), showDateTime: { $gt: now }, ...onSale }).sort({ showDateTime: 1 }).lean<ShowDoc[]>());
    },
    /** Occupancy from each show's own seat map; earnings from its paid bookings. */
    async pageWithOccupancy(query: ShowPageQuery, now: Date, saleStatuses: readonly BookingStatus[]): Promise<ShowWithOccupancy[]> {
      const { from, to, movieId, after, limit } = query;
      const docs = await Show.find({
        $and: [
          { showDateTime: { $gte: from, ...(to ? { $lt: to } : {}) } },
          movieId ? { movie: String(movieId) } : {},
          after ? { $or: [{ showDateTime: { $gt: after.at } }, { showDateTime: after.at, _id: { $gt: String(after.id) } }] } : {},
        ],
      })
        .sort({ showDateTime: 1, _id: 1 })
        .limit(limit)
        .lean<ShowDoc[]>();
      if (docs.length === 0) return [];
      const shows = await toRecords(docs);
      const paid = await Booking.find(
        { $and: [{ show: { $in: shows.map((s) => s.id) } }, statusIn(saleStatuses)] },
        { show: 1, amount: 1, amountMinor: 1, currency: 1 },
      ).lean<BookingDoc[]>();
      const earnings = new Map<string, number>();
      for (const b of paid) {
        const minor = b.amountMinor ?? roundToMinorUnits(b.amount ?? 0, b.currency ?? currency);
        earnings.set(String(b.show), (earnings.get(String(b.show)) ?? 0) + minor);
      }
      return docs.map((doc, i) => {
        const seats = Object.values(doc.occupiedSeats ?? {});
        return {
          ...shows[i]!,
          seatsSold: seats.filter(seatIsSold).length,
          seatsHeld: seats.filter((s) => !seatIsSold(s) && !seatIsBlocked(s) && !seatIsFree(s, now)).length,
          earningsMinor: earnings.get(shows[i]!.id) ?? 0,
        };
      });
    },
    async listStartingBetween(from: Date, to: Date) {
      return toRecords(await Show.find({ showDateTime: { $gte: from, $lt: to }, ...onSale }).sort({ showDateTime: 1 }).lean<ShowDoc[]>());
    },
    count: () => Show.countDocuments({}),
    async idsOfMovie(movieId: string) {
      const docs = await Show.find({ movie: String(movieId) }, { _id: 1 }).lean<{ _id: ShowDoc["_id"] }[]>();
      return docs.map((d) => idString(d._id));
    },
    countStartingAfter: (instant: Date) => Show.countDocuments({ showDateTime: { $gt: instant }, ...onSale }),
    async cancel(id: string, now: Date) {
      await Show.updateOne({ _id: idFilter(id), ...onSale }, { $set: { cancelledAt: now } });
      const doc = await Show.findOne({ _id: idFilter(id) }).lean<ShowDoc>();
      return doc ? record(doc) : null;
    },
  };
}
