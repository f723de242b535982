import { useState } from "react";
import { CheckCircle2, Star } from "lucide-react";
import { useNowPlaying } from "../../api/queries.ts";
import { Img } from "../../components/Img.tsx";
import { EmptyState, ErrorState, Skeleton } from "../../components/States.tsx";
import { formatRating, releaseYear } from "../../lib/format.ts";
import { FieldError } from "./FieldError.tsx";

/** The now-playing movies as a searchable strip of posters; one is picked. */
export function MovieStrip({ movieId, onPick, error }: { movieId: string | null; onPick: (movieId: string) => void; error: string | undefined }) {
  const nowPlaying = useNowPlaying();
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const shownMovies = (nowPlaying.data ?? []).filter((m) => !q || m.title.toLowerCase().includes(q));

  return (
    <fieldset className="min-w-0">
      <legend className="mb-4 font-medium">Now playing movies</legend>
      {nowPlaying.isPending ? (
        <div className="flex gap-4 overflow-hidden">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="aspect-[2/3] w-36 shrink-0" />
          ))}
        </div>
      ) : nowPlaying.isError ? (
        <ErrorState error={nowPlaying.error} onRetry={() => void nowPlaying.refetch()} title="Couldn't load now-playing movies" />
      ) : nowPlaying.data.length === 0 ? (
        <EmptyState title="The catalog has no now-playing movies" />
      ) : (
        <>
          <div className="mb-3 max-w-xs">
            <label htmlFor="movie-search" className="sr-only">
              Search movies
            </label>
            <input id="movie-search" type="search" className="input" placeholder="Search movies by title" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          {shownMovies.length === 0 && <p className="py-6 text-sm text-zinc-400">No now-playing movie matches “{search}”.</p>}
          {/* Scrolls sideways with a wheel, a swipe or the arrow keys once focused. */}
          <ul
            className="flex snap-x gap-4 overflow-x-auto pb-4 focus-visible:outline-2"
            tabIndex={0}
            aria-label="Now playing movies"
            aria-describedby={error ? "movie-error" : undefined}
          >
            {shownMovies.map((m) => {
              const active = m._id === movieId;
              return (
                <li key={m._id} className="w-36 shrink-0 snap-start">
                  <button
                    type="button"
                    aria-pressed={active}
                    data-movie-id={m._id}
                    onClick={() => onPick(m._id)}
                    className={`relative block w-full overflow-hidden rounded-xl text-left ring-2 transition ${
                      active ? "ring-primary" : "ring-transparent hover:ring-white/30"
                    }`}
                  >
                    <Img src={m.poster_path} alt="" className="aspect-[2/3] w-full" />
                    <span className="absolute inset-x-0 bottom-8 flex items-center justify-between bg-black/75 px-2 py-1 text-xs">
                      <span className="flex items-center gap-1">
                        <Star className="size-3 fill-primary text-primary" aria-hidden="true" />
                        <span className="sr-only">Rated </span>
                        {formatRating(m.vote_average)}
                      </span>
                      <span>{releaseYear(m)}</span>
                    </span>
                    <span data-movie-title className="block h-8 truncate bg-zinc-950 pt-2 text-sm font-medium">
                      {m.title}
                    </span>
                    {active && <CheckCircle2 className="absolute top-2 right-2 size-6 rounded-full bg-primary-strong text-white" aria-hidden="true" />}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <FieldError id="movie-error" text={error} />
    </fieldset>
  );
}
