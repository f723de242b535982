import { useEffect, useMemo, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CalendarX2, ChevronRight, Heart, Star } from "lucide-react";
import type { Movie, MovieShowsResponse } from "@quickshow/contracts";
import { ApiError, call, errorMessage } from "../api/client.ts";
import { keys, useAllShows, useMovieShows } from "../api/queries.ts";
import { CinemaPicker } from "../components/CinemaPicker.tsx";
import { useAuth } from "../auth/auth-context.ts";
import { Img } from "../components/Img.tsx";
import { WatchTrailerButton } from "../components/TrailerPlayer.tsx";
import { ShowTimes } from "../journey/ShowTimes.tsx";
import { MovieGrid } from "../components/MovieCard.tsx";
import { ErrorState, Skeleton } from "../components/States.tsx";
import { formatRating, formatReleaseDate, formatRuntime, localDateParts, releaseYear } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { NotFound } from "./NotFound.tsx";

export function MovieDetails() {
  const { id = "" } = useParams();
  const query = useMovieShows(id);
  const location = useLocation();
  useDocumentTitle(query.data?.movie.title);

  // "Buy tickets" links land on #dates; scroll there once the page has content.
  const loaded = !!query.data;
  useEffect(() => {
    if (loaded && location.hash === "#dates") document.getElementById("dates")?.scrollIntoView({ behavior: "smooth", block: "center" });
  }, [loaded, location.hash]);

  if (query.isPending) return <DetailsSkeleton />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.code === "validation"))
      return <NotFound title="Movie not found" message="This movie isn't in our catalog or has no page any more." />;
    return (
      <div className="page">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Couldn't load this movie" />
      </div>
    );
  }

  const { movie, dateTime } = query.data;
  return (
    <>
      <MovieHero movie={movie} />
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <Cast movie={movie} />
        <DatePicker movieId={movie._id} dates={Object.keys(dateTime).sort()} dateTime={dateTime} />
        <MoreMovies currentId={movie._id} />
      </div>
    </>
  );
}

function MovieHero({ movie }: { movie: Movie }) {
  const year = releaseYear(movie);
  return (
    <section className="relative isolate overflow-hidden">
      <Img src={movie.backdrop_path} alt="" eager className="absolute inset-0 -z-10 h-full w-full opacity-40" />
      <div className="absolute inset-0 -z-10 bg-gradient-to-t from-zinc-950 via-zinc-950/70 to-zinc-950/30" aria-hidden="true" />
      <div className="mx-auto flex max-w-7xl flex-col gap-8 px-4 pt-12 pb-10 sm:px-6 md:flex-row md:pt-20 lg:px-8">
        <Img src={movie.poster_path} alt={`${movie.title} poster`} eager className="mx-auto aspect-[2/3] w-56 shrink-0 rounded-2xl shadow-2xl ring-1 ring-white/10 md:mx-0 md:w-72" />
        <div className="flex min-w-0 flex-col gap-4">
          <p className="text-sm font-medium uppercase tracking-widest text-primary">{movie.original_language.toUpperCase()}</p>
          <h1 className="text-3xl font-bold sm:text-4xl md:text-5xl">{movie.title}</h1>
          {movie.tagline && <p className="text-lg italic text-zinc-300">“{movie.tagline}”</p>}
          <p className="flex items-center gap-2 text-zinc-200">
            <Star className="size-5 fill-primary text-primary" aria-hidden="true" />
            <span>
              <span className="font-semibold">{formatRating(movie.vote_average)}</span> User rating
            </span>
          </p>
          <p className="max-w-2xl leading-relaxed text-zinc-400">{movie.overview}</p>
          <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-300">
            {movie.runtime > 0 && (
              <div className="flex gap-1">
                <dt className="text-zinc-400">Runtime</dt>
                <dd>{formatRuntime(movie.runtime)}</dd>
              </div>
            )}
            {movie.genres.length > 0 && (
              <div className="flex gap-1">
                <dt className="text-zinc-400">Genres</dt>
                <dd>{movie.genres.map((g) => g.name).join(", ")}</dd>
              </div>
            )}
            {movie.release_date && (
              <div className="flex gap-1">
                <dt className="text-zinc-400">Released</dt>
                <dd>
                  <time dateTime={movie.release_date}>{formatReleaseDate(movie.release_date) || year}</time>
                </dd>
              </div>
            )}
          </dl>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <a href="#dates" className="btn-primary px-7 py-3">
              Buy tickets
            </a>
            <WatchTrailerButton movie={movie} />
            <FavoriteButton movieId={movie._id} title={movie.title} />
          </div>
        </div>
      </div>
    </section>
  );
}

