import { createClerkClient, type ClerkClient, type UserJSON } from "@clerk/express";
import type { Config } from "../../config.ts";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { InvalidProfileError, profileFromClerkUser } from "./clerk-profile.ts";
import type { ExternalProfile } from "../storage/interface.ts";
import { ClerkUserWebhook } from "./clerk-webhook.ts";
import type { AuthProvider, Identity, UserWebhook } from "./interface.ts";

type ClerkConfig = NonNullable<Config["clerk"]>;

const maxCached = 10_000;

/**
 * Sign-in by Clerk. The user id comes from the session token (sent as a Bearer token by the web
 * client), verified by @clerk/express: networkless with CLERK_JWT_KEY, else against Clerk's JWKS.
 * The profile and role come from the backend API (`users.getUser`), cached for a short while.
 */
export class ClerkAuthProvider implements AuthProvider {
  readonly kind = "clerk" as const;
  readonly webhook: UserWebhook | undefined;
  private readonly client: ClerkClient;
  private readonly profiles = new Map<string, { profile: ExternalProfile; fetchedAt: number }>();
  private readonly inFlight = new Map<string, Promise<ExternalProfile>>();

  constructor(
    private readonly options: ClerkConfig,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.client = createClerkClient({
      secretKey: options.secretKey,
      publishableKey: options.publishableKey,
      jwtKey: options.jwtKey,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      telemetry: { disabled: true },
    });
    this.webhook = options.webhookSigningSecret ? new ClerkUserWebhook(options.webhookSigningSecret) : undefined;
  }

  async identify(authorization: string | undefined): Promise<Identity | null> {
    if (!authorization) return null;
    if (!/^Bearer\s+\S+$/i.test(authorization)) throw new AppError("unauthenticated", "Authorization must be 'Bearer <token>'");
    // authenticateRequest is what clerkMiddleware runs; a Request with only the header keeps
    // cookies and the browser handshake out of an API call.
    const state = await this.client.authenticateRequest(
      new Request("http://api.quickshow.internal/", { headers: { authorization } }),
      {
        jwtKey: this.options.jwtKey,
        ...(this.options.authorizedParties.length > 0 ? { authorizedParties: this.options.authorizedParties } : {}),
        acceptsToken: "session_token",
      },
    );
    const userId = state.isAuthenticated ? state.toAuth().userId : null;
    if (!userId) {
      this.logger.debug({ reason: state.reason }, "clerk session token rejected");
      throw new AppError("unauthenticated", "Your session is invalid or has expired; please sign in again");
    }
    try {
      return { userId, profile: await this.profile(userId) };
    } catch (err) {
      if ((err as { status?: number }).status === 404) {
        throw new AppError("unauthenticated", "Your account no longer exists; please sign in again");
      }
      if (err instanceof InvalidProfileError) {
        throw new AppError("forbidden", "Add an email address to your account to use QuickShow");
      }
      // The token alone proves who this is; a user we already know can go on with our copy.
      this.logger.warn({ err, userId }, "clerk backend API unavailable; using the stored profile");
      return { userId, profileUnavailable: true };
    }
  }

  invalidate(userId: string): void {
    this.profiles.delete(userId);
  }

  private profile(userId: string): Promise<ExternalProfile> {
    const cached = this.profiles.get(userId);
    if (cached && this.now() - cached.fetchedAt < this.options.roleCacheSeconds * 1000) return Promise.resolve(cached.profile);
    let pending = this.inFlight.get(userId);
    if (!pending) {
      pending = this.client.users
        .getUser(userId)
        .then((user) => {
          // QuickShow's admin rule is applied there: privateMetadata.role === "admin".
          const profile = profileFromClerkUser(user.raw ?? toJson(user));
          if (this.profiles.size >= maxCached) this.profiles.delete(this.profiles.keys().next().value!);
          this.profiles.set(userId, { profile, fetchedAt: this.now() });
          return profile;
        })
        .finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, pending);
    }
    return pending;
  }
}

/** `raw` is set by the SDK's deserializer; this is the fallback should a version not keep it. */
function toJson(user: Awaited<ReturnType<ClerkClient["users"]["getUser"]>>): UserJSON {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    username: user.username,
    image_url: user.imageUrl,
    primary_email_address_id: user.primaryEmailAddressId,
    email_addresses: user.emailAddresses.map((e) => ({ id: e.id, email_address: e.emailAddress, verification: e.verification ? { status: e.verification.status } : null })),
    private_metadata: user.privateMetadata,
  } as unknown as UserJSON;
}
