import { Link, useParams, useSearchParams } from "react-router";
import { ArrowLeft, Clock } from "lucide-react";
import { ApiError } from "../../api/client.ts";
import { useConfig, useMovieShows, useSchedule } from "../../api/queries.ts";
import { AvailabilityBadge } from "../../journey/AvailabilityBadge.tsx";
import { EmptyState, ErrorState, Skeleton } from "../../components/States.tsx";
import { formatTime, localDateParts } from "../../lib/format.ts";
import { useDocumentTitle } from "../../lib/hooks.ts";
import { NotFound } from "../NotFound.tsx";
import { SeatPicker } from "./SeatPicker.tsx";

export function SeatLayout() {
  const { id = "", date = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const showId = search.get("show");
  const movieShows = useMovieShows(id);
  const config = useConfig();
  const schedule = useSchedule();
  const tz = config.data?.theaterTimeZone;
  useDocumentTitle(movieShows.data ? `Seats · ${movieShows.data.movie.title}` : "Choose seats");

  if (movieShows.isPending) return <SeatPageSkeleton />;
  if (movieShows.isError) {
    if (movieShows.error instanceof ApiError && movieShows.error.status === 404) return <NotFound title="Movie not found" />;
    return (
      <div className="page">
        <ErrorState error={movieShows.error} onRetry={() => void movieShows.refetch()} />
      </div>
    );
  }

  const { movie, dateTime } = movieShows.data;
  const times = [...(dateTime[date] ?? [])].sort((a, b) => a.time.localeCompare(b.time));
  const dateLabel = /^\d{4}-\d{2}-\d{2}$/.test(date) ? localDateParts(date).long : date;

  return (
    <div className="page">
      <Link to={`/movies/${movie._id}#dates`} className="inline-flex items-center gap-1 text-sm text-zinc-400 hover:text-white">
        <ArrowLeft className="size-4" aria-hidden="true" /> {movie.title}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold sm:text-3xl">Select your seats</h1>
      <p className="mt-1 text-sm text-zinc-400">{dateLabel}</p>

      {times.length === 0 ? (
        <div className="mt-10">
          <EmptyState title="No shows on this date">
            <p>Pick another date for {movie.title}.</p>
            <Link to={`/movies/${movie._id}#dates`} className="btn-primary mt-4">
              See dates
            </Link>
          </EmptyState>
        </div>
      ) : (
        <div className="mt-8 flex flex-col gap-8 lg:flex-row">
          <aside className="h-max rounded-2xl border border-primary/20 bg-primary/5 py-6 lg:sticky lg:top-24 lg:w-60 lg:shrink-0">
            <h2 className="px-6 font-semibold" id="timings-heading">
              Available timings
            </h2>
            <ul className="mt-4 flex flex-wrap gap-2 px-4 lg:flex-col lg:gap-1 lg:px-0" aria-labelledby="timings-heading">
              {times.map((t) => {
                const active = t.showId === showId;
                return (
                  <li key={t.showId}>
                    <button
                      type="button"
                      aria-pressed={active}
                      data-show-id={t.showId}
                      onClick={() => setSearch({ show: t.showId }, { replace: true })}
                      className={`flex w-full items-center gap-2 rounded-full px-4 py-2 text-sm transition lg:rounded-l-none lg:rounded-r-full lg:px-6 ${
                        active ? "bg-primary-strong text-white" : "bg-white/5 hover:bg-primary/20 lg:bg-transparent"
                      }`}
                    >
                      <Clock className="size-4" aria-hidden="true" />
                      {formatTime(t.time, t.timeZone || tz)}
                      {t.screen && <span className="text-xs"> · {t.screen.name}</span>}
                      <AvailabilityBadge availability={schedule.data?.shows[t.showId]} />
                    </button>
                  </li>
                );
              })}
            </ul>
          </aside>
          <div className="min-w-0 flex-1">
            {showId ? (
              <SeatPicker key={showId} showId={showId} movieTitle={movie.title} />
            ) : (
              <div className="flex h-full min-h-64 items-center justify-center rounded-2xl border border-dashed border-zinc-700 p-8 text-center text-zinc-400">
                Choose a show time to see the seat map.
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function SeatPageSkeleton() {
  return (
    <div className="page" aria-busy="true" aria-label="Loading seats">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="mt-3 h-9 w-64" />
      <div className="mt-8 flex flex-col gap-8 lg:flex-row">
        <Skeleton className="h-48 w-full lg:w-60" />
        <Skeleton className="h-96 flex-1" />
      </div>
    </div>
  );
}
