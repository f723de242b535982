import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, Clock, Info } from "lucide-react";
import type { SeatLayout as Layout } from "@quickshow/contracts";
import { ApiError, call, errorMessage } from "../api/client.ts";
import { keys, useConfig, useMovieShows } from "../api/queries.ts";
import { useSeatStream } from "../api/seat-stream.ts";
import { useAuth } from "../auth/auth-context.ts";
import { WaitlistPanel } from "../components/WaitlistPanel.tsx";
import { EmptyState, ErrorState, Skeleton, Spinner } from "../components/States.tsx";
import { formatMoney, formatTime, localDateParts } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { NotFound } from "./NotFound.tsx";
import { useMyHold } from "../journey/use-my-hold.ts";
import { takenSeatsOf } from "../api/taken-seats.ts";
import { YourHoldPanel } from "../journey/YourHoldPanel.tsx";
import { CheckoutCancelledNotice } from "../journey/CheckoutCancelledNotice.tsx";

const SEAT_RE = /^[A-Z]{1,2}[1-9]\d?$/;
/** How often taken seats are re-read while the live stream is unavailable. */
const OCCUPIED_POLL_MS = 5_000;

type Feedback = { kind: "error" | "info"; text: string } | null;

function listSeats(seats: string[]): string {
  if (seats.length <= 1) return seats.join("");
  return `${seats.slice(0, -1).join(", ")} and ${seats[seats.length - 1]}`;
}

function takenMessage(seats: string[]): string {
  return seats.length === 1
    ? `Seat ${seats[0]} was just taken by someone else. Please pick another seat.`
    : `Seats ${listSeats(seats)} were just taken by someone else. Please pick other seats.`;
}

