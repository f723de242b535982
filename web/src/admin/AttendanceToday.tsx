import { useAttendance } from "../api/queries.ts";

/** Today's shows with tickets admitted and sold, refreshed while the doors are open. */
export function AttendanceToday() {
  const attendance = useAttendance({ refetchMs: 10_000 });
  if (!attendance.data || attendance.data.shows.length === 0) return null;
  return (
    <section className="mt-10" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" className="mb-4 font-semibold">
        Today at the door
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {attendance.data.shows.map((s) => {
          const pct = s.sold ? Math.round((s.admitted / s.sold) * 100) : 0;
          return (
            <li key={s._id} data-attendance-show={s._id} className="rounded-2xl border border-white/10 bg-primary/5 p-4">
              <p className="font-medium">{s.movieTitle}</p>
              <p className="text-sm text-zinc-400">{s.localStart}</p>
              <p className="mt-2 text-2xl font-semibold tabular-nums">
                {s.admitted} <span className="text-base font-normal text-zinc-400">admitted of {s.sold} sold</span>
              </p>
              <div className="mt-2 h-1.5 rounded-full bg-white/10" aria-hidden="true">
                <div className="h-full rounded-full bg-emerald-500" style={{ width: `${pct}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
