import type { MovieRecord } from "../interface.ts";
import type { Models, MovieDoc, ShowDoc } from "./models.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { toMovie } from "./mapping.ts";

export function mongoMovies({ Movie, Show }: Models) {
  const getMany = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const docs = await Movie.find({ _id: { $in: ids.map(String) } }).lean<MovieDoc[]>();
    return docs.map(toMovie);
  };

  return {
    /** An upsert that only ever inserts: our stored copy (custom images) wins over the catalog's. */
    async insertIfAbsent(movie: MovieRecord) {
      const now = new Date();
      const { _id, ...fields } = movie;
      try {
        await Movie.updateOne({ _id: String(_id) }, { $setOnInsert: { ...fields, createdAt: now, updatedAt: now } }, { upsert: true });
      } catch (error) {
        // Two racing upserts of a new id: one inserts, the other hits the key. Either way it is there.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async get(id: string) {
      const doc = await Movie.findOne({ _id: String(id) }).lean<MovieDoc>();
      return doc ? toMovie(doc) : null;
    },
    getMany,
    /**
     * Upcoming shows in time order give each movie's first show; no $group or $lookup, which
     * FerretDB v1 only partly supports. The shows index on showDateTime serves the scan.
     */
    async listWithUpcomingShows(now: Date) {
      const shows = await Show.find({ showDateTime: { $gt: now }, cancelledAt: null }, { movie: 1, showDateTime: 1 })
        .sort({ showDateTime: 1 })
        .lean<Pick<ShowDoc, "movie" | "showDateTime">[]>();
      const firstStart = new Map<string, number>();
      for (const s of shows) if (!firstStart.has(s.movie)) firstStart.set(s.movie, new Date(s.showDateTime).getTime());
      const movies = await getMany([...firstStart.keys()]);
      return movies.sort((a, b) => firstStart.get(a._id)! - firstStart.get(b._id)! || a.title.localeCompare(b.title));
    },
    count: () => Movie.countDocuments({}),
    async setImage(id: string, kind: "poster" | "backdrop", url: string) {
      const field = kind === "poster" ? "poster_path" : "backdrop_path";
      const doc = await Movie.findOneAndUpdate(
        { _id: String(id) },
        { $set: { [field]: String(url), updatedAt: new Date() } },
        { returnDocument: "after" },
      ).lean<MovieDoc>();
      return doc ? toMovie(doc) : null;
    },
  };
}
