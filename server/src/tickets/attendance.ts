import { DateTime } from "luxon";
import { saleStatuses } from "../bookings/lifecycle.ts";
import type { Deps } from "../deps.ts";
import { localDateOf } from "../shows/local-time.ts";
import { allCinemas, zoneOfShow } from "../venues/cinemas.ts";
import { presentShow, type ShowLookup } from "./checkin.ts";

/**
 * The shows on today's date of their own cinema, with tickets admitted and sold, soonest first.
 * Cinemas in several zones are on different dates at one instant: the shows are read for the span
 * that covers every zone's today, then each kept when it falls on its own cinema's today.
 */
export async function attendanceToday(deps: Pick<Deps, "storage" | "config" | "clock">, lookup: ShowLookup) {
  const { storage, config, clock } = deps;
  const now = clock.now();
  const zones = new Set([config.theaterTimeZone, ...(await allCinemas(deps)).map((c) => c.timeZone)]);
  const days = [...zones].map((zone) => DateTime.fromJSDate(now, { zone }).startOf("day"));
  const from = DateTime.min(...days)!.toJSDate();
  const to = DateTime.max(...days.map((d) => d.plus({ days: 1 })))!.toJSDate();
  const candidates = (await storage.shows.pageWithOccupancy({ from, to, limit: 1000 }, now, saleStatuses)).filter((s) => !s.cancelledAt);
  const shows = [];
  for (const show of candidates) {
    const zone = await zoneOfShow(deps, show);
    if (localDateOf(show.startsAt, zone) === localDateOf(now, zone)) shows.push({ show, zone });
  }
  const admitted = await storage.tickets.countAdmitted(shows.map(({ show }) => show.id));
  return {
    date: localDateOf(now, config.theaterTimeZone),
    shows: await Promise.all(
      shows.map(async ({ show, zone }) => ({ ...(await presentShow(deps, lookup, show, zone)), admitted: admitted.get(show.id) ?? 0, sold: show.seatsSold })),
    ),
  };
}
