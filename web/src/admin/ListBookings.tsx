import { useQuery } from "@tanstack/react-query";
import { call } from "../api/client.ts";
import { useConfig } from "../api/queries.ts";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { formatDateTime, formatMoney } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { StatusBadge } from "../pages/MyBookings.tsx";
import { AdminTitle, TableShell, td, th } from "./common.tsx";

export function ListBookings() {
  useDocumentTitle("List bookings");
  const config = useConfig();
  const tz = config.data?.theaterTimeZone;
  const q = useQuery({
    queryKey: ["admin", "all-bookings"],
    queryFn: ({ signal }) => call("adminBookings", { signal }),
    select: (d) => d.bookings,
  });

  return (
    <div>
      <AdminTitle first="List" rest="Bookings" />
      {q.isPending ? (
        <Skeleton className="h-64 max-w-5xl" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} title="Couldn't load bookings" />
      ) : q.data.length === 0 ? (
        <EmptyState title="No bookings yet">Bookings appear here as soon as customers hold seats.</EmptyState>
      ) : (
        <TableShell label="Bookings">
          <thead>
            <tr>
              <th className={th}>User</th>
              <th className={th}>Movie</th>
              <th className={th}>Show time</th>
              <th className={th}>Seats</th>
              <th className={th}>Amount</th>
              <th className={th}>Status</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((b) => (
              <tr key={b._id} className="even:bg-white/[0.02]">
                <td className={td}>
                  <span className="font-medium">{b.user.name}</span>
                  <span className="block text-xs text-zinc-500">{b.user.email}</span>
                </td>
                <td className={td}>{b.show.movie.title}</td>
                <td className={td}>{formatDateTime(b.show.showDateTime, tz)}</td>
                <td className={td}>{b.bookedSeats.join(", ")}</td>
                <td className={td}>{formatMoney(b.amount, b.currency)}</td>
                <td className={td}>
                  <StatusBadge status={b.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </div>
  );
}
