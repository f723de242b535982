import { Ban } from "lucide-react";

/** Said at the top of the seat map of a show with no seat left to pick. */
export function SoldOutNotice({ holding }: { holding: boolean }) {
  return (
    <section role="status" aria-labelledby="sold-out-title" data-testid="sold-out" className="mb-4 w-full rounded-2xl border border-zinc-500/40 bg-zinc-500/10 p-4 text-sm">
      <h2 id="sold-out-title" className="flex items-center gap-2 text-base font-semibold">
        <Ban className="size-4" aria-hidden="true" /> Sold out
      </h2>
      <p className="mt-1 text-zinc-300">
        {holding ? "Every seat of this show is taken; the ones held for you are yours until the time below runs out." : "Every seat of this show is taken. Join the waitlist: when seats come free we hold them for the first in line."}
      </p>
    </section>
  );
}
