import { isIP } from "node:net";

/**
 * Which TRUST_PROXY entries are safe. Express believes X-Forwarded-For from any address an entry
 * covers, so an entry that covers the internet lets every client pick its own address and walk
 * past each per-address limit. A single address (a load balancer's) is fine wherever it is; a
 * subnet must lie within the ranges no client on the internet can come from.
 */

/** Express's names for address ranges: loopback, link-local and unique-local (private) addresses. */
const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Loopback, RFC 1918 private, link-local; for IPv6 loopback, unique-local and link-local. */
const privateRanges: Record<4 | 6, [string, number][]> = {
  4: [
    ["127.0.0.0", 8],
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["169.254.0.0", 16],
  ],
  6: [
    ["::1", 128],
    ["fc00::", 7],
    ["fe80::", 10],
    // The IPv4 ranges above, as IPv4-mapped IPv6 addresses.
    ["::ffff:127.0.0.0", 104],
    ["::ffff:10.0.0.0", 104],
    ["::ffff:172.16.0.0", 108],
    ["::ffff:192.168.0.0", 112],
    ["::ffff:169.254.0.0", 112],
  ],
};

function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An IPv4 tail (::ffff:10.0.0.1) is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const n = ipv4ToBigInt(v4);
    text = `${text.slice(0, -v4.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const toBigInt = (address: string, family: 4 | 6) => (family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address));

function within(first: bigint, last: bigint, family: 4 | 6): boolean {
  const width = family === 4 ? 32n : 128n;
  return privateRanges[family].some(([base, bits]) => {
    const size = 1n << (width - BigInt(bits));
    const start = toBigInt(base, family) & ~(size - 1n);
    return first >= start && last < start + size;
  });
}

/** Why a TRUST_PROXY entry is refused, or null when it is fine. */
export function proxyEntryProblem(entry: string): string | null {
  if (namedRanges.has(entry)) return null;
  const [address = "", bits, ...rest] = entry.split("/");
  const kind = isIP(address);
  if (kind === 0 || rest.length > 0) return `not an address or subnet: ${entry}`;
  const family = kind === 4 ? 4 : 6;
  const width = family === 4 ? 32 : 128;
  if (bits === undefined) return null;
  if (!/^\d+$/.test(bits) || Number(bits) < 1 || Number(bits) > width) return `not a subnet (the prefix must be 1 to ${width}): ${entry}`;
  if (Number(bits) === width) return null;
  const size = 1n << BigInt(width - Number(bits));
  const first = toBigInt(address, family) & ~(size - 1n);
  if (!within(first, first + size - 1n, family)) {
    return `${entry} covers public addresses, so any client could pick its own address and escape every per-address limit; list only your proxies' own addresses or private subnets, or give the number of proxies in front of the server`;
  }
  return null;
}
