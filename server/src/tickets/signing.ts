import { createPublicKey, verify as verifySignature, type KeyObject } from "node:crypto";
import { CompactSign, calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from "jose";
import type { SecretStore } from "../providers/storage/interface.ts";

/** What a ticket's QR code says: which booking's seat, for which show. Nothing about the holder. */
export interface TicketClaims {
  bookingId: string;
  seat: string;
  showId: string;
}

export interface TicketKeys {
  sign(claims: TicketClaims): Promise<string>;
  /** The claims of a token this deployment signed; null for anything else (forged, altered, foreign). */
  verify(token: string): Promise<TicketClaims | null>;
  /** The public half, for door devices that verify offline. */
  publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: string };
}

const alg = "Ed25519";
const storedKeyName = "ticket-signing-key";

/** Short claim names keep the QR code small: b(ooking), s(eat), x (the show). */
type WireClaims = { b: string; s: string; x: string };

const isWireClaims = (value: unknown): value is WireClaims =>
  typeof value === "object" &&
  value !== null &&
  ["b", "s", "x"].every((k) => typeof (value as Record<string, unknown>)[k] === "string");

async function importPrivate(text: string) {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return importJWK({ ...(JSON.parse(trimmed) as JWK), ext: true }, alg);
  return importPKCS8(trimmed, alg, { extractable: true });
}

/**
 * The Ed25519 key that signs ticket tokens: TICKET_SIGNING_KEY (PKCS#8 PEM or JWK) when set;
 * otherwise one generated on first use and kept in the database, so it survives restarts and
 * every instance on the same database signs and verifies alike.
 */
export async function loadTicketKeys(configured: string | undefined, secrets: SecretStore): Promise<TicketKeys> {
  const privateText = configured ?? (await secrets.keepFirst(storedKeyName, await newPrivateKeyPem()));
  const privateKey = await importPrivate(privateText);
  const { d: _private, ...publicPart } = await exportJWK(privateKey);
  const kid = (await calculateJwkThumbprint(publicPart)).slice(0, 8);
  const publicJwk = { kty: "OKP" as const, crv: "Ed25519" as const, x: publicPart.x!, kid, alg };
  // The door verifies every scan: node's own Ed25519 check, synchronous, costs a fraction of a WebCrypto call.
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicJwk.x }, format: "jwk" });
  const encoder = new TextEncoder();
  return {
    publicJwk,
    sign: ({ bookingId, seat, showId }) =>
      new CompactSign(encoder.encode(JSON.stringify({ b: bookingId, s: seat, x: showId } satisfies WireClaims)))
        .setProtectedHeader({ alg, kid })
        .sign(privateKey),
    verify: async (token) => verifyCompact(token, publicKey, kid),
  };
}

const decodedJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return null;
  }
};

/**
 * The claims of a compact JWS signed by this key, or null. The header must name Ed25519, carry no
 * critical extensions and, when it names a key, name this one; the signature covers the header
 * and payload exactly as sent.
 */
function verifyCompact(token: string, publicKey: KeyObject, kid: string): TicketClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decodedJson(header) as Record<string, unknown> | null;
  if (typeof protectedHeader !== "object" || protectedHeader === null) return null;
  if (protectedHeader.alg !== alg || "crit" in protectedHeader || (protectedHeader.kid !== undefined && protectedHeader.kid !== kid)) return null;
  if (!verifySignature(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))) return null;
  const claims = decodedJson(payload);
  return isWireClaims(claims) ? { bookingId: claims.b, seat: claims.s, showId: claims.x } : null;
}

async function newPrivateKeyPem() {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return exportPKCS8(privateKey);
}

/** A JWS in compact form has three base64url parts; anything else is typed by hand. */
export const looksLikeToken = (code: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(code);

const keysByStore = new WeakMap<SecretStore, { configured: string | undefined; keys: Promise<TicketKeys> }>();

/** The keys of a store, loaded once per process (a failed load is tried again next time). */
export function ticketKeysFor(configured: string | undefined, secrets: SecretStore): Promise<TicketKeys> {
  const cached = keysByStore.get(secrets);
  if (cached && cached.configured === configured) return cached.keys;
  const keys = loadTicketKeys(configured, secrets);
  keysByStore.set(secrets, { configured, keys });
  keys.catch(() => keysByStore.delete(secrets));
  return keys;
}
