import type { z } from "zod";
import type { adminBookingsQuerySchema, adminShowsQuerySchema } from "@quickshow/contracts";
import { saleStatuses } from "../bookings/lifecycle.ts";
import type { bookingService } from "../bookings/service.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../errors.ts";
import { toMajorUnits } from "../money.ts";
import type { PagePosition } from "../providers/storage/interface.ts";
import { capacityOf } from "../shows/layout.ts";
import { idRangeOf, normalizeReference } from "../tickets/reference.ts";
import { movieLookup, presentShowWithMovie } from "../shows/present.ts";

/** A cursor names the last item of a page (its sort instant and id), opaque to clients. */
export const encodeCursor = (p: PagePosition) => Buffer.from(`${p.at.toISOString()}|${p.id}`).toString("base64url");

export function decodeCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const instant = new Date(at ?? "");
  if (!id || rest.length > 0 || Number.isNaN(instant.getTime())) throw badRequest("cursor: not one this server gave out; start from the first page");
  return { at: instant, id };
}

/** Asks for one item more than a page holds, to know whether another page follows without counting. */
function paged<T>(items: T[], limit: number, positionOf: (item: T) => PagePosition) {
  const page = items.slice(0, limit);
  return { page, nextCursor: items.length > limit ? encodeCursor(positionOf(page[page.length - 1]!)) : null };
}

type AdminDeps = Pick<Deps, "storage" | "clock" | "config">;

export async function showsPage(deps: AdminDeps, query: z.infer<typeof adminShowsQuerySchema>) {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const found = await storage.shows.pageWithOccupancy(
    {
      from: query.from ? new Date(query.from) : now,
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(query.movieId ? { movieId: query.movieId } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit + 1,
    },
    now,
    saleStatuses,
  );
  const { page, nextCursor } = paged(found, query.limit, (s) => ({ at: s.startsAt, id: s.id }));
  const [movies, admitted] = await Promise.all([
    storage.movies.getMany([...new Set(page.map((s) => s.movieId))]),
    storage.tickets.countAdmitted(page.map((s) => s.id)),
  ]);
  const movieOf = movieLookup(movies);
  const shows = page.map((s) => ({
    ...presentShowWithMovie(s, movieOf(s.movieId), config.currency),
    capacity: capacityOf(s.layout),
    seatsSold: s.seatsSold,
    seatsHeld: s.seatsHeld,
    earnings: toMajorUnits(s.earningsMinor, config.currency),
    admitted: admitted.get(s.id) ?? 0,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  }));
  return { shows, nextCursor };
}

export async function bookingsPage(
  deps: AdminDeps,
  bookings: Pick<ReturnType<typeof bookingService>, "withShows">,
  query: z.infer<typeof adminBookingsQuerySchema>,
) {
  const { storage } = deps;
  const showIds = query.movieId
    ? (await storage.shows.idsOfMovie(query.movieId)).filter((id) => !query.showId || id === query.showId)
    : query.showId
      ? [query.showId]
      : undefined;
  const matching = query.q ? await bookingsMatching(storage, query.q) : undefined;
  const found = await storage.bookings.page({
    ...(showIds ? { showIds } : {}),
    ...(matching ? { matching } : {}),
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.from ? { createdFrom: new Date(query.from) } : {}),
    ...(query.to ? { createdTo: new Date(query.to) } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    order: query.sort,
    limit: query.limit + 1,
  });
  const { page, nextCursor } = paged(found, query.limit, (b) => ({ at: b.createdAt, id: b.id }));
  const [withShows, users] = await Promise.all([bookings.withShows(page), storage.users.getMany([...new Set(page.map((b) => b.userId))])]);
  const userOf = new Map(users.map((u) => [u.id, u]));
  return {
    bookings: withShows.map((b) => {
      const u = userOf.get(b.user);
      return { ...b, user: { _id: b.user, name: u?.name ?? "Deleted user", email: u?.email ?? "" } };
    }),
    nextCursor,
  };
}

/** Customers whose name or email holds the text are looked for among this many at most. */
const searchedCustomersMax = 500;

/**
 * What a search names: the bookings of customers whose name or email holds the text, and the
 * bookings whose reference it is when it reads as one (a name such as "Robert12" may be both).
 */
async function bookingsMatching(storage: AdminDeps["storage"], text: string) {
  const users = await storage.users.listMatching(text, searchedCustomersMax);
  const reference = normalizeReference(text);
  return { userIds: users.map((u) => u.id), ...(reference ? { idRange: idRangeOf(reference) } : {}) };
}
