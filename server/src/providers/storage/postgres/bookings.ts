import { and, desc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { BookingRecord, BookingRepository, HoldResult, NewHold, PaymentOutcome } from "../interface.ts";
import type { Db } from "./db.ts";
import { bookings, seatClaims, shows, users } from "./schema.ts";
import { isUuid } from "./shows.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A PostgreSQL array literal; each element quoted, so no value can break out of it. */
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/** Thrown inside a transaction to roll it back; never leaves this module. */
class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super("rollback");
  }
}

async function rollbackable<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}

/**
 * Claims seats for a booking in a single statement. A row that already exists is taken over
 * only when it is a lapsed hold (or already this booking's); the primary key serialises racing
 * buyers, so two transactions can never both come back owning a seat.
 */
async function claimSeats(tx: Tx, input: { showId: string; bookingId: string; seats: string[]; expiresAt: Date | null; now: Date }) {
  const claimed = await tx
    .insert(seatClaims)
    .values(input.seats.map((seat) => ({ showId: input.showId, seat, bookingId: input.bookingId, expiresAt: input.expiresAt })))
    .onConflictDoUpdate({
      target: [seatClaims.showId, seatClaims.seat],
      set: { bookingId: input.bookingId, expiresAt: input.expiresAt },
      setWhere: or(
        eq(seatClaims.bookingId, input.bookingId),
        and(isNotNull(seatClaims.expiresAt), lte(seatClaims.expiresAt, input.now)),
      ),
    })
    .returning({ seat: seatClaims.seat });
  const got = new Set(claimed.map((c) => c.seat));
  return input.seats.filter((seat) => !got.has(seat));
}

