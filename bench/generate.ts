import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { filmToMovie } from "../server/src/providers/catalog/local/catalog.ts";
import { films } from "../server/src/providers/catalog/local/films.ts";
import type { MovieRecord, Storage } from "../server/src/providers/storage/interface.ts";
import { defaultLayout } from "../server/src/shows/layout.ts";

export interface Generated {
  movieIds: string[];
  showIds: string[];
  users: number;
  bookings: number;
}

/** A deterministic pseudo-random sequence, so two runs generate the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Fills a fresh database through the storage interface: the catalog's films plus synthetic
 * ones up to `movies`, `shows` shows over the next 30 days, and `bookings` paid or held bookings.
 */
export async function generate(storage: Storage, size = { movies: 60, shows: 1200, users: 300, bookings: 12_000 }): Promise<Generated> {
  const rnd = random(20261124);
  const now = Date.now();
  const movies: MovieRecord[] = [];
  for (let i = 0; i < size.movies; i++) {
    const base = filmToMovie(films[i % films.length]!);
    movies.push(i < films.length ? base : { ...base, _id: String(800_000 + i), title: `${base.title} (restored ${i})` });
  }
  for (const movie of movies) await storage.movies.insertIfAbsent(movie);

  const shows = Array.from({ length: size.shows }, (_, i) => ({
    id: randomUUID(),
    movieId: movies[i % movies.length]!._id,
    // Spread over 30 days on quarter hours, starting tomorrow so nothing lapses mid-run.
    startsAt: new Date(Math.floor((now + 24 * 3600_000 + i * 36 * 60_000) / 900_000) * 900_000),
    priceMinor: 900 + (i % 7) * 125,
    layout: defaultLayout,
  }));
  for (let i = 0; i < shows.length; i += 200) await storage.shows.createMany(shows.slice(i, i + 200));

  const passwordHash = await bcrypt.hash("bench password", 4);
  const userIds: string[] = [];
  for (let i = 0; i < size.users; i++) {
    const id = randomUUID();
    await storage.users.create({ id, name: `Bench ${i}`, email: `bench${i}@example.test`, image: "", role: "user", newShowEmails: i % 5 === 0, passwordHash });
    userIds.push(id);
  }

  const allSeats = defaultLayout.rows.flatMap((r) => Array.from({ length: r.seats }, (_, n) => `${r.row}${n + 1}`));
  const nextSeat = new Map<string, number>();
  let made = 0;
  for (let i = 0; made < size.bookings; i++) {
    const show = shows[Math.floor(rnd() * shows.length)]!;
    const from = nextSeat.get(show.id) ?? 0;
    const count = 1 + Math.floor(rnd() * 3);
    if (from + count > allSeats.length) continue;
    nextSeat.set(show.id, from + count);
    const id = randomUUID();
    const nowDate = new Date();
    const held = await storage.bookings.hold({
      id,
      userId: userIds[i % userIds.length]!,
      showId: show.id,
      seats: allSeats.slice(from, from + count),
      amountMinor: show.priceMinor * count,
      currency: "usd",
      holdExpiresAt: new Date(nowDate.getTime() + 10 * 60_000),
      now: nowDate,
    });
    if (!held.ok) throw new Error("generator collided with itself");
    if (rnd() < 0.9) await storage.bookings.confirmPayment({ bookingId: id, paymentRef: `bench_${id}`, now: nowDate });
    made++;
  }
  return { movieIds: movies.map((m) => m._id), showIds: shows.map((s) => s.id), users: userIds.length, bookings: made };
}
