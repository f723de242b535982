import type { Availability } from "@quickshow/contracts";

const looks: Record<Exclude<Availability, "available">, { label: string; className: string }> = {
  filling_fast: { label: "Filling fast", className: "bg-amber-400/15 text-amber-200 ring-amber-400/40" },
  sold_out: { label: "Sold out", className: "bg-zinc-500/20 text-zinc-200 ring-zinc-400/40" },
};

/** "Filling fast" or "Sold out" on a movie or a show time; nothing while seats are plentiful. */
export function AvailabilityBadge({ availability }: { availability: Availability | undefined }) {
  if (!availability || availability === "available") return null;
  const look = looks[availability];
  return (
    <span data-availability={availability} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${look.className}`}>
      {look.label}
    </span>
  );
}
