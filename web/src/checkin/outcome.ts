import type { ResponseOf } from "@quickshow/contracts";
import { ApiError } from "../api/client.ts";

export type Outcome =
  | "admitted"
  | "admitted_offline"
  | "queued"
  | "already_admitted"
  | "wrong_show"
  | "ticket_void"
  | "too_early"
  | "show_over"
  | "unknown"
  | "error";

/** One scan's answer, as the big panel and the recent-scans list show it. */
export interface Result {
  /** The scan it answers; a queued scan's answer is replaced by the server's on sync. */
  id: string;
  code: string;
  outcome: Outcome;
  title: string;
  detail: string;
  at: number;
}

export type Admission = ResponseOf<"checkIn">["admission"];

export const green: Outcome[] = ["admitted", "admitted_offline"];
export const amber: Outcome[] = ["queued"];

export const toneOf = (outcome: Outcome) => (green.includes(outcome) ? "ok" : amber.includes(outcome) ? "warn" : "alarm");

/** Every time at the door in one format: the 24-hour clock with seconds, as staff compare them. */
export const doorTime = (at: string | number | Date) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(at));

export const newScanId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

interface AlreadyAdmittedDetails {
  bookingId: string;
  seat: string;
  reference: string;
  admittedAt: string;
  admittedBy: string;
  device: string | null;
  seats?: string[];
}

export const alreadyAdmittedDetails = (error: ApiError) => (error.code === "already_admitted" ? (error.details as AlreadyAdmittedDetails) : null);

/** "Already admitted at 19:02:11 by Sam Door on door 2", with the time written as the door writes times. */
export function alreadyAdmittedText(d: Pick<AlreadyAdmittedDetails, "admittedAt" | "admittedBy" | "device" | "seats">) {
  const seats = d.seats && d.seats.length > 1 ? `${d.seats.join(", ")} already admitted, the first` : "Already admitted";
  return `${seats} at ${doorTime(d.admittedAt)} by ${d.admittedBy}${d.device ? ` on ${d.device}` : ""}`;
}

const titles: Partial<Record<string, [Outcome, string]>> = {
  already_admitted: ["already_admitted", "Already admitted"],
  wrong_show: ["wrong_show", "Wrong show"],
  ticket_void: ["ticket_void", "Ticket cancelled"],
  too_early: ["too_early", "Too early"],
  show_over: ["show_over", "Show over"],
  not_found: ["unknown", "Unknown ticket"],
};

/** What the door shows for a refusal of the API. */
export function resultOfError(error: ApiError, scan: { id: string; code: string }): Result {
  const [outcome, title] = titles[error.code] ?? ["error", "Not checked"];
  const details = alreadyAdmittedDetails(error);
  return { ...scan, outcome, title, detail: details ? alreadyAdmittedText(details) : error.message, at: Date.now() };
}

/** What the door shows for a ticket, or a group, let in. */
export function resultOfAdmission(admission: Admission, scan: { id: string; code: string }, confirmedOnSync = false): Result {
  const title = admission.seats.length > 1 ? `Seats ${admission.seats.join(", ")}` : `Seat ${admission.seat}`;
  const before = admission.alreadyIn.map((a) => `${a.seat} at ${doorTime(a.admittedAt)}`).join(", ");
  const detail = [
    admission.holderFirstName,
    admission.show.movieTitle,
    admission.reference,
    before ? `already in: ${before}` : "",
    confirmedOnSync ? "confirmed on sync" : "",
  ].filter(Boolean);
  return { ...scan, outcome: "admitted", title, detail: detail.join(" · "), at: Date.now() };
}
