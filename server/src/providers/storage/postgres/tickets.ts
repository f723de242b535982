import { and, asc, count, eq, gte, inArray, lte } from "drizzle-orm";
import type { AdmissionRecord, SecretStore, TicketRepository } from "../interface.ts";
import type { Db } from "./db.ts";
import { admissions, appSecrets, bookings } from "./schema.ts";
import { isUuid } from "./shows.ts";

const ticketOf = (a: Pick<AdmissionRecord, "bookingId" | "seat">) => and(eq(admissions.bookingId, a.bookingId), eq(admissions.seat, a.seat));

export function postgresTickets(db: Db): TicketRepository {
  return {
    /**
     * The insert either writes the admission or, on the primary key, does nothing; a concurrent
     * scan of the same ticket waits for the first insert's commit and then does nothing too. The
     * earlier admission is read by a second statement, whose fresh snapshot sees that commit (a
     * read inside the insert's own statement would not).
     */
    async admit(admission) {
      const inserted = await db.insert(admissions).values(admission).onConflictDoNothing().returning();
      if (inserted[0]) return { admitted: true, admission: inserted[0] };
      const [earlier] = await db.select().from(admissions).where(ticketOf(admission));
      if (!earlier) throw new Error(`admission of ${admission.bookingId}/${admission.seat} neither written nor found`);
      return { admitted: false, admission: earlier };
    },

    listAdmissionsOf: (bookingId) =>
      isUuid(bookingId) ? db.select().from(admissions).where(eq(admissions.bookingId, bookingId)).orderBy(asc(admissions.seat)) : Promise.resolve([]),

    async countAdmitted(showIds) {
      const ids = showIds.filter(isUuid);
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ showId: admissions.showId, admitted: count() })
        .from(admissions)
        .where(inArray(admissions.showId, ids))
        .groupBy(admissions.showId);
      return new Map(rows.map((r) => [r.showId, Number(r.admitted)]));
    },

    findBookingsInIdRange(from, to, limit) {
      if (!isUuid(from) || !isUuid(to)) return Promise.resolve([]);
      return db.select().from(bookings).where(and(gte(bookings.id, from), lte(bookings.id, to))).orderBy(asc(bookings.id)).limit(limit);
    },
  };
}

export function postgresSecrets(db: Db): SecretStore {
  return {
    async keepFirst(name, value) {
      await db.insert(appSecrets).values({ name, value }).onConflictDoNothing();
      const [stored] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
      return stored!.value;
    },
  };
}
