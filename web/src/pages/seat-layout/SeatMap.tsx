import { memo, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Accessibility, Heart, UserPlus } from "lucide-react";
import type { SeatCategory, SeatLayout } from "@quickshow/contracts";
import { mapModel, seatInDirection, type MapModel, type MapSeat } from "./seat-map-model.ts";

export type SeatState = "available" | "selected" | "taken" | "held by you";

interface SeatMapProps {
  layout: SeatLayout;
  model?: MapModel;
  taken: ReadonlySet<string>;
  /** Seats of the buyer's own live hold: shown as theirs, not as taken. */
  mine?: ReadonlySet<string>;
  selected: readonly string[];
  /** Seats to point out (those a choice would leave alone). */
  warned?: ReadonlySet<string>;
  /** What a warned seat's accessible name says about it. */
  warnedLabel?: string;
  onToggle: (seat: string) => void;
  disabled?: boolean;
  /** The price label of each category, for the seats' accessible names. */
  priceLabels?: Record<string, string>;
}

const flagsOf = (seat: MapSeat) =>
  [seat.cell.wheelchair && "wheelchair space", seat.cell.companion && "companion seat", seat.partner && `love seat with ${seat.partner}`].filter(Boolean).join(", ");

/**
 * Any screen's seats, row by row with their gaps. The map is one Tab stop: arrow keys move between
 * seats (Home and End to a row's ends), Enter or Space picks one. Unavailable seats stay focusable
 * (aria-disabled), so a screen-reader user hears them too.
 */
export function SeatMap({ layout, model: given, taken, mine, selected, warned, warnedLabel = "would be left alone", onToggle, disabled = false, priceLabels = {} }: SeatMapProps) {
  const model = useMemo(() => given ?? mapModel(layout), [given, layout]);
  const categories = useMemo(() => new Map(layout.categories.map((c) => [c.id, c])), [layout]);
  const chosen = useMemo(() => new Set(selected), [selected]);
  const [active, setActive] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const tabStop = active && model.seats.has(active) ? active : (model.rows.flat().find((s) => !taken.has(s.id))?.id ?? model.rows.flat()[0]?.id ?? null);
  const onlyStandard = layout.categories.length === 1;
  // Wide rooms get smaller seats, so a whole row fits on a laptop without scrolling.
  const dense = Math.max(...layout.rows.map((r) => r.cells.length)) > 18;

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const from = (e.target as HTMLElement).dataset.seat;
    if (!from) return;
    const next = seatInDirection(model, from, e.key);
    if (next === null) {
      if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) e.preventDefault();
      return;
    }
    e.preventDefault();
    setActive(next);
    container.current?.querySelector<HTMLButtonElement>(`[data-seat="${next}"]`)?.focus();
  }

  return (
    <div className="w-full overflow-x-auto pb-2">
      <div ref={container} className="mx-auto flex w-max flex-col" role="group" aria-label="Seats" onKeyDown={onKeyDown}>
        {layout.rows.map((row, r) => (
          <div key={row.row} className={`flex items-center gap-2 ${row.aisleAfter && r < layout.rows.length - 1 ? "mb-6" : "mb-1.5"}`}>
            <span className="w-5 text-center text-xs text-zinc-400" aria-hidden="true">
              {row.row}
            </span>
            <div className={`flex ${dense ? "gap-1" : "gap-1.5 sm:gap-2"}`}>
              {row.cells.map((cell, position) => {
                if (!cell) return <span key={`gap-${position}`} className={dense ? "size-6" : "size-7 sm:size-8"} aria-hidden="true" />;
                const seat = model.seats.get(`${row.row}${cell.number}`)!;
                const state: SeatState = mine?.has(seat.id) ? "held by you" : taken.has(seat.id) ? "taken" : chosen.has(seat.id) ? "selected" : "available";
                const category = categories.get(cell.category);
                return (
                  <Seat
                    key={seat.id}
                    seat={seat}
                    state={state}
                    category={category}
                    describe={onlyStandard ? "" : [category?.name, priceLabels[cell.category]].filter(Boolean).join(" ")}
                    flags={flagsOf(seat)}
                    pairSide={seat.partner ? (model.seats.get(seat.partner)!.position > seat.position ? "left" : "right") : null}
                    warned={warned?.has(seat.id) ? warnedLabel : ""}
                    tabbable={seat.id === tabStop}
                    dense={dense}
                    disabled={disabled}
                    onToggle={onToggle}
                    onFocusSeat={setActive}
                  />
                );
              })}
            </div>
            <span className="hidden w-5 text-center text-xs text-zinc-400 sm:inline" aria-hidden="true">
              {row.row}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

interface SeatProps {
  seat: MapSeat;
  state: SeatState;
  category: SeatCategory | undefined;
  describe: string;
  flags: string;
  pairSide: "left" | "right" | null;
  /** Said of the seat when it is pointed out; empty when it is not. */
  warned: string;
  tabbable: boolean;
  dense: boolean;
  disabled: boolean;
  onToggle: (seat: string) => void;
  onFocusSeat: (seat: string) => void;
}

/** One seat; memoised, so a click redraws only the seats whose state changed. */
const Seat = memo(function Seat({ seat, state, category, describe, flags, pairSide, warned, tabbable, dense, disabled, onToggle, onFocusSeat }: SeatProps) {
  const unavailable = state === "taken" || state === "held by you";
  const color = category?.color ?? "#6b7280";
  // The name says what the seat is (wheelchair space, companion, love seat); its category and price are its description.
  // "Row A, seat 7": the number drawn on the seat is a word of its name (WCAG's label in name).
  const label = [`Row ${seat.row}, seat ${seat.cell.number}, ${state}`, flags, warned].filter(Boolean).join(", ");
  return (
    <button
      type="button"
      data-seat={seat.id}
      data-category={seat.cell.category}
      aria-label={label}
      aria-description={describe || undefined}
      title={describe || undefined}
      aria-pressed={state === "selected"}
      aria-disabled={unavailable || disabled || undefined}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onFocusSeat(seat.id)}
      onClick={() => {
        if (!unavailable && !disabled) onToggle(seat.id);
      }}
      style={state === "available" ? { borderColor: color, backgroundColor: `${color}26` } : state === "selected" ? { borderColor: color } : undefined}
      className={`relative grid place-items-center border transition ${dense ? "size-6 text-[9px]" : "size-7 text-[10px] sm:size-8"} ${
        pairSide === "left" ? "rounded-l-md rounded-r-sm" : pairSide === "right" ? "rounded-l-sm rounded-r-md" : "rounded-md"
      } ${
        state === "held by you"
          ? "cursor-not-allowed border-emerald-400 bg-emerald-400/25 text-emerald-50"
          : unavailable
          ? "cursor-not-allowed border-zinc-700 bg-zinc-700/60 text-zinc-400 line-through"
          : state === "selected"
            ? "bg-primary-strong text-white"
            : "text-zinc-200 hover:brightness-150"
      } ${warned ? "ring-2 ring-amber-400" : ""}`}
    >
      {seat.cell.wheelchair ? (
        <Accessibility className="size-4" aria-hidden="true" />
      ) : seat.cell.companion ? (
        <UserPlus className="size-3.5" aria-hidden="true" />
      ) : (
        seat.cell.number
      )}
      {seat.partner && <Heart className="absolute -top-1 right-0 size-2.5 fill-pink-400 text-pink-400" aria-hidden="true" />}
    </button>
  );
});
