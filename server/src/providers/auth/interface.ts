/** Who is calling, as the auth provider vouches for it. */
export interface Identity {
  userId: string;
  /** Known to providers that hold the profile (Clerk); used to create the user on first sight. */
  profile?: { name: string; email: string; image: string };
}

export interface AuthProvider {
  readonly kind: "local" | "clerk";
  /**
   * Reads the credentials of a request. Null when none were presented;
   * throws AppError("unauthenticated") when they were presented but are not valid.
   */
  identify(authorization: string | undefined): Promise<Identity | null>;
}
