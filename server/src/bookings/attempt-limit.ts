/**
 * Booking attempts per account in a sliding minute, kept in this instance's memory. Keyed by the
 * account, so a fresh sign-in (a new token) or another address brings no fresh allowance.
 */
export function attemptLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, number[]>();
  return {
    /** True when the account may make one more attempt now (and counts it). */
    allow(accountId: string) {
      const t = now();
      const recent = (windows.get(accountId) ?? []).filter((at) => at > t - 60_000);
      if (recent.length >= perMinute) {
        windows.set(accountId, recent);
        return false;
      }
      recent.push(t);
      windows.set(accountId, recent);
      // Forget idle accounts now and then, so the map stays as small as the active set.
      if (windows.size > 10_000) for (const [id, times] of windows) if (!times.some((at) => at > t - 60_000)) windows.delete(id);
      return true;
    },
  };
}
