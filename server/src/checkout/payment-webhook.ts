import express, { Router } from "express";
import { handlePaymentEvent } from "../bookings/payment.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { InvalidWebhookError } from "../providers/payments/interface.ts";

/**
 * POST /api/stripe: the payment provider's webhook. It needs the body exactly as sent to
 * check the signature, so app.ts mounts it before any JSON parser. Nothing is read from an
 * unverified body.
 */
export function paymentWebhookRouter(deps: Deps) {
  const router = Router();
  const webhook = deps.payments.webhook;
  if (!webhook) return router;
  router.post(`/api/${deps.payments.kind}`, express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let event;
    try {
      event = webhook.parse(raw, req.headers);
    } catch (error) {
      if (error instanceof InvalidWebhookError) {
        req.log?.warn({ err: error.message }, "payment webhook rejected");
        throw new AppError("validation", `Webhook signature could not be verified: ${error.message}`);
      }
      throw error;
    }
    const outcome = await handlePaymentEvent(deps, event);
    res.json({ success: true, received: true, outcome });
  });
  return router;
}
