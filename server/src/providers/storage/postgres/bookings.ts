import type { BookingStatus } from "@quickshow/contracts";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../../errors.ts";
import { errorChain } from "../outage.ts";
import type { BookingRecord, BookingRepository, HoldResult } from "../interface.ts";
import type { Db } from "./db.ts";
import { admissions, bookings, effects, seatClaims } from "./schema.ts";
import { isUuid } from "./shows.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The quarter hour of migration 0009's running sales totals. */
const trackedPeriodSeconds = 900;

/** A PostgreSQL array literal; each element quoted, so no value can break out of it. */
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/** Thrown inside a transaction to roll it back; never leaves this module. */
class Rollback extends Error {}

/** Rolls back a block of which some seats were taken. */
class BlockRefused extends Error {
  constructor(readonly takenSeats: string[]) {
    super("seats taken");
  }
}

async function unlessRolledBack<T>(db: Db, work: (tx: Tx) => Promise<T | null>): Promise<T | null> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof Rollback) return null;
    throw error;
  }
}

/** Claims on a booking's seats that are holds, not sales: the ones a release gives back. */
const unpaidClaimsOf = (bookingId: string) => and(eq(seatClaims.bookingId, bookingId), isNotNull(seatClaims.expiresAt));

/**
 * Sells seats to a booking in one statement: a seat is taken when free, a lapsed hold, or
 * already this booking's. The primary key serialises racing buyers. Returns the seats not taken.
 */
async function sellSeats(tx: Tx, booking: BookingRecord, now: Date) {
  const sold = await tx
    .insert(seatClaims)
    .values(booking.seats.map((seat) => ({ showId: booking.showId, seat, bookingId: booking.id, expiresAt: null })))
    .onConflictDoUpdate({
      target: [seatClaims.showId, seatClaims.seat],
      set: { bookingId: booking.id, expiresAt: null },
      setWhere: or(eq(seatClaims.bookingId, booking.id), and(isNotNull(seatClaims.expiresAt), lte(seatClaims.expiresAt, now))),
    })
    .returning({ seat: seatClaims.seat });
  return booking.seats.length - sold.length;
}

/**
 * The booking's seats, with its row locked until the transaction ends, if its status is one of
 * `from`. The lock orders this write against the door's admit_ticket (which reads the booking FOR
 * SHARE): whichever comes second sees what the first wrote.
 */
async function lockedSeats(tx: Tx, bookingId: string, from: readonly BookingStatus[]) {
  const [row] = await tx
    .select({ seats: bookings.seats })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), inArray(bookings.status, [...from])))
    .for("update");
  return row?.seats ?? null;
}

/** Seats of the booking let in at the door, read after the lock so a scan that just committed is seen. */
async function admittedSeatsOf(tx: Tx, bookingId: string) {
  const rows = await tx.select({ seat: admissions.seat }).from(admissions).where(eq(admissions.bookingId, bookingId));
  return rows.map((r) => r.seat);
}

const notAdmitted = (admitted: string[]) => (admitted.length > 0 ? notInArray(seatClaims.seat, admitted) : undefined);

