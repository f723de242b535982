import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { BookingStatus, BookingWithShow } from "@quickshow/contracts";
import { call } from "./client.ts";
import { initialMovieShows, initialOccupied, initialShowDetail, initialShows } from "./initial-data.ts";
import { useAuth } from "../auth/auth-context.ts";
import { useCinemaChoice } from "../lib/cinema-choice.ts";

export const keys = {
  config: ["config"] as const,
  allShows: ["shows", "all"] as const,
  movieShows: (movieId: string, cinema: string | null = null) => ["shows", "movie", movieId, cinema] as const,
  showDetail: (showId: string) => ["shows", "detail", showId] as const,
  occupied: (showId: string) => ["shows", "occupied", showId] as const,
  myBookings: ["me", "bookings"] as const,
  myWaitlists: ["me", "waitlists"] as const,
  favorites: ["me", "favorites"] as const,
  isAdmin: ["admin", "is-admin"] as const,
  // Issue 12 (the journey).
  myHolds: (showId: string) => ["me", "holds", showId] as const,
  schedule: ["shows", "schedule"] as const,
  dashboard: ["admin", "dashboard"] as const,
  nowPlaying: ["admin", "now-playing"] as const,
  adminShows: ["admin", "all-shows"] as const,
  adminBookings: (filters: AdminBookingFilters) => ["admin", "all-bookings", filters] as const,
  adminEffects: ["admin", "effects"] as const,
  cinemas: ["cinemas"] as const,
};

/** Public settings; they do not change while the page is open. */
export function useConfig() {
  return useQuery({
    queryKey: keys.config,
    queryFn: ({ signal }) => call("publicConfig", { signal }),
    staleTime: Infinity,
    select: (d) => ({
      currency: d.currency,
      theaterTimeZone: d.theaterTimeZone,
      maxSeatsPerBooking: d.maxSeatsPerBooking,
      holdMinutes: d.holdMinutes,
      auth: d.auth,
    }),
  });
}

export function useAllShows() {
  return useQuery({
    queryKey: keys.allShows,
    queryFn: ({ signal }) => call("allShows", { signal }),
    // Issue 12: the listing that came with the home page's HTML.
    initialData: initialShows?.data,
    initialDataUpdatedAt: initialShows?.at,
    select: (d) => d.shows,
  });
}

/** A movie's show times, of the cinema the customer picked (every cinema when none). */
export function useMovieShows(movieId: string) {
  const cinema = useCinemaChoice();
  // The page's HTML carries every cinema's times; a customer who picked one fetches theirs.
  const initial = cinema ? undefined : initialMovieShows(movieId);
  return useQuery({
    queryKey: keys.movieShows(movieId, cinema),
    queryFn: ({ signal }) => call("movieShows", { params: { movieId }, query: cinema ? { cinema } : {}, signal }),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.at,
  });
}

export function useFavorites() {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.favorites, user?._id ?? null],
    queryFn: ({ signal }) => call("favorites", { signal }),
    select: (d) => d.movies,
    enabled: !!user,
  });
}

// Issue 12 (the journey): the signed-in buyer's bookings and their own holds on a show.

/** The signed-in user's bookings, newest first (My bookings and its payment confirmation share it). */
export function useMyBookings(options: { refetchInterval?: (bookings: BookingWithShow[] | undefined) => number | false } = {}) {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.myBookings, user?._id ?? null],
    queryFn: ({ signal }) => call("userBookings", { signal }),
    select: (d) => d.bookings,
    enabled: !!user,
    staleTime: 0,
    refetchInterval: (q) => options.refetchInterval?.(q.state.data?.bookings) ?? 30_000,
  });
}

/** The buyer's live holds on one show; none (and no request) when signed out. */
export function useMyHolds(showId: string) {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.myHolds(showId), user?._id ?? null],
    queryFn: ({ signal }) => call("myHolds", { params: { showId }, signal }),
    select: (d) => d.holds,
    enabled: !!user,
    staleTime: 0,
  });
}

