import { useQuery } from "@tanstack/react-query";
import { call } from "./client.ts";
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
    select: (d) => d.shows,
  });
}

/** A movie's show times, of the cinema the customer picked (every cinema when none). */
export function useMovieShows(movieId: string) {
  const cinema = useCinemaChoice();
  return useQuery({
    queryKey: keys.movieShows(movieId, cinema),
    queryFn: ({ signal }) => call("movieShows", { params: { movieId }, query: cinema ? { cinema } : {}, signal }),
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
