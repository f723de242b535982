import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addShowsRequestSchema } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { useConfig, useAdminScreens, useCinemas } from "../api/queries.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { localNow } from "./add-shows/cinema-time.ts";
import { FieldError, type FieldErrors } from "./add-shows/FieldError.tsx";
import { MovieStrip } from "./add-shows/MovieStrip.tsx";
import { LOCAL_DT, ShowTimesField } from "./add-shows/ShowTimesField.tsx";
import { AdminTitle } from "./common.tsx";

export function AddShows() {
  useDocumentTitle("Add shows");
  const config = useConfig();
  const queryClient = useQueryClient();

  const [movieId, setMovieId] = useState<string | null>(null);
  const [price, setPrice] = useState("");
  const [dateTimeInput, setDateTimeInput] = useState("");
  const [slots, setSlots] = useState<string[]>([]); // "YYYY-MM-DDTHH:MM", sorted
  // Each problem is shown next to its field, all at once; `form` is what the server refused.
  const [errors, setErrors] = useState<FieldErrors>({});
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

  // Times are read on the clock of the chosen screen's cinema, as the server reads them.
  const cinemas = useCinemas();
  const cinemaOfScreen = cinemas.data?.find((c) => c._id === (screen?.cinema ?? "main"));
  const zone = cinemaOfScreen?.timeZone ?? config.data?.theaterTimeZone;
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

  return (
    <div className="max-w-5xl">
      <AdminTitle first="Add" rest="Shows" />
      <form onSubmit={onSubmit} noValidate>
        <MovieStrip
          movieId={movieId}
          error={errors.movie}
          onPick={(id) => {
            setMovieId(id);
            setErrors((e) => ({ ...e, movie: undefined }));
          }}
        />

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

          <ShowTimesField
            cinema={{ name: cinemaOfScreen?.name ?? "the cinema", timeZone: zone }}
            value={dateTimeInput}
            onValue={setDateTimeInput}
            earliest={earliest}
            onAdd={addSlot}
            grouped={grouped}
            onRemove={(slot) => setSlots(slots.filter((s) => s !== slot))}
            error={errors.times}
          />

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
