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
      {/* The customer's seat map draws a blocked seat as an available one with a ring; here blocked
          seats are struck through with stripes, so they never pass for the ones picked. Its name
          ends in "blocked", which is what the rule finds. */}
      <style>{blockedSeatStyle}</style>
      <div className="blocked-seat-map">
        <SeatMap layout={show.layout} taken={unavailable} selected={picked} warned={blockedSet} warnedLabel="blocked" onToggle={(seat) => setPicked((p) => (p.includes(seat) ? p.filter((s) => s !== seat) : [...p, seat]))} />
      </div>
      <BlockedSeatsLegend />
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

const stripes = "repeating-linear-gradient(135deg, rgb(251 191 36 / 0.55) 0 3px, transparent 3px 7px)";
const blockedSeatStyle = `.blocked-seat-map [data-seat][aria-label$=", blocked"] { background-image: ${stripes}; border-style: dashed; border-color: rgb(251 191 36) !important; }`;

/** What each look of a seat means on this page. */
function BlockedSeatsLegend() {
  const items = [
    { label: "Available", swatch: "border-zinc-400 bg-zinc-500/20" },
    { label: "Picked (block or unblock)", swatch: "border-primary bg-primary-strong" },
    { label: "Blocked: off sale", swatch: "border-dashed border-amber-400 ring-2 ring-amber-400", style: { backgroundImage: stripes } },
    { label: "Blocked and picked", swatch: "border-dashed border-amber-400 bg-primary-strong ring-2 ring-amber-400", style: { backgroundImage: stripes } },
    { label: "Sold or held by a customer", swatch: "border-zinc-700 bg-zinc-700/60" },
  ];
  return (
    <ul aria-label="Legend" className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-xs text-zinc-300">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <span className={`size-4 rounded border ${item.swatch}`} style={item.style} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
