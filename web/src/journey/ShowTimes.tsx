import { Link } from "react-router";
import { Clock } from "lucide-react";
import type { MovieShowsResponse } from "@quickshow/contracts";
import { useSchedule } from "../api/queries.ts";
import { formatTime } from "../lib/format.ts";
import { AvailabilityBadge } from "./AvailabilityBadge.tsx";

/** The show times of one date on the movie's page, each a link straight to its seat map. */
export function ShowTimes({ movieId, date, times }: { movieId: string; date: string; times: MovieShowsResponse["dateTime"][string] }) {
  const schedule = useSchedule();
  const sorted = [...times].sort((a, b) => a.time.localeCompare(b.time));
  if (sorted.length === 0) return null;
  return (
    <ul className="mt-5 flex flex-wrap gap-2" aria-label="Show times">
      {sorted.map((t) => {
        const availability = schedule.data?.shows[t.showId];
        return (
          <li key={t.showId}>
            <Link
              to={`/movies/${movieId}/${date}?show=${t.showId}`}
              data-show-id={t.showId}
              className="flex items-center gap-2 rounded-full border border-white/15 px-4 py-2 text-sm transition hover:border-primary/60 hover:bg-primary/10"
            >
              <Clock className="size-4" aria-hidden="true" />
              {formatTime(t.time, t.timeZone)}
              {t.screen && <span className="text-zinc-400"> · {t.screen.name}</span>}
              <AvailabilityBadge availability={availability} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
