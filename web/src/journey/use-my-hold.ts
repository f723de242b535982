import { useEffect, useMemo, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call } from "../api/client.ts";
import { keys, useMyHolds } from "../api/queries.ts";
import { useNow } from "../lib/hooks.ts";

/** What the buyer chose when asked about a second hold on the same show. */
export type SecondHoldChoice = "replace" | "both" | "back";

/**
 * The buyer's own live holds on a show, for the seat map: their seats show as theirs, they can
 * pay or release them, and a new hold while one is live is made only after asking.
 */
export function useMyHold(showId: string) {
  const holds = useMyHolds(showId);
  const queryClient = useQueryClient();
  const { refetch } = holds;

  // Back from checkout may restore this page from the back/forward cache, as it was before the hold.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) void refetch();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [refetch]);

  const now = useNow(1000, (holds.data?.length ?? 0) > 0);
  const live = useMemo(() => (holds.data ?? []).filter((h) => Date.parse(h.holdExpiresAt) > now), [holds.data, now]);
  const seatList = live.flatMap((h) => h.seats).join(",");
  const seats = useMemo(() => new Set(seatList ? seatList.split(",") : []), [seatList]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.myHolds(showId) });
    void queryClient.invalidateQueries({ queryKey: keys.occupied(showId) });
    void queryClient.invalidateQueries({ queryKey: keys.myBookings });
  };
  const release = useMutation({
    mutationFn: async (bookingIds: string[]) => {
      for (const bookingId of bookingIds) await call("cancelBooking", { params: { bookingId }, body: undefined });
    },
    onSettled: refresh,
  });

  const [question, setQuestion] = useState<{ seats: string[]; hold: () => void } | null>(null);

  return {
    holds: live,
    /** Every seat of the buyer's live holds on this show. */
    seats,
    now,
    release,
    question,
    /**
     * Call before holding `picked`: false when there is nothing to ask (hold at once); true when
     * the buyer already holds seats of this show, and is now asked what to do.
     */
    askFirst(picked: string[], hold: () => void): boolean {
      if (live.length === 0) return false;
      setQuestion({ seats: picked, hold });
      return true;
    },
    async answer(choice: SecondHoldChoice) {
      const asked = question;
      setQuestion(null);
      if (!asked || choice === "back") return;
      if (choice === "replace") await release.mutateAsync(live.map((h) => h.bookingId));
      asked.hold();
    },
  };
}

export type MyHold = ReturnType<typeof useMyHold>;
