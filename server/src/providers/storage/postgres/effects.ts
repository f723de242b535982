import { and, asc, eq, lte, ne, sql } from "drizzle-orm";
import type { EffectQueue } from "../interface.ts";
import type { Db } from "./db.ts";
import { effects } from "./schema.ts";

const fields = { id: effects.id, kind: effects.kind, bookingId: effects.bookingId, attempts: effects.attempts };

export function postgresEffects(db: Db): EffectQueue {
  return {
    /** Leases by pushing the next attempt past the lease in the same statement; racing runners skip each other's rows. */
    due(now, leaseUntil, limit) {
      const ids = db
        .select({ id: effects.id })
        .from(effects)
        .where(and(eq(effects.status, "pending"), lte(effects.nextAttemptAt, now)))
        .orderBy(asc(effects.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      return db
        .update(effects)
        .set({ nextAttemptAt: leaseUntil, attempts: sql`${effects.attempts} + 1` })
        .where(sql`${effects.id} in ${ids}`)
        .returning(fields);
    },
    async done(effect, now) {
      await db.update(effects).set({ status: "done", doneAt: now, lastError: null }).where(eq(effects.id, effect.id));
    },
    async failed(effect, error, retryAt, giveUp) {
      await db
        .update(effects)
        .set({ lastError: error.slice(0, 1000), nextAttemptAt: retryAt, status: giveUp ? "failed" : "pending" })
        .where(eq(effects.id, effect.id));
    },
    async open() {
      const rows = await db
        .select({ ...fields, status: effects.status, lastError: effects.lastError })
        .from(effects)
        .where(ne(effects.status, "done"))
        .orderBy(asc(effects.createdAt));
      return rows.map((r) => ({ ...r, status: r.status === "failed" ? ("failed" as const) : ("pending" as const) }));
    },
  };
}
