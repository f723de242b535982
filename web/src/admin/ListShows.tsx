import { Link } from "react-router";
import { call } from "../api/client.ts";
import { useAdminShows, useConfig, useShowZone } from "../api/queries.ts";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { formatDateTime, formatMoney } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AdminTitle, ConfirmAction, TableShell, td, th } from "./common.tsx";
import { MovieImages } from "./MovieImages.tsx";

export function ListShows() {
  useDocumentTitle("List shows");
  const config = useConfig();
  const q = useAdminShows();
  const currency = config.data?.currency ?? "USD";
  const zoneOf = useShowZone();

  return (
    <div>
      <AdminTitle first="List" rest="Shows" />
      {q.isPending ? (
        <Skeleton className="h-64 max-w-5xl" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} title="Couldn't load shows" />
      ) : q.data.length === 0 ? (
        <EmptyState title="No upcoming shows">Add shows to see them here.</EmptyState>
      ) : (
        <>
        <MovieImages movies={[...new Map(q.data.map((s) => [s.movie._id, s.movie])).values()]} />
        <TableShell label="Upcoming shows">
          <thead>
            <tr>
              <th className={th}>Movie</th>
              <th className={th}>Show time</th>
              <th className={th}>Seats sold</th>
              <th className={th}>At the door</th>
              <th className={th}>Price</th>
              <th className={th}>Earnings</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((s) => (
              <tr key={s._id} className="even:bg-white/[0.02]">
                <td className={`${td} font-medium`}>{s.movie.title}</td>
                <td className={td}>{formatDateTime(s.showDateTime, zoneOf(s))}</td>
                <td className={td}>
                  {s.seatsSold} / {s.capacity}
                  {s.seatsHeld > 0 && <span className="block text-xs text-amber-200">{s.seatsHeld} on hold</span>}
                </td>
                <td className={td} data-attendance={s._id}>
                  {s.admitted} / {s.seatsSold}
                </td>
                <td className={td}>{formatMoney(s.showPrice, currency)}</td>
                <td className={td}>{formatMoney(s.earnings, currency)}</td>
                <td className={td} data-show-id={s._id}>
                  {s.cancelledAt ? (
                    <span className="text-xs text-zinc-400">Cancelled {formatDateTime(s.cancelledAt, zoneOf(s))}</span>
                  ) : (
                    <ConfirmAction
                      label="Cancel show"
                      question={`Take it off sale, refund ${s.seatsSold} sold seat${s.seatsSold === 1 ? "" : "s"} and release every hold?`}
                      confirm="Cancel show and refund"
                      action={() => call("adminCancelShow", { params: { showId: s._id } })}
                    />
                  )}
                  {!s.cancelledAt && (
                    <Link to={`/admin/shows/${s._id}/blocked-seats`} className="btn-ghost text-xs">
                      Blocked seats
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
        {q.hasNextPage && (
          <button type="button" className="btn-secondary mt-4" disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            {q.isFetchingNextPage ? "Loading…" : "Show more shows"}
          </button>
        )}
        </>
      )}
    </div>
  );
}
