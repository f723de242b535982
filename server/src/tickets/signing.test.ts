import { CompactSign, exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { loadTicketKeys } from "./signing.ts";

const claims = { bookingId: "8c1f0e2a-4b3c-4d5e-8f9a-0b1c2d3e4f5a", seat: "A12", showId: "1f0e2a8c-4b3c-4d5e-8f9a-0b1c2d3e4f5a" };
const noStore = { keepFirst: async () => Promise.reject(new Error("a configured key must not touch the store")) };

async function newKey() {
  const { privateKey } = await generateKeyPair("Ed25519", { extractable: true });
  return { pem: await exportPKCS8(privateKey), jwk: JSON.stringify(await exportJWK(privateKey)) };
}

describe("ticket signing", () => {
  it("signs claims that verify with the same key, given as PEM or as JWK, and with no other", async () => {
    const key = await newKey();
    const fromPem = await loadTicketKeys(key.pem, noStore);
    const fromJwk = await loadTicketKeys(key.jwk, noStore);
    expect(fromJwk.publicJwk).toEqual(fromPem.publicJwk);
    const token = await fromPem.sign(claims);
    expect(await fromJwk.verify(token)).toEqual(claims);
    const other = await loadTicketKeys((await newKey()).pem, noStore);
    expect(await other.verify(token)).toBeNull();
    expect(await fromPem.verify(token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA"))).toBeNull();
    expect(await fromPem.verify("not.a.token")).toBeNull();
  });

  it("refuses a token whose header names another algorithm or key, or asks for extensions, even when its signature is sound", async () => {
    const { privateKey } = await generateKeyPair("Ed25519", { extractable: true });
    const keys = await loadTicketKeys(await exportPKCS8(privateKey), noStore);
    const payload = new TextEncoder().encode(JSON.stringify({ b: claims.bookingId, s: claims.seat, x: claims.showId }));
    const signed = (header: Record<string, unknown>) => new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(privateKey);
    expect(await keys.verify(await signed({ alg: "Ed25519" }))).toEqual(claims);
    expect(await keys.verify(await signed({ alg: "Ed25519", kid: keys.publicJwk.kid }))).toEqual(claims);
    expect(await keys.verify(await signed({ alg: "EdDSA" }))).toBeNull();
    expect(await keys.verify(await signed({ alg: "Ed25519", kid: "other" }))).toBeNull();
    expect(await keys.verify(await signed({ alg: "Ed25519", crit: ["b64"], b64: true }))).toBeNull();
    const [header, , signature] = (await signed({ alg: "Ed25519" })).split(".");
    const otherSeat = Buffer.from(JSON.stringify({ b: claims.bookingId, s: "A13", x: claims.showId })).toString("base64url");
    expect(await keys.verify(`${header}.${otherSeat}.${signature}`)).toBeNull();
  });

  it("without a configured key uses the one the store keeps, generating it only for the first caller", async () => {
    const stored: string[] = [];
    const store = { keepFirst: async (_name: string, value: string) => (stored[0] ??= value) };
    const first = await loadTicketKeys(undefined, store);
    const second = await loadTicketKeys(undefined, store);
    expect(second.publicJwk).toEqual(first.publicJwk);
    expect(await second.verify(await first.sign(claims))).toEqual(claims);
    expect(stored[0]).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("TICKET_SIGNING_KEY is checked at start: a PEM with \\n escapes or a JWK passes, anything else is named", async () => {
    const key = await newKey();
    expect(loadConfig({ TICKET_SIGNING_KEY: key.pem.replace(/\n/g, "\\n") }).ticketSigningKey).toBe(key.pem.trim());
    expect(loadConfig({ TICKET_SIGNING_KEY: key.jwk }).ticketSigningKey).toBe(key.jwk);
    expect(() => loadConfig({ TICKET_SIGNING_KEY: "secret" })).toThrow(/TICKET_SIGNING_KEY: must be an Ed25519 private key/);
    expect(() => loadConfig({ TICKET_SIGNING_KEY: JSON.stringify({ kty: "RSA", n: "x", e: "AQAB", d: "y" }) })).toThrow(/TICKET_SIGNING_KEY/);
  });
});
