import type { Movie } from "@quickshow/contracts";
import type { CatalogProvider } from "../interface.ts";
import { type Film, films, genreNames } from "./films.ts";

export const slugOf = (name: string) =>
  name.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/\s+/g, "-");

export function filmToMovie(film: Film): Movie {
  return {
    _id: String(film.id),
    title: film.title,
    overview: film.overview,
    poster_path: `/media/catalog/${film.id}/poster.svg`,
    backdrop_path: `/media/catalog/${film.id}/backdrop.svg`,
    release_date: film.date,
    original_language: film.language,
    tagline: film.tagline,
    genres: film.genres.map((id) => ({ id, name: genreNames[id] ?? "Other" })),
    casts: film.cast.map(([name, character]) => ({
      name,
      character,
      profile_path: `/media/catalog/cast/${slugOf(name)}.svg`,
    })),
    vote_average: film.rating,
    runtime: film.runtime,
    trailers: [],
  };
}

/** The bundled offline catalog: every film counts as "now playing". */
export function localCatalog(): CatalogProvider {
  const movies = films.map(filmToMovie);
  const byId = new Map(movies.map((m) => [m._id, m]));
  return {
    kind: "local",
    nowPlaying: async () => movies,
    getMovie: async (id) => byId.get(id) ?? null,
  };
}

export const findFilm = (id: string) => films.find((f) => String(f.id) === id);
export const findCastName = (slug: string) =>
  films.flatMap((f) => f.cast.map(([name]) => name)).find((name) => slugOf(name) === slug);
