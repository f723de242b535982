import { useState } from "react";
import { Link } from "react-router";
import { ArrowRight, CalendarDays, Clock, Clapperboard, PlayCircle } from "lucide-react";
import type { Movie, Trailer } from "@quickshow/contracts";
import { useAllShows } from "../api/queries.ts";
import { Img } from "../components/Img.tsx";
import { playableTrailer, TrailerEmbed } from "../components/TrailerPlayer.tsx";
import { MovieGrid } from "../components/MovieCard.tsx";
import { EmptyState, ErrorState, MovieGridSkeleton, Skeleton } from "../components/States.tsx";
import { formatRuntime, releaseYear } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";

export function Home() {
  useDocumentTitle(undefined);
  const shows = useAllShows();
  const movies = shows.data ?? [];
  const featured = movies[0];

  return (
    <>
      {shows.isPending ? <HeroSkeleton /> : featured ? <Hero movie={featured} /> : <HeroEmpty />}

      <section className="page" aria-labelledby="now-showing">
        <div className="mb-8 flex items-center justify-between gap-4">
          <h2 id="now-showing" className="text-xl font-semibold sm:text-2xl">
            Now showing
          </h2>
          {movies.length > 0 && (
            <Link to="/movies" className="group flex items-center gap-1 text-sm text-zinc-300 hover:text-white">
              View all <ArrowRight className="size-4 transition group-hover:translate-x-0.5" aria-hidden="true" />
            </Link>
          )}
        </div>
        {shows.isPending ? (
          <MovieGridSkeleton count={4} />
        ) : shows.isError ? (
          <ErrorState error={shows.error} onRetry={() => void shows.refetch()} title="Couldn't load what's on" />
        ) : movies.length === 0 ? (
          <EmptyState icon={<Clapperboard className="size-8" />} title="No shows scheduled yet">
            New shows are added every week. Check back soon.
          </EmptyState>
        ) : (
          <>
            <MovieGrid movies={movies.slice(0, 8)} />
            {movies.length > 8 && (
              <div className="mt-10 flex justify-center">
                <Link to="/movies" className="btn-primary px-8">
                  Show more
                </Link>
              </div>
            )}
          </>
        )}
      </section>

      {movies.length > 0 && <Trailers movies={movies} />}
    </>
  );
}

function Hero({ movie }: { movie: Movie }) {
  const year = releaseYear(movie);
  return (
    <section className="relative isolate overflow-hidden" aria-labelledby="hero-title">
      <Img src={movie.backdrop_path} alt="" eager className="absolute inset-0 -z-10 h-full w-full" />
      <div className="absolute inset-0 -z-10 bg-gradient-to-r from-zinc-950 via-zinc-950/80 to-zinc-950/20" aria-hidden="true" />
      <div className="absolute inset-x-0 bottom-0 -z-10 h-32 bg-gradient-to-t from-zinc-950 to-transparent" aria-hidden="true" />
      <div className="mx-auto flex min-h-[max(560px,calc(100svh-4rem))] max-w-7xl flex-col justify-end gap-4 px-4 pt-24 pb-16 sm:px-6 md:min-h-[640px] lg:px-8">
        <p className="text-sm font-medium uppercase tracking-[0.2em] text-primary">Featured</p>
        <h1 id="hero-title" className="max-w-2xl text-4xl font-bold leading-tight sm:text-5xl md:text-6xl">
          {movie.title}
        </h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-300">
          {movie.genres.length > 0 && <span>{movie.genres.map((g) => g.name).join(" | ")}</span>}
          {year && (
            <span className="flex items-center gap-1">
              <CalendarDays className="size-4" aria-hidden="true" /> {year}
            </span>
          )}
          {movie.runtime > 0 && (
            <span className="flex items-center gap-1">
              <Clock className="size-4" aria-hidden="true" /> {formatRuntime(movie.runtime)}
            </span>
          )}
        </div>
        <p className="line-clamp-3 max-w-xl text-zinc-300">{movie.overview}</p>
        <div className="mt-2 flex flex-wrap gap-3">
          <Link to={`/movies/${movie._id}#dates`} className="btn-primary px-7 py-3">
            Book tickets <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
          <Link to="/movies" className="btn-secondary px-7 py-3">
            Explore movies
          </Link>
        </div>
      </div>
    </section>
  );
}

