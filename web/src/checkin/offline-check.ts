import { keepAdmissions, knownAdmission, keptShow } from "./kept.ts";
import { verifyOffline, type QueuedScan } from "./offline.ts";
import { doorTime, type Result } from "./outcome.ts";

const looksSigned = (code: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(code);

/**
 * A scan without the network, decided on the phone with what it keeps: the published key checks
 * the signature, the kept show times the door's window, and the kept admissions (this phone's,
 * and each show's list fetched while online) a second entry. A typed code can only be queued.
 */
export async function checkOffline(scan: { id: string; code: string; device: string; showId: string; scannedAt: string }): Promise<{ result: Result; queued?: QueuedScan }> {
  const { id, code, device, showId, scannedAt } = scan;
  const queued: QueuedScan = { id, code, device, scannedAt, ...(showId ? { showId } : {}) };
  const at = Date.now();
  const answer = (outcome: Result["outcome"], title: string, detail: string): Result => ({ id, code, outcome, title, detail, at });
  const claims = await verifyOffline(code);
  if (claims === null && looksSigned(code)) return { result: answer("unknown", "Unknown ticket", "The signature does not match this cinema's key (checked offline)") };
  if (claims === null || claims === "unsupported") {
    return { result: answer("queued", "Queued, not verified", "Offline: this code is checked when the network returns"), queued };
  }
  const seat = `Seat ${claims.seat}`;
  const show = keptShow(claims.showId);
  if ((showId && claims.showId !== showId) || !show) return { result: answer("wrong_show", "Wrong show", `${seat} is for another show (checked offline)`) };
  if (scannedAt < show.opensAt) return { result: answer("too_early", "Too early", `The door opens for ${show.movieTitle} at ${doorTime(show.opensAt)} (checked offline)`) };
  if (scannedAt > show.endsAt) return { result: answer("show_over", "Show over", `${show.movieTitle} ended at ${doorTime(show.endsAt)} (checked offline)`) };
  const earlier = knownAdmission(claims.bookingId, claims.seat);
  if (earlier) {
    const by = earlier.by ? ` by ${earlier.by}` : "";
    return { result: answer("already_admitted", "Already admitted", `${seat}${earlier.reference ? ` · ${earlier.reference}` : ""} was admitted at ${doorTime(earlier.admittedAt)}${by} (checked offline)`) };
  }
  keepAdmissions([{ bookingId: claims.bookingId, seat: claims.seat, admittedAt: scannedAt, by: "this phone" }]);
  return {
    result: answer("admitted_offline", seat, "Signature valid (offline): admitted, to be confirmed when the network returns"),
    queued: { ...queued, seat: claims.seat },
  };
}
