import type { WebhookEvent } from "@clerk/express";
import { verifyWebhook } from "@clerk/express/webhooks";
import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { jobFunctions } from "../jobs/functions.ts";
import { InvalidProfileError, profileFromClerkUser } from "../providers/auth/clerk-profile.ts";
import { userSync } from "../users/sync.ts";

export const clerkWebhookPath = "/api/clerk/webhook";

/**
 * Clerk's user.created / user.updated / user.deleted, delivered by Svix. Mounted before the JSON
 * parser: the signature covers the raw bytes. Each Svix message id is handled once; a delivery
 * whose handling fails is forgotten again so Svix's retry is processed.
 */
export function clerkWebhookRouter(deps: Deps) {
  const router = Router();
  const clerk = deps.config.clerk;
  if (!clerk) return router;
  const sync = userSync(deps);
  const log = deps.logger.child({ provider: "clerk-webhook" });

  async function handle(event: WebhookEvent): Promise<string> {
    switch (event.type) {
      case "user.created":
      case "user.updated": {
        let profile;
        try {
          profile = profileFromClerkUser(event.data);
        } catch (err) {
          // Sending it again would not make it valid: acknowledge, and say why in the log.
          if (err instanceof InvalidProfileError) return `ignored: ${err.message}`;
          throw err;
        }
        deps.auth.invalidate?.(profile.id);
        const user = await sync.fromProfile(profile);
        return user ? "synced" : "ignored: the user was deleted before";
      }
      case "user.deleted": {
        const id = (event.data as { id?: string }).id;
        if (!id) return "ignored: no user id";
        deps.auth.invalidate?.(id);
        // The same job the Inngest function runs: holds released (checkouts closed), user anonymised.
        return (await jobFunctions(deps).removeUser({ userId: id })).removed ? "removed" : "ignored: unknown user";
      }
      default:
        return `ignored: ${event.type} is not used`;
    }
  }

  router.post(clerkWebhookPath, express.raw({ type: () => true, limit: "512kb" }), async (req, res) => {
    if (!clerk.webhookSigningSecret) {
      throw new AppError("unavailable", "Clerk webhooks are not configured on this server (CLERK_WEBHOOK_SIGNING_SECRET)");
    }
    if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
    let event: WebhookEvent;
    try {
      event = await verifyWebhook(req, { signingSecret: clerk.webhookSigningSecret });
    } catch (err) {
      log.warn({ err: (err as Error).message }, "rejected a webhook that failed verification");
      throw new AppError("validation", "Webhook signature verification failed");
    }
    const key = `svix:${req.get("svix-id")}`;
    if (!(await deps.storage.events.recordOnce(key, "clerk"))) {
      res.json({ success: true, result: "duplicate: already processed" });
      return;
    }
    try {
      const result = await handle(event);
      log.info({ type: event.type, svixId: req.get("svix-id"), result }, "clerk webhook");
      res.json({ success: true, result });
    } catch (err) {
      await deps.storage.events.forget(key).catch(() => {});
      throw err;
    }
  });
  return router;
}
