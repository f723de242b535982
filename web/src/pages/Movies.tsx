import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { Clapperboard } from "lucide-react";
import { useAllShows, useSchedule } from "../api/queries.ts";
import { MovieGrid } from "../components/MovieCard.tsx";
import { EmptyState, ErrorState, MovieGridSkeleton, PageHeading } from "../components/States.tsx";
import { localDateParts } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";

const languageName = (code: string) => {
  try {
    return new Intl.DisplayNames(undefined, { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Now showing, searchable by title and filtered by genre, language and date (kept in the address, so a filtered list can be shared). */
export function Movies() {
  useDocumentTitle("Movies");
  const shows = useAllShows();
  const schedule = useSchedule();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const genre = params.get("genre") ?? "";
  const language = params.get("language") ?? "";
  const date = params.get("date") ?? "";
  const set = (key: string, value: string) => {
    // From the address as it is now, not as this render saw it: a second change made before the
    // page draws again (clear the title, pick a genre) must not undo the first.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const movies = shows.data ?? [];
  const byMovie = useMemo(() => new Map((schedule.data?.movies ?? []).map((m) => [m.movieId, m])), [schedule.data]);
  const genres = useMemo(() => [...new Set(movies.flatMap((m) => m.genres.map((g) => g.name)))].sort(), [movies]);
  const languages = useMemo(() => [...new Set(movies.map((m) => m.original_language).filter(Boolean))].sort(), [movies]);
  const dates = useMemo(() => [...new Set((schedule.data?.movies ?? []).flatMap((m) => m.dates))].sort(), [schedule.data]);

  const needle = q.trim().toLowerCase();
  const shown = movies.filter(
    (m) =>
      (!needle || m.title.toLowerCase().includes(needle)) &&
      (!genre || m.genres.some((g) => g.name === genre)) &&
      (!language || m.original_language === language) &&
      (!date || !!byMovie.get(m._id)?.dates.includes(date)),
  );
  const filtered = needle || genre || language || date;

  return (
    <div className="page">
      <PageHeading title="Now showing">
        {shows.data && shows.data.length > 0 && (
          <p className="text-sm text-zinc-400" aria-live="polite">
            {filtered ? `${shown.length} of ${movies.length}` : movies.length} {movies.length === 1 ? "movie" : "movies"} with upcoming shows
          </p>
        )}
      </PageHeading>
      {movies.length > 0 && (
        <form role="search" aria-label="Find a movie" className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
          <label className="flex flex-col gap-1 text-sm">
            Title
            <input type="search" className="input" placeholder="Search by title" value={q} onChange={(e) => set("q", e.target.value)} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Genre
            <select className="input" value={genre} onChange={(e) => set("genre", e.target.value)}>
              <option value="">All genres</option>
              {genres.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Language
            <select className="input" value={language} onChange={(e) => set("language", e.target.value)}>
              <option value="">All languages</option>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Date
            <select className="input" value={date} onChange={(e) => set("date", e.target.value)}>
              <option value="">Any day</option>
              {dates.map((d) => (
                <option key={d} value={d}>
                  {localDateParts(d).long}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {shows.isPending ? (
        <MovieGridSkeleton />
      ) : shows.isError ? (
        <ErrorState error={shows.error} onRetry={() => void shows.refetch()} title="Couldn't load movies" />
      ) : movies.length === 0 ? (
        <EmptyState icon={<Clapperboard className="size-8" />} title="No movies with upcoming shows">
          Shows for the coming days haven't been scheduled yet.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState icon={<Clapperboard className="size-8" />} title="No movie matches">
          Try another title, genre, language or date.
        </EmptyState>
      ) : (
        <MovieGrid movies={shown} availability={(id) => byMovie.get(id)?.availability} />
      )}
    </div>
  );
}
