import { randomUUID } from "node:crypto";
import type { MailMessage } from "../interface.ts";

import type { Models, OutboxDoc } from "./models.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { toOutboxItem } from "./mapping.ts";

export function mongoOutbox({ Outbox }: Models) {
  return {
    /** The unique index on dedupeKey makes a second message with the same key a no-op. */
    async enqueue(message: MailMessage, now: Date) {
      try {
        await Outbox.create({
          _id: randomUUID(),
          dedupeKey: message.dedupeKey,
          kind: message.kind,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.attachments ? { attachments: message.attachments } : {}),
          status: "pending",
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          createdAt: now,
          sentAt: null,
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /**
     * Leases due messages one by one with a conditional update that pushes the next attempt
     * forward; of two drainers racing for a message, only one update matches it.
     */
    async due(now: Date, limit: number) {
      const lease = new Date(now.getTime() + 60_000);
      const candidates = await Outbox.find({ status: "pending", nextAttemptAt: { $lte: now } }, { _id: 1 })
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .lean<{ _id: string }[]>();
      const leased = await Promise.all(
        candidates.map((c) =>
          Outbox.findOneAndUpdate(
            { _id: c._id, status: "pending", nextAttemptAt: { $lte: now } },
            { $set: { nextAttemptAt: lease }, $inc: { attempts: 1 } },
            { returnDocument: "after" },
          ).lean<OutboxDoc>(),
        ),
      );
      return leased.filter((d): d is OutboxDoc => d !== null).map(toOutboxItem);
    },
    async markSent(id: string, now: Date) {
      await Outbox.updateOne({ _id: String(id) }, { $set: { status: "sent", sentAt: now, lastError: null } });
    },
    async markFailed(id: string, error: string, nextAttemptAt: Date, giveUp: boolean) {
      await Outbox.updateOne(
        { _id: String(id) },
        { $set: { lastError: error.slice(0, 1000), nextAttemptAt, status: giveUp ? "failed" : "pending" } },
      );
    },
    async list() {
      const docs = await Outbox.find({}).sort({ createdAt: 1 }).lean<OutboxDoc[]>();
      return docs.map(toOutboxItem);
    },
    async counts() {
      const [pending, failed] = await Promise.all([Outbox.countDocuments({ status: "pending" }), Outbox.countDocuments({ status: "failed" })]);
      return { pending, failed };
    },
  };
}

export function mongoEventLog({ ProcessedEvent }: Models) {
  return {
    seen: async (eventId: string) => (await ProcessedEvent.exists({ _id: String(eventId) })) !== null,
    /** The event id is the `_id`: a replay hits the key and reports false. */
    async recordOnce(eventId: string, source: string) {
      try {
        await ProcessedEvent.create({ _id: String(eventId), source, createdAt: new Date() });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
}
