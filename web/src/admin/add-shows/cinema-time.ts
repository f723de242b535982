/**
 * Wall-clock times of a cinema, read in its own zone whatever the admin's browser is set to:
 * a New York screen's 19:30 is 19:30 in New York, also for an admin in Paris.
 */

/** "YYYY-MM-DDTHH:MM" that the wall clock in `timeZone` shows at the instant. */
export function wallClockAt(instant: Date, timeZone: string | undefined): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "YYYY-MM-DDTHH:MM" of this minute at the cinema: the earliest a new show may start. */
export const localNow = (timeZone: string | undefined) => wallClockAt(new Date(), timeZone);

/**
 * The instant at which the cinema's wall clock reads `local` ("YYYY-MM-DDTHH:MM"), as the server
 * reads it; null for a time the clocks skip (the hour lost when they go forward).
 */
export function instantOfWallClock(local: string, timeZone: string | undefined): Date | null {
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at a first guess, then at the corrected instant (they differ across a change of clocks).
  let instant = asUtc;
  for (let i = 0; i < 2; i++) instant = asUtc - (Date.parse(`${wallClockAt(new Date(instant), timeZone)}:00Z`) - instant);
  return wallClockAt(new Date(instant), timeZone) === local ? new Date(instant) : null;
}

/** "EST", "GMT+1": the zone's short name at that instant, as the cinema's clocks read then. */
export function zoneAbbreviation(instant: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? timeZone ?? "";
}

/** "19:30 EST": a wall-clock time with the zone it is in, for the admin to check before saving. */
export function timeWithZone(local: string, timeZone: string | undefined): string {
  const instant = instantOfWallClock(local, timeZone);
  const time = local.slice(11, 16);
  return instant ? `${time} ${zoneAbbreviation(instant, timeZone)}` : `${time} (does not exist in ${timeZone}: the clocks skip it)`;
}

/** "Friday 12 December 2026, 19:30 EST (America/New_York)". */
export function describeWallClock(local: string, timeZone: string | undefined): string {
  const instant = instantOfWallClock(local, timeZone);
  if (!instant) return `${local.replace("T", " ")} does not exist in ${timeZone}: the clocks skip that hour`;
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(instant);
  return `${date}, ${timeWithZone(local, timeZone)}${timeZone ? ` (${timeZone})` : ""}`;
}
