import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { InvalidUserWebhookError } from "../providers/auth/interface.ts";
import { applyUserEvent } from "../users/lifecycle.ts";

/**
 * The identity provider's webhook about its users (Clerk's at /api/clerk/webhook). Mounted before
 * the JSON parser: the signature covers the raw bytes. Each delivery is acted on once; one whose
 * handling fails is forgotten again so the provider's retry is processed.
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
    if (!(await deps.storage.events.recordOnce(delivery.deliveryId, deps.auth.kind))) {
      res.json({ success: true, result: "duplicate: already processed" });
      return;
    }
    try {
      const result = await applyUserEvent(deps, delivery.event);
      log.info({ kind: delivery.event.kind, deliveryId: delivery.deliveryId, result }, "user webhook");
      res.json({ success: true, result });
    } catch (err) {
      await deps.storage.events.forget(delivery.deliveryId).catch(() => {});
      throw err;
    }
  });
  return router;
}
