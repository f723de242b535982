import type { SeatLayout } from "@quickshow/contracts";
import { escapeHtml } from "./home-shell.ts";

/**
 * The seat map as its first paint: every seat where web/src/pages/seat-layout/SeatMap.tsx draws
 * it, taken ones greyed, in the same classes. It is a picture until the script arrives and draws
 * the live map over it (the buttons do nothing and say so), so a phone on a slow network sees
 * the room, and what is left of it, a script's download earlier.
 */
export function seatMapShell(input: { movieTitle: string; layout: SeatLayout; occupied: readonly string[] }): string {
  const taken = new Set(input.occupied);
  const colors = new Map(input.layout.categories.map((c) => [c.id, c.color]));
  const dense = Math.max(...input.layout.rows.map((r) => r.cells.length)) > 18;
  const size = dense ? "size-6 text-[9px]" : "size-7 text-[10px] sm:size-8";
  const rows = input.layout.rows
    .map((row, r) => {
      const cells = row.cells
        .map((cell) => {
          if (!cell) return `<span class="${dense ? "size-6" : "size-7 sm:size-8"}" aria-hidden="true"></span>`;
          const id = `${row.row}${cell.number}`;
          const color = colors.get(cell.category) ?? "#6b7280";
          const look = taken.has(id)
            ? `class="relative grid place-items-center border rounded-md ${size} cursor-not-allowed border-zinc-700 bg-zinc-700/60 text-zinc-400 line-through"`
            : `class="relative grid place-items-center border rounded-md ${size} text-zinc-200" style="border-color:${escapeHtml(color)};background-color:${escapeHtml(color)}26"`;
          const state = taken.has(id) ? "taken" : "available";
          return `<button type="button" data-seat="${escapeHtml(id)}" aria-disabled="true" aria-label="Row ${escapeHtml(row.row)}, seat ${cell.number}, ${state} (loading)" tabindex="-1" ${look}>${cell.wheelchair || cell.companion ? "" : cell.number}</button>`;
        })
        .join("");
      const margin = row.aisleAfter && r < input.layout.rows.length - 1 ? "mb-6" : "mb-1.5";
      return `<div class="flex items-center gap-2 ${margin}"><span class="w-5 text-center text-xs text-zinc-400" aria-hidden="true">${escapeHtml(row.row)}</span><div class="flex ${dense ? "gap-1" : "gap-1.5 sm:gap-2"}">${cells}</div></div>`;
    })
    .join("");
  return `<div class="flex min-h-dvh flex-col"><div class="h-16 border-b border-white/5"></div><main class="flex-1"><div class="page">
<h1 class="mt-7 text-2xl font-semibold sm:text-3xl">Select your seats</h1><p class="mt-1 text-sm text-zinc-400">${escapeHtml(input.movieTitle)}</p>
<section class="mt-8 flex flex-col items-center" aria-busy="true"><div class="mb-8 w-full max-w-xl text-center" aria-hidden="true"><div class="mx-auto h-3 w-full rounded-[50%] border-t-4 border-primary/80"></div><p class="mt-1 text-xs tracking-[0.3em] text-zinc-400">SCREEN SIDE</p></div>
<div class="w-full overflow-x-auto pb-2"><div class="mx-auto flex w-max flex-col" role="group" aria-label="Seats">${rows}</div></div></section></div></main></div>`;
}
