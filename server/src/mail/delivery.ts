import { isOutage } from "../errors.ts";
import type { Deps } from "../deps.ts";

const maxAttempts = 8;

/** Backoff between attempts: 1, 2, 4 … minutes, capped at an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/**
 * Sends what the outbox holds that is due. A failure leaves the message queued for a later
 * attempt; it is given up (status failed) only after many tries.
 */
export async function deliverDueMail(deps: Pick<Deps, "storage" | "mail" | "clock" | "logger"> & Partial<Pick<Deps, "metrics">>) {
  const { storage, mail, clock, logger } = deps;
  let sent = 0;
  for (const item of await storage.outbox.due(clock.now(), 50)) {
    try {
      await mail.send({ to: item.to, subject: item.subject, text: item.text, html: item.html, ...(item.attachments?.length ? { attachments: item.attachments } : {}) });
      await storage.outbox.markSent(item.id, clock.now());
      sent++;
    } catch (error) {
      // The mail stays leased and is retried when its lease ends; the outage was logged once.
      if (isOutage(error)) return sent;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = item.attempts >= maxAttempts;
      deps.metrics?.mailFailed();
      logger.warn({ mailId: item.id, attempts: item.attempts, err: message, giveUp }, "mail delivery failed");
      await storage.outbox.markFailed(item.id, message, new Date(clock.now().getTime() + retryDelayMs(item.attempts)), giveUp);
    }
  }
  return sent;
}
