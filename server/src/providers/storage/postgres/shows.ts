import { and, asc, count, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { ShowRecord, ShowRepository, ShowWithOccupancy } from "../interface.ts";
import { duplicate, isUniqueViolation } from "../errors.ts";
import type { Db } from "./db.ts";
import { bookings, seatClaims, shows } from "./schema.ts";

const showColumns = {
  id: shows.id,
  movieId: shows.movieId,
  startsAt: shows.startsAt,
  priceMinor: shows.priceMinor,
  layout: shows.layout,
  cancelledAt: shows.cancelledAt,
};

const onSale = isNull(shows.cancelledAt);

// Drizzle prints a column unqualified when a query has one table, which inside a correlated
// subquery would bind to the subquery's own table; name the outer column in full.
/** Ids are uuid columns: anything else cannot match, and PostgreSQL would reject it. */
export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

const outerShowId = sql.raw(`"shows"."id"`);

export function postgresShows(db: Db): ShowRepository {
  return {
    async createMany(input) {
      if (input.length === 0) return [];
      const records = input.map((r) => ({ ...r, cancelledAt: null }));
      try {
        await db.insert(shows).values(records);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate("A show of this movie already exists at one of these times");
        throw error;
      }
      return records;
    },
    async get(id) {
      if (!isUuid(id)) return null; // e.g. a MongoDB ObjectId: never a PostgreSQL show
      const [row] = await db.select(showColumns).from(shows).where(eq(shows.id, id));
      return row ?? null;
    },
    async getMany(ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return db.select(showColumns).from(shows).where(inArray(shows.id, valid));
    },
    async existingStarts(movieId, starts) {
      if (starts.length === 0) return [];
      const rows = await db
        .select({ startsAt: shows.startsAt })
        .from(shows)
        .where(and(eq(shows.movieId, movieId), inArray(shows.startsAt, starts)));
      return rows.map((r) => r.startsAt);
    },
    listUpcomingForMovie: (movieId, now) =>
      db
        .select(showColumns)
        .from(shows)
        .where(and(eq(shows.movieId, movieId), gt(shows.startsAt, now), onSale))
        .orderBy(asc(shows.startsAt)),
    async pageWithOccupancy(query, now, saleStatuses): Promise<ShowWithOccupancy[]> {
      const rows = await db
        .select({
          ...showColumns,
          seatsSold: sql<number>`(select count(*) from ${seatClaims} c where c.show_id = ${outerShowId} and c.expires_at is null)`.mapWith(Number),
          seatsHeld: sql<number>`(select count(*) from ${seatClaims} c where c.show_id = ${outerShowId} and c.expires_at > ${now})`.mapWith(Number),
          earningsMinor: sql<number>`(select coalesce(sum(b.amount_minor), 0) from ${bookings} b where b.show_id = ${outerShowId} and b.status in (${sql.join(saleStatuses.map((st) => sql`${st}`), sql`, `)}))`.mapWith(Number),
        })
        .from(shows)
        .where(
          and(
            gte(shows.startsAt, query.from),
            query.to ? lt(shows.startsAt, query.to) : undefined,
            query.movieId ? eq(shows.movieId, query.movieId) : undefined,
            query.after ? sql`(${shows.startsAt}, ${shows.id}) > (${query.after.at}, ${query.after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(asc(shows.startsAt), asc(shows.id))
        .limit(query.limit);
      return rows;
    },
    async idsOfMovie(movieId) {
      const rows = await db.select({ id: shows.id }).from(shows).where(eq(shows.movieId, movieId));
      return rows.map((r) => r.id);
    },
    listStartingBetween: (from, to) =>
      db
        .select(showColumns)
        .from(shows)
        .where(and(gte(shows.startsAt, from), lt(shows.startsAt, to), onSale))
        .orderBy(asc(shows.startsAt)),
    async count() {
      const [row] = await db.select({ n: count() }).from(shows);
      return Number(row?.n ?? 0);
    },
    async countStartingAfter(instant) {
      const [row] = await db.select({ n: count() }).from(shows).where(and(gt(shows.startsAt, instant), onSale));
      return Number(row?.n ?? 0);
    },
    async cancel(id, now) {
      if (!isUuid(id)) return null;
      await db.update(shows).set({ cancelledAt: now }).where(and(eq(shows.id, id), onSale));
      const [row] = await db.select(showColumns).from(shows).where(eq(shows.id, id));
      return row ?? null;
    },
  };
}
