import type { Movie, Show, ShowSummary } from "@quickshow/contracts";
import { toMajorUnits } from "../money.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";
import { lowestPrice, pricesForLayout } from "../venues/prices.ts";

export function presentShow(show: ShowRecord, currency: string): Show {
  const prices = pricesForLayout(show.layout, show.pricesMinor, show.priceMinor);
  return {
    _id: show.id,
    movie: show.movieId,
    showDateTime: show.startsAt.toISOString(),
    showPrice: toMajorUnits(lowestPrice(show.layout, prices, show.priceMinor), currency),
    layout: show.layout,
    prices: Object.fromEntries(Object.entries(prices).map(([category, minor]) => [category, toMajorUnits(minor, currency)])),
    screen: show.screen ? { _id: show.screen.id, name: show.screen.name, cinema: show.screen.cinemaId } : null,
  };
}

export const presentShowWithMovie = (show: ShowRecord, movie: Movie, currency: string) => ({
  ...presentShow(show, currency),
  movie,
});

/** A show as a booking names it, with its movie: no seat map (a list of bookings would carry one per row). */
export function presentShowSummaryWithMovie(show: ShowRecord, movie: Movie, currency: string): Omit<ShowSummary, "movie"> & { movie: Movie } {
  const { layout: _layout, ...summary } = presentShow(show, currency);
  return { ...summary, movie };
}

/** Movies by id, with a placeholder for one that vanished, so a list never breaks on one row. */
export function movieLookup(movies: Movie[]) {
  const byId = new Map(movies.map((m) => [m._id, m]));
  return (id: string): Movie =>
    byId.get(id) ?? {
      _id: id,
      title: "Unknown movie",
      overview: "",
      poster_path: "",
      backdrop_path: "",
      release_date: "",
      original_language: "",
      tagline: "",
      genres: [],
      casts: [],
      vote_average: 0,
      runtime: 0,
      trailers: [],
    };
}
