import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { filmToMovie } from "../server/src/providers/catalog/local/catalog.ts";
import { films } from "../server/src/providers/catalog/local/films.ts";
import type { MovieRecord, Storage } from "../server/src/providers/storage/interface.ts";
import type { Db } from "../server/src/providers/storage/postgres/db.ts";
import { bookings, seatClaims, shows, users } from "../server/src/providers/storage/postgres/schema.ts";
import { defaultLayout, seatsOf } from "../server/src/shows/layout.ts";

export interface Size {
  movies: number;
  shows: number;
  users: number;
  bookings: number;
}

/**
 * The data set at a scale: 1× is 60 movies, 1,200 shows, 300 users and 12,000 bookings. A larger
 * scale is a cinema that has been open that many times longer: the same 1,200 upcoming shows,
 * and the rest of the shows, users and bookings are history. What a customer sees stays the
 * same size, so any growth of a figure is cost that grows with data the request does not need.
 */
export const sizeAt = (scale: number): Size => ({ movies: 60, shows: 1_200 * scale, users: 300 * scale, bookings: 12_000 * scale });
const upcomingShows = 1_200;

export interface Generated {
  movieIds: string[];
  /** Upcoming shows first, then past ones. */
  showIds: string[];
  upcomingShowIds: string[];
  /** An upcoming show nobody has booked, for the booking race. */
  raceShowId: string;
  /** A user with as many bookings at every scale (40). */
  regularUserId: string;
  /** Users with no bookings yet, for the booking race and the sustained booking load. */
  buyerIds: string[];
  adminId: string;
  users: number;
  bookings: number;
}

/** A deterministic pseudo-random sequence, so two runs generate the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The catalog's films plus synthetic ones up to `count`, inserted through the storage interface. */
export async function insertMovies(storage: Storage, count: number): Promise<string[]> {
  const movies: MovieRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = filmToMovie(films[i % films.length]!);
    movies.push(i < films.length ? base : { ...base, _id: String(800_000 + i), title: `${base.title} (restored ${i})` });
  }
  for (const movie of movies) await storage.movies.insertIfAbsent(movie);
  return movies.map((m) => m._id);
}

/** Multi-row inserts of at most `rows` rows each, so no statement passes PostgreSQL's 65,535 parameters. */
async function inBatches<T>(all: T[], rows: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < all.length; i += rows) await insert(all.slice(i, i + rows));
}

/**
 * Fills the tables straight through drizzle with multi-row inserts (120,000 bookings one by one
 * through the booking primitives took minutes): shows, users, and paid, held or expired bookings
 * with the seat claims the storage would have written for them. Paid bookings of past shows were
 * paid before their show; holds on upcoming shows are live for ten minutes.
 */
export async function generate(db: Db, movieIds: string[], size: Size, buyers = 500): Promise<Generated> {
  const rnd = random(20261124);
  const now = Date.now();
  const quarterHour = (ms: number) => new Date(Math.floor(ms / 900_000) * 900_000);

  const showRows = Array.from({ length: size.shows }, (_, i) => ({
    id: randomUUID(),
    movieId: movieIds[i % movieIds.length]!,
    // Upcoming: spread over 30 days from tomorrow, so nothing lapses mid-run. Past: 36 minutes
    // apart going back from yesterday.
    startsAt:
      i < upcomingShows
        ? quarterHour(now + 24 * 3600_000 + i * 36 * 60_000)
        : quarterHour(now - 24 * 3600_000 - (i - upcomingShows) * 36 * 60_000),
    priceMinor: 900 + (i % 7) * 125,
    layout: defaultLayout,
  }));
  const raceShow = { id: randomUUID(), movieId: movieIds[0]!, startsAt: quarterHour(now + 40 * 24 * 3600_000), priceMinor: 1000, layout: defaultLayout };
  await inBatches([...showRows, raceShow], 5_000, (batch) => db.insert(shows).values(batch));

  const passwordHash = await bcrypt.hash("bench password", 4);
  const userRow = (id: string, name: string, email: string, role: "user" | "admin", i: number) => ({
    id,
    name,
    email,
    image: "",
    role,
    newShowEmails: i % 5 === 0,
    passwordHash,
  });
  const userIds = Array.from({ length: size.users }, () => randomUUID());
  const buyerIds = Array.from({ length: buyers }, () => randomUUID());
  const adminId = randomUUID();
  const userRows = [
    ...userIds.map((id, i) => userRow(id, `Bench ${i}`, `bench${i}@example.test`, "user", i)),
    ...buyerIds.map((id, i) => userRow(id, `Racer ${i}`, `racer${i}@example.test`, "user", 1)),
    userRow(adminId, "Admin", "admin@example.test", "admin", 1),
  ];
  await inBatches(userRows, 5_000, (batch) => db.insert(users).values(batch));

  const allSeats = seatsOf(defaultLayout);
  const nextSeat = new Map<string, number>();
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const claimRows: (typeof seatClaims.$inferInsert)[] = [];
  for (let i = 0; bookingRows.length < size.bookings; i++) {
    const show = showRows[Math.floor(rnd() * showRows.length)]!;
    const from = nextSeat.get(show.id) ?? 0;
    const count = 1 + Math.floor(rnd() * 3);
    if (from + count > allSeats.length) continue;
    nextSeat.set(show.id, from + count);
    const id = randomUUID();
    const seats = allSeats.slice(from, from + count);
    const past = show.startsAt.getTime() < now;
    // Bought in the week before the show, or before now for an upcoming one.
    const createdAt = new Date(Math.min(show.startsAt.getTime(), now) - 60_000 - rnd() * 7 * 24 * 3600_000);
    const paid = rnd() < 0.9;
    const base = { id, userId: userIds[i % userIds.length]!, showId: show.id, seats, amountMinor: show.priceMinor * count, currency: "usd", createdAt };
    if (paid) {
      bookingRows.push({ ...base, status: "paid", holdExpiresAt: null, paymentRef: `bench_${id}`, paidAt: createdAt, updatedAt: createdAt });
      for (const seat of seats) claimRows.push({ showId: show.id, seat, bookingId: id, expiresAt: null });
    } else if (past) {
      // A hold nobody paid: expired long ago, its seats freed.
      const lapsed = new Date(createdAt.getTime() + 10 * 60_000);
      bookingRows.push({ ...base, status: "expired", holdExpiresAt: lapsed, updatedAt: lapsed });
    } else {
      const expires = new Date(now + 10 * 60_000);
      bookingRows.push({ ...base, createdAt: new Date(now), status: "held", holdExpiresAt: expires, updatedAt: new Date(now) });
      for (const seat of seats) claimRows.push({ showId: show.id, seat, bookingId: id, expiresAt: expires });
    }
  }
  await inBatches(bookingRows, 2_000, (batch) => db.insert(bookings).values(batch));
  await inBatches(claimRows, 10_000, (batch) => db.insert(seatClaims).values(batch));

  return {
    movieIds,
    showIds: [...showRows, raceShow].map((s) => s.id),
    upcomingShowIds: showRows.slice(0, upcomingShows).map((s) => s.id),
    raceShowId: raceShow.id,
    regularUserId: userIds[0]!,
    buyerIds,
    adminId,
    users: userRows.length,
    bookings: bookingRows.length,
  };
}
