import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, call } from "../api/client.ts";
import { venueKeys } from "../api/queries.ts";
import { signal } from "./feedback.ts";
import { keepAdmissions, type KeptAdmission } from "./kept.ts";
import { checkOffline } from "./offline-check.ts";
import { loadQueue, saveQueue, type QueuedScan } from "./offline.ts";
import { alreadyAdmittedDetails, doorTime, newScanId, resultOfAdmission, resultOfError, toneOf, type Admission, type Result } from "./outcome.ts";

const recentMax = 20;

/** What the server's answers tell of admissions, kept for a later network loss. */
function keepFromAdmission(admission: Admission) {
  keepAdmissions(admission.seats.map((seat) => ({ bookingId: admission.bookingId, seat, reference: admission.reference, admittedAt: admission.admittedAt })));
  keepAdmissions(admission.alreadyIn.map((a) => ({ bookingId: admission.bookingId, seat: a.seat, reference: admission.reference, admittedAt: a.admittedAt })));
}

function keepFromRefusal(error: ApiError) {
  const d = alreadyAdmittedDetails(error);
  if (!d) return;
  const by = d.device ? `${d.admittedBy} on ${d.device}` : d.admittedBy;
  keepAdmissions((d.seats ?? [d.seat]).map((seat) => ({ bookingId: d.bookingId, seat, reference: d.reference, admittedAt: d.admittedAt, by })));
}

/** How a queued scan is named in the warning after sync: its seat and booking reference where known. */
function nameOfQueued(scan: QueuedScan, error: ApiError) {
  const d = error.details as { seat?: string; reference?: string } | undefined;
  if (d?.seat && d.reference) return `Seat ${d.seat} · ${d.reference}`;
  return scan.seat ? `Seat ${scan.seat}` : scan.code;
}

/**
 * The door's state and actions: scans answered by the server, checked on the phone while the
 * network is gone and queued, then settled on sync, where the server's answer replaces the
 * phone's in the big panel and the recent-scans list.
 */
export function useDoor(device: string, showId: string) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Result | null>(null);
  const [recent, setRecent] = useState<Result[]>([]);
  const [queue, setQueue] = useState<QueuedScan[]>(loadQueue);
  const [syncProblems, setSyncProblems] = useState<string[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const lastCode = useRef<{ code: string; at: number } | null>(null);

  const show = useCallback((next: Result) => {
    setResult(next);
    setRecent((list) => [next, ...list].slice(0, recentMax));
    signal(toneOf(next.outcome));
  }, []);

  /** The server's later answer to a scan shown before: it replaces that line, and the panel if it still shows it. */
  const settle = useCallback((next: Result) => {
    setRecent((list) => list.map((r) => (r.id === next.id ? { ...next, at: r.at } : r)));
    setResult((current) => (current?.id === next.id ? { ...next, at: current.at } : current));
  }, []);

  const enqueue = useCallback((scan: QueuedScan) => {
    const next = [...loadQueue(), scan];
    saveQueue(next);
    setQueue(next);
  }, []);

  const submit = useCallback(
    async (raw: string) => {
      const code = raw.trim();
      if (!code) return;
      // The camera reads a code many times a second while it is held up.
      const now = Date.now();
      if (lastCode.current && lastCode.current.code === code && now - lastCode.current.at < 3_000) return;
      lastCode.current = { code, at: now };
      const scan = { id: newScanId(), code };
      try {
        const { admission } = await call("checkIn", { body: { code, device, ...(showId ? { showId } : {}) } });
        keepFromAdmission(admission);
        show(resultOfAdmission(admission, scan));
        void queryClient.invalidateQueries({ queryKey: venueKeys.attendance });
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) {
          const offline = await checkOffline({ ...scan, device, showId, scannedAt: new Date(now).toISOString() });
          if (offline.queued) enqueue(offline.queued);
          return show(offline.result);
        }
        if (error instanceof ApiError) keepFromRefusal(error);
        show(error instanceof ApiError ? resultOfError(error, scan) : { ...scan, outcome: "error", title: "Not checked", detail: String(error), at: now });
      }
    },
    [device, showId, show, enqueue, queryClient],
  );

  /** Sends what was scanned offline; a ticket someone else let in meanwhile is flagged to staff. */
  /** Sends queued scans in order, each settled by the server's answer; stops where the network goes. */
  const sendQueued = useCallback(
    async (left: QueuedScan[]) => {
      for (const scan of left) {
        const { id, seat: _seat, ...body } = scan;
        try {
          const { admission } = await call("checkIn", { body });
          keepFromAdmission(admission);
          settle(resultOfAdmission(admission, { id, code: scan.code }, true));
        } catch (error) {
          if (error instanceof ApiError && error.status === 0) return;
          const refusal = error instanceof ApiError ? error : new ApiError(500, "internal", String(error));
          keepFromRefusal(refusal);
          const answer = resultOfError(refusal, { id, code: scan.code });
          settle(answer);
          setSyncProblems((list) => [`${nameOfQueued(scan, refusal)} (scanned ${doorTime(scan.scannedAt)} on this phone): ${answer.detail}`, ...list]);
          signal("alarm");
        }
        // Read again: a scan queued while this one was sent stays queued.
        saveQueue(loadQueue().filter((queued) => queued.id !== id));
      }
    },
    [settle],
  );

  const syncing = useRef(false);
  const sync = useCallback(async () => {
    // The network's return and the timer may both start a sync: a second one would send the same scans again.
    if (syncing.current) return;
    const pending = loadQueue();
    if (pending.length === 0) return;
    syncing.current = true;
    try {
      await sendQueued(pending);
    } finally {
      syncing.current = false;
    }
    setQueue(loadQueue());
    void queryClient.invalidateQueries({ queryKey: venueKeys.attendance });
  }, [queryClient, sendQueued]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    const timer = setInterval(() => void sync(), 10_000);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      clearInterval(timer);
    };
  }, [sync]);

  const forgetLastCode = () => {
    lastCode.current = null;
  };
  return { result, recent, queue, syncProblems, online, submit, forgetLastCode, dismissProblems: () => setSyncProblems([]) };
}

/**
 * Keeps the admitted tickets of the shows at this door current while the network lasts (every
 * `everyMs`), so a ticket let in at another door is refused here even after the network goes.
 */
export function useKeptAdmissions(showIds: string[], everyMs: number) {
  const ids = showIds.join(",");
  useEffect(() => {
    if (!ids) return;
    let stopped = false;
    const fetchAll = async () => {
      for (const showId of ids.split(",")) {
        if (stopped) return;
        try {
          const { admissions } = await call("showAdmissions", { params: { showId } });
          keepAdmissions(admissions.map((a): KeptAdmission => ({ ...a, by: a.device ? `${a.admittedBy} on ${a.device}` : a.admittedBy })));
        } catch {
          // Offline or refused: what was kept stays, and the next round tries again.
        }
      }
    };
    void fetchAll();
    const timer = setInterval(() => void fetchAll(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ids, everyMs]);
}
