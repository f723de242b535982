import { randomBytes } from "node:crypto";
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { Webhook } from "svix";
import { sendJson, startStandIn, type StandIn, type StandInHandler } from "./stand-in.ts";

/** A well-formed publishable key: pk_test_ + base64("<frontend api>$"). */
export const clerkPublishableKey = `pk_test_${Buffer.from("quickshow-test.clerk.accounts.dev$").toString("base64")}`;
export const clerkSecretKey = "sk_test_quickshow_offline_dummy";
export const webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;

export interface ClerkUser {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  image_url?: string;
  private_metadata?: Record<string, unknown>;
  /** Clerk's verification of the address; verified unless said otherwise. */
  emailStatus?: "verified" | "unverified";
}

/** A user as Clerk's backend API and webhooks send it (the documented `UserJSON` shape). */
export function clerkUserJson(u: ClerkUser) {
  const emailId = `idn_${u.id}`;
  return {
    id: u.id,
    object: "user",
    username: null,
    first_name: u.first_name,
    last_name: u.last_name,
    image_url: u.image_url ?? `https://img.clerk.com/${u.id}.png`,
    has_image: true,
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: [
      {
        id: emailId,
        object: "email_address",
        email_address: u.email,
        verification: { status: u.emailStatus ?? "verified", strategy: "email_code", attempts: u.emailStatus === "unverified" ? 0 : 1, expire_at: null },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: {},
    private_metadata: u.private_metadata ?? {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: 1_700_000_000_000,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    delete_self_enabled: true,
    create_organization_enabled: true,
    last_active_at: 1_700_000_000_000,
    legal_accepted_at: null,
  };
}

export interface FakeClerk {
  /** CLERK_* variables pointing the server at this stand-in and key. */
  env: Record<string, string>;
  backend: StandIn;
  users: Map<string, ClerkUser>;
  /** A session token for the user, as Clerk's frontend would issue it. */
  token(userId: string, options?: { expiresIn?: string; key?: CryptoKey; azp?: string }): Promise<string>;
  /** A Svix-signed webhook delivery of the event. */
  webhook(type: string, data: unknown, options?: { id?: string; at?: Date; secret?: string }): { body: string; headers: Record<string, string> };
  getUserCalls(userId?: string): number;
  /** Puts the normal backend API back after a test made it fail. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * Clerk offline: an RS256 key pair made here (its public half is CLERK_JWT_KEY, so tokens verify
 * without a network), a loopback backend API answering users.getUser, and Svix-signed webhooks.
 */
export async function fakeClerk(): Promise<FakeClerk> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const users = new Map<string, ClerkUser>();
  const serve: StandInHandler = (req, res) => {
    const match = /^\/v1\/users\/([^/?]+)$/.exec(req.url);
    if (req.headers.authorization !== `Bearer ${clerkSecretKey}`) {
      return sendJson(res, 401, { errors: [{ code: "authentication_invalid", message: "Invalid secret key" }] });
    }
    const user = match && req.method === "GET" ? users.get(decodeURIComponent(match[1]!)) : undefined;
    if (!user) return sendJson(res, 404, { errors: [{ code: "resource_not_found", message: "not found", long_message: "Resource not found" }] });
    sendJson(res, 200, clerkUserJson(user));
  };
  const backend = await startStandIn(serve);
  const pem = await exportSPKI(publicKey);
  return {
    env: {
      CLERK_SECRET_KEY: clerkSecretKey,
      CLERK_PUBLISHABLE_KEY: clerkPublishableKey,
      CLERK_JWT_KEY: pem,
      CLERK_WEBHOOK_SIGNING_SECRET: webhookSecret,
      CLERK_API_URL: backend.url,
    },
    backend,
    users,
    token(userId, options = {}) {
      return new SignJWT({ sid: `sess_${userId}`, ...(options.azp ? { azp: options.azp } : {}) })
        .setProtectedHeader({ alg: "RS256", kid: "ins_quickshow_test", typ: "JWT" })
        .setSubject(userId)
        .setIssuer("https://quickshow-test.clerk.accounts.dev")
        .setIssuedAt()
        .setNotBefore("0s")
        .setExpirationTime(options.expiresIn ?? "5m")
        .sign(options.key ?? privateKey);
    },
    webhook(type, data, options = {}) {
      const body = JSON.stringify({ type, object: "event", data, timestamp: Date.now(), instance_id: "ins_quickshow_test" });
      const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
      const at = options.at ?? new Date();
      const signature = new Webhook(options.secret ?? webhookSecret).sign(id, at, body);
      return {
        body,
        headers: {
          "content-type": "application/json",
          "svix-id": id,
          "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
          "svix-signature": signature,
        },
      };
    },
    getUserCalls: (userId) =>
      backend.requests.filter((r) => r.url.startsWith("/v1/users/") && (!userId || r.url === `/v1/users/${userId}`)).length,
    restore: () => backend.handle(serve),
    close: () => backend.close(),
  };
}

/** A key the server does not know, for forged tokens. */
export async function strangerKey(): Promise<CryptoKey> {
  return (await generateKeyPair("RS256")).privateKey;
}
