import { CompactSign, calculateJwkThumbprint, compactVerify, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from "jose";
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
  const publicKey = await importJWK(publicJwk, alg);
  const encoder = new TextEncoder();
  return {
    publicJwk,
    sign: ({ bookingId, seat, showId }) =>
      new CompactSign(encoder.encode(JSON.stringify({ b: bookingId, s: seat, x: showId } satisfies WireClaims)))
        .setProtectedHeader({ alg, kid })
        .sign(privateKey),
    async verify(token) {
      try {
        const { payload } = await compactVerify(token, publicKey, { algorithms: [alg] });
        const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
        return isWireClaims(claims) ? { bookingId: claims.b, seat: claims.s, showId: claims.x } : null;
      } catch {
        return null;
      }
    },
  };
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
