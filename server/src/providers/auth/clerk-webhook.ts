import { verifyWebhook } from "@clerk/express/webhooks";
import type { Request } from "express";
import { clerkUserEvent } from "./clerk-profile.ts";
import { InvalidUserWebhookError, type UserWebhook } from "./interface.ts";

/** Clerk's user.created / user.updated / user.deleted, delivered by Svix and verified with the SDK. */
export class ClerkUserWebhook implements UserWebhook {
  readonly path = "/api/clerk/webhook";
  constructor(private readonly signingSecret: string) {}

  async read(req: Request) {
    let event;
    try {
      event = await verifyWebhook(req, { signingSecret: this.signingSecret });
    } catch (err) {
      throw new InvalidUserWebhookError((err as Error).message);
    }
    return { deliveryId: `svix:${req.get("svix-id")}`, event: clerkUserEvent(event.type, event.data) };
  }
}
