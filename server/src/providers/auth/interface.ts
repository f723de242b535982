import type { Request } from "express";
import type { ExternalProfile } from "../storage/interface.ts";

/** What the identity provider says happened to one of its users. */
export type UserLifecycleEvent =
  | { kind: "profile"; profile: ExternalProfile }
  | { kind: "removed"; userId: string }
  /** Nothing to do, and sending it again would not change that (an unused type, a user without email). */
  | { kind: "ignored"; reason: string };

/** The provider's webhook about its users (Clerk's, delivered by Svix). */
export interface UserWebhook {
  readonly path: string;
  /**
   * Verifies a delivery (its raw body is `req.body`, a Buffer) and reads it; `deliveryId` is the
   * same for every redelivery of one message. Throws InvalidUserWebhookError when verification fails.
   */
  read(req: Request): Promise<{ deliveryId: string; event: UserLifecycleEvent }>;
}

export class InvalidUserWebhookError extends Error {
  override name = "InvalidUserWebhookError";
}

/** Who is calling, as the auth provider vouches for it. */
export interface Identity {
  userId: string;
  /**
   * Known to providers that hold the profile (Clerk): name, email, image and role as the provider
   * has them now; used to create the user on first sight and to keep our copy in step.
   */
  profile?: ExternalProfile;
  /**
   * The account's session version the credentials were issued under (local sessions); they are
   * refused once the account's version has moved on. Absent where the provider ends sessions itself.
   */
  sessionVersion?: number;
  /** The provider could not say who this user is right now (its API is down). */
  profileUnavailable?: boolean;
}

export interface AuthProvider {
  readonly kind: "local" | "clerk";
  /**
   * Reads the credentials of a request. Null when none were presented;
   * throws AppError("unauthenticated") when they were presented but are not valid.
   */
  identify(authorization: string | undefined): Promise<Identity | null>;
  /** Drops what the provider cached about a user (its profile changed or it was deleted). */
  invalidate?(userId: string): void;
  /** Present when the provider reports user changes by webhook (Clerk, when its signing secret is set). */
  readonly webhook?: UserWebhook;
}
