import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { jwtVerify, SignJWT } from "jose";
import { AppError } from "../../errors.ts";
import type { AuthProvider, Identity } from "./interface.ts";

const issuer = "quickshow";
const maxRememberedTokens = 10_000;

/** What a mailed link's token lets its holder do; session tokens carry no audience. */
export type LinkPurpose = "verify-email" | "password-reset";

/** Local accounts: bcrypt-hashed passwords and HS256 session tokens signed by the server. */
export class LocalAuthProvider implements AuthProvider {
  readonly kind = "local" as const;
  private readonly key: Uint8Array;

  /**
   * Session tokens verified before, until they expire: a signed-in client sends the same token
   * with every request (a door scanner many times a second), and what it says cannot change.
   */
  private readonly verified = new Map<string, { userId: string; sessionVersion: number; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly options: { tokenTtlHours: number; hashRounds: number },
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async identify(authorization: string | undefined): Promise<Identity | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("unauthenticated", "Authorization must be 'Bearer <token>'");
    const token = match[1]!;
    const seen = this.verified.get(token);
    if (seen && seen.expiresAtMs > Date.now()) return { userId: seen.userId, sessionVersion: seen.sessionVersion };
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer, algorithms: ["HS256"] });
      if (typeof payload.sub !== "string") throw new Error("no subject");
      // A mailed link's token is not a session.
      if (payload.aud !== undefined) throw new Error("not a session token");
      // Tokens issued before sessions had versions name none: they belong to the first.
      const sessionVersion = typeof payload.sv === "number" ? payload.sv : 0;
      if (payload.exp !== undefined) this.remember(token, payload.sub, sessionVersion, payload.exp * 1000);
      return { userId: payload.sub, sessionVersion };
    } catch {
      throw new AppError("unauthenticated", "Your session is invalid or has expired; please sign in again");
    }
  }

  private remember(token: string, userId: string, sessionVersion: number, expiresAtMs: number) {
    if (this.verified.size >= maxRememberedTokens) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { userId, sessionVersion, expiresAtMs });
  }

  /** A session token of the account's current session version (`UserRecord.sessionVersion`). */
  issueToken(userId: string, sessionVersion: number): Promise<string> {
    return new SignJWT({ sv: sessionVersion })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(userId)
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(`${this.options.tokenTtlHours}h`)
      .sign(this.key);
  }

  /** A signed, expiring token for a mailed link, good only for its purpose. */
  issueLinkToken(purpose: LinkPurpose, userId: string, claims: Record<string, string>, now: Date, ttlMinutes: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(userId)
      .setIssuer(issuer)
      .setAudience(purpose)
      .setIssuedAt(now)
      .setExpirationTime(new Date(now.getTime() + ttlMinutes * 60_000))
      .sign(this.key);
  }

  /** The user and claims of a link token for this purpose; null when forged, expired or meant for something else. */
  async readLinkToken(purpose: LinkPurpose, token: string, now: Date): Promise<{ userId: string; claims: Record<string, unknown> } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer, audience: purpose, algorithms: ["HS256"], currentDate: now });
      return typeof payload.sub === "string" ? { userId: payload.sub, claims: payload } : null;
    } catch {
      return null;
    }
  }

  hashPassword(password: string): Promise<string> {
    return bcrypt.hash(password, this.options.hashRounds);
  }

  verifyPassword(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}

/**
 * With no JWT_SECRET set, a random one is made once and kept in the data folder,
 * so sessions survive a restart of a zero-config install.
 */
export function localTokenSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.resolve(dataDir, "jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
