import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, errorMessage } from "../../api/client.ts";
import { ErrorState, Skeleton } from "../../components/States.tsx";
import { useDocumentTitle } from "../../lib/hooks.ts";
import { SeatMap } from "../../pages/seat-layout/SeatMap.tsx";
import { AdminTitle } from "../common.tsx";
import { useShowDetail, useBlockedSeats, useAdminOccupiedSeats } from "../../api/queries.ts";

/** Seats of one show kept off sale (a broken seat, house seats): pick seats, then block or unblock them. */
export function BlockedSeatsPage() {
  useDocumentTitle("Blocked seats");
  const { showId = "" } = useParams();
  const queryClient = useQueryClient();
  const detail = useShowDetail(showId);
  const blocked = useBlockedSeats(showId);
  const occupied = useAdminOccupiedSeats(showId);
  const [picked, setPicked] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const blockedSet = useMemo(() => new Set(blocked.data ?? []), [blocked.data]);
  // Sold and held seats cannot be picked; blocked ones can (to unblock them).
  const unavailable = useMemo(() => new Set((occupied.data ?? []).filter((s) => !blockedSet.has(s))), [occupied.data, blockedSet]);

  const change = useMutation({
    mutationFn: (block: boolean) =>
      block ? call("adminBlockSeats", { params: { showId }, body: { seats: picked } }) : call("adminUnblockSeats", { params: { showId }, body: { seats: picked } }),
    onSuccess: (res) => {
      setPicked([]);
      setMessage(res.blockedSeats.length ? `Blocked now: ${res.blockedSeats.join(", ")}` : "No seat is blocked.");
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
    onError: (err) => setMessage(errorMessage(err)),
  });

  if (detail.isPending || blocked.isPending) return <Skeleton className="h-96 w-full" />;
  if (detail.isError) return <ErrorState error={detail.error} />;
  const { show } = detail.data;
  return (
    <div className="max-w-5xl">
      <AdminTitle first="Blocked" rest="Seats" />
      <p className="mb-4 text-sm text-zinc-400">
        {show.movie.title} · {show.screen?.name ?? "Screen"} · blocked: {[...blockedSet].join(", ") || "none"}
      </p>
      <SeatMap layout={show.layout} taken={unavailable} selected={picked} warned={blockedSet} warnedLabel="blocked" onToggle={(seat) => setPicked((p) => (p.includes(seat) ? p.filter((s) => s !== seat) : [...p, seat]))} />
      <div className="mt-4 flex gap-2">
        <button type="button" className="btn-primary" disabled={picked.length === 0 || change.isPending} onClick={() => change.mutate(true)}>
          Block {picked.length || ""} seat{picked.length === 1 ? "" : "s"}
        </button>
        <button type="button" className="btn-secondary" disabled={picked.length === 0 || change.isPending} onClick={() => change.mutate(false)}>
          Unblock
        </button>
      </div>
      {message && (
        <p role="status" className="mt-3 text-sm text-zinc-300">
          {message}
        </p>
      )}
    </div>
  );
}
