import { type Effect, type EffectKind, type EffectQueue, effectKinds } from "../interface.ts";
import { idFilter, idString } from "./ids.ts";
import { type BookingDoc, effectFields, type Models } from "./models.ts";

const pathOf = (kind: EffectKind) => `effects.${effectFields[kind]}`;

/** Effects live on their booking's document, written by the same update as the change that owes them. */
export function mongoEffects({ Booking }: Models): EffectQueue {
  const set = (effect: Effect, fields: Record<string, unknown>) =>
    Booking.updateOne(
      { _id: idFilter(effect.bookingId) },
      { $set: Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${pathOf(effect.kind)}.${k}`, v])) },
    );

  return {
    /** Leases candidates one by one with a conditional update; of two runners racing for one, only one update matches. */
    async due(now, leaseUntil, limit) {
      const leased: Effect[] = [];
      for (const kind of effectKinds) {
        const path = pathOf(kind);
        const dueFilter = { [`${path}.status`]: "pending", [`${path}.nextAttemptAt`]: { $lte: now } };
        const candidates = await Booking.find(dueFilter, { _id: 1 }).limit(limit - leased.length).lean<{ _id: BookingDoc["_id"] }[]>();
        for (const c of candidates) {
          const doc = await Booking.findOneAndUpdate(
            { _id: c._id, ...dueFilter },
            { $set: { [`${path}.nextAttemptAt`]: leaseUntil }, $inc: { [`${path}.attempts`]: 1 } },
            { returnDocument: "after" },
          ).lean<BookingDoc>();
          const state = doc?.effects?.[effectFields[kind]];
          if (doc && state) leased.push({ id: `${kind}:${idString(doc._id)}`, kind, bookingId: idString(doc._id), attempts: state.attempts });
        }
        if (leased.length >= limit) break;
      }
      return leased;
    },
    async done(effect, now) {
      await set(effect, { status: "done", doneAt: now, lastError: null });
    },
    async failed(effect, error, retryAt, giveUp) {
      await set(effect, { status: giveUp ? "failed" : "pending", nextAttemptAt: retryAt, lastError: error.slice(0, 1000) });
    },
    async open() {
      const open = [];
      for (const kind of effectKinds) {
        const path = pathOf(kind);
        const docs = await Booking.find({ [`${path}.status`]: { $in: ["pending", "failed"] } }, { effects: 1 }).lean<BookingDoc[]>();
        for (const doc of docs) {
          const state = doc.effects![effectFields[kind]]!;
          const bookingId = idString(doc._id);
          open.push({
            id: `${kind}:${bookingId}`,
            kind,
            bookingId,
            attempts: state.attempts,
            status: state.status === "failed" ? ("failed" as const) : ("pending" as const),
            lastError: state.lastError,
          });
        }
      }
      return open;
    },
  };
}
