import { seatLayoutSchema } from "@quickshow/contracts";
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { NewShow, ShowRecord, ShowScreen, ShowRepository, ShowWithOccupancy } from "../interface.ts";
import { duplicate, isUniqueViolation, ScreenBusyError } from "../errors.ts";
import type { Db } from "./db.ts";
import { bookings, seatClaims, shows } from "./schema.ts";

const showColumns = {
  id: shows.id,
  movieId: shows.movieId,
  startsAt: shows.startsAt,
  priceMinor: shows.priceMinor,
  layout: shows.layout,
  cancelledAt: shows.cancelledAt,
  screenId: shows.screenId,
  screenName: shows.screenName,
  cinemaId: shows.cinemaId,
  pricesMinor: shows.pricesMinor,
  endsAt: shows.endsAt,
};

type ShowRow = Omit<ShowRecord, "screen"> & { screenId: string | null; screenName: string | null; cinemaId: string | null };

/** A row as the domain reads it; a layout stored before seat maps had cells is read in today's shape. */
function toShow<R extends ShowRow>({ screenId, screenName, cinemaId, ...rest }: R): Omit<R, "screenId" | "screenName" | "cinemaId"> & { screen: ShowScreen | null } {
  return {
    ...rest,
    layout: seatLayoutSchema.parse(rest.layout),
    screen: screenId ? { id: screenId, name: screenName ?? screenId, cinemaId: cinemaId ?? "" } : null,
  };
}

const toRow = (show: NewShow) => ({
  id: show.id,
  movieId: show.movieId,
  startsAt: show.startsAt,
  priceMinor: show.priceMinor,
  layout: show.layout,
  cancelledAt: null,
  screenId: show.screen?.id ?? null,
  screenName: show.screen?.name ?? null,
  cinemaId: show.screen?.cinemaId ?? null,
  pricesMinor: show.pricesMinor ?? {},
  endsAt: show.endsAt ?? null,
});

/** PostgreSQL's code for an exclusion-constraint violation (two shows on one screen at once). */
const codeOf = (error: unknown) => {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code ?? e?.cause?.code;
};
const isExclusionViolation = (error: unknown) => codeOf(error) === "23P01";
/**
 * Inserts racing for one screen's time can wait on each other while PostgreSQL checks the
 * exclusion constraint, and it then aborts one of them as a deadlock. That insert changed nothing;
 * tried again it finds the winner committed and is refused as an overlap like any other.
 */
const isDeadlock = (error: unknown) => codeOf(error) === "40P01";
const deadlockRetries = 5;
/** A few milliseconds, different for each racer, so that the retried inserts do not meet again at once. */
const pauseBeforeRetry = () => new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 10));

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
      const rows = input.map(toRow);
      for (let attempt = 1; ; attempt++) {
        try {
          await db.insert(shows).values(rows);
          return rows.map(toShow);
        } catch (error) {
          if (isDeadlock(error) && attempt < deadlockRetries) {
            await pauseBeforeRetry();
            continue;
          }
          if (isUniqueViolation(error)) throw duplicate("A show of this movie already exists at one of these times");
          if (isExclusionViolation(error)) throw new ScreenBusyError(await showInTheWay(input));
          throw error;
        }
      }
    },
    async get(id) {
      if (!isUuid(id)) return null; // e.g. a MongoDB ObjectId: never a PostgreSQL show
      const [row] = await db.select(showColumns).from(shows).where(eq(shows.id, id));
      return row ? toShow(row) : null;
    },
    async getMany(ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return (await db.select(showColumns).from(shows).where(inArray(shows.id, valid))).map(toShow);
    },
    async existingStarts(movieId, starts) {
      if (starts.length === 0) return [];
      const rows = await db
        .select({ startsAt: shows.startsAt })
        .from(shows)
        .where(and(eq(shows.movieId, movieId), inArray(shows.startsAt, starts)));
      return rows.map((r) => r.startsAt);
    },
    listUpcomingForMovie: async (movieId, now) =>
      (
        await db
          .select(showColumns)
          .from(shows)
          .where(and(eq(shows.movieId, movieId), gt(shows.startsAt, now), onSale))
          .orderBy(asc(shows.startsAt))
      ).map(toShow),
    async pageWithOccupancy(query, now, saleStatuses): Promise<ShowWithOccupancy[]> {
      const rows = await db
        .select({
          ...showColumns,
          seatsSold: sql<number>`(select count(*) from ${seatClaims} c where c.show_id = ${outerShowId} and c.expires_at is null and c.booking_id is not null)`.mapWith(Number),
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
      return rows.map(toShow);
    },
    async idsOfMovie(movieId) {
      const rows = await db.select({ id: shows.id }).from(shows).where(eq(shows.movieId, movieId));
      return rows.map((r) => r.id);
    },
    listStartingBetween: async (from, to) =>
      (
        await db
          .select(showColumns)
          .from(shows)
          .where(and(gte(shows.startsAt, from), lt(shows.startsAt, to), onSale))
          .orderBy(asc(shows.startsAt))
      ).map(toShow),
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
      return row ? toShow(row) : null;
    },
  };

  /** The show on sale that refused one of `input` a place on its screen (read after the refusal, to name it). */
  async function showInTheWay(input: NewShow[]): Promise<string> {
    for (const show of input) {
      if (!show.screen || !show.endsAt) continue;
      const [row] = await db
        .select({ id: shows.id })
        .from(shows)
        .where(
          and(
            eq(shows.screenId, show.screen.id),
            onSale,
            sql`tstzrange(${shows.startsAt}, ${shows.endsAt}, '[)') && tstzrange(${show.startsAt}, ${show.endsAt}, '[)')`,
          ),
        )
        .orderBy(asc(shows.startsAt))
        .limit(1);
      if (row) return row.id;
    }
    // The show in the way was cancelled in the meantime; the refusal stands, the next try may pass.
    return "";
  }
}
