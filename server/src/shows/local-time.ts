import { DateTime } from "luxon";

/**
 * The cinema's wall-clock date and time as a UTC instant. Null when that local time does
 * not exist (the hour skipped when clocks go forward).
 */
export function localToInstant(date: string, time: string, zone: string): Date | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) return null;
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return null;
  return local.toJSDate();
}

/** The local calendar date of an instant in the cinema's time zone, as YYYY-MM-DD. */
export const localDateOf = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd");

/** The local calendar day holding an instant: its date and the instants it starts and ends at (ms). */
export function localDayAround(instant: Date, zone: string) {
  const start = DateTime.fromJSDate(instant, { zone }).startOf("day");
  return { date: start.toFormat("yyyy-MM-dd"), from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() };
}

export const formatLocal = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat("cccc d LLLL yyyy, HH:mm ZZZZ");

/** The local wall-clock time alone, for an instant on the same day as one already named in full. */
export const formatClock = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
