import { useEffect, useMemo, useRef, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { ApiError, call, errorMessage } from "../../api/client.ts";
import { useConfig, useShowDetail, useOccupiedSeats, useSeatCheck } from "../../api/queries.ts";
import { useSeatStream } from "../../api/seat-stream.ts";
import { useAuth } from "../../auth/auth-context.ts";
import { WaitlistPanel } from "../../components/WaitlistPanel.tsx";
import { ErrorState, Skeleton } from "../../components/States.tsx";
import { formatMoney } from "../../lib/format.ts";
import { useSettled } from "../../lib/hooks.ts";
import { Legend } from "./Legend.tsx";
import { BestAvailable, BookingBar } from "./BookingBar.tsx";
import { SoldOutNotice } from "./SoldOutNotice.tsx";
import { mapModel } from "./seat-map-model.ts";
import { SeatMap } from "./SeatMap.tsx";
import { useSeatSelection } from "./use-seat-selection.ts";
import { takenSeatsOf } from "../../api/taken-seats.ts";
import { useMyHold } from "../../journey/use-my-hold.ts";
import { YourHoldPanel } from "../../journey/YourHoldPanel.tsx";
import { CheckoutCancelledNotice } from "../../journey/CheckoutCancelledNotice.tsx";
import { seatIdSchema } from "@quickshow/contracts";

/** How often taken seats are re-read while the live stream is unavailable. */
const OCCUPIED_POLL_MS = 5_000;

function listSeats(seats: string[]): string {
  if (seats.length <= 1) return seats.join("");
  return `${seats.slice(0, -1).join(", ")} and ${seats[seats.length - 1]}`;
}

function takenMessage(seats: string[]): string {
  return seats.length === 1
    ? `Seat ${seats[0]} was just taken by someone else. Please pick another seat.`
    : `Seats ${listSeats(seats)} were just taken by someone else. Please pick other seats.`;
}

const seatsIn = (details: unknown, field: string) => {
  const list = (details as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
};

export function SeatPicker({ showId, movieTitle }: { showId: string; movieTitle: string }) {
  const config = useConfig();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();

  const detail = useShowDetail(showId);
  const feed = useSeatStream(showId);
  // The buyer's own live hold on this show (back from checkout): shown as theirs, never as taken.
  const myHold = useMyHold(showId);
  // The stream pushes every change; polling is the fallback while it is down.
  const occupied = useOccupiedSeats(showId, (failed) => (failed ? 3_000 : feed === "live" ? false : OCCUPIED_POLL_MS));

  const layout = detail.data?.show.layout;
  const model = useMemo(() => (layout ? mapModel(layout) : null), [layout]);
  const max = config.data?.maxSeatsPerBooking ?? 5;
  const taken = useMemo(() => new Set(occupied.data ?? []), [occupied.data]);
  // Seats come back through the sign-in redirect as ?seats=A1,A2.
  const { selected, setSelected, toggle, feedback, setFeedback } = useSeatSelection({
    model,
    taken,
    max,
    initial: (search.get("seats") ?? "").split(",").filter((s) => seatIdSchema.safeParse(s).success),
  });
  // Seats the server said a choice would leave alone: outlined until the choice changes.
  const [warned, setWarned] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setWarned(new Set()), [selected]);
  const [partySize, setPartySize] = useState(2);
  // The seat rules' verdict on the current choice, asked once the clicking stops: the map warns
  // before the buyer proceeds (the hold itself is judged again by the server).
  const choice = useSettled([...selected].sort().join(","), 250);
  const ruleCheck = useSeatCheck(showId, choice, occupied.dataUpdatedAt);
  const ruleProblem = choice !== "" && choice === [...selected].sort().join(",") ? (ruleCheck.data ?? null) : null;
  const pointedOut = useMemo(() => new Set([...warned, ...(ruleProblem?.code === "orphan_seat" ? ruleProblem.seats : [])]), [warned, ruleProblem]);

  const feedbackRef = useRef<HTMLDivElement>(null);
  // On a phone the show times fill the first screen: a sold-out show's only way in is brought into view.
  const waitlistRef = useRef<HTMLDivElement>(null);
  const soldOutNow = !!occupied.data && !!model && model.seats.size - taken.size <= 0 && myHold.holds.length === 0;
  useEffect(() => {
    if (soldOutNow && window.matchMedia("(max-width: 639px)").matches) waitlistRef.current?.scrollIntoView({ block: "start" });
  }, [soldOutNow]);
  useEffect(() => {
    if (feedback) feedbackRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [feedback]);

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
  }, [occupied.data, selected, taken, setSelected, setFeedback, myHold.seats]);

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
      if (err instanceof ApiError && ["orphan_seat", "pair_seat", "companion_seat"].includes(err.code)) {
        // A seat rule refused the choice: nothing was taken, the seats stay picked and the map shows why.
        if (err.code === "orphan_seat") setWarned(new Set(seatsIn(err.details, "seats")));
        setFeedback({ kind: "info", text: err.message });
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

  const best = useMutation({
    mutationFn: (count: number) => call("bestSeats", { params: { showId }, query: { count } }),
    onSuccess: (res, count) => {
      if (res.seats.length === 0) {
        setFeedback({ kind: "info", text: `There are no ${count} free seats left for one booking. Try fewer seats.` });
        return;
      }
      setSelected(res.seats);
      setFeedback({ kind: "info", text: `Best available: ${listSeats(res.seats)}.` });
    },
    onError: (err) => setFeedback({ kind: "error", text: errorMessage(err) }),
  });

  function goToSignIn(seats: string[]) {
    const back = `${location.pathname}?show=${encodeURIComponent(showId)}${seats.length ? `&seats=${seats.join(",")}` : ""}`;
    navigate(`/sign-in?redirect=${encodeURIComponent(back)}`, { state: { notice: "Sign in to book your seats. We'll bring you right back." } });
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
    // A buyer who already holds seats of this show is asked before a second hold is made.
    if (myHold.askFirst(selected, () => checkout.mutate(selected))) return;
    checkout.mutate(selected);
  }

  const currency = config.data?.currency ?? detail.data?.currency ?? "usd";
  const prices = detail.data?.show.prices;
  const priceLabels = useMemo(
    () => Object.fromEntries(Object.entries(prices ?? {}).map(([category, price]) => [category, formatMoney(price, currency)])),
    [prices, currency],
  );

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
  const priceOf = (seat: string) => show.prices[model?.seats.get(seat)?.cell.category ?? ""] ?? show.showPrice;
  // Cents, so the shown total adds up exactly as the server's will.
  const totalCents = selected.reduce((n, s) => n + Math.round(priceOf(s) * 100), 0);
  const perCategory = show.layout.categories
    .map((c) => ({ category: c, count: selected.filter((s) => model?.seats.get(s)?.cell.category === c.id).length, price: show.prices[c.id] ?? show.showPrice }))
    .filter((line) => line.count > 0);
  const freeSeats = (model?.seats.size ?? 0) - taken.size;
  // Every seat sold, held or blocked: nothing to pick, so no picking tools; the line is the way in.
  const soldOut = !!occupied.data && freeSeats <= 0;
  const oneCategory = show.layout.categories.length === 1;
  // A category with no free seat left may still be waited for, when the show has several.
  const fullCategories = oneCategory
    ? []
    : show.layout.categories.map((c) => c.id).filter((id) => [...(model?.seats.values() ?? [])].every((s) => s.cell.category !== id || taken.has(s.id)));

  return (
    <section aria-label={`Seat map for ${movieTitle}`} className="flex flex-col items-center">
      {show.screen && <p className="mb-3 text-sm text-zinc-400" data-testid="screen-name">{show.screen.name}</p>}
      <CheckoutCancelledNotice />
      {soldOut && <SoldOutNotice holding={myHold.holds.length > 0} />}
      <YourHoldPanel hold={myHold} soldOut={soldOut} />
      {/* First thing under the notice, so a phone shows the way in without scrolling past the map. */}
      {soldOut && myHold.holds.length === 0 && (
        <div ref={waitlistRef} className="w-full scroll-mt-20">
          <WaitlistPanel showId={showId} free={0} max={max} signedIn={!!user} categories={oneCategory ? [] : show.layout.categories} fullCategories={fullCategories} />
        </div>
      )}
      <ScreenIndicator />
      <SeatMap layout={show.layout} model={model ?? undefined} mine={myHold.seats} taken={taken} selected={selected} warned={pointedOut} onToggle={toggle} disabled={checkout.isPending} priceLabels={priceLabels} />
      <Legend layout={show.layout} prices={show.prices} currency={currency} holding={myHold.seats.size > 0} />
      {!soldOut && <BestAvailable max={max} partySize={partySize} setPartySize={setPartySize} onPick={() => best.mutate(partySize)} pending={best.isPending} />}
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
        {/* The seat rules' word on the current choice, said in the same place until the buyer acts. */}
        {!feedback && ruleProblem && (
          <p data-testid="seat-rule-warning" className="mt-2 flex items-start gap-2 rounded-xl border border-amber-400/40 bg-amber-400/10 px-4 py-3 text-sm text-amber-100">
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            {ruleProblem.message}
          </p>
        )}
      </div>

      {!soldOut && (
        <BookingBar
          max={max}
          currency={currency}
          showPrice={show.showPrice}
          oneCategory={oneCategory}
          selected={selected}
          perCategory={perCategory}
          totalCents={totalCents}
          holdMinutes={config.data?.holdMinutes}
          pending={checkout.isPending}
          onProceed={proceed}
        />
      )}
      {!soldOut && occupied.data && (freeSeats < 2 || fullCategories.length > 0) && (
        <WaitlistPanel showId={showId} free={freeSeats} max={max} signedIn={!!user} categories={oneCategory ? [] : show.layout.categories} fullCategories={fullCategories} />
      )}
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
