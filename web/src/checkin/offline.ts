import { compactVerify, importJWK, type JWK } from "jose";

const keyStorage = "quickshow.checkin.keys";
const queueStorage = "quickshow.checkin.queue";
/** A scan made without the network: verified on the device when it is a signed token, sent later. */
export interface QueuedScan {
  /** The scan's line in the recent-scans list, which the answer on sync settles. */
  id: string;
  code: string;
  /** The seat its signature names, when it was verified on the phone. */
  seat?: string;
  showId?: string;
  device: string;
  scannedAt: string;
}

/** The door keeps the published public keys, so it can tell a real ticket from a forged one offline. */
export function rememberKeys(keys: JWK[]) {
  localStorage.setItem(keyStorage, JSON.stringify(keys));
}

const storedKeys = (): JWK[] => {
  try {
    return JSON.parse(localStorage.getItem(keyStorage) ?? "[]") as JWK[];
  } catch {
    return [];
  }
};

export interface OfflineClaims {
  bookingId: string;
  seat: string;
  showId: string;
}

/**
 * The claims of a token signed by one of the kept keys; null when no key verifies it (or the
 * browser lacks Ed25519, in which case the scan is queued unverified).
 */
export async function verifyOffline(code: string): Promise<OfflineClaims | "unsupported" | null> {
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(code)) return null;
  let unsupported = false;
  for (const jwk of storedKeys()) {
    try {
      const key = await importJWK(jwk, "Ed25519");
      const { payload } = await compactVerify(code, key, { algorithms: ["Ed25519"] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as { b: string; s: string; x: string };
      return { bookingId: claims.b, seat: claims.s, showId: claims.x };
    } catch (error) {
      if (error instanceof Error && /not supported|unrecognized|Unsupported/i.test(error.message)) unsupported = true;
    }
  }
  return unsupported ? "unsupported" : null;
}

export const loadQueue = (): QueuedScan[] => {
  try {
    return JSON.parse(localStorage.getItem(queueStorage) ?? "[]") as QueuedScan[];
  } catch {
    return [];
  }
};

export const saveQueue = (queue: QueuedScan[]) => localStorage.setItem(queueStorage, JSON.stringify(queue));
