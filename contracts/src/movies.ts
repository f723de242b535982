import { z } from "zod";
import { movieIdSchema } from "./common.ts";

export const genreSchema = z.object({ id: z.number().int(), name: z.string() });
export type Genre = z.infer<typeof genreSchema>;

export const castMemberSchema = z.object({
  name: z.string(),
  character: z.string().default(""),
  /** Absolute or site-relative image URL; null when the catalog has no photo. */
  profile_path: z.string().nullable(),
});
export type CastMember = z.infer<typeof castMemberSchema>;

export const trailerSchema = z.object({
  name: z.string(),
  site: z.string(),
  key: z.string(),
  /** Where the trailer plays; null when it cannot be watched from here. */
  url: z.string().nullable(),
});
export type Trailer = z.infer<typeof trailerSchema>;

/**
 * A movie in TMDB's field shapes. Image fields hold URLs ready to use in an <img>
 * (TMDB paths are resolved by the catalog provider), so the client never needs to know
 * which catalog the movie came from.
 */
export const movieSchema = z.object({
  _id: movieIdSchema,
  title: z.string(),
  overview: z.string(),
  poster_path: z.string(),
  backdrop_path: z.string(),
  release_date: z.string(),
  original_language: z.string(),
  tagline: z.string().default(""),
  genres: z.array(genreSchema),
  casts: z.array(castMemberSchema),
  vote_average: z.number(),
  runtime: z.number().int().nonnegative(),
  trailers: z.array(trailerSchema).default([]),
});
export type Movie = z.infer<typeof movieSchema>;

/** Which picture of a movie: the portrait poster or the wide backdrop. */
export const imageKindSchema = z.enum(["poster", "backdrop"], { message: "must be poster or backdrop" });
export type ImageKind = z.infer<typeof imageKindSchema>;
