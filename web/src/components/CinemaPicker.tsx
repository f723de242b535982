import { chooseCinema, useCinemaChoice } from "../lib/cinema-choice.ts";
import { useCinemas } from "../api/queries.ts";

/** Lets the customer see one cinema's shows; shown only when the chain has more than one. The choice is remembered. */
export function CinemaPicker() {
  const cinemas = useCinemas();
  const chosen = useCinemaChoice();
  if (!cinemas.data || cinemas.data.length < 2) return null;
  const known = cinemas.data.some((c) => c._id === chosen);
  return (
    <label className="mb-4 flex flex-wrap items-center gap-2 text-sm text-zinc-300">
      Cinema
      <select className="rounded-md border border-white/15 bg-zinc-900 px-2 py-1 text-zinc-100" value={known ? (chosen ?? "") : ""} onChange={(e) => chooseCinema(e.target.value || null)}>
        <option value="">All cinemas</option>
        {cinemas.data.map((c) => (
          <option key={c._id} value={c._id}>
            {c.name}
            {c.city ? ` · ${c.city}` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
