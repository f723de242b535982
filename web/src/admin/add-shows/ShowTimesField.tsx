import { CalendarPlus, X } from "lucide-react";
import { localDateParts } from "../../lib/format.ts";
import { describeWallClock, timeWithZone } from "./cinema-time.ts";
import { FieldError } from "./FieldError.tsx";

/** "YYYY-MM-DDTHH:MM" from a datetime-local input, in the cinema's local time. */
export const LOCAL_DT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

interface ShowTimesFieldProps {
  /** The screen's cinema, whose wall clock the times are read on. */
  cinema: { name: string; timeZone: string | undefined };
  value: string;
  onValue: (value: string) => void;
  earliest: string;
  onAdd: () => void;
  /** Chosen times by local date, each date's times sorted. */
  grouped: [string, string[]][];
  onRemove: (slot: string) => void;
  error: string | undefined;
}

/**
 * The times of the new shows, entered and listed on the screen's own cinema's clock, each with
 * its zone: an admin elsewhere, or one who took the label for their own zone, sees what is meant.
 */
export function ShowTimesField({ cinema, value, onValue, earliest, onAdd, grouped, onRemove, error }: ShowTimesFieldProps) {
  const { timeZone } = cinema;
  const typed = LOCAL_DT.exec(value);
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="show-datetime" className="text-sm font-medium">
          Date and time{" "}
          <span className="font-normal text-zinc-400">
            (local time of {cinema.name}
            {timeZone ? `, ${timeZone}` : ""})
          </span>
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id="show-datetime"
            type="datetime-local"
            className="input max-w-64"
            min={earliest}
            aria-invalid={!!error}
            aria-describedby={[typed ? "show-datetime-echo" : "", error ? "times-error" : ""].filter(Boolean).join(" ") || undefined}
            value={value}
            onChange={(e) => onValue(e.target.value)}
          />
          <button type="button" className="btn-secondary" onClick={onAdd}>
            <CalendarPlus className="size-4" aria-hidden="true" /> Add time
          </button>
        </div>
        {typed && (
          <p id="show-datetime-echo" className="text-sm text-zinc-300" data-testid="show-time-echo">
            Plays {describeWallClock(`${typed[1]}T${typed[2]}`, timeZone)}
          </p>
        )}
        <FieldError id="times-error" text={error} />
      </div>

      {grouped.length > 0 && (
        <div>
          <h2 className="mb-2 text-sm font-medium">Selected date-times</h2>
          <ul className="flex flex-col gap-3" aria-label="Selected date-times">
            {grouped.map(([date, times]) => (
              <li key={date}>
                <p className="text-sm text-zinc-400">{localDateParts(date).long}</p>
                <ul className="mt-1 flex flex-wrap gap-2">
                  {times.map((t) => (
                    <li key={t} className="flex items-center gap-1 rounded-lg border border-primary/40 bg-primary/10 py-1 pr-1 pl-3 text-sm">
                      {timeWithZone(`${date}T${t}`, timeZone)}
                      <button type="button" aria-label={`Remove ${date} ${t}`} className="rounded p-1 text-zinc-400 hover:text-white" onClick={() => onRemove(`${date}T${t}`)}>
                        <X className="size-3.5" aria-hidden="true" />
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