function HeroSkeleton() {
  return (
    <div className="mx-auto flex min-h-[560px] max-w-7xl flex-col justify-end gap-4 px-4 pb-16 sm:px-6 md:min-h-[640px] lg:px-8" aria-hidden="true">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-14 w-2/3 max-w-xl" />
      <Skeleton className="h-4 w-1/2 max-w-sm" />
      <Skeleton className="h-16 w-full max-w-xl" />
      <Skeleton className="h-12 w-40 rounded-full" />
    </div>
  );
}

function HeroEmpty() {
  return (
    <section className="bg-gradient-to-b from-primary/10 to-transparent">
      <div className="mx-auto flex min-h-[360px] max-w-7xl flex-col justify-center gap-4 px-4 sm:px-6 lg:px-8">
        <h1 className="text-4xl font-bold sm:text-5xl">Your next movie night starts here</h1>
        <p className="max-w-xl text-zinc-400">Pick a movie, choose your seats and pay in a minute.</p>
      </div>
    </section>
  );
}

interface TrailerItem {
  movie: Movie;
  trailer: Trailer;
}

/**
 * Trailers of the movies on screen that have one to play (with TMDB, YouTube's privacy-enhanced
 * player, loaded only when asked for). Without any (the offline catalog has none) the section is
 * left out rather than showing a wall of "unavailable".
 */
function Trailers({ movies }: { movies: Movie[] }) {
  const items: TrailerItem[] = movies.flatMap((movie) => {
    const trailer = playableTrailer(movie);
    return trailer ? [{ movie, trailer }] : [];
  }).slice(0, 8);
  const [selected, setSelected] = useState(0);
  const [playing, setPlaying] = useState(false);
  const current = items[Math.min(selected, items.length - 1)];
  if (!current) return null;

  return (
    <section className="page" aria-labelledby="trailers-heading">
      <h2 id="trailers-heading" className="mb-8 text-xl font-semibold sm:text-2xl">
        Trailers
      </h2>
      <div className="relative overflow-hidden rounded-2xl ring-1 ring-white/10">
        {playing ? (
          <TrailerEmbed trailer={current.trailer} title={current.movie.title} />
        ) : (
          <>
            <Img src={current.movie.backdrop_path} alt="" className="aspect-video max-h-[540px] w-full" />
            <div className="absolute inset-0 bg-gradient-to-t from-black/90 via-black/30 to-transparent" aria-hidden="true" />
            <div className="absolute inset-x-0 bottom-0 flex flex-wrap items-end justify-between gap-3 p-4 sm:p-8">
              <div className="min-w-0">
                <p className="truncate text-lg font-semibold sm:text-2xl">{current.movie.title}</p>
                <p className="truncate text-sm text-zinc-300">{current.trailer.name}</p>
              </div>
              <button type="button" className="btn-primary" onClick={() => setPlaying(true)}>
                <PlayCircle className="size-4" aria-hidden="true" /> Watch trailer
              </button>
            </div>
          </>
        )}
      </div>
      {items.length > 1 && (
        <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {items.map((item, i) => (
            <li key={item.movie._id}>
              <button
                type="button"
                onClick={() => {
                  setSelected(i);
                  setPlaying(false);
                }}
                aria-pressed={i === selected}
                className={`group relative block w-full overflow-hidden rounded-xl ring-2 transition ${
                  i === selected ? "ring-primary" : "ring-transparent hover:ring-white/30"
                }`}
              >
                <Img src={item.movie.backdrop_path} alt="" className="aspect-video w-full opacity-80 group-hover:opacity-100" />
                <span className="absolute inset-0 grid place-items-center">
                  <PlayCircle className="size-10 text-white drop-shadow" aria-hidden="true" />
                </span>
                <span className="absolute inset-x-0 bottom-0 truncate bg-gradient-to-t from-black/90 to-transparent px-2 pt-6 pb-1.5 text-left text-xs">
                  {item.movie.title}
                  <span className="sr-only"> trailer</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
