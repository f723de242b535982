/**
 * What the door phone keeps for a network loss: every admission it has seen (its own, those the
 * server refused as already in, and each show's list fetched while online), and the window of
 * each of today's shows. Both live in localStorage, so a reload offline keeps them too.
 */
const admissionsStorage = "quickshow.checkin.admitted";
const showsStorage = "quickshow.checkin.shows";
const keptAdmissionsMax = 5_000;

export interface KeptAdmission {
  bookingId: string;
  seat: string;
  reference?: string;
  admittedAt: string;
  /** Who let the ticket in, when known ("this phone" for an offline admission). */
  by?: string;
}

export interface KeptShow {
  _id: string;
  movieTitle: string;
  opensAt: string;
  endsAt: string;
}

function read<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? "null") as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

const ticketKey = (bookingId: string, seat: string) => `${bookingId}:${seat}`;

/** The earlier admission of a ticket that this phone knows of, or null. */
export function knownAdmission(bookingId: string, seat: string): KeptAdmission | null {
  return read<Record<string, KeptAdmission>>(admissionsStorage, {})[ticketKey(bookingId, seat)] ?? null;
}

/** Keeps admissions; the first one known of a ticket stays, since that is when it was used. */
export function keepAdmissions(admissions: KeptAdmission[]) {
  if (admissions.length === 0) return;
  const kept = read<Record<string, KeptAdmission>>(admissionsStorage, {});
  for (const a of admissions) {
    const key = ticketKey(a.bookingId, a.seat);
    const earlier = kept[key];
    // What is known of the first admission wins; a later report only fills in what was missing.
    kept[key] = !earlier ? a : a.admittedAt < earlier.admittedAt ? { ...earlier, ...a } : { ...a, ...earlier };
  }
  const entries = Object.entries(kept);
  localStorage.setItem(admissionsStorage, JSON.stringify(Object.fromEntries(entries.slice(-keptAdmissionsMax))));
}

export function keepShows(shows: KeptShow[]) {
  const kept = read<Record<string, KeptShow>>(showsStorage, {});
  for (const s of shows) kept[s._id] = { _id: s._id, movieTitle: s.movieTitle, opensAt: s.opensAt, endsAt: s.endsAt };
  // Shows over for a day are of no use at the door any more.
  const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
  localStorage.setItem(showsStorage, JSON.stringify(Object.fromEntries(Object.entries(kept).filter(([, s]) => s.endsAt > dayAgo))));
}

export const keptShow = (showId: string): KeptShow | null => read<Record<string, KeptShow>>(showsStorage, {})[showId] ?? null;