/** Every movie's upcoming show dates and how full each show is (filters and labels). */
export function useSchedule() {
  return useQuery({
    queryKey: keys.schedule,
    queryFn: ({ signal }) => call("schedule", { signal }),
    staleTime: 10_000,
  });
}

// Admin panel queries (issue 12: every query and its key here). Their keys start with "admin",
// which the panel drops or refreshes as a whole after a change.

/** Whether the signed-in user is an admin (403 otherwise); asked only once signed in. */
export function useIsAdmin(enabled: boolean) {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.isAdmin, user?._id ?? null],
    queryFn: ({ signal }) => call("isAdmin", { signal }),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}

export function useDashboard() {
  return useQuery({
    queryKey: keys.dashboard,
    queryFn: ({ signal }) => call("dashboard", { signal }),
    select: (d) => d.dashboardData,
  });
}

/** Movies now in cinemas, from the catalog (the Add shows strip). */
export function useNowPlaying() {
  return useQuery({
    queryKey: keys.nowPlaying,
    queryFn: ({ signal }) => call("nowPlaying", { signal }),
    select: (d) => d.movies,
    staleTime: 5 * 60_000,
  });
}

/** Upcoming shows with occupancy, fifty at a time. */
export function useAdminShows() {
  return useInfiniteQuery({
    queryKey: keys.adminShows,
    queryFn: ({ signal, pageParam }) => call("adminShows", { signal, query: { limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (d) => d.pages.flatMap((p) => p.shows),
    // Attendance moves while the doors are open.
    refetchInterval: 15_000,
  });
}

/** What the admin narrows the bookings list to; empty strings mean "any". */
export interface AdminBookingFilters {
  status: BookingStatus | "";
  sort: "newest" | "oldest";
  /** Part of a customer's name or email, or a booking reference. */
  q: string;
  showId: string;
}

/** Every booking, fifty at a time, by status, search text, show and creation order. */
export function useAdminBookings(filters: AdminBookingFilters) {
  const { status, sort, q, showId } = filters;
  return useInfiniteQuery({
    queryKey: keys.adminBookings(filters),
    queryFn: ({ signal, pageParam }) =>
      call("adminBookings", {
        signal,
        query: { status: status || undefined, q: q.trim() || undefined, showId: showId || undefined, sort, limit: 50, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (d) => d.pages.flatMap((p) => p.bookings),
  });
}

/** Refunds still owed (effects not yet delivered), for the admin to follow. */
export function useOwedRefunds() {
  return useQuery({
    queryKey: keys.adminEffects,
    queryFn: ({ signal }) => call("adminEffects", { signal }),
    select: (d) => d.effects.filter((e) => e.kind === "refund.owed"),
    refetchInterval: 15_000,
  });
}

/** The waitlists the signed-in user is on, with their place in line. */
export function useMyWaitlists() {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.myWaitlists, user?._id ?? null],
    queryFn: ({ signal }) => call("userWaitlists", { signal }),
    select: (d) => d.waitlists,
    enabled: !!user,
    refetchInterval: 30_000,
  });
}

/** The chain's cinemas, with the time zone each one's shows are read in. */
export function useCinemas() {
  return useQuery({ queryKey: keys.cinemas, queryFn: ({ signal }) => call("cinemas", { signal }), select: (d) => d.cinemas, staleTime: 5 * 60_000 });
}

/** The zone to read a show's time in: its own cinema's (the default cinema's until the list is in). */
export function useShowZone() {
  const config = useConfig();
  const cinemas = useCinemas();
  return (show: { screen: { cinema: string } | null }) =>
    cinemas.data?.find((c) => c._id === (show.screen?.cinema ?? "main"))?.timeZone ?? config.data?.theaterTimeZone;
}

// Screens, seats and the door (issues 11 and 16).
export const venueKeys = {
  adminScreens: ["admin", "screens"] as const,
  blockedSeats: (showId: string) => ["admin", "blocked", showId] as const,
  adminOccupied: (showId: string) => ["admin", "occupied", showId] as const,
  /** Every search of the users page. */
  users: ["admin", "users"] as const,
  adminUsers: (q: string) => ["admin", "users", q] as const,
  seatCheck: (showId: string, seats: string, version: number) => ["shows", "seat-check", showId, seats, version] as const,
  attendance: ["checkin", "attendance"] as const,
  ticketKeys: ["checkin", "keys"] as const,
  tickets: (bookingId: string) => ["me", "tickets", bookingId] as const,
};

/** A show's detail: its seat map (with categories and prices) and screen. */
export function useShowDetail(showId: string, enabled = true) {
  const initial = initialShowDetail(showId);
  return useQuery({ queryKey: keys.showDetail(showId), queryFn: ({ signal }) => call("showDetail", { params: { showId }, signal }), enabled, initialData: initial?.data, initialDataUpdatedAt: initial?.at });
}

/** The taken seats of a show, re-read every `pollMs` (false: only when asked, the stream pushes them). */
export function useOccupiedSeats(showId: string, pollMs: (failed: boolean) => number | false) {
  return useQuery({
    queryKey: keys.occupied(showId),
    queryFn: ({ signal }) => call("occupiedSeats", { params: { showId }, signal }),
    initialData: () => initialOccupied(showId)?.data,
    initialDataUpdatedAt: () => initialOccupied(showId)?.at,
    select: (d) => d.occupiedSeats,
    staleTime: 0,
    refetchInterval: (q) => pollMs(q.state.status === "error"),
  });
}

/** What the seat rules say of a choice (`seats` joined by commas; none asked while empty), judged again when the taken seats change. */
export function useSeatCheck(showId: string, seats: string, takenVersion: number) {
  return useQuery({
    queryKey: venueKeys.seatCheck(showId, seats, takenVersion),
    queryFn: ({ signal }) => call("checkSeatChoice", { params: { showId }, query: { seats }, signal }),
    enabled: seats !== "",
    select: (d) => d.problems[0] ?? null,
    staleTime: 0,
  });
}

export function useAdminScreens() {
  return useQuery({ queryKey: venueKeys.adminScreens, queryFn: ({ signal }) => call("adminScreens", { signal }), select: (d) => d.screens });
}

/** A show's seats as the blocked-seats page needs them: blocked, and taken by anyone. */
export function useBlockedSeats(showId: string) {
  return useQuery({ queryKey: venueKeys.blockedSeats(showId), queryFn: ({ signal }) => call("adminBlockedSeats", { params: { showId }, signal }), select: (d) => d.blockedSeats });
}
export function useAdminOccupiedSeats(showId: string) {
  return useQuery({ queryKey: venueKeys.adminOccupied(showId), queryFn: ({ signal }) => call("occupiedSeats", { params: { showId }, signal }), select: (d) => d.occupiedSeats });
}

export function useAdminUsers(q: string) {
  return useQuery({ queryKey: venueKeys.adminUsers(q), queryFn: ({ signal }) => call("adminUsers", { signal, query: { q } }), select: (d) => d.users });
}

/** Today's shows with tickets admitted and sold; `enabled` false until the staff member is known. */
export function useAttendance(options: { refetchMs: number; enabled?: boolean }) {
  return useQuery({
    queryKey: venueKeys.attendance,
    queryFn: ({ signal }) => call("attendance", { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchMs,
    retry: false,
  });
}

/** The tickets of one of the customer's bookings. */
export function useBookingTickets(bookingId: string, enabled: boolean) {
  return useQuery({
    queryKey: venueKeys.tickets(bookingId),
    queryFn: ({ signal }) => call("bookingTickets", { params: { bookingId }, signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** The public keys that verify tickets, handed to `remember` for checking codes offline. */
export function useTicketKeys(enabled: boolean, remember: (keys: Awaited<ReturnType<typeof call<"checkInKeys">>>["keys"]) => void) {
  return useQuery({
    queryKey: venueKeys.ticketKeys,
    queryFn: async ({ signal }) => {
      const answer = await call("checkInKeys", { signal });
      remember(answer.keys);
      return answer;
    },
    enabled,
    staleTime: 10 * 60_000,
  });
}
