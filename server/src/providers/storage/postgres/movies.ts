import { and, count, eq, gt, inArray, isNull, min } from "drizzle-orm";
import type { MovieRecord, MovieRepository } from "../interface.ts";
import type { Db } from "./db.ts";
import { movies, shows } from "./schema.ts";

const movieColumns = {
  _id: movies.id,
  title: movies.title,
  overview: movies.overview,
  poster_path: movies.posterPath,
  backdrop_path: movies.backdropPath,
  release_date: movies.releaseDate,
  original_language: movies.originalLanguage,
  tagline: movies.tagline,
  genres: movies.genres,
  casts: movies.casts,
  vote_average: movies.voteAverage,
  runtime: movies.runtime,
  trailers: movies.trailers,
};

export function postgresMovies(db: Db): MovieRepository {
  return {
    async insertIfAbsent(movie: MovieRecord) {
      await db
        .insert(movies)
        .values({
          id: movie._id,
          title: movie.title,
          overview: movie.overview,
          posterPath: movie.poster_path,
          backdropPath: movie.backdrop_path,
          releaseDate: movie.release_date,
          originalLanguage: movie.original_language,
          tagline: movie.tagline,
          genres: movie.genres,
          casts: movie.casts,
          trailers: movie.trailers,
          voteAverage: movie.vote_average,
          runtime: movie.runtime,
        })
        .onConflictDoNothing();
    },
    async get(id) {
      const [row] = await db.select(movieColumns).from(movies).where(eq(movies.id, id));
      return row ?? null;
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      return db.select(movieColumns).from(movies).where(inArray(movies.id, ids));
    },
    async listWithUpcomingShows(now) {
      const next = db
        .select({ movieId: shows.movieId, firstStart: min(shows.startsAt).as("first_start") })
        .from(shows)
        .where(and(gt(shows.startsAt, now), isNull(shows.cancelledAt)))
        .groupBy(shows.movieId)
        .as("next");
      return db
        .select(movieColumns)
        .from(movies)
        .innerJoin(next, eq(next.movieId, movies.id))
        .orderBy(next.firstStart, movies.title);
    },
    async count() {
      const [row] = await db.select({ n: count() }).from(movies);
      return Number(row?.n ?? 0);
    },
    async setImage(id, kind, url) {
      const updated = await db
        .update(movies)
        .set(kind === "poster" ? { posterPath: url } : { backdropPath: url })
        .where(eq(movies.id, id))
        .returning({ id: movies.id });
      if (updated.length === 0) return null;
      const [row] = await db.select(movieColumns).from(movies).where(eq(movies.id, id));
      return row ?? null;
    },
  };
}