export function SeatLayout() {
  const { id = "", date = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const showId = search.get("show");
  const movieShows = useMovieShows(id);
  const config = useConfig();
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
                      {formatTime(t.time, tz)}
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

function SeatPicker({ showId, movieTitle }: { showId: string; movieTitle: string }) {
  const config = useConfig();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();

  const detail = useQuery({
    queryKey: keys.showDetail(showId),
    queryFn: ({ signal }) => call("showDetail", { params: { showId }, signal }),
  });
  const feed = useSeatStream(showId);
  const myHold = useMyHold(showId);
  const occupied = useQuery({
    queryKey: keys.occupied(showId),
    queryFn: ({ signal }) => call("occupiedSeats", { params: { showId }, signal }),
    select: (d) => d.occupiedSeats,
    staleTime: 0,
    // The stream pushes every change; polling is the fallback while it is down.
    refetchInterval: (q) => (q.state.status === "error" ? 3_000 : feed === "live" ? false : OCCUPIED_POLL_MS),
  });

  // Seats come back through the sign-in redirect as ?seats=A1,A2.
  const [selected, setSelected] = useState<string[]>(() =>
    (search.get("seats") ?? "").split(",").filter((s) => SEAT_RE.test(s)),
  );
  const [feedback, setFeedback] = useState<Feedback>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [feedback]);
  const max = config.data?.maxSeatsPerBooking ?? 5;
  const taken = useMemo(() => new Set(occupied.data ?? []), [occupied.data]);

  // If a refresh shows that someone else took a seat we had picked, drop it and say so.
  // Seats this page itself put on hold (e.g. the user came back from checkout) are not "taken by someone else".
  const lastOccupied = useRef<string[] | undefined>(undefined);
  const heldByMe = useRef<string[]>([]);
  useEffect(() => {
    if (!occupied.data || occupied.data === lastOccupied.current) return;
    lastOccupied.current = occupied.data;
    const lost = selected.filter((s) => taken.has(s));
    if (lost.length > 0) {
      setSelected((cur) => cur.filter((s) => !taken.has(s)));
      const byOthers = lost.filter((s) => !heldByMe.current.includes(s) && !myHold.seats.has(s));
      setFeedback(byOthers.length > 0 ? { kind: "error", text: takenMessage(byOthers) } : null);
    }
  }, [occupied.data, selected, taken, myHold.seats]);

  const checkout = useMutation({
    mutationFn: (seats: string[]) => call("createBooking", { body: { showId, selectedSeats: seats } }),
    // The stream may report our own hold before its answer arrives: those seats are not lost to anyone.
    onMutate: (seats) => {
      heldByMe.current = seats;
    },
    onSuccess: (res) => {
      window.location.assign(res.url);
    },
    onError: async (err, seats) => {
      heldByMe.current = [];
      if (err instanceof ApiError && err.status === 401) {
        goToSignIn(seats);
        return;
      }
      const refreshed = await occupied.refetch();
      const nowTaken = new Set(refreshed.data ?? []);
      if (err instanceof ApiError && (err.code === "seat_taken" || err.status === 409)) {
        const named = takenSeatsOf(err).filter((s) => seats.includes(s));
        const lost = seats.filter((s) => nowTaken.has(s) || named.includes(s));
        lastOccupied.current = refreshed.data;
        setSelected((cur) => cur.filter((s) => !lost.includes(s)));
        setFeedback({ kind: "error", text: lost.length > 0 ? takenMessage(lost) : err.message });
        return;
      }
      setFeedback({ kind: "error", text: errorMessage(err) });
    },
  });

  function goToSignIn(seats: string[]) {
    const back = `${location.pathname}?show=${encodeURIComponent(showId)}${seats.length ? `&seats=${seats.join(",")}` : ""}`;
    navigate(`/sign-in?redirect=${encodeURIComponent(back)}`, { state: { notice: "Sign in to book your seats. We'll bring you right back." } });
  }

  function toggleSeat(seat: string) {
    if (taken.has(seat)) return;
    if (selected.includes(seat)) {
      setSelected(selected.filter((s) => s !== seat));
      setFeedback(null);
      return;
    }
    if (selected.length >= max) {
      setFeedback({ kind: "info", text: `You can book up to ${max} seats at a time. Deselect a seat to choose another.` });
      return;
    }
    setSelected([...selected, seat]);
    setFeedback(null);
  }

  function proceed() {
    if (selected.length === 0) {
      // Seats just taken by someone else (pushed while the buyer was clicking) stay explained.
      setFeedback((current) => (current?.kind === "error" ? current : { kind: "info", text: "Select at least one seat to continue." }));
      return;
    }
    if (!user) {
      goToSignIn(selected);
      return;
    }
    setFeedback(null);
    if (myHold.askFirst(selected, () => checkout.mutate(selected))) return;
    checkout.mutate(selected);
  }

  if (detail.isPending) return <Skeleton className="h-96 w-full rounded-2xl" />;
  if (detail.isError)
    return (
      <ErrorState
        error={detail.error}
        title={detail.error instanceof ApiError && detail.error.status === 404 ? "This show is no longer available" : "Couldn't load the seat map"}
        onRetry={() => void detail.refetch()}
      />
    );

  const { show } = detail.data;
  const currency = config.data?.currency ?? detail.data.currency;
  const total = show.showPrice * selected.length;
  const freeSeats = show.layout.rows.reduce((n, r) => n + r.seats, 0) - taken.size;
  const sortedSelected = [...selected].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

  return (
    <section aria-label={`Seat map for ${movieTitle}`} className="flex flex-col items-center">
      <CheckoutCancelledNotice />
      <YourHoldPanel hold={myHold} />
      <ScreenIndicator />
      <SeatMap
        layout={show.layout}
        mine={myHold.seats}
        taken={taken}
        selected={selected}
        onToggle={toggleSeat}
        disabled={checkout.isPending}
      />
      <Legend />
      <div className="mt-3 h-5 text-xs text-zinc-400" aria-live="polite">
        {occupied.isError
          ? "Couldn't refresh taken seats, retrying…"
          : feed === "live"
            ? "Seats update live"
            : feed === "polling"
              ? "Live updates paused; checking seats every few seconds"
              : occupied.isFetching
                ? "Refreshing seats…"
                : ""}
      </div>

      <div ref={feedbackRef} role={feedback?.kind === "error" ? "alert" : "status"} className="w-full scroll-mb-4">
        {feedback && (
          <p
            className={`mt-2 flex items-start gap-2 rounded-xl border px-4 py-3 text-sm ${
              feedback.kind === "error" ? "border-red-500/40 bg-red-500/10 text-red-200" : "border-amber-400/40 bg-amber-400/10 text-amber-100"
            }`}
          >
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            {feedback.text}
          </p>
        )}
      </div>

      <div data-booking-bar className="mt-6 flex w-full flex-col gap-4 rounded-2xl border border-white/10 bg-zinc-900/70 p-5 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 text-sm">
          <p className="text-zinc-400">
            {selected.length === 0 ? (
              <>Up to {max} seats per booking · {formatMoney(show.showPrice, currency)} each</>
            ) : (
              <>
                <span className="text-zinc-200" data-testid="selected-seats">
                  {sortedSelected.join(", ")}
                </span>{" "}
                · {selected.length} × {formatMoney(show.showPrice, currency)}
              </>
            )}
          </p>
          <p className="mt-1 text-xl font-semibold">
            Total <span data-testid="total-price">{formatMoney(total, currency)}</span>
          </p>
          {config.data && <p className="mt-1 text-xs text-zinc-400">Seats are held for {config.data.holdMinutes} minutes while you pay.</p>}
        </div>
        <button type="button" className="btn-primary px-8 py-3" onClick={proceed} disabled={checkout.isPending}>
          {checkout.isPending ? <Spinner label="Holding your seats" /> : <>Proceed to checkout <ArrowRight className="size-4" aria-hidden="true" /></>}
        </button>
      </div>
      {occupied.data && freeSeats < 2 && <WaitlistPanel showId={showId} free={freeSeats} signedIn={!!user} />}
    </section>
  );
}

function ScreenIndicator() {
  return (
    <div className="mb-8 w-full max-w-xl text-center" aria-hidden="true">
      <div className="mx-auto h-3 w-full rounded-[50%] border-t-4 border-primary/80 shadow-[0_-12px_30px_-6px] shadow-primary/60" />
      <p className="mt-1 text-xs tracking-[0.3em] text-zinc-400">SCREEN SIDE</p>
    </div>
  );
}

function SeatMap({
  layout,
  mine,
  taken,
  selected,
  onToggle,
  disabled,
}: {
  layout: Layout;
  mine: Set<string>;
  taken: Set<string>;
  selected: string[];
  onToggle: (seat: string) => void;
  disabled: boolean;
}) {
  const aisles = new Set(layout.aisleAfterRows);

  // Arrow keys move between seats (skipping taken ones); Tab, Enter and Space work as for any button.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[e.key];
    const current = (e.target as HTMLElement).dataset.seat;
    if (!move || !current) return;
    const m = /^([A-Z]+)(\d+)$/.exec(current);
    if (!m) return;
    let r = layout.rows.findIndex((row) => row.row === m[1]);
    let n = Number(m[2]);
    for (let guard = 0; guard < 120; guard++) {
      r += move[0];
      n += move[1];
      const row = layout.rows[r];
      if (!row || n < 1) return;
      const next = e.currentTarget.querySelector<HTMLButtonElement>(`[data-seat="${row.row}${Math.min(n, row.seats)}"]`);
      if (n > row.seats && move[1] !== 0) return;
      if (next && !next.disabled) {
        e.preventDefault();
        next.focus();
        return;
      }
    }
  }

  return (
    <div className="w-full overflow-x-auto pb-2">
      <div className="mx-auto flex w-max flex-col" role="group" aria-label="Seats" onKeyDown={onKeyDown}>
        {layout.rows.map((row, i) => {
          const aisle = aisles.has(row.row) && i < layout.rows.length - 1;
          return (
            <div key={row.row} className={`flex items-center gap-2 ${aisle ? "mb-6" : "mb-1.5"}`}>
              <span className="w-5 text-center text-xs text-zinc-400" aria-hidden="true">
                {row.row}
              </span>
              <div className="flex gap-1.5 sm:gap-2">
                {Array.from({ length: row.seats }, (_, n) => {
                  const seat = `${row.row}${n + 1}`;
                  const isTaken = taken.has(seat);
                  const isSelected = !isTaken && selected.includes(seat);
                  const isMine = mine.has(seat);
                  const state = isMine ? "held by you" : isTaken ? "taken" : isSelected ? "selected" : "available";
                  return (
                    <button
                      key={seat}
                      type="button"
                      data-seat={seat}
                      aria-label={`Seat ${seat}, ${state}`}
                      aria-pressed={isSelected}
                      disabled={isTaken || disabled}
                      onClick={() => onToggle(seat)}
                      className={`grid size-7 place-items-center rounded-md border text-[10px] transition sm:size-8 ${
                        isMine
                          ? "cursor-not-allowed border-emerald-400 bg-emerald-400/25 text-emerald-50"
                          : isTaken
                          ? "cursor-not-allowed border-zinc-700 bg-zinc-700/60 text-zinc-400 line-through"
                          : isSelected
                            ? "border-primary bg-primary-strong text-white"
                            : "border-primary/50 text-zinc-300 hover:bg-primary/25"
                      }`}
                    >
                      {n + 1}
                    </button>
                  );
                })}
              </div>
              <span className="hidden w-5 text-center text-xs text-zinc-400 sm:inline" aria-hidden="true">
                {row.row}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <ul className="mt-6 flex flex-wrap justify-center gap-x-6 gap-y-2 text-xs text-zinc-400" aria-label="Legend">
      <li className="flex items-center gap-2">
        <span className="size-4 rounded border border-primary/50" aria-hidden="true" /> Available
      </li>
      <li className="flex items-center gap-2">
        <span className="size-4 rounded border border-primary bg-primary" aria-hidden="true" /> Selected
      </li>
      <li className="flex items-center gap-2">
        <span className="size-4 rounded border border-zinc-700 bg-zinc-700/60" aria-hidden="true" /> Taken
      </li>
    </ul>
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
