import { useRef, useState } from "react";
import { Accessibility, Eraser, Heart, Paintbrush, Plus, UserPlus } from "lucide-react";
import type { SeatCategory, SeatLayout } from "@quickshow/contracts";
import { SeatMap } from "../../pages/seat-layout/SeatMap.tsx";
import { applyTool, categoryId, dragSets, grid, numberingOf, renameRow, renumberLayout, toggleAisle, type Numbering, type Tool } from "./layout-edits.ts";

const noSeats = new Set<string>();
const numberings: { value: Numbering; label: string }[] = [
  { value: "seats", label: "Count seats only (1 2 · 3)" },
  { value: "positions", label: "Count every place (1 2 · 4)" },
];
const ignore = () => {};

/**
 * The visual seat-map editor: start from a grid, click or drag over cells to make gaps, paint
 * categories or mark wheelchair, companion and love seats, rename rows, and see the map as a
 * customer will.
 */
export function ScreenEditor({ layout, onChange }: { layout: SeatLayout; onChange: (layout: SeatLayout) => void }) {
  const [tool, setTool] = useState<Tool>({ kind: "gap" });
  const [gridSize, setGridSize] = useState({ rows: layout.rows.length, seats: Math.max(...layout.rows.map((r) => r.cells.length)) });
  const [newCategory, setNewCategory] = useState({ name: "", color: "#b45309" });
  const [numbering, setNumbering] = useState<Numbering>(() => numberingOf(layout));
  const drag = useRef<{ sets: boolean } | null>(null);
  const current = useRef(layout);
  current.current = layout;

  function touch(rowIndex: number, position: number, starting: boolean) {
    if (starting) drag.current = { sets: dragSets(current.current, rowIndex, position, tool) };
    if (!drag.current) return;
    // Several cells may be crossed before React renders again: each builds on the last one's result.
    const next = applyTool(current.current, rowIndex, position, tool, drag.current.sets, numbering);
    current.current = next;
    onChange(next);
  }

  function setCategory(index: number, change: Partial<SeatCategory>) {
    onChange({ ...layout, categories: layout.categories.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  }

  function addCategory() {
    const name = newCategory.name.trim();
    if (!name) return;
    let id = categoryId(name);
    while (layout.categories.some((c) => c.id === id)) id = `${id}-2`.slice(-30);
    onChange({ ...layout, categories: [...layout.categories, { id, name, color: newCategory.color }] });
    setNewCategory({ name: "", color: "#7c3aed" });
  }

  const tools: { tool: Tool; label: string; icon: typeof Eraser }[] = [
    { tool: { kind: "gap" }, label: "Gap", icon: Eraser },
    ...layout.categories.map((c) => ({ tool: { kind: "paint", category: c.id } as Tool, label: `Paint ${c.name}`, icon: Paintbrush })),
    { tool: { kind: "flag", flag: "wheelchair" }, label: "Wheelchair space", icon: Accessibility },
    { tool: { kind: "flag", flag: "companion" }, label: "Companion seat", icon: UserPlus },
    { tool: { kind: "flag", flag: "pair" }, label: "Love seat", icon: Heart },
  ];
  const sameTool = (a: Tool, b: Tool) => JSON.stringify(a) === JSON.stringify(b);
  const colorOf = new Map(layout.categories.map((c) => [c.id, c.color]));

  return (
    <div className="grid gap-6" onPointerUp={() => (drag.current = null)} onPointerLeave={() => (drag.current = null)}>
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-2 text-sm font-medium">Start from a grid</legend>
        <label className="flex flex-col gap-1 text-xs text-zinc-400">
          Rows
          <input type="number" min={1} max={52} className="input w-20" value={gridSize.rows} onChange={(e) => setGridSize({ ...gridSize, rows: Number(e.target.value) })} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-400">
          Seats per row
          <input type="number" min={1} max={80} className="input w-20" value={gridSize.seats} onChange={(e) => setGridSize({ ...gridSize, seats: Number(e.target.value) })} />
        </label>
        <button type="button" className="btn-secondary" onClick={() => onChange({ ...grid(Math.min(52, Math.max(1, gridSize.rows)), Math.min(80, Math.max(1, gridSize.seats)), layout.categories), companionReleaseMinutes: layout.companionReleaseMinutes })}>
          Make grid
        </button>
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Categories</legend>
        {layout.categories.map((c, i) => (
          <div key={c.id} className="flex items-center gap-2 text-sm">
            <input type="color" aria-label={`Colour of ${c.name}`} value={c.color} onChange={(e) => setCategory(i, { color: e.target.value })} />
            <input className="input w-40" aria-label={`Name of category ${c.id}`} value={c.name} onChange={(e) => setCategory(i, { name: e.target.value })} />
            <code className="text-xs text-zinc-400">{c.id}</code>
          </div>
        ))}
        <div className="flex items-center gap-2 text-sm">
          <input type="color" aria-label="Colour of the new category" value={newCategory.color} onChange={(e) => setNewCategory({ ...newCategory, color: e.target.value })} />
          <input className="input w-40" aria-label="New category name" placeholder="e.g. Premium" value={newCategory.name} onChange={(e) => setNewCategory({ ...newCategory, name: e.target.value })} />
          <button type="button" className="btn-ghost" onClick={addCategory}>
            <Plus className="size-4" aria-hidden="true" /> Add category
          </button>
        </div>
      </fieldset>

      <div role="radiogroup" aria-label="Editing tool" className="flex flex-wrap gap-2">
        {tools.map(({ tool: t, label, icon: Icon }) => (
          <button
            key={label}
            type="button"
            role="radio"
            aria-checked={sameTool(t, tool)}
            onClick={() => setTool(t)}
            className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-xs ${sameTool(t, tool) ? "border-primary bg-primary/20 text-white" : "border-white/15 text-zinc-300"}`}
          >
            <Icon className="size-3.5" aria-hidden="true" /> {label}
          </button>
        ))}
      </div>

      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="mb-2 text-sm font-medium">Seat numbers after a gap</legend>
        {numberings.map((n) => (
          <label key={n.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="numbering"
              checked={numbering === n.value}
              onChange={() => {
                setNumbering(n.value);
                onChange(renumberLayout(layout, n.value));
              }}
            />
            {n.label}
          </label>
        ))}
      </fieldset>

      <div className="overflow-x-auto rounded-xl border border-white/10 p-4" aria-label="Seat map editor" role="group">
        {layout.rows.map((row, r) => (
          <div key={r} className={`flex items-center gap-1 ${row.aisleAfter ? "mb-4" : "mb-1"}`}>
            <input className="input w-12 px-1 py-0.5 text-center text-xs" aria-label={`Label of row ${r + 1}`} value={row.row} onChange={(e) => onChange(renameRow(layout, r, e.target.value))} />
            {row.cells.map((cell, p) => (
              <button
                key={p}
                type="button"
                data-cell={`${r}:${p}`}
                aria-label={cell ? `Row ${row.row} seat ${cell.number}, ${cell.category}${cell.wheelchair ? ", wheelchair" : ""}${cell.companion ? ", companion" : ""}${cell.pair ? ", love seat" : ""}` : `Row ${row.row} gap ${p + 1}`}
                onPointerDown={(e) => {
                  e.preventDefault();
                  touch(r, p, true);
                }}
                onPointerEnter={() => touch(r, p, false)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onChange(applyTool(layout, r, p, tool, dragSets(layout, r, p, tool), numbering));
                  }
                }}
                className={`grid size-6 shrink-0 touch-none place-items-center rounded text-[9px] select-none ${cell ? "border" : "border border-dashed border-white/10"}`}
                style={cell ? { borderColor: colorOf.get(cell.category), backgroundColor: `${colorOf.get(cell.category)}40` } : undefined}
              >
                {cell ? (cell.wheelchair ? "♿" : cell.companion ? "C" : cell.pair ? "♥" : cell.number) : ""}
              </button>
            ))}
            <label className="ml-2 flex items-center gap-1 text-[10px] text-zinc-400">
              <input type="checkbox" checked={!!row.aisleAfter} onChange={() => onChange(toggleAisle(layout, r))} /> aisle after
            </label>
          </div>
        ))}
      </div>

      <label className="flex items-center gap-2 text-sm">
        Companion seats go on general sale
        <input
          type="number"
          min={0}
          className="input w-24"
          aria-label="Minutes before the show companion seats go on general sale"
          value={layout.companionReleaseMinutes ?? ""}
          placeholder="never"
          onChange={(e) => onChange({ ...layout, companionReleaseMinutes: e.target.value === "" ? null : Math.max(0, Math.round(Number(e.target.value))) })}
        />
        minutes before the show
      </label>

      <section aria-label="Preview">
        <h3 className="mb-3 text-sm font-medium">Preview</h3>
        <SeatMap layout={layout} taken={noSeats} selected={[]} onToggle={ignore} />
      </section>
    </div>
  );
}
