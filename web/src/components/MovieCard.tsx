import { Link } from "react-router";
import { Star } from "lucide-react";
import type { Availability, Movie } from "@quickshow/contracts";
import { AvailabilityBadge } from "../journey/AvailabilityBadge.tsx";
import { Img } from "./Img.tsx";
import { formatRating, movieMeta } from "../lib/format.ts";

export function MovieCard({ movie, availability }: { movie: Movie; availability?: Availability | undefined }) {
  const to = `/movies/${movie._id}`;
  return (
    <article className="group flex flex-col rounded-2xl bg-zinc-900/80 p-3 ring-1 ring-white/5 transition hover:-translate-y-1 hover:ring-primary/40">
      <Link to={to} className="block overflow-hidden rounded-xl" tabIndex={-1} aria-hidden="true">
        <Img src={movie.backdrop_path || movie.poster_path} alt="" className="aspect-[16/10] w-full transition duration-300 group-hover:scale-105" />
      </Link>
      <h3 className="mt-3 truncate text-base font-semibold">
        <Link to={to} className="hover:text-primary focus-visible:text-primary">
          {movie.title}
        </Link>
      </h3>
      <p className="mt-1 truncate text-sm text-zinc-400">{movieMeta(movie)}</p>
      {availability && availability !== "available" && (
        <p className="mt-2">
          <AvailabilityBadge availability={availability} />
        </p>
      )}
      <div className="mt-auto flex items-center justify-between gap-2 pt-4">
        <Link to={`${to}#dates`} className="btn-primary px-4 py-2 text-xs" aria-label={`Buy tickets for ${movie.title}`}>
          Buy tickets
        </Link>
        <p className="flex items-center gap-1 text-sm text-zinc-300" aria-label={`Rated ${formatRating(movie.vote_average)} out of 10`}>
          <Star className="size-4 fill-primary text-primary" aria-hidden="true" />
          {formatRating(movie.vote_average)}
        </p>
      </div>
    </article>
  );
}

export function MovieGrid({ movies, availability }: { movies: Movie[]; availability?: (movieId: string) => Availability | undefined }) {
  return (
    <div className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {movies.map((m) => (
        <MovieCard key={m._id} movie={m} availability={availability?.(m._id)} />
      ))}
    </div>
  );
}
