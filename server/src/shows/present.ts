import type { Movie, Show } from "@quickshow/contracts";
import { toMajorUnits } from "../money.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";

export const presentShow = (show: ShowRecord, currency: string): Show => ({
  _id: show.id,
  movie: show.movieId,
  showDateTime: show.startsAt.toISOString(),
  showPrice: toMajorUnits(show.priceMinor, currency),
  layout: show.layout,
});

export const presentShowWithMovie = (show: ShowRecord, movie: Movie, currency: string) => ({
  ...presentShow(show, currency),
  movie,
});

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
