import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import type { WaitlistRepository } from "../interface.ts";
import { isUniqueViolation } from "../errors.ts";
import type { Db } from "./db.ts";
import { waitlist, waitlistLeases } from "./schema.ts";
import { isUuid } from "./shows.ts";

export function postgresWaitlist(db: Db): WaitlistRepository {
  return {
    async join(entry) {
      try {
        const [row] = await db.insert(waitlist).values({ ...entry, status: "waiting", bookingId: null }).returning();
        return row ?? null;
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    ofShow: (showId, statuses, limit) =>
      isUuid(showId)
        ? db
            .select()
            .from(waitlist)
            .where(and(eq(waitlist.showId, showId), inArray(waitlist.status, [...statuses])))
            .orderBy(asc(waitlist.joinedAt), asc(waitlist.id))
            .limit(limit)
        : Promise.resolve([]),
    ofUser: (userId, statuses) =>
      db.select().from(waitlist).where(and(eq(waitlist.userId, userId), inArray(waitlist.status, [...statuses]))).orderBy(desc(waitlist.joinedAt)),
    async move(entryId, from, to, bookingId) {
      if (!isUuid(entryId)) return false;
      const moved = await db
        .update(waitlist)
        .set({ status: to, ...(bookingId !== undefined ? { bookingId } : {}) })
        .where(and(eq(waitlist.id, entryId), eq(waitlist.status, from)))
        .returning({ id: waitlist.id });
      return moved.length > 0;
    },
    async showsWith(statuses, limit) {
      const rows = await db.selectDistinct({ showId: waitlist.showId }).from(waitlist).where(inArray(waitlist.status, [...statuses])).limit(limit);
      return rows.map((r) => r.showId);
    },
    async lease(showId, now, until) {
      if (!isUuid(showId)) return false;
      const taken = await db
        .insert(waitlistLeases)
        .values({ showId, until })
        .onConflictDoUpdate({ target: waitlistLeases.showId, set: { until }, setWhere: lte(waitlistLeases.until, now) })
        .returning({ showId: waitlistLeases.showId });
      return taken.length > 0;
    },
    async unlease(showId) {
      if (isUuid(showId)) await db.update(waitlistLeases).set({ until: new Date(0) }).where(eq(waitlistLeases.showId, showId));
    },
  };
}
