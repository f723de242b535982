import { useState } from "react";
import { bookingStatuses, type BookingStatus } from "@quickshow/contracts";
import { call } from "../api/client.ts";
import { useAdminBookings, useAdminShows, useOwedRefunds, useShowZone, type AdminBookingFilters } from "../api/queries.ts";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { formatDateTime, formatMoney } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { StatusBadge } from "../pages/MyBookings.tsx";
import { AdminTitle, ConfirmAction, TableShell, td, th } from "./common.tsx";

const select = "rounded-md border border-white/15 bg-zinc-900 px-2 py-1";

export function ListBookings() {
  useDocumentTitle("List bookings");
  const zoneOf = useShowZone();
  const [filters, setFilters] = useState<AdminBookingFilters>({ status: "", sort: "newest", q: "", showId: "" });
  const [typed, setTyped] = useState("");
  const set = (change: Partial<AdminBookingFilters>) => setFilters((f) => ({ ...f, ...change }));
  const q = useAdminBookings(filters);
  const shows = useAdminShows();
  const owed = useOwedRefunds();
  const filtered = filters.q !== "" || filters.showId !== "" || filters.status !== "";

  return (
    <div>
      <AdminTitle first="List" rest="Bookings">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <form
            role="search"
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              set({ q: typed.trim() });
            }}
          >
            <label htmlFor="booking-search" className="sr-only">
              Search bookings
            </label>
            <input
              id="booking-search"
              type="search"
              className={`${select} w-56`}
              placeholder="Name, email or reference"
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                // Clearing the box shows everything again without another press.
                if (e.target.value === "") set({ q: "" });
              }}
            />
            <button type="submit" className="btn-secondary px-3 py-1">
              Search
            </button>
          </form>
          <label className="flex items-center gap-2">
            Show
            <select aria-label="Filter by show" className={`${select} max-w-64`} value={filters.showId} onChange={(e) => set({ showId: e.target.value })}>
              <option value="">All shows</option>
              {(shows.data ?? []).map((s) => (
                <option key={s._id} value={s._id}>
                  {s.movie.title} · {formatDateTime(s.showDateTime, zoneOf(s))}
                  {s.screen ? ` · ${s.screen.name}` : ""}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            Status
            <select className={select} value={filters.status} onChange={(e) => set({ status: e.target.value as BookingStatus | "" })}>
              <option value="">All</option>
              {bookingStatuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            Order
            <select className={select} value={filters.sort} onChange={(e) => set({ sort: e.target.value as "newest" | "oldest" })}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </select>
          </label>
        </div>
      </AdminTitle>
      {owed.data && owed.data.length > 0 && (
        <section aria-labelledby="refunds-owed" className="mb-6 max-w-5xl rounded-xl border border-amber-500/30 bg-amber-500/5 p-4 text-sm">
          <h2 id="refunds-owed" className="mb-2 font-semibold text-amber-200">
            Refunds not yet through ({owed.data.length})
          </h2>
          <ul className="flex flex-col gap-1">
            {owed.data.map((e) => (
              <li key={e.id}>
                Booking <span className="font-mono">{e.bookingId}</span>: {e.status === "failed" ? "given up, needs a person" : `attempt ${e.attempts}`}
                {e.lastError && <span className="text-zinc-400"> — {e.lastError}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {q.isPending ? (
        <Skeleton className="h-64 max-w-5xl" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} title="Couldn't load bookings" />
      ) : q.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No bookings match">Try part of the customer's name or email, the booking reference (7K3M-QX9D), or another show.</EmptyState>
        ) : (
          <EmptyState title="No bookings yet">Bookings appear here as soon as customers hold seats.</EmptyState>
        )
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
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((b) => (
              <tr key={b._id} className="even:bg-white/[0.02]">
                <td className={td}>
                  <span className="font-medium">{b.user.name}</span>
                  <span className="block text-xs text-zinc-400">{b.user.email}</span>
                </td>
                <td className={td}>{b.show.movie.title}</td>
                <td className={td}>{formatDateTime(b.show.showDateTime, zoneOf(b.show))}</td>
                <td className={td}>{b.bookedSeats.join(", ")}</td>
                <td className={td}>{formatMoney(b.amount, b.currency)}</td>
                <td className={td}>
                  <StatusBadge status={b.status} />
                  {b.refundNote && <span className="mt-1 block max-w-xs text-xs text-zinc-400">{b.refundNote}</span>}
                </td>
                <td className={td}>
                  {(b.status === "paid" || b.status === "held") && (
                    <ConfirmAction
                      label={b.status === "paid" ? "Cancel and refund" : "Release hold"}
                      question={b.status === "paid" ? `Refund ${formatMoney(b.amount, b.currency)} to ${b.user.name}?` : "Give these seats back?"}
                      confirm={b.status === "paid" ? "Refund" : "Release"}
                      action={(force) => call("adminCancelBooking", { params: { bookingId: b._id }, body: force ? { force } : undefined })}
                      insist={{ code: "already_admitted", label: "Refund anyway (the seats let in stay taken)" }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
      {q.hasNextPage && (
        <button type="button" className="btn-secondary mt-4" disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {q.isFetchingNextPage ? "Loading…" : "Show more bookings"}
        </button>
      )}
    </div>
  );
}
