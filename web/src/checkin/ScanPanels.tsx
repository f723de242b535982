import { WifiOff } from "lucide-react";
import { amber, doorTime, green, type Result } from "./outcome.ts";

const panelTone = (result: Result) => (green.includes(result.outcome) ? "bg-emerald-600" : amber.includes(result.outcome) ? "bg-amber-500 text-black" : "bg-red-700");
const lineTone = (result: Result) => (green.includes(result.outcome) ? "text-emerald-300" : amber.includes(result.outcome) ? "text-amber-200" : "text-red-300");
const mark = (result: Result) => (green.includes(result.outcome) ? "✓ " : amber.includes(result.outcome) ? "" : "✕ ");

/** The big answer staff read from a step away: green to let in, red to look, amber for queued. */
export function ResultPanel({ result }: { result: Result | null }) {
  return (
    <div
      role="status"
      aria-live="assertive"
      data-result={result?.outcome ?? "none"}
      className={`flex min-h-40 flex-col items-center justify-center rounded-3xl p-6 text-center ${result ? panelTone(result) : "border border-dashed border-white/15 text-zinc-400"}`}
    >
      {result ? (
        <>
          <p className="text-4xl font-black tracking-tight uppercase">
            {mark(result)}
            {result.title}
          </p>
          <p className="mt-2 text-lg">{result.detail}</p>
        </>
      ) : (
        <p>Scan a ticket, or type its booking reference (with a seat, or alone for the whole booking).</p>
      )}
    </div>
  );
}

export function OfflineBanner({ online, queued }: { online: boolean; queued: number }) {
  if (online && queued === 0) return null;
  return (
    <p className="flex items-center gap-2 rounded-xl bg-amber-500/15 p-3 text-sm text-amber-100" data-testid="offline-queue">
      <WifiOff className="size-4" aria-hidden="true" />
      {online ? "Back online: sending" : "Offline: scans are checked on this device and"} {queued} queued scan{queued === 1 ? "" : "s"}
      {online ? "…" : " will be sent when the network returns."}
    </p>
  );
}

export function SyncProblems({ problems, onDismiss }: { problems: string[]; onDismiss: () => void }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="rounded-xl bg-red-700/30 p-3 text-sm">
      <p className="font-semibold">Found when syncing offline scans:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <button type="button" className="btn-ghost mt-2 text-xs" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function RecentScans({ recent }: { recent: Result[] }) {
  return (
    <section aria-labelledby="recent-scans">
      <h2 id="recent-scans" className="mb-2 text-sm font-semibold text-zinc-300">
        Recent scans
      </h2>
      {recent.length === 0 ? (
        <p className="text-sm text-zinc-400">None yet.</p>
      ) : (
        <ol className="flex flex-col gap-1 text-sm" data-testid="recent-scans">
          {recent.map((r) => (
            <li key={r.id} data-outcome={r.outcome} className="flex justify-between gap-3 rounded-lg bg-white/5 px-3 py-2">
              <span className={lineTone(r)}>{r.title}</span>
              <time className="truncate text-zinc-400 tabular-nums" dateTime={new Date(r.at).toISOString()}>
                {doorTime(r.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
