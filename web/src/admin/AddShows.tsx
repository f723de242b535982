import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CalendarPlus, CheckCircle2, Star, X } from "lucide-react";
import { addShowsRequestSchema } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { useConfig, useNowPlaying, useAdminScreens } from "../api/queries.ts";
import { Img } from "../components/Img.tsx";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { formatRating, localDateParts, releaseYear } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AdminTitle } from "./common.tsx";

/** "YYYY-MM-DDTHH:MM" from a datetime-local input, in the cinema's local time. */
const LOCAL_DT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

export function AddShows() {
  useDocumentTitle("Add shows");
  const config = useConfig();
  const queryClient = useQueryClient();
  const nowPlaying = useNowPlaying();

  const [movieId, setMovieId] = useState<string | null>(null);
  const [price, setPrice] = useState("");
  const [dateTimeInput, setDateTimeInput] = useState("");
  const [slots, setSlots] = useState<string[]>([]); // "YYYY-MM-DDTHH:MM", sorted
  // Each problem is shown next to its field, all at once; `form` is what the server refused.
  const [errors, setErrors] = useState<FieldErrors>({});
  const [search, setSearch] = useState("");
  // Screen and category prices (issue 16): the default screen and showPrice for every category unless set.
  const screens = useAdminScreens();
  const [screenId, setScreenId] = useState("");
  const [categoryPrices, setCategoryPrices] = useState<Record<string, string>>({});
  const screen = screens.data?.find((s) => s._id === (screenId || "screen-1")) ?? screens.data?.[0];
  const [success, setSuccess] = useState<{ message: string; movieId: string } | null>(null);

  const grouped = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const s of slots) {
      const m = LOCAL_DT.exec(s);
      if (!m) continue;
      const [, date, time] = m as unknown as [string, string, string];
      map.set(date, [...(map.get(date) ?? []), time]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [slots]);

  const add = useMutation({
    mutationFn: (body: Parameters<typeof call<"addShows">>[1]["body"]) => call("addShows", { body }),
    onSuccess: (res, body) => {
      setSuccess({ message: res.message, movieId: String(body.movieId) });
      setSlots([]);
      setDateTimeInput("");
      void queryClient.invalidateQueries({ queryKey: ["shows"] });
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
    onError: (err) => setErrors({ form: errorMessage(err) }),
  });

  const zone = config.data?.theaterTimeZone;
  const earliest = localNow(zone);

  function addSlot() {
    const m = LOCAL_DT.exec(dateTimeInput);
    const value = m ? `${m[1]}T${m[2]}` : null;
    const problem = !value
      ? "Pick a date and time first."
      : value <= earliest
        ? "That time has passed at the cinema; pick a later one."
        : slots.includes(value)
          ? "That date and time is already in the list."
          : undefined;
    setErrors((e) => ({ ...e, times: problem, form: undefined }));
    if (value && !problem) setSlots([...slots, value].sort());
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSuccess(null);
    const found: FieldErrors = {};
    if (!movieId) found.movie = "Select a movie.";
    const parsed = addShowsRequestSchema.safeParse({
      movieId: movieId ?? "",
      showPrice: price.trim() === "" ? Number.NaN : Number(price),
      showsInput: grouped.map(([date, time]) => ({ date, time })),
      ...(screen ? { screenId: screen._id } : {}),
      prices: Object.fromEntries(Object.entries(categoryPrices).filter(([id, v]) => v.trim() !== "" && screen?.categories.some((c) => c.id === id)).map(([id, v]) => [id, Number(v)])),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "showPrice") found.price ??= price.trim() === "" ? "Enter a price." : `Show price: ${issue.message}`;
        if (issue.path[0] === "showsInput") found.times ??= slots.length === 0 ? "Add at least one date and time." : `Show times: ${issue.message}`;
      }
    }
    const past = slots.filter((s) => s <= earliest);
    if (past.length > 0) found.times ??= `${past.map((s) => s.replace("T", " ")).join(", ")} ${past.length === 1 ? "has" : "have"} passed; remove ${past.length === 1 ? "it" : "them"}.`;
    setErrors(found);
    if (Object.values(found).some(Boolean) || !parsed.success) return;
    add.mutate(parsed.data);
  }

  const q = search.trim().toLowerCase();
  const shownMovies = (nowPlaying.data ?? []).filter((m) => !q || m.title.toLowerCase().includes(q));

  return (
    <div className="max-w-5xl">
      <AdminTitle first="Add" rest="Shows" />
      <form onSubmit={onSubmit} noValidate>
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
                <input
                  id="movie-search"
                  type="search"
                  className="input"
                  placeholder="Search movies by title"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              </div>
              {shownMovies.length === 0 && <p className="py-6 text-sm text-zinc-400">No now-playing movie matches “{search}”.</p>}
              {/* Scrolls sideways with a wheel, a swipe or the arrow keys once focused. */}
              <ul
                className="flex snap-x gap-4 overflow-x-auto pb-4 focus-visible:outline-2"
                tabIndex={0}
                aria-label="Now playing movies"
                aria-describedby={errors.movie ? "movie-error" : undefined}
              >
                {shownMovies.map((m) => {
                  const active = m._id === movieId;
                  return (
                    <li key={m._id} className="w-36 shrink-0 snap-start">
                      <button
                        type="button"
                        aria-pressed={active}
                        data-movie-id={m._id}
                        onClick={() => {
                          setMovieId(m._id);
                          setErrors((e) => ({ ...e, movie: undefined }));
                        }}
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
                        {active && (
                          <CheckCircle2 className="absolute top-2 right-2 size-6 rounded-full bg-primary-strong text-white" aria-hidden="true" />
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <FieldError id="movie-error" text={errors.movie} />
        </fieldset>

        <div className="mt-8 grid max-w-xl gap-6">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="show-price" className="text-sm font-medium">
              Show price{config.data ? ` (${config.data.currency.toUpperCase()})` : ""}
            </label>
            <input
              id="show-price"
              type="number"
              inputMode="decimal"
              min="0.01"
              step="0.01"
              placeholder="e.g. 12.50"
              className="input max-w-48"
              value={price}
              aria-invalid={!!errors.price}
              aria-describedby={errors.price ? "price-error" : undefined}
              onChange={(e) => {
                setPrice(e.target.value);
                setErrors((x) => ({ ...x, price: undefined }));
              }}
            />
            <FieldError id="price-error" text={errors.price} />
          </div>

          {screens.data && screens.data.length > 0 && (
            <div className="flex flex-col gap-1.5">
              <label htmlFor="show-screen" className="text-sm font-medium">
                Screen
              </label>
              <select id="show-screen" className="input max-w-64" value={screen?._id ?? ""} onChange={(e) => setScreenId(e.target.value)}>
                {screens.data.map((s) => (
                  <option key={s._id} value={s._id}>
                    {s.name} ({s.capacity} seats)
                  </option>
                ))}
              </select>
              {screen && screen.categories.length > 1 && (
                <fieldset className="mt-2 flex flex-wrap gap-3">
                  <legend className="mb-1 text-xs text-zinc-400">Price per category (empty: the show price)</legend>
                  {screen.categories.map((c) => (
                    <label key={c.id} className="flex flex-col gap-1 text-xs">
                      {c.name}
                      <input
                        type="number"
                        inputMode="decimal"
                        min="0.01"
                        step="0.01"
                        className="input w-28"
                        aria-label={`${c.name} price`}
                        value={categoryPrices[c.id] ?? ""}
                        onChange={(e) => setCategoryPrices({ ...categoryPrices, [c.id]: e.target.value })}
                      />
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          )}

          <div className="flex flex-col gap-1.5">
            <label htmlFor="show-datetime" className="text-sm font-medium">
              Date and time <span className="font-normal text-zinc-400">(cinema local time{config.data ? `, ${config.data.theaterTimeZone}` : ""})</span>
            </label>
            <div className="flex flex-wrap gap-2">
              <input
                id="show-datetime"
                type="datetime-local"
                className="input max-w-64"
                min={earliest}
                aria-invalid={!!errors.times}
                aria-describedby={errors.times ? "times-error" : undefined}
                value={dateTimeInput}
                onChange={(e) => setDateTimeInput(e.target.value)}
              />
              <button type="button" className="btn-secondary" onClick={addSlot}>
                <CalendarPlus className="size-4" aria-hidden="true" /> Add time
              </button>
            </div>
            <FieldError id="times-error" text={errors.times} />
          </div>

          {grouped.length > 0 && (
            <div>
              <h2 className="mb-2 text-sm font-medium">Selected date-times</h2>
              <ul className="flex flex-col gap-3" aria-label="Selected date-times">
                {grouped.map(([date, times]) => (
                  <li key={date}>
                    <p className="text-sm text-zinc-400">{localDateParts(date).long}</p>
                    <ul className="mt-1 flex flex-wrap gap-2">
                      {times.map((t) => (
                        <li key={t} className="flex items-center gap-1 rounded-lg border border-primary/40 bg-primary/10 py-1 pr-1 pl-3 text-sm">
                          {t}
                          <button
                            type="button"
                            aria-label={`Remove ${date} ${t}`}
                            className="rounded p-1 text-zinc-400 hover:text-white"
                            onClick={() => setSlots(slots.filter((s) => s !== `${date}T${t}`))}
                          >
                            <X className="size-3.5" aria-hidden="true" />
                          </button>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          )}

          {errors.form && (
            <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
              {errors.form}
            </p>
          )}
          {success && (
            <p role="status" className="rounded-lg border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-200">
              {success.message}{" "}
              <Link to={`/movies/${success.movieId}`} className="underline">
                View movie page
              </Link>
            </p>
          )}
          <div>
            <button type="submit" className="btn-primary px-8 py-3" disabled={add.isPending}>
              {add.isPending ? "Adding…" : "Add shows"}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}

interface FieldErrors {
  movie?: string;
  price?: string;
  times?: string;
  form?: string;
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-300">
      {text}
    </p>
  );
}

/** "YYYY-MM-DDTHH:MM" of this minute at the cinema: the earliest a new show may start. */
function localNow(timeZone: string | undefined): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
