import type { Admission, CheckInRequest, CheckInShow } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { AdmissionRecord, BookingRecord, ShowRecord, UserRecord } from "../providers/storage/interface.ts";
import { formatLocal, localDateOf } from "../shows/local-time.ts";
import { bookingReference, idRangeOf, parseManualCode } from "./reference.ts";
import { looksLikeToken, ticketKeysFor } from "./signing.ts";
import { isValidTicket, ticketBookingStatus } from "./validity.ts";
import { zoneOfShow } from "../venues/cinemas.ts";

type CheckInDeps = Pick<Deps, "storage" | "config" | "clock">;

/** How the door finds a show and its movie title; the service passes memoized lookups. */
export interface ShowLookup {
  show(id: string): Promise<ShowRecord | null>;
  movieTitle(movieId: string): Promise<string>;
}

const unknownTicket = () => new AppError("not_found", "Unknown ticket: this code was not issued by this cinema");

/** A scan queued offline keeps its own time, within a day and never in the future. */
const admissionTime = (now: Date, scannedAt: string | undefined) => {
  if (!scannedAt) return now;
  const at = new Date(scannedAt);
  return at > now || now.getTime() - at.getTime() > 24 * 3600_000 ? now : at;
};

/** A ticket a code names: the booking's seat at its show (and the booking, when finding it meant reading it). */
interface NamedTicket {
  bookingId: string;
  seat: string;
  showId: string;
  booking?: BookingRecord;
}

/**
 * The ticket a code names: a signed token from the QR code, read with no database at all, or a
 * reference and seat typed by hand, looked up among the bookings whose ids the reference covers.
 */
async function findTicket(deps: CheckInDeps, code: string, doorShowId: string | undefined): Promise<NamedTicket> {
  const { storage, config } = deps;
  if (looksLikeToken(code)) {
    const claims = await (await ticketKeysFor(config.ticketSigningKey, storage.secrets)).verify(code);
    if (!claims) throw unknownTicket();
    return claims;
  }
  const typed = parseManualCode(code);
  if (!typed) throw new AppError("not_found", "Not a ticket: scan the QR code, or type the booking reference and seat (7K3M-QX9D A12)");
  const { from, to } = idRangeOf(typed.reference);
  const candidates = (await storage.tickets.findBookingsInIdRange(from, to, 20)).filter((b) => b.seats.includes(typed.seat));
  // Two bookings sharing a reference and a seat is rare enough that the door's show and a valid ticket decide.
  const rank = (b: BookingRecord) => (isValidTicket(b, typed.seat) ? 2 : 0) + (b.showId === doorShowId ? 1 : 0);
  const booking = candidates.sort((a, b) => rank(b) - rank(a))[0];
  if (!booking) throw new AppError("not_found", `No ticket ${typed.reference} ${typed.seat}: check the reference and the seat`);
  return { bookingId: booking.id, seat: typed.seat, showId: booking.showId, booking };
}

export async function presentShow(lookup: ShowLookup, show: ShowRecord, timeZone: string): Promise<CheckInShow> {
  return { _id: show.id, movieTitle: await lookup.movieTitle(show.movieId), startsAt: show.startsAt.toISOString(), localStart: formatLocal(show.startsAt, timeZone) };
}

function voidTicket(booking: BookingRecord, seat: string, reference: string) {
  const why = booking.status === "paid" ? "its seat was given back" : `the booking was ${booking.status}`;
  return new AppError("ticket_void", `Ticket ${reference} ${seat} is no longer valid: ${why}`, { seat, reference, status: booking.status });
}

/**
 * Lets a ticket in, once. The ticket must be valid (its booking paid and holding the seat) and
 * for the show at the door, or for a show of the cinema's current day when the device names
 * none. The check of the booking and the admission are one storage step, so a busy door costs
 * one round trip per scan, and two devices scanning a ticket at the same moment race in the
 * database, which admits one.
 */
export async function checkIn(deps: CheckInDeps, lookup: ShowLookup, staff: UserRecord, request: CheckInRequest): Promise<Admission> {
  const { storage, clock } = deps;
  const now = clock.now();
  const ticket = await findTicket(deps, request.code, request.showId);
  const { bookingId, seat } = ticket;
  const reference = bookingReference(bookingId);
  const show = await lookup.show(ticket.showId);
  if (!show) throw unknownTicket();
  const zone = await zoneOfShow(deps, show);
  const otherShow = request.showId ? request.showId !== show.id : localDateOf(show.startsAt, zone) !== localDateOf(now, zone);
  if (otherShow) {
    // A void ticket says so before it names its show.
    const booking = ticket.booking ?? (await storage.bookings.get(bookingId));
    if (!booking || booking.showId !== show.id) throw unknownTicket();
    if (!isValidTicket(booking, seat)) throw voidTicket(booking, seat, reference);
    const right = await presentShow(lookup, show, zone);
    throw new AppError("wrong_show", `Wrong show: this ticket is for ${right.movieTitle}, ${right.localStart}`, { show: right });
  }

  const { booking, holderName, admitted, admission } = await storage.tickets.admit(
    {
      bookingId,
      seat,
      showId: show.id,
      admittedAt: admissionTime(now, request.scannedAt),
      admittedBy: staff.id,
      admittedByName: staff.name,
      device: request.device || null,
    },
    { bookingStatus: ticketBookingStatus },
  );
  if (!booking || booking.showId !== show.id) throw unknownTicket();
  if (!admission) throw voidTicket(booking, seat, reference);
  if (!admitted) throw alreadyAdmitted(admission, reference, zone);
  return {
    bookingId,
    reference,
    seat,
    show: await presentShow(lookup, show, zone),
    holderFirstName: holderName?.trim().split(/\s+/)[0] ?? "",
    admittedAt: admission.admittedAt.toISOString(),
  };
}

function alreadyAdmitted(first: AdmissionRecord, reference: string, zone: string) {
  const at = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(first.admittedAt);
  const where = first.device ? ` on ${first.device}` : "";
  return new AppError("already_admitted", `Already admitted at ${at} by ${first.admittedByName}${where}`, {
    seat: first.seat,
    reference,
    admittedAt: first.admittedAt.toISOString(),
    admittedBy: first.admittedByName,
    device: first.device,
  });
}
