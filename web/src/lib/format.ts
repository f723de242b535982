import type { Movie } from "@quickshow/contracts";

const currencyFormatters = new Map<string, Intl.NumberFormat>();

/** Formats a major-unit amount (12.5) in the deployment's currency. */
export function formatMoney(amount: number, currency: string): string {
  let f = currencyFormatters.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: "currency", currency });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    currencyFormatters.set(currency, f);
  }
  return f.format(amount);
}

export function formatRuntime(minutes: number): string {
  if (!minutes) return "";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}h ${m}m` : `${m}m`;
}

export function releaseYear(movie: Pick<Movie, "release_date">): string {
  const y = /^\d{4}/.exec(movie.release_date);
  return y ? y[0] : "";
}

/** "2025 · Action | Drama · 2h 5m" as QuickShow prints it under a card. */
export function movieMeta(movie: Movie, maxGenres = 2): string {
  return [releaseYear(movie), movie.genres.slice(0, maxGenres).map((g) => g.name).join(" | "), formatRuntime(movie.runtime)]
    .filter(Boolean)
    .join(" · ");
}

function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Whether a time at the cinema reads differently on the viewer's clock: then every time shown
 * names the cinema's zone ("7:30 PM CET"), so nobody turns up an hour late.
 */
function namesZone(date: Date, timeZone: string | undefined): boolean {
  const zone = safeTimeZone(timeZone);
  if (!zone) return false;
  const wall = (tz: string | undefined) =>
    new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  return wall(zone) !== wall(undefined);
}

/**
 * The one way times are written on the site: the viewer's locale, the cinema's clock, and the
 * cinema's zone named when it differs from the viewer's. `date` adds the day ("Sat, Jun 14, 2025, 7:30 PM").
 */
export function formatShowTime(iso: string, timeZone: string | undefined, opts: { date?: boolean } = {}): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(undefined, {
    ...(opts.date ? { weekday: "short", day: "numeric", month: "short", year: "numeric" } : {}),
    hour: "numeric",
    minute: "2-digit",
    timeZone: safeTimeZone(timeZone),
    ...(namesZone(date, timeZone) ? { timeZoneName: "short" } : {}),
  }).format(date);
}

/** A time of day ("7:30 PM") of an instant, in the cinema's time zone. */
export function formatTime(iso: string, timeZone?: string): string {
  return formatShowTime(iso, timeZone);
}

/** "Sat, 14 Jun 2025, 7:30 PM" of an instant, in the cinema's time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  return formatShowTime(iso, timeZone, { date: true });
}

/** Parts of a cinema-local calendar date given as YYYY-MM-DD (no time zone arithmetic involved). */
export function localDateParts(date: string): { weekday: string; day: string; month: string; long: string } {
  const d = new Date(`${date}T12:00:00Z`);
  const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(undefined, { ...o, timeZone: "UTC" }).format(d);
  return {
    weekday: f({ weekday: "short" }),
    day: f({ day: "numeric" }),
    month: f({ month: "short" }),
    long: f({ weekday: "long", day: "numeric", month: "long", year: "numeric" }),
  };
}

export function formatReleaseDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return localDateParts(date).long.replace(/^\w+, /, "");
}

/** mm:ss (or h:mm:ss) of a positive duration. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0");
  const ss = String(s).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function formatRating(vote: number): string {
  return vote ? vote.toFixed(1) : "–";
}
