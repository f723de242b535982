/**
 * A booking's reference is the first 40 bits of its id (a random UUID) in Crockford's base 32:
 * eight characters without I, L, O or U ("7K3M-QX9D"), easy to read out and to type. Nothing is
 * stored: the reference names a range of ids, and the booking is found in it by its primary key.
 * Two bookings share a reference about once in a million million pairs; the seat typed with it
 * (and the show at the door) tells them apart.
 */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const referenceHexDigits = 10;

export function bookingReference(bookingId: string): string {
  const hex = bookingId.replace(/-/g, "").slice(0, referenceHexDigits).padEnd(referenceHexDigits, "0");
  let bits = BigInt(`0x${hex}`);
  let out = "";
  for (let i = 0; i < 8; i++) {
    out = alphabet[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** What people type for a reference: any case, O for 0, I or L for 1. Null when it cannot be one. */
export function normalizeReference(typed: string): string | null {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(chars)) return null;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The first and last UUID whose reference is this one (a normalized reference). */
export function idRangeOf(reference: string): { from: string; to: string } {
  let bits = 0n;
  for (const c of reference.replace("-", "")) bits = (bits << 5n) | BigInt(alphabet.indexOf(c));
  const prefix = bits.toString(16).padStart(referenceHexDigits, "0");
  const uuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { from: uuid(prefix.padEnd(32, "0")), to: uuid(prefix.padEnd(32, "f")) };
}

/**
 * A reference and seat typed at the door: "7K3M-QX9D A12", "7k3mqx9d-a12", "7K3M QX9D/A12".
 * The reference is the first eight characters once separators are gone, the seat the rest.
 */
export function parseManualCode(code: string): { reference: string; seat: string } | null {
  const compact = code.toUpperCase().replace(/[\s\-/#:]/g, "");
  const reference = normalizeReference(compact.slice(0, 8));
  const seat = compact.slice(8);
  if (!reference || !/^[A-Z]{1,2}[1-9]\d?$/.test(seat)) return null;
  return { reference, seat };
}

/** A reference typed alone ("7k3m qx9d"), naming a whole booking; null when the code holds more or less. */
export function parseReferenceAlone(code: string): string | null {
  const compact = code.toUpperCase().replace(/[\s\-/#:]/g, "");
  return compact.length === 8 ? normalizeReference(compact) : null;
}
