import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { ArrowLeft, Camera, CameraOff } from "lucide-react";
import { ApiError } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { Logo } from "../components/Logo.tsx";
import { ErrorState, Spinner } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";
import { keepShows } from "./kept.ts";
import { rememberKeys } from "./offline.ts";
import { OfflineBanner, RecentScans, ResultPanel, SyncProblems } from "./ScanPanels.tsx";
import { startScanning } from "./scanner.ts";
import { useDoor, useKeptAdmissions } from "./useDoor.ts";
import { useAttendance, useTicketKeys } from "../api/queries.ts";

const deviceStorage = "quickshow.checkin.device";
// While the network lasts, the admitted tickets of the door's shows are fetched this often.
const keptAdmissionsEveryMs = 15_000;

function deviceName() {
  let name = localStorage.getItem(deviceStorage);
  if (!name) {
    name = `Phone ${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(deviceStorage, name);
  }
  return name;
}

export default function CheckInApp() {
  useDocumentTitle("Check-in");
  const { status } = useAuth();
  const location = useLocation();
  const [showId, setShowId] = useState("");
  const [device, setDevice] = useState(deviceName);
  const [manual, setManual] = useState("");
  const [camera, setCamera] = useState<{ engine: string } | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);

  const attendance = useAttendance({ refetchMs: 5_000, enabled: status === "signed-in" });
  useTicketKeys(status === "signed-in", rememberKeys);
  const door = useDoor(device, showId);
  const { submit } = door;

  const shows = attendance.data?.shows ?? [];
  useEffect(() => {
    if (attendance.data) keepShows(attendance.data.shows);
  }, [attendance.data]);
  // The chosen show's admissions, or every one of today's shows not over yet at an "any show" door.
  const doorShows = showId ? [showId] : shows.filter((s) => new Date(s.endsAt).getTime() > Date.now()).map((s) => s._id);
  useKeptAdmissions(status === "signed-in" ? doorShows : [], keptAdmissionsEveryMs);

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
    door.forgetLastCode();
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

  const counted = showId ? shows.filter((s) => s._id === showId) : shows;
  const admitted = counted.reduce((n, s) => n + s.admitted, 0);
  const sold = counted.reduce((n, s) => n + s.sold, 0);

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

      <ResultPanel result={door.result} />
      <OfflineBanner online={door.online} queued={door.queue.length} />
      <SyncProblems problems={door.syncProblems} onDismiss={door.dismissProblems} />

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

      <RecentScans recent={door.recent} />

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
