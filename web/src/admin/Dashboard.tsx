import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CalendarClock, ChartLine, Banknote, PlayCircle, UsersRound } from "lucide-react";
import type { ReactNode } from "react";
import { useDashboard, useShowZone } from "../api/queries.ts";
import { Img } from "../components/Img.tsx";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { formatDateTime, formatMoney, localDateParts } from "../lib/format.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AdminTitle } from "./common.tsx";
import { AttendanceToday } from "./AttendanceToday.tsx";

export function Dashboard() {
  useDocumentTitle("Admin dashboard");
  const zoneOf = useShowZone();
  const q = useDashboard();

  if (q.isPending)
    return (
      <div aria-busy="true" aria-label="Loading dashboard">
        <Skeleton className="mb-8 h-8 w-56" />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <Skeleton className="mt-8 h-72 w-full" />
      </div>
    );
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} title="Couldn't load the dashboard" />;

  const d = q.data;
  const money = (n: number) => formatMoney(n, d.currency);
  const cards: { key: string; label: string; value: string; icon: ReactNode }[] = [
    // Only paid bookings count (the server's sale statuses): the label says so.
    { key: "Total bookings", label: "Paid bookings", value: String(d.totalBookings), icon: <ChartLine className="size-6" /> },
    { key: "Total revenue", label: "Total revenue", value: money(d.totalRevenue), icon: <Banknote className="size-6" /> },
    { key: "Active shows", label: "Active shows", value: String(d.activeShows), icon: <PlayCircle className="size-6" /> },
    { key: "Total users", label: "Total users", value: String(d.totalUser), icon: <UsersRound className="size-6" /> },
  ];
  const chartData = d.revenueByDay.map((r) => {
    const p = localDateParts(r.date);
    return { ...r, label: `${p.day} ${p.month}` };
  });

  return (
    <div className="max-w-6xl">
      <AdminTitle first="Admin" rest="Dashboard" />
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {cards.map((c) => (
          <div key={c.label} className="relative rounded-xl border border-primary/20 bg-primary/10 px-5 py-4">
            <dt className="text-sm text-zinc-400">
              {c.label}
              <span className="absolute top-1/2 right-5 -translate-y-1/2 text-primary" aria-hidden="true">
                {c.icon}
              </span>
            </dt>
            <dd className="mt-1 text-2xl font-semibold" data-stat={c.key}>
              {c.value}
            </dd>
          </div>
        ))}
      </dl>

      <section className="mt-10 rounded-xl border border-white/10 bg-zinc-900/60 p-4 sm:p-6" aria-labelledby="revenue-heading">
        <h2 id="revenue-heading" className="mb-4 font-semibold">
          Revenue by day
        </h2>
        {chartData.length === 0 ? (
          <p className="py-16 text-center text-sm text-zinc-400">No paid bookings yet.</p>
        ) : (
          <div className="h-72 w-full" role="img" aria-label={`Bar chart of paid revenue over ${chartData.length} days`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chartData} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#27272a" vertical={false} />
                <XAxis dataKey="label" stroke="#a1a1aa" fontSize={12} tickLine={false} />
                <YAxis stroke="#a1a1aa" fontSize={12} tickLine={false} width={56} tickFormatter={(v: number) => money(v)} />
                <Tooltip
                  cursor={{ fill: "rgba(248,69,101,0.08)" }}
                  contentStyle={{ background: "#18181b", border: "1px solid #3f3f46", borderRadius: 8 }}
                  formatter={(v) => [money(Number(v)), "Revenue"]}
                />
                <Bar dataKey="revenue" fill="#f84565" radius={[6, 6, 0, 0]} maxBarSize={48} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </section>

      <AttendanceToday />

      <section className="mt-10" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading" className="mb-4 font-semibold">
          Upcoming shows
        </h2>
        {d.upcomingShows.length === 0 ? (
          <EmptyState icon={<CalendarClock className="size-8" />} title="No upcoming shows">
            Add shows to open bookings.
          </EmptyState>
        ) : (
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {d.upcomingShows.slice(0, 12).map((s) => {
              const pct = s.capacity ? Math.round((s.seatsSold / s.capacity) * 100) : 0;
              return (
                <li key={s._id} className="overflow-hidden rounded-xl border border-primary/20 bg-primary/5">
                  <Img src={s.movie.backdrop_path || s.movie.poster_path} alt="" className="aspect-video w-full" />
                  <div className="p-3">
                    <p className="truncate font-medium">{s.movie.title}</p>
                    <p className="text-xs text-zinc-400">{formatDateTime(s.showDateTime, zoneOf(s))}</p>
                    <div className="mt-3 flex items-center justify-between text-xs text-zinc-300">
                      <span>{money(s.showPrice)}</span>
                      <span>
                        {s.seatsSold}/{s.capacity} sold
                      </span>
                    </div>
                    <div
                      className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-800"
                      role="meter"
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={pct}
                      aria-label={`${s.movie.title} occupancy`}
                    >
                      <div className="h-full rounded-full bg-primary" style={{ width: `${pct}%` }} />
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
