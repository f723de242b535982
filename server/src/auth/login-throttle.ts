import type { Clock } from "../clock.ts";
import { AppError } from "../errors.ts";

const firstWaitMs = 30_000;
const longestWaitMs = 15 * 60_000;
const maxTracked = 50_000;

interface Failures {
  count: number;
  /** No attempt on this account is checked before this instant. */
  blockedUntil: number;
}

/**
 * Failed sign-ins counted per account (in this process), so guessing one account's password from
 * many addresses is as slow as from one. After `freeFailures` misses, each further attempt must
 * wait twice as long as the last (30 s, 1 min, 2 min … 15 min); a correct password clears it. A
 * blocked attempt is refused before the password is compared, and the wait is short enough that
 * an attacker cannot lock the owner out for long.
 */
export function loginThrottle(clock: Clock, freeFailures: number) {
  const byAccount = new Map<string, Failures>();

  return {
    /** Throws 429 while the account must wait. */
    check(email: string) {
      const entry = byAccount.get(email);
      const waitMs = entry ? entry.blockedUntil - clock.now().getTime() : 0;
      if (waitMs > 0) {
        throw new AppError(
          "rate_limited",
          `Too many failed sign-ins for this account; try again in ${Math.ceil(waitMs / 1000)} seconds or reset your password`,
          { retryAfterSeconds: Math.ceil(waitMs / 1000) },
        );
      }
    },
    failed(email: string) {
      const entry = byAccount.get(email) ?? { count: 0, blockedUntil: 0 };
      byAccount.delete(email);
      entry.count++;
      const over = entry.count - freeFailures;
      if (over >= 0) entry.blockedUntil = clock.now().getTime() + Math.min(longestWaitMs, firstWaitMs * 2 ** over);
      // Oldest first in a Map: drop the oldest accounts beyond the bound.
      byAccount.set(email, entry);
      if (byAccount.size > maxTracked) byAccount.delete(byAccount.keys().next().value!);
    },
    succeeded(email: string) {
      byAccount.delete(email);
    },
  };
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;
