import type { ExternalProfile } from "../storage/interface.ts";

/** Who is calling, as the auth provider vouches for it. */
export interface Identity {
  userId: string;
  /**
   * Known to providers that hold the profile (Clerk): name, email, image and role as the provider
   * has them now; used to create the user on first sight and to keep our copy in step.
   */
  profile?: ExternalProfile;
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
}