export function postgresBookings(db: Db): BookingRepository {
  const get = async (id: string, tx: Tx | Db = db): Promise<BookingRecord | null> => {
    if (!isUuid(id)) return null;
    const [row] = await tx.select().from(bookings).where(eq(bookings.id, id));
    return row ?? null;
  };

  return {
    /** One round trip to the hold_seats function (migration 0001): atomic, and cheap under a rush. */
    async hold(hold: NewHold): Promise<HoldResult> {
      const result = await db.execute(
        sql`select hold_seats(${hold.id}::uuid, ${hold.userId}, ${hold.showId}::uuid, ${textArray(hold.seats)}::text[], ${hold.amountMinor}::integer, ${hold.currency}, ${hold.holdExpiresAt.toISOString()}::timestamptz, ${hold.now.toISOString()}::timestamptz) as taken`,
      );
      // Both drivers answer raw queries as { rows }.
      const taken = (result as unknown as { rows: { taken: string[] }[] }).rows[0]?.taken ?? [];
      if (taken.length > 0) return { ok: false, takenSeats: taken };
      return {
        ok: true,
        booking: {
          id: hold.id,
          userId: hold.userId,
          showId: hold.showId,
          seats: hold.seats,
          amountMinor: hold.amountMinor,
          currency: hold.currency,
          status: "held",
          holdExpiresAt: hold.holdExpiresAt,
          paymentLink: null,
          paymentRef: null,
          paidAt: null,
          createdAt: hold.now,
          updatedAt: hold.now,
        },
      };
    },

    async setPayment(id, paymentLink, paymentRef) {
      await db.update(bookings).set({ paymentLink, paymentRef }).where(eq(bookings.id, id));
    },

    get: (id) => get(id),

    listForUser: (userId) =>
      db.select().from(bookings).where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt), desc(bookings.id)),

    async countLiveHolds(userId, showId, now) {
      const [row] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(bookings)
        .where(and(eq(bookings.userId, userId), eq(bookings.showId, showId), eq(bookings.status, "held"), sql`${bookings.holdExpiresAt} > ${now}`));
      return row?.n ?? 0;
    },

    listAll: () => db.select().from(bookings).orderBy(desc(bookings.createdAt), desc(bookings.id)),

    listPaidForShow: (showId) =>
      db.select().from(bookings).where(and(eq(bookings.showId, showId), eq(bookings.status, "paid"))),

    async occupiedSeats(showId, now) {
      const rows = await db
        .select({ seat: seatClaims.seat })
        .from(seatClaims)
        .where(and(eq(seatClaims.showId, showId), or(isNull(seatClaims.expiresAt), sql`${seatClaims.expiresAt} > ${now}`)));
      return rows.map((r) => r.seat);
    },

    async confirmPayment({ bookingId, paymentRef, now }): Promise<PaymentOutcome> {
      if (!isUuid(bookingId)) return { outcome: "not_found" };
      const confirmed = await rollbackable<PaymentOutcome | "seats_gone">(db, async (tx) => {
        const [booking] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
        if (!booking) return { outcome: "not_found" };
        if (booking.status === "paid") return { outcome: "already_paid", booking };
        if (booking.status === "cancelled" || booking.status === "refunded") return "seats_gone";
        const missing = await claimSeats(tx, {
          showId: booking.showId,
          bookingId,
          seats: booking.seats,
          expiresAt: null,
          now,
        });
        if (missing.length > 0) throw new Rollback<"seats_gone">("seats_gone");
        const [paid] = await tx
          .update(bookings)
          .set({ status: "paid", paidAt: now, paymentRef, holdExpiresAt: null, updatedAt: now })
          .where(eq(bookings.id, bookingId))
          .returning();
        return { outcome: "paid", booking: paid! };
      });
      if (confirmed !== "seats_gone") return confirmed;

      // The money came in but the seats are someone else's (or the booking was closed):
      // record it so the payment provider is told to give it back, exactly once.
      return db.transaction(async (tx) => {
        const [booking] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
        if (!booking) return { outcome: "not_found" } as const;
        if (booking.status === "paid") return { outcome: "already_paid", booking } as const;
        if (booking.status === "refunded") return { outcome: "refund_required", booking, firstTime: false } as const;
        await tx.delete(seatClaims).where(and(eq(seatClaims.bookingId, bookingId), isNotNull(seatClaims.expiresAt)));
        const [refunded] = await tx
          .update(bookings)
          .set({ status: "refunded", paymentRef, holdExpiresAt: null, updatedAt: now })
          .where(eq(bookings.id, bookingId))
          .returning();
        return { outcome: "refund_required", booking: refunded!, firstTime: true } as const;
      });
    },

    async cancel(bookingId, now) {
      if (!isUuid(bookingId)) return null;
      return db.transaction(async (tx) => {
        const [cancelled] = await tx
          .update(bookings)
          .set({ status: "cancelled", holdExpiresAt: null, updatedAt: now })
          .where(and(eq(bookings.id, bookingId), eq(bookings.status, "held")))
          .returning();
        if (!cancelled) return null;
        await tx.delete(seatClaims).where(and(eq(seatClaims.bookingId, bookingId), isNotNull(seatClaims.expiresAt)));
        return cancelled;
      });
    },

    async expireIfLapsed(bookingId, now) {
      if (!isUuid(bookingId)) return false;
      return db.transaction(async (tx) => {
        const expired = await tx
          .update(bookings)
          .set({ status: "expired", updatedAt: now })
          .where(and(eq(bookings.id, bookingId), eq(bookings.status, "held"), lte(bookings.holdExpiresAt, now)))
          .returning({ id: bookings.id });
        if (expired.length === 0) return false;
        await tx
          .delete(seatClaims)
          .where(and(eq(seatClaims.bookingId, bookingId), isNotNull(seatClaims.expiresAt), lte(seatClaims.expiresAt, now)));
        return true;
      });
    },

    async expireLapsedHolds(now) {
      return db.transaction(async (tx) => {
        const expired = await tx
          .update(bookings)
          .set({ status: "expired", updatedAt: now })
          .where(and(eq(bookings.status, "held"), lte(bookings.holdExpiresAt, now)))
          .returning({ id: bookings.id });
        await tx.delete(seatClaims).where(and(isNotNull(seatClaims.expiresAt), lte(seatClaims.expiresAt, now)));
        return expired.map((e) => e.id);
      });
    },

    async dashboard(now, timeZone, days) {
      const since = new Date(now.getTime() - days * 24 * 3600_000);
      const localDay = sql<string>`to_char(${bookings.paidAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
      const [totals] = await db
        .select({
          totalBookings: sql<number>`count(*)`.mapWith(Number),
          totalRevenueMinor: sql<number>`coalesce(sum(${bookings.amountMinor}), 0)`.mapWith(Number),
        })
        .from(bookings)
        .where(eq(bookings.status, "paid"));
      const [active] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(shows)
        .where(sql`${shows.startsAt} > ${now}`);
      const [people] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
      const byDay = await db
        .select({
          date: localDay,
          revenueMinor: sql<number>`sum(${bookings.amountMinor})`.mapWith(Number),
          bookings: sql<number>`count(*)`.mapWith(Number),
        })
        .from(bookings)
        .where(and(eq(bookings.status, "paid"), sql`${bookings.paidAt} >= ${since}`))
        // By position: the time zone is a bound parameter, and PostgreSQL would see two
        // different expressions if the select and the GROUP BY each bound it.
        .groupBy(sql`1`)
        .orderBy(sql`1`);
      return {
        totalBookings: totals?.totalBookings ?? 0,
        totalRevenueMinor: totals?.totalRevenueMinor ?? 0,
        activeShows: active?.n ?? 0,
        totalUsers: people?.n ?? 0,
        revenueByDay: byDay,
      };
    },
  };
}
