import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Camera, CameraOff, WifiOff } from "lucide-react";
import { ApiError, call } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { Logo } from "../components/Logo.tsx";
import { ErrorState, Spinner } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";
import { signal } from "./feedback.ts";
import { loadQueue, rememberKeys, saveQueue, seenOffline, verifyOffline, type QueuedScan } from "./offline.ts";
import { startScanning } from "./scanner.ts";
import { useAttendance, useTicketKeys, venueKeys } from "../api/queries.ts";

type Outcome = "admitted" | "admitted_offline" | "queued" | "already_admitted" | "wrong_show" | "ticket_void" | "unknown" | "error";

interface Result {
  outcome: Outcome;
  title: string;
  detail: string;
  at: number;
}

const green: Outcome[] = ["admitted", "admitted_offline"];
const amber: Outcome[] = ["queued"];
const deviceStorage = "quickshow.checkin.device";

function deviceName() {
  let name = localStorage.getItem(deviceStorage);
  if (!name) {
    name = `Phone ${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(deviceStorage, name);
  }
  return name;
}

/** What the door shows for an answer of the API. */
function resultOfError(error: ApiError): Result {
  const at = Date.now();
  switch (error.code) {
    case "already_admitted":
      return { outcome: "already_admitted", title: "Already admitted", detail: error.message, at };
    case "wrong_show":
      return { outcome: "wrong_show", title: "Wrong show", detail: error.message, at };
    case "ticket_void":
      return { outcome: "ticket_void", title: "Ticket cancelled", detail: error.message, at };
    case "not_found":
      return { outcome: "unknown", title: "Unknown ticket", detail: error.message, at };
    default:
      return { outcome: "error", title: "Not checked", detail: error.message, at };
  }
}

const short = (code: string) => (code.length > 24 ? `…${code.slice(-10)}` : code);

export default function CheckInApp() {
  useDocumentTitle("Check-in");
  const { status } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [showId, setShowId] = useState("");
  const [device, setDevice] = useState(deviceName);
  const [manual, setManual] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [recent, setRecent] = useState<(Result & { code: string })[]>([]);
  const [queue, setQueue] = useState<QueuedScan[]>(loadQueue);
  const [syncProblems, setSyncProblems] = useState<string[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [camera, setCamera] = useState<{ engine: string } | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const lastCode = useRef<{ code: string; at: number } | null>(null);

  const attendance = useAttendance({ refetchMs: 5_000, enabled: status === "signed-in" });
  useTicketKeys(status === "signed-in", rememberKeys);

  const show = useCallback((next: Result, code: string) => {
    setResult(next);
    setRecent((list) => [{ ...next, code }, ...list].slice(0, 20));
    signal(green.includes(next.outcome) ? "ok" : amber.includes(next.outcome) ? "warn" : "alarm");
  }, []);

  const enqueue = useCallback((scan: QueuedScan) => {
    setQueue((list) => {
      const next = [...list, scan];
      saveQueue(next);
      return next;
    });
  }, []);

  /** Without the network a signed ticket is checked on the device and queued; a typed code can only be queued. */
  const checkOffline = useCallback(
    async (code: string) => {
      const scan: QueuedScan = { code, device, scannedAt: new Date().toISOString(), ...(showId ? { showId } : {}) };
      const claims = await verifyOffline(code);
      const at = Date.now();
      if (claims === null && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(code)) return show({ outcome: "unknown", title: "Unknown ticket", detail: "The signature does not match this cinema's key (checked offline)", at }, code);
      if (claims === null || claims === "unsupported") {
        enqueue(scan);
        return show({ outcome: "queued", title: "Queued, not verified", detail: "Offline: this code is checked when the network returns", at }, code);
      }
      if (showId && claims.showId !== showId) return show({ outcome: "wrong_show", title: "Wrong show", detail: "This ticket is for another show (checked offline)", at }, code);
      if (seenOffline(`${claims.bookingId}:${claims.seat}`)) return show({ outcome: "already_admitted", title: "Already admitted", detail: `Seat ${claims.seat} was scanned on this device while offline`, at }, code);
      enqueue(scan);
      show({ outcome: "admitted_offline", title: `Seat ${claims.seat}`, detail: "Signature valid (offline): admitted, to be confirmed when the network returns", at }, code);
    },
    [device, showId, enqueue, show],
  );

  const submit = useCallback(
    async (raw: string) => {
      const code = raw.trim();
      if (!code) return;
      // The camera reads a code many times a second while it is held up.
      const now = Date.now();
      if (lastCode.current && lastCode.current.code === code && now - lastCode.current.at < 3_000) return;
      lastCode.current = { code, at: now };
      try {
        const { admission } = await call("checkIn", { body: { code, device, ...(showId ? { showId } : {}) } });
        show(
          {
            outcome: "admitted",
            title: `Seat ${admission.seat}`,
            detail: `${admission.holderFirstName ? `${admission.holderFirstName} · ` : ""}${admission.show.movieTitle} · ${admission.reference}`,
            at: now,
          },
          code,
        );
        void queryClient.invalidateQueries({ queryKey: venueKeys.attendance });
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) return checkOffline(code);
        show(error instanceof ApiError ? resultOfError(error) : { outcome: "error", title: "Not checked", detail: String(error), at: now }, code);
      }
    },
    [device, showId, show, checkOffline, queryClient],
  );

  /** Sends what was scanned offline; a ticket someone else let in meanwhile is flagged to staff. */
  const sync = useCallback(async () => {
    const pending = loadQueue();
    if (pending.length === 0) return;
    const left = [...pending];
    while (left.length > 0) {
      const scan = left[0]!;
      try {
        await call("checkIn", { body: scan });
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) break;
        const message = error instanceof ApiError ? error.message : String(error);
        setSyncProblems((list) => [`${short(scan.code)} (scanned ${new Date(scan.scannedAt).toLocaleTimeString()}): ${message}`, ...list]);
        signal("alarm");
      }
      left.shift();
      saveQueue(left);
    }
    setQueue(left);
    void queryClient.invalidateQueries({ queryKey: venueKeys.attendance });
  }, [queryClient]);

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

  const stopCamera = useCallback(() => {
    stopRef.current?.();
    stopRef.current = null;
    const stream = videoRef.current?.srcObject as MediaStream | null;
    stream?.getTracks().forEach((t) => t.stop());
    if (videoRef.current) videoRef.current.srcObject = null;
    setCamera(null);
  }, []);
  useEffect(() => stopCamera, [stopCamera]);

  async function startCamera() {
    setCameraError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      const scanning = await startScanning(video, (code) => void submit(code));
      stopRef.current = scanning.stop;
      setCamera({ engine: scanning.engine });
    } catch (error) {
      setCameraError(error instanceof Error ? error.message : "The camera could not be opened");
    }
  }

  function onManual(event: FormEvent) {
    event.preventDefault();
    lastCode.current = null;
    void submit(manual);
    setManual("");
  }

  if (status === "signed-out")
    return <Navigate to={`/sign-in?redirect=${encodeURIComponent(location.pathname)}`} replace state={{ notice: "Sign in with a staff account to check tickets in." }} />;
  if (status === "loading" || attendance.isPending)
    return (
      <div className="grid min-h-dvh place-items-center">
        <Spinner label="Opening check-in" />
      </div>
    );
  if (attendance.isError && attendance.error instanceof ApiError && (attendance.error.status === 403 || attendance.error.status === 401))
    return <Navigate to="/" replace state={{ notice: "Check-in is for door staff only." }} />;

  const shows = attendance.data?.shows ?? [];
  const counted = showId ? shows.filter((s) => s._id === showId) : shows;
  const admitted = counted.reduce((n, s) => n + s.admitted, 0);
  const sold = counted.reduce((n, s) => n + s.sold, 0);
  const tone = !result ? "" : green.includes(result.outcome) ? "bg-emerald-600" : amber.includes(result.outcome) ? "bg-amber-500 text-black" : "bg-red-700";

  return (
    <div className="mx-auto flex min-h-dvh max-w-lg flex-col gap-4 px-3 pb-8">
      <header className="flex h-14 items-center justify-between">
        <div className="flex items-center gap-2">
          <Logo to="/" />
          <span className="rounded-full bg-primary/15 px-2 py-0.5 text-xs font-medium text-primary">Check-in</span>
        </div>
        <Link to="/" className="btn-ghost text-sm">
          <ArrowLeft className="size-4" aria-hidden="true" /> Site
        </Link>
      </header>

      {attendance.isError && <ErrorState error={attendance.error} onRetry={() => void attendance.refetch()} title="Couldn't load today's shows" />}

      <section aria-label="Show at this door" className="flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-zinc-400">Show</span>
          <select className="input" value={showId} onChange={(e) => setShowId(e.target.value)}>
            <option value="">Any show today ({attendance.data?.date})</option>
            {shows.map((s) => (
              <option key={s._id} value={s._id}>
                {s.localStart.split(", ").pop()} · {s.movieTitle}
              </option>
            ))}
          </select>
        </label>
        <p className="flex items-baseline gap-2" data-testid="counter">
          <span className="text-4xl font-bold tabular-nums">{admitted}</span>
          <span className="text-zinc-400">admitted of {sold} sold</span>
        </p>
      </section>

      <div
        role="status"
        aria-live="assertive"
        data-result={result?.outcome ?? "none"}
        className={`flex min-h-40 flex-col items-center justify-center rounded-3xl p-6 text-center ${tone || "border border-dashed border-white/15 text-zinc-400"}`}
      >
        {result ? (
          <>
            <p className="text-4xl font-black tracking-tight uppercase">{green.includes(result.outcome) ? "✓ " : amber.includes(result.outcome) ? "" : "✕ "}{result.title}</p>
            <p className="mt-2 text-lg">{result.detail}</p>
          </>
        ) : (
          <p>Scan a ticket or type its booking reference and seat.</p>
        )}
      </div>

      {(!online || queue.length > 0) && (
        <p className="flex items-center gap-2 rounded-xl bg-amber-500/15 p-3 text-sm text-amber-100" data-testid="offline-queue">
          <WifiOff className="size-4" aria-hidden="true" />
          {online ? "Back online: sending" : "Offline: scans are checked on this device and"} {queue.length} queued scan{queue.length === 1 ? "" : "s"}
          {online ? "…" : " will be sent when the network returns."}
        </p>
      )}
      {syncProblems.length > 0 && (
        <div role="alert" className="rounded-xl bg-red-700/30 p-3 text-sm">
          <p className="font-semibold">Found when syncing offline scans:</p>
          <ul className="mt-1 list-disc pl-5">
            {syncProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <button type="button" className="btn-ghost mt-2 text-xs" onClick={() => setSyncProblems([])}>
            Dismiss
          </button>
        </div>
      )}

      <section aria-label="Camera" className="flex flex-col gap-2">
        <video ref={videoRef} muted playsInline className={`aspect-square w-full rounded-2xl bg-black object-cover ${camera ? "" : "hidden"}`} />
        {camera ? (
          <button type="button" className="btn-secondary" onClick={stopCamera}>
            <CameraOff className="size-4" aria-hidden="true" /> Stop camera <span className="text-xs text-zinc-400">({camera.engine})</span>
          </button>
        ) : (
          <button type="button" className="btn-primary py-3 text-base" onClick={() => void startCamera()}>
            <Camera className="size-5" aria-hidden="true" /> Scan with camera
          </button>
        )}
        {cameraError && (
          <p role="alert" className="text-sm text-red-300">
            {cameraError}. Type the code below instead.
          </p>
        )}
      </section>

      <form onSubmit={onManual} className="flex gap-2" aria-label="Enter a ticket by hand">
        <label className="sr-only" htmlFor="checkin-code">
          Ticket code, or booking reference and seat
        </label>
        <input
          id="checkin-code"
          className="input min-w-0 flex-1 font-mono"
          placeholder="7K3M-QX9D A12"
          autoComplete="off"
          autoCapitalize="characters"
          value={manual}
          onChange={(e) => setManual(e.target.value)}
        />
        <button type="submit" className="btn-primary">
          Check in
        </button>
      </form>

      <section aria-labelledby="recent-scans">
        <h2 id="recent-scans" className="mb-2 text-sm font-semibold text-zinc-300">
          Recent scans
        </h2>
        {recent.length === 0 ? (
          <p className="text-sm text-zinc-400">None yet.</p>
        ) : (
          <ol className="flex flex-col gap-1 text-sm" data-testid="recent-scans">
            {recent.map((r) => (
              <li key={`${r.at}-${r.code}`} data-outcome={r.outcome} className="flex justify-between gap-3 rounded-lg bg-white/5 px-3 py-2">
                <span className={green.includes(r.outcome) ? "text-emerald-300" : amber.includes(r.outcome) ? "text-amber-200" : "text-red-300"}>{r.title}</span>
                <span className="truncate text-zinc-400">{new Date(r.at).toLocaleTimeString()}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <label className="flex items-center gap-2 text-xs text-zinc-400">
        This device
        <input
          className="input flex-1 py-1 text-xs"
          value={device}
          maxLength={64}
          onChange={(e) => {
            setDevice(e.target.value);
            localStorage.setItem(deviceStorage, e.target.value);
          }}
        />
      </label>
    </div>
  );
}
