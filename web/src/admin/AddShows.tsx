import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarPlus, CheckCircle2, Star, X } from "lucide-react";
import { addShowsRequestSchema } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { useConfig } from "../api/queries.ts";
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
  const nowPlaying = useQuery({
    queryKey: ["admin", "now-playing"],
    queryFn: ({ signal }) => call("nowPlaying", { signal }),
    select: (d) => d.movies,
    staleTime: 5 * 60_000,
  });

  const [movieId, setMovieId] = useState<string | null>(null);
  const [price, setPrice] = useState("");
  const [dateTimeInput, setDateTimeInput] = useState("");
  const [slots, setSlots] = useState<string[]>([]); // "YYYY-MM-DDTHH:MM", sorted
  const [formError, setFormError] = useState<string | null>(null);
  // Screen and category prices (issue 16): the default screen and showPrice for every category unless set.
  const screens = useQuery({ queryKey: ["admin", "screens"], queryFn: ({ signal }) => call("adminScreens", { signal }), select: (d) => d.screens });
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
    onError: (err) => setFormError(errorMessage(err)),
  });

  function addSlot() {
    setFormError(null);
    const m = LOCAL_DT.exec(dateTimeInput);
    if (!m) {
      setFormError("Pick a date and time first.");
      return;
    }
    const value = `${m[1]}T${m[2]}`;
    if (slots.includes(value)) {
      setFormError("That date and time is already in the list.");
      return;
    }
    setSlots([...slots, value].sort());
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setSuccess(null);
    if (!movieId) {
      setFormError("Select a movie.");
      return;
    }
    const parsed = addShowsRequestSchema.safeParse({
      movieId,
      showPrice: price.trim() === "" ? Number.NaN : Number(price),
      showsInput: grouped.map(([date, time]) => ({ date, time })),
      ...(screen ? { screenId: screen._id } : {}),
      prices: Object.fromEntries(Object.entries(categoryPrices).filter(([id, v]) => v.trim() !== "" && screen?.categories.some((c) => c.id === id)).map(([id, v]) => [id, Number(v)])),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      const label = field === "showPrice" ? "Show price" : field === "showsInput" ? "Show times" : "Form";
      setFormError(
        field === "showsInput" && slots.length === 0 ? "Add at least one date and time." : `${label}: ${issue?.message ?? "is invalid"}`,
      );
      return;
    }
    add.mutate(parsed.data);
  }

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
            <ul className="flex gap-4 overflow-x-auto pb-4">
              {nowPlaying.data.map((m) => {
                const active = m._id === movieId;
                return (
                  <li key={m._id} className="w-36 shrink-0">
                    <button
                      type="button"
                      aria-pressed={active}
                      aria-label={`${m.title} (${releaseYear(m)})`}
                      data-movie-id={m._id}
                      onClick={() => setMovieId(m._id)}
                      className={`relative block w-full overflow-hidden rounded-xl ring-2 transition ${
                        active ? "ring-primary" : "ring-transparent hover:ring-white/30"
                      }`}
                    >
                      <Img src={m.poster_path} alt="" className="aspect-[2/3] w-full" />
                      <span className="absolute inset-x-0 bottom-0 flex items-center justify-between bg-black/75 px-2 py-1 text-xs">
                        <span className="flex items-center gap-1">
                          <Star className="size-3 fill-primary text-primary" aria-hidden="true" />
                          {formatRating(m.vote_average)}
                        </span>
                        <span>{releaseYear(m)}</span>
                      </span>
                      {active && (
                        <CheckCircle2 className="absolute top-2 right-2 size-6 rounded-full bg-primary text-white" aria-hidden="true" />
                      )}
                    </button>
                    <p className="mt-2 truncate text-sm font-medium">{m.title}</p>
                  </li>
                );
              })}
            </ul>
          )}
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
              onChange={(e) => setPrice(e.target.value)}
            />
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
              Date and time <span className="font-normal text-zinc-500">(cinema local time{config.data ? `, ${config.data.theaterTimeZone}` : ""})</span>
            </label>
            <div className="flex flex-wrap gap-2">
              <input
                id="show-datetime"
                type="datetime-local"
                className="input max-w-64"
                value={dateTimeInput}
                onChange={(e) => setDateTimeInput(e.target.value)}
              />
              <button type="button" className="btn-secondary" onClick={addSlot}>
                <CalendarPlus className="size-4" aria-hidden="true" /> Add time
              </button>
            </div>
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

          {formError && (
            <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
              {formError}
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
