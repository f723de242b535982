import { useCallback, useRef, useState } from "react";
import type { MapModel } from "./seat-map-model.ts";

export type Feedback = { kind: "error" | "info"; text: string } | null;

/**
 * The buyer's picked seats: a love seat brings its partner along, taken seats cannot be picked,
 * and at most `max` seats. `toggle` keeps one identity across renders, so the map's seats are
 * not all redrawn on every click.
 */
export function useSeatSelection(options: { model: MapModel | null; taken: ReadonlySet<string>; max: number; initial: string[] }) {
  const [selected, setSelected] = useState<string[]>(options.initial);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const latest = useRef(options);
  latest.current = options;

  const current = useRef(selected);
  current.current = selected;

  const toggle = useCallback((seat: string) => {
    const { model, taken, max } = latest.current;
    if (taken.has(seat)) return;
    const partner = model?.seats.get(seat)?.partner ?? null;
    const group = partner ? [seat, partner] : [seat];
    const picked = current.current;
    let next = picked;
    if (picked.includes(seat)) {
      next = picked.filter((s) => !group.includes(s));
      setFeedback(null);
    } else if (group.some((s) => taken.has(s))) {
      setFeedback({ kind: "info", text: `${seat} is a love seat, sold only with ${partner}, which is taken.` });
    } else if (picked.length + group.length > max) {
      setFeedback({ kind: "info", text: `You can book up to ${max} seats at a time. Deselect a seat to choose another.` });
    } else {
      next = [...picked, ...group];
      setFeedback(null);
    }
    // Two clicks before a render must build on each other.
    current.current = next;
    if (next !== picked) setSelected(next);
  }, []);

  return { selected, setSelected, toggle, feedback, setFeedback };
}
