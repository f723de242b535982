import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { EventLog, Outbox } from "../interface.ts";
import type { Db } from "./db.ts";
import { mailOutbox, processedEvents } from "./schema.ts";

export function postgresOutbox(db: Db): Outbox {
  return {
    async enqueue(message, now) {
      const inserted = await db
        .insert(mailOutbox)
        .values({ ...message, id: randomUUID(), nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing({ target: mailOutbox.dedupeKey })
        .returning({ id: mailOutbox.id });
      return inserted.length > 0;
    },
    /**
     * Claims due messages by pushing their next attempt forward in the same statement, so two
     * instances draining the outbox at once never pick the same message.
     */
    async due(now, limit) {
      const lease = new Date(now.getTime() + 60_000);
      const ids = db
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      return db
        .update(mailOutbox)
        .set({ nextAttemptAt: lease, attempts: sql`${mailOutbox.attempts} + 1` })
        .where(sql`${mailOutbox.id} in ${ids}`)
        .returning();
    },
    async markSent(id, now) {
      await db.update(mailOutbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(mailOutbox.id, id));
    },
    async markFailed(id, error, nextAttemptAt, giveUp) {
      await db
        .update(mailOutbox)
        .set({ lastError: error.slice(0, 1000), nextAttemptAt, status: giveUp ? "failed" : "pending" })
        .where(eq(mailOutbox.id, id));
    },
    list: () => db.select().from(mailOutbox).orderBy(asc(mailOutbox.createdAt)),
    async counts() {
      const rows = await db
        .select({ status: mailOutbox.status, count: sql<number>`count(*)`.mapWith(Number) })
        .from(mailOutbox)
        .where(inArray(mailOutbox.status, ["pending", "failed"]))
        .groupBy(mailOutbox.status);
      const of = (status: string) => rows.find((r) => r.status === status)?.count ?? 0;
      return { pending: of("pending"), failed: of("failed") };
    },
  };
}

export function postgresEventLog(db: Db): EventLog {
  return {
    async seen(eventId) {
      const [row] = await db.select({ id: processedEvents.id }).from(processedEvents).where(eq(processedEvents.id, eventId)).limit(1);
      return row !== undefined;
    },
    async recordOnce(eventId, source) {
      const inserted = await db
        .insert(processedEvents)
        .values({ id: eventId, source })
        .onConflictDoNothing()
        .returning({ id: processedEvents.id });
      return inserted.length > 0;
    },
  };
}
