import { saleStatuses } from "../bookings/lifecycle.ts";
import type { Deps } from "../deps.ts";
import type { SalesFigures } from "../providers/storage/interface.ts";
import { localDayAround } from "../shows/local-time.ts";

/** Every time zone differs from UTC by whole quarter hours, so quarter hours add up to local days exactly. */
export const salesPeriodMinutes = 15;

/** Sales of each local day of the cinema, from the figures per period of `salesPeriodMinutes`. */
export function salesByLocalDay(figures: SalesFigures["byPeriod"], timeZone: string) {
  const days = new Map<string, { revenueMinor: number; bookings: number }>();
  // A fortnight holds over a thousand quarter hours but only fifteen local days: the zone is asked
  // for a day's bounds once, not for the date of every quarter hour.
  let current: ReturnType<typeof localDayAround> | null = null;
  for (const q of figures) {
    const at = q.start.getTime();
    if (!current || at < current.from || at >= current.until) current = localDayAround(q.start, timeZone);
    const day = days.get(current.date) ?? { revenueMinor: 0, bookings: 0 };
    day.revenueMinor += q.revenueMinor;
    day.bookings += q.bookings;
    days.set(current.date, day);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d }));
}

/** The dashboard's figures: a booking counts, and its amount is revenue, once it is a sale (paid). */
export async function dashboardTotals(deps: Pick<Deps, "storage" | "clock" | "config">, days: number) {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const since = new Date(now.getTime() - days * 24 * 3600_000);
  const [sales, activeShows, totalUsers] = await Promise.all([
    storage.bookings.sales(saleStatuses, since, salesPeriodMinutes),
    storage.shows.countStartingAfter(now),
    storage.users.count(),
  ]);
  return {
    totalBookings: sales.bookings,
    totalRevenueMinor: sales.revenueMinor,
    activeShows,
    totalUsers,
    revenueByDay: salesByLocalDay(sales.byPeriod, config.theaterTimeZone),
  };
}
