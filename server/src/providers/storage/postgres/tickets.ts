import { AppError } from "../../../errors.ts";
import { and, asc, count, eq, getTableColumns, gte, inArray, lte, sql, type Column } from "drizzle-orm";
import type { AdmissionRecord, BookingRecord, SecretStore, TicketRepository } from "../interface.ts";
import type { Db } from "./db.ts";
import { admissions, appSecrets, bookings } from "./schema.ts";
import { isUuid } from "./shows.ts";
import { removedDomain } from "./users.ts";

type JsonRow = Record<string, unknown>;
type AdmitAnswer = { booking: JsonRow; holder: string | null; qualifies: boolean; written?: JsonRow; earlier?: JsonRow };

const bookingColumns = getTableColumns(bookings);
const admissionColumns = getTableColumns(admissions);

/** A row read as JSON (`to_jsonb`) in the shape the query builder gives, each column mapped as drizzle maps it. */
function fromJsonRow<T>(columns: Record<string, Column>, json: JsonRow): T {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => {
      const value = json[column.name];
      return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    }),
  ) as T;
}

export function postgresTickets(db: Db): TicketRepository {
  return {
    /** One round trip to the admit_ticket function (migration 0008): the booking judged and locked, the ticket admitted once. */
    async admit(admission, { bookingStatus }) {
      const nothing = { booking: null, holderName: null, admitted: false, admission: null };
      if (!isUuid(admission.bookingId) || !isUuid(admission.showId)) return nothing;
      const { bookingId, seat, showId } = admission;
      const result = await db.execute(
        sql`select admit_ticket(${bookingId}::uuid, ${seat}, ${showId}::uuid, ${admission.admittedAt.toISOString()}::timestamptz, ${admission.admittedBy}, ${admission.admittedByName}, ${admission.device}, ${bookingStatus}, ${`%${removedDomain}`}) as answer`,
      );
      // Both drivers answer raw queries as { rows }.
      const answer = (result as unknown as { rows: { answer: AdmitAnswer | null }[] }).rows[0]?.answer;
      if (!answer) return nothing;
      const judged = { booking: fromJsonRow<BookingRecord>(bookingColumns, answer.booking), holderName: answer.holder };
      if (!answer.qualifies) return { ...judged, admitted: false, admission: null };
      if (answer.written) return { ...judged, admitted: true, admission: fromJsonRow<AdmissionRecord>(admissionColumns, answer.written) };
      if (!answer.earlier) throw new AppError("unavailable", "This ticket could not be checked just now; scan it again");
      return { ...judged, admitted: false, admission: fromJsonRow<AdmissionRecord>(admissionColumns, answer.earlier) };
    },

    async admittedSeatsOf(bookingId) {
      if (!isUuid(bookingId)) return [];
      const rows = await db.select({ seat: admissions.seat }).from(admissions).where(eq(admissions.bookingId, bookingId)).orderBy(asc(admissions.seat));
      return rows.map((r) => r.seat);
    },

    listAdmissionsOf: (bookingId) =>
      isUuid(bookingId) ? db.select().from(admissions).where(eq(admissions.bookingId, bookingId)).orderBy(asc(admissions.seat)) : Promise.resolve([]),

    listAdmissionsOfShow: (showId) =>
      isUuid(showId)
        ? db.select().from(admissions).where(eq(admissions.showId, showId)).orderBy(asc(admissions.admittedAt), asc(admissions.bookingId), asc(admissions.seat))
        : Promise.resolve([]),

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
