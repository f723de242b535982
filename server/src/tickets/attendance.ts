import { DateTime } from "luxon";
import { saleStatuses } from "../bookings/lifecycle.ts";
import type { Deps } from "../deps.ts";
import { presentShow, type ShowLookup } from "./checkin.ts";
import { zoneOfShow } from "../venues/cinemas.ts";

/** The shows of the cinema's current local day with tickets admitted and sold, soonest first. */
export async function attendanceToday(deps: Pick<Deps, "storage" | "config" | "clock">, lookup: ShowLookup) {
  const { storage, config, clock } = deps;
  const now = clock.now();
  const day = DateTime.fromJSDate(now, { zone: config.theaterTimeZone }).startOf("day");
  const shows = (
    await storage.shows.pageWithOccupancy({ from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate(), limit: 500 }, now, saleStatuses)
  ).filter((s) => !s.cancelledAt);
  const admitted = await storage.tickets.countAdmitted(shows.map((s) => s.id));
  return {
    date: day.toFormat("yyyy-MM-dd"),
    shows: await Promise.all(
      shows.map(async (s) => ({ ...(await presentShow(lookup, s, await zoneOfShow(deps, s))), admitted: admitted.get(s.id) ?? 0, sold: s.seatsSold })),
    ),
  };
}
