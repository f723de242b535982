import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { InvalidUserWebhookError } from "../providers/auth/interface.ts";
import { applyUserEvent } from "../users/lifecycle.ts";

/**
 * The identity provider's webhook about its users (Clerk's at /api/clerk/webhook). Mounted before
 * the JSON parser: the signature covers the raw bytes. A delivery is recorded once it has been
 * acted on, and a recorded one is a replay; one whose handling fails is never recorded, so the
 * provider's retry is processed (applying a profile or a removal twice changes nothing).
 */
export function userWebhookRouter(deps: Deps) {
  const router = Router();
  const webhook = deps.auth.webhook;
  if (!webhook) return router;
  const log = deps.logger.child({ provider: `${deps.auth.kind}-webhook` });

  router.post(webhook.path, express.raw({ type: () => true, limit: "512kb" }), async (req, res) => {
    if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
    let delivery;
    try {
      delivery = await webhook.read(req);
    } catch (err) {
      if (!(err instanceof InvalidUserWebhookError)) throw err;
      log.warn({ err: err.message }, "rejected a webhook that failed verification");
      throw new AppError("validation", "Webhook signature verification failed");
    }
    if (await deps.storage.events.seen(delivery.deliveryId)) {
      res.json({ success: true, result: "duplicate: already processed" });
      return;
    }
    const result = await applyUserEvent(deps, delivery.event);
    await deps.storage.events.recordOnce(delivery.deliveryId, deps.auth.kind);
    log.info({ kind: delivery.event.kind, deliveryId: delivery.deliveryId, result }, "user webhook");
    res.json({ success: true, result });
  });
  return router;
}
