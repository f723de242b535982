import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { call, errorMessage } from "../api/client.ts";
import { keys } from "../api/queries.ts";
import type { SeatCategory } from "@quickshow/contracts";

/**
 * Shown on the seat map of a show that cannot sell what the buyer wants: join its line. When
 * seats come free they are held for the first in line, who gets a mail to pay.
 */
export function WaitlistPanel({
  showId,
  free,
  max,
  signedIn,
  categories = [],
  fullCategories = [],
}: {
  showId: string;
  free: number;
  /** Seats one booking may hold: an offer is a booking, so nobody waits for more. */
  max: number;
  signedIn: boolean;
  /** The show's seat categories, when it has several: the wish may name one. */
  categories?: SeatCategory[];
  /** Categories with no free seat left. */
  fullCategories?: string[];
}) {
  const soldOut = free < 2;
  const [category, setCategory] = useState(soldOut ? "" : (fullCategories[0] ?? ""));
  const [seats, setSeats] = useState(Math.min(max, Math.max(1, Math.min(2, free + 1))));
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => call("joinWaitlist", { params: { showId }, body: { seats, ...(category ? { category } : {}) } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.myWaitlists }),
  });
  return (
    <section aria-labelledby="waitlist-title" className="mt-6 max-w-md rounded-xl border border-primary/30 bg-primary/5 p-4 text-sm">
      <h2 id="waitlist-title" className="font-semibold">
        {free === 0
          ? "Sold out"
          : soldOut
            ? `Only ${free} seat${free === 1 ? "" : "s"} left`
            : `${categories.filter((c) => fullCategories.includes(c.id)).map((c) => c.name).join(", ")} sold out`}
        : join the waitlist
      </h2>
      {join.isSuccess ? (
        <p role="status" className="mt-2">
          You are number {join.data.entry.position} in line. If seats come free we hold them for you and send you a mail.{" "}
          <Link to="/my-bookings" className="underline">
            My bookings
          </Link>
        </p>
      ) : !signedIn ? (
        <p className="mt-2">Sign in to join the waitlist.</p>
      ) : (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2">
            Seats wanted
            <select className="rounded-md border border-white/15 bg-zinc-900 px-2 py-1" value={seats} onChange={(e) => setSeats(Number(e.target.value))}>
              {Array.from({ length: max }, (_, i) => i + 1)
                .filter((n) => category !== "" || n > free)
                .map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
            </select>
          </label>
          {categories.length > 1 && (
            <label className="flex items-center gap-2">
              Seats of
              <select className="rounded-md border border-white/15 bg-zinc-900 px-2 py-1" value={category} onChange={(e) => setCategory(e.target.value)}>
                {soldOut && <option value="">any kind</option>}
                {categories
                  .filter((c) => soldOut || fullCategories.includes(c.id))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <button type="button" className="btn-primary" disabled={join.isPending} onClick={() => join.mutate()}>
            Join the waitlist
          </button>
          {join.isError && (
            <p role="alert" className="w-full text-red-300">
              {errorMessage(join.error)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