function FavoriteButton({ movieId, title }: { movieId: string; title: string }) {
  const { user, updateUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const isFavorite = !!user?.favorites.includes(movieId);
  const toggle = useMutation({
    mutationFn: () => call("updateFavorite", { body: { movieId } }),
    onSuccess: (res) => {
      updateUser({ favorites: res.favorites });
      void queryClient.invalidateQueries({ queryKey: keys.favorites });
    },
  });

  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        aria-pressed={isFavorite}
        aria-label={isFavorite ? `Remove ${title} from favorites` : `Add ${title} to favorites`}
        disabled={toggle.isPending}
        onClick={() => {
          if (!user) {
            navigate(`/sign-in?redirect=${encodeURIComponent(location.pathname)}`, {
              state: { notice: "Sign in to save movies to your favorites." },
            });
            return;
          }
          toggle.mutate();
        }}
        className={`grid size-12 place-items-center rounded-full border transition active:scale-95 ${
          isFavorite ? "border-primary bg-primary/15 text-primary" : "border-white/15 bg-white/5 text-zinc-200 hover:bg-white/10"
        }`}
      >
        <Heart className={`size-5 ${isFavorite ? "fill-primary" : ""}`} aria-hidden="true" />
      </button>
      {toggle.isError && (
        <p role="alert" className="text-sm text-red-400">
          {errorMessage(toggle.error)}
        </p>
      )}
    </div>
  );
}

function Cast({ movie }: { movie: Movie }) {
  if (movie.casts.length === 0) return null;
  return (
    <section aria-labelledby="cast-heading" className="mt-10">
      <h2 id="cast-heading" className="text-lg font-semibold">
        Your favorite cast
      </h2>
      <ul className="mt-6 flex gap-6 overflow-x-auto pb-4 [scrollbar-width:thin]">
        {movie.casts.slice(0, 16).map((c, i) => (
          <li key={`${c.name}-${i}`} className="flex w-24 shrink-0 flex-col items-center text-center">
            <Img src={c.profile_path} alt={c.name} fallback="person" className="size-20 rounded-full" />
            <p className="mt-3 line-clamp-2 text-xs font-medium">{c.name}</p>
            {c.character && <p className="line-clamp-2 text-xs text-zinc-400">{c.character}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DatePicker({ movieId, dates, dateTime }: { movieId: string; dates: string[]; dateTime: MovieShowsResponse["dateTime"] }) {
  // Issue 12: the first date is chosen at once, so its show times are on the page without a click.
  const [selected, setSelected] = useState<string | null>(dates[0] ?? null);
  const [hint, setHint] = useState(false);
  const navigate = useNavigate();

  return (
    <section id="dates" aria-labelledby="dates-heading" className="mt-12 scroll-mt-24 rounded-2xl border border-primary/20 bg-primary/5 p-6 sm:p-8">
      <h2 id="dates-heading" className="text-lg font-semibold">
        Choose a date
      </h2>
      <CinemaPicker />
      {dates.length === 0 ? (
        <p className="mt-4 flex items-center gap-2 text-zinc-400">
          <CalendarX2 className="size-5" aria-hidden="true" /> No upcoming shows for this movie yet.
        </p>
      ) : (
        <>
        <div className="mt-5 flex flex-col gap-6 md:flex-row md:items-center md:justify-between">
          <ul className="flex flex-wrap gap-3" aria-label="Show dates">
            {dates.map((d) => {
              const p = localDateParts(d);
              const active = d === selected;
              return (
                <li key={d}>
                  <button
                    type="button"
                    aria-pressed={active}
                    title={p.long}
                    data-date={d}
                    onClick={() => {
                      setSelected(d);
                      setHint(false);
                    }}
                    className={`flex h-16 w-16 flex-col items-center justify-center rounded-xl border text-sm transition ${
                      active ? "border-primary bg-primary-strong text-white" : "border-white/15 hover:border-primary/60"
                    }`}
                  >
                    <span className={`text-[11px] uppercase ${active ? "" : "opacity-80"}`}>{p.weekday}</span>
                    <span className="text-lg font-semibold leading-tight">{p.day}</span>
                    <span className={`text-[11px] ${active ? "" : "opacity-80"}`}>{p.month}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="flex flex-col items-start gap-2 md:items-end">
            <button
              type="button"
              className="btn-primary px-8 py-3"
              onClick={() => {
                if (!selected) {
                  setHint(true);
                  return;
                }
                navigate(`/movies/${movieId}/${selected}`);
              }}
            >
              Book now <ChevronRight className="size-4" aria-hidden="true" />
            </button>
            {hint && (
              <p role="alert" className="text-sm text-primary">
                Please choose a date first.
              </p>
            )}
          </div>
        </div>
        {selected && <ShowTimes movieId={movieId} date={selected} times={dateTime[selected] ?? []} />}
        </>
      )}
    </section>
  );
}

function MoreMovies({ currentId }: { currentId: string }) {
  const shows = useAllShows();
  const others = useMemo(() => (shows.data ?? []).filter((m) => m._id !== currentId).slice(0, 4), [shows.data, currentId]);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="more-heading" className="mt-16">
      <div className="mb-8 flex items-center justify-between">
        <h2 id="more-heading" className="text-lg font-semibold">
          You may also like
        </h2>
        <Link to="/movies" className="text-sm text-zinc-300 hover:text-white">
          Show more
        </Link>
      </div>
      <MovieGrid movies={others} />
    </section>
  );
}

function DetailsSkeleton() {
  return (
    <div className="page flex flex-col gap-8 md:flex-row" aria-busy="true" aria-label="Loading movie">
      <Skeleton className="mx-auto aspect-[2/3] w-56 rounded-2xl md:mx-0 md:w-72" />
      <div className="flex flex-1 flex-col gap-4">
        <Skeleton className="h-4 w-16" />
        <Skeleton className="h-12 w-2/3" />
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-24 w-full max-w-2xl" />
        <Skeleton className="h-12 w-48 rounded-full" />
      </div>
    </div>
  );
}