const owe = (tx: Tx, kind: "booking.paid" | "refund.owed", bookingId: string, now: Date) =>
  tx
    .insert(effects)
    .values({ id: `${kind}:${bookingId}`, kind, bookingId, nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing();

export function postgresBookings(db: Db): BookingRepository {
  return {
    /** One round trip to the hold_seats function (migration 0002): show, caps, booking and claims at once. */
    async hold(hold, caps): Promise<HoldResult> {
      const result = await db.execute(
        sql`select hold_seats(${hold.id}::uuid, ${hold.userId}, ${hold.showId}::uuid, ${textArray(hold.seats)}::text[], ${hold.amountMinor}::integer, ${hold.currency}, ${hold.holdExpiresAt.toISOString()}::timestamptz, ${hold.now.toISOString()}::timestamptz, ${caps.holdsPerShow}::integer, ${caps.seatsAcrossShows}::integer) as answer`,
      ).catch((error: unknown) => {
        // The show's foreign key: a show that is not stored (or was removed) sells nothing.
        if ([...errorChain(error)].some((e) => e.code === "23503")) throw new AppError("conflict", "This show is no longer on sale; pick another time");
        throw error;
      });
      // Both drivers answer raw queries as { rows }.
      const answer = (result as unknown as { rows: { answer: { taken?: string[]; cap?: "holds_per_show" | "seats_across_shows"; live?: number; cancelled?: true } }[] }).rows[0]?.answer;
      if (answer?.cancelled) return { ok: false, reason: "show_cancelled" };
      if (answer?.cap) return { ok: false, reason: answer.cap, live: answer.live ?? 0 };
      if (answer?.taken && answer.taken.length > 0) return { ok: false, reason: "seats_taken", takenSeats: answer.taken };
      return {
        ok: true,
        booking: {
          ...hold,
          status: "held",
          paymentLink: null,
          paymentRef: null,
          paidAt: null,
          refundNote: null,
          createdAt: hold.now,
          updatedAt: hold.now,
        },
      };
    },

    async setPayment(id, paymentLink, paymentRef) {
      await db.update(bookings).set({ paymentLink, paymentRef }).where(eq(bookings.id, id));
    },

    async get(id) {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
      return row ?? null;
    },

    listForUser: (userId) =>
      db.select().from(bookings).where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt), desc(bookings.id)),

    page({ showIds, matching, statuses, createdFrom, createdTo, order, after, limit }) {
      const newest = order === "newest";
      const ids = showIds?.filter(isUuid);
      if (ids && ids.length === 0) return Promise.resolve([]);
      if (matching && matching.userIds.length === 0 && !matching.idRange) return Promise.resolve([]);
      return db
        .select()
        .from(bookings)
        .where(
          and(
            ids ? inArray(bookings.showId, ids) : undefined,
            matching
              ? or(
                  matching.userIds.length > 0 ? inArray(bookings.userId, matching.userIds) : undefined,
                  matching.idRange ? and(gte(bookings.id, matching.idRange.from), lte(bookings.id, matching.idRange.to)) : undefined,
                )
              : undefined,
            statuses ? inArray(bookings.status, [...statuses]) : undefined,
            createdFrom ? gte(bookings.createdAt, createdFrom) : undefined,
            createdTo ? lt(bookings.createdAt, createdTo) : undefined,
            after && isUuid(after.id)
              ? newest
                ? sql`(${bookings.createdAt}, ${bookings.id}) < (${after.at}, ${after.id}::uuid)`
                : sql`(${bookings.createdAt}, ${bookings.id}) > (${after.at}, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(...(newest ? [desc(bookings.createdAt), desc(bookings.id)] : [asc(bookings.createdAt), asc(bookings.id)]))
        .limit(limit);
    },

    listForShow: (showId, statuses) =>
      isUuid(showId) ? db.select().from(bookings).where(and(eq(bookings.showId, showId), inArray(bookings.status, [...statuses]))) : Promise.resolve([]),

    async occupiedSeats(showId, now) {
      if (!isUuid(showId)) return [];
      const rows = await db
        .select({ seat: seatClaims.seat })
        .from(seatClaims)
        .where(and(eq(seatClaims.showId, showId), or(isNull(seatClaims.expiresAt), sql`${seatClaims.expiresAt} > ${now}`)));
      return rows.map((r) => r.seat);
    },

    async blockSeats({ showId, seats, now }) {
      if (!isUuid(showId) || seats.length === 0) return { ok: true } as const;
      return (
        (await unlessRolledBack(db, async (tx) => {
          // The same primary key that serialises buyers: a seat is blocked only where a claim could be made.
          const blocked = await tx
            .insert(seatClaims)
            .values(seats.map((seat) => ({ showId, seat, bookingId: null, expiresAt: null })))
            .onConflictDoUpdate({
              target: [seatClaims.showId, seatClaims.seat],
              set: { bookingId: null, expiresAt: null },
              setWhere: or(isNull(seatClaims.bookingId), and(isNotNull(seatClaims.expiresAt), lte(seatClaims.expiresAt, now))),
            })
            .returning({ seat: seatClaims.seat });
          const done = new Set(blocked.map((b) => b.seat));
          const takenSeats = seats.filter((s) => !done.has(s));
          if (takenSeats.length > 0) throw new BlockRefused(takenSeats);
          return { ok: true } as const;
        }).catch((error) => {
          if (error instanceof BlockRefused) return { ok: false, takenSeats: error.takenSeats } as const;
          throw error;
        })) ?? { ok: true }
      );
    },

    async unblockSeats({ showId, seats }) {
      if (!isUuid(showId) || seats.length === 0) return 0;
      const freed = await db
        .delete(seatClaims)
        .where(and(eq(seatClaims.showId, showId), inArray(seatClaims.seat, seats), isNull(seatClaims.bookingId)))
        .returning({ seat: seatClaims.seat });
      return freed.length;
    },

    async listBlockedSeats(showId) {
      if (!isUuid(showId)) return [];
      const rows = await db
        .select({ seat: seatClaims.seat })
        .from(seatClaims)
        .where(and(eq(seatClaims.showId, showId), isNull(seatClaims.bookingId)));
      return rows.map((r) => r.seat);
    },

    async sell({ bookingId, from, paymentRef, now }) {
      if (!isUuid(bookingId)) return null;
      return unlessRolledBack(db, async (tx) => {
        // The status changes first: its row lock makes a concurrent sell of this booking wait, then find it paid.
        const [paid] = await tx
          .update(bookings)
          .set({ status: "paid", paidAt: now, paymentRef, holdExpiresAt: null, updatedAt: now })
          .where(and(eq(bookings.id, bookingId), inArray(bookings.status, [...from])))
          .returning();
        if (!paid) return null;
        if ((await sellSeats(tx, paid, now)) > 0) throw new Rollback();
        await owe(tx, "booking.paid", bookingId, now);
        return paid;
      });
    },

    async oweRefund({ bookingId, from, paymentRef, now, unlessAdmitted, note }) {
      if (!isUuid(bookingId)) return null;
      return db.transaction(async (tx) => {
        const seats = await lockedSeats(tx, bookingId, from);
        if (!seats) return null;
        const admitted = await admittedSeatsOf(tx, bookingId);
        if (unlessAdmitted && seats.some((seat) => admitted.includes(seat))) return null;
        const [refunded] = await tx
          .update(bookings)
          .set({ status: "refunded", paymentRef, holdExpiresAt: null, updatedAt: now, ...(note ? { refundNote: note } : {}) })
          .where(eq(bookings.id, bookingId))
          .returning();
        // A refunded booking owns no seat, paid or held, but for those already let in at the door.
        await tx.delete(seatClaims).where(and(eq(seatClaims.bookingId, bookingId), notAdmitted(admitted)));
        await owe(tx, "refund.owed", bookingId, now);
        return refunded!;
      });
    },
    async giveBack({ bookingId, seen, keep, keepAmountMinor, part, now, unlessAdmitted }) {
      if (!isUuid(bookingId)) return null;
      return db.transaction(async (tx) => {
        const seats = await lockedSeats(tx, bookingId, ["paid"]);
        // Compared whole: a give-back racing another change of the booking loses, and writes nothing.
        if (!seats || JSON.stringify(seats) !== JSON.stringify(seen)) return null;
        const admitted = await admittedSeatsOf(tx, bookingId);
        if (unlessAdmitted && part.seats.some((seat) => admitted.includes(seat))) return null;
        const [kept] = await tx
          .update(bookings)
          .set({ seats: keep, amountMinor: keepAmountMinor, updatedAt: now })
          .where(eq(bookings.id, bookingId))
          .returning();
        const [given] = await tx
          .insert(bookings)
          .values({
            id: part.id,
            userId: kept!.userId,
            showId: kept!.showId,
            seats: part.seats,
            amountMinor: part.amountMinor,
            currency: kept!.currency,
            status: "refunded",
            holdExpiresAt: null,
            paymentLink: null,
            paymentRef: kept!.paymentRef,
            paidAt: kept!.paidAt,
            refundNote: part.note ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await tx.delete(seatClaims).where(and(eq(seatClaims.bookingId, bookingId), inArray(seatClaims.seat, part.seats), notAdmitted(admitted)));
        await owe(tx, "refund.owed", part.id, now);
        return { booking: kept!, part: given! };
      });
    },
    async release({ bookingId, from, to, lapsedBy, clearHoldExpiry, now }) {
      if (!isUuid(bookingId)) return null;
      return db.transaction(async (tx) => {
        const [released] = await tx
          .update(bookings)
          .set({ status: to, updatedAt: now, ...(clearHoldExpiry ? { holdExpiresAt: null } : {}) })
          .where(and(eq(bookings.id, bookingId), eq(bookings.status, from), lapsedBy ? lte(bookings.holdExpiresAt, lapsedBy) : undefined))
          .returning();
        if (!released) return null;
        await tx.delete(seatClaims).where(unpaidClaimsOf(bookingId));
        return released;
      });
    },

    async lapsedHolds(now, limit) {
      const rows = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.status, "held"), lte(bookings.holdExpiresAt, now)))
        .orderBy(asc(bookings.holdExpiresAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    // Every write above is one transaction: nothing is ever left half done.
    finishInterruptedWrites: async () => 0,

    /**
     * From the running totals (per status, and per status and quarter hour) that migration 0009's
     * trigger keeps, so the cost does not grow with the bookings. Bookings with no payment instant
     * are not in them and are counted directly (none are, for sales); the quarter hour holding
     * `since` is read from the bookings, so the figures start exactly there.
     */
    async sales(statuses, since, periodMinutes) {
      const seconds = periodMinutes * 60;
      if (seconds % trackedPeriodSeconds !== 0) throw new AppError("validation", `Sales periods are whole quarter hours, not ${periodMinutes} minutes`);
      const counted = textArray([...statuses]);
      const firstWholeQuarter = new Date(Math.ceil(since.getTime() / (trackedPeriodSeconds * 1000)) * trackedPeriodSeconds * 1000);
      // The dashboard asks for quarter hours, the totals' own periods: no arithmetic per row (4× cheaper).
      const quarters = seconds === trackedPeriodSeconds;
      const periodOf = (column: SQL) => sql`to_timestamp(floor(extract(epoch from ${column}) / ${seconds}::integer) * ${seconds}::integer)`;
      const result = await db.execute(sql`
        with totals as (
          select coalesce(sum(bookings), 0) as bookings, coalesce(sum(revenue_minor), 0) as revenue_minor
          from booking_sales_totals where status = any(${counted}::text[])
          union all
          select count(*), coalesce(sum(amount_minor), 0)
          from bookings where status = any(${counted}::text[]) and paid_at is null
        ),
        periods as (
          select ${quarters ? sql`period_start` : periodOf(sql`period_start`)} as start, bookings, revenue_minor
          from booking_sales where status = any(${counted}::text[]) and period_start >= ${firstWholeQuarter.toISOString()}::timestamptz
          union all
          select ${periodOf(sql`paid_at`)}, 1, amount_minor
          from bookings
          where status = any(${counted}::text[]) and paid_at >= ${since.toISOString()}::timestamptz and paid_at < ${firstWholeQuarter.toISOString()}::timestamptz
        )
        select 'total' as kind, null::timestamptz as start, sum(bookings)::bigint as bookings, sum(revenue_minor)::bigint as revenue_minor from totals
        union all
        select 'period', start, sum(bookings), sum(revenue_minor) from periods group by start having sum(bookings) > 0`);
      const { rows } = result as unknown as { rows: { kind: string; start: string | Date | null; bookings: string | number; revenue_minor: string | number }[] };
      const total = rows.find((r) => r.kind === "total");
      return {
        bookings: Number(total?.bookings ?? 0),
        revenueMinor: Number(total?.revenue_minor ?? 0),
        byPeriod: rows
          .filter((r) => r.kind === "period")
          .map((r) => ({ start: new Date(r.start!), bookings: Number(r.bookings), revenueMinor: Number(r.revenue_minor) }))
          .sort((a, b) => a.start.getTime() - b.start.getTime()),
      };
    },
  };
}
