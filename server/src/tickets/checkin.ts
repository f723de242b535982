import type { Admission, CheckInRequest, CheckInShow } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { AdmissionRecord, BookingRecord, MovieRecord, ShowRecord, UserRecord } from "../providers/storage/interface.ts";
import { formatLocal, localDateOf } from "../shows/local-time.ts";
import { zoneOfShow } from "../venues/cinemas.ts";
import { findAtDoor, unknownTicket, voidTicket } from "./find.ts";
import { bookingReference } from "./reference.ts";
import { isValidTicket, ticketBookingStatus } from "./validity.ts";
import { assertDoorOpen, doorWindow } from "./window.ts";

type CheckInDeps = Pick<Deps, "storage" | "config" | "clock">;

/** How the door finds a show and its movie; the service passes memoized lookups. */
export interface ShowLookup {
  show(id: string): Promise<ShowRecord | null>;
  movie(movieId: string): Promise<MovieRecord | null>;
}

/** A scan queued offline keeps its own time, within a day and never in the future. */
const admissionTime = (now: Date, scannedAt: string | undefined) => {
  if (!scannedAt) return now;
  const at = new Date(scannedAt);
  return at > now || now.getTime() - at.getTime() > 24 * 3600_000 ? now : at;
};

/** The show as the door shows it, with the window its tickets are let in. */
export async function presentShow(deps: Pick<Deps, "config">, lookup: ShowLookup, show: ShowRecord, timeZone: string): Promise<CheckInShow> {
  const movie = await lookup.movie(show.movieId);
  const window = doorWindow(show, movie?.runtime ?? 0, deps.config);
  return {
    _id: show.id,
    movieTitle: movie?.title ?? "Unknown movie",
    startsAt: show.startsAt.toISOString(),
    localStart: formatLocal(show.startsAt, timeZone),
    opensAt: window.opensAt.toISOString(),
    endsAt: window.endsAt.toISOString(),
  };
}

/** One clock format for the door's times: the cinema's 24-hour clock with seconds. */
const doorTime = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(instant);

/**
 * Lets a ticket in, once; or, for a booking reference typed alone, every valid seat of the
 * booking not yet in. A ticket must be valid (its booking paid and holding the seat), for the
 * show at the door (or a show of its cinema's current day when the device names none), and
 * scanned within the show's door window. The check of the booking and each admission are one
 * storage step, so a busy door costs one round trip per scan, and two devices scanning a ticket
 * at the same moment race in the database, which admits one.
 */
export async function checkIn(deps: CheckInDeps, lookup: ShowLookup, staff: UserRecord, request: CheckInRequest): Promise<Admission> {
  const { storage, clock } = deps;
  const now = clock.now();
  const named = await findAtDoor(deps, request.code, request.showId);
  const show = await lookup.show(named.showId);
  if (!show) throw unknownTicket();
  const zone = await zoneOfShow(deps, show);
  const otherShow = request.showId ? request.showId !== show.id : localDateOf(show.startsAt, zone) !== localDateOf(now, zone);
  if (otherShow) {
    // A void ticket says so before it names its show.
    const bookingId = named.kind === "booking" ? named.booking.id : named.bookingId;
    const booking = named.booking ?? (await storage.bookings.get(bookingId));
    if (!booking || booking.showId !== show.id) throw unknownTicket();
    const seat = named.kind === "ticket" ? named.seat : null;
    if (seat ? !isValidTicket(booking, seat) : booking.status !== ticketBookingStatus) throw voidTicket(booking, seat, bookingReference(booking.id));
    const right = await presentShow(deps, lookup, show, zone);
    throw new AppError("wrong_show", `Wrong show: this ticket is for ${right.movieTitle}, ${right.localStart}`, { show: right });
  }

  const at = admissionTime(now, request.scannedAt);
  const presented = await presentShow(deps, lookup, show, zone);
  assertDoorOpen({ opensAt: new Date(presented.opensAt), endsAt: new Date(presented.endsAt) }, at, (instant) => formatLocal(instant, zone));

  const admit = (bookingId: string, seat: string) =>
    storage.tickets.admit(
      { bookingId, seat, showId: show.id, admittedAt: at, admittedBy: staff.id, admittedByName: staff.name, device: request.device || null },
      { bookingStatus: ticketBookingStatus },
    );
  const greet = (holderName: string | null) => holderName?.trim().split(/\s+/)[0] ?? "";

  if (named.kind === "booking") return admitBooking(named.booking, presented, zone, admit, greet);

  const reference = bookingReference(named.bookingId);
  const { booking, holderName, admitted, admission } = await admit(named.bookingId, named.seat);
  if (!booking || booking.showId !== show.id) throw unknownTicket();
  if (!admission) throw voidTicket(booking, named.seat, reference);
  if (!admitted) throw alreadyAdmitted([admission], reference, zone);
  return {
    bookingId: named.bookingId,
    reference,
    seat: named.seat,
    seats: [named.seat],
    alreadyIn: [],
    show: presented,
    holderFirstName: greet(holderName),
    admittedAt: admission.admittedAt.toISOString(),
  };
}

type Admit = (bookingId: string, seat: string) => ReturnType<CheckInDeps["storage"]["tickets"]["admit"]>;

/**
 * A group at the door with one reference: each seat is admitted on its own storage step, so a
 * seat let in by another door at the same moment is counted once and reported as already in.
 */
async function admitBooking(booking: BookingRecord, show: CheckInShow, zone: string, admit: Admit, greet: (name: string | null) => string): Promise<Admission> {
  const reference = bookingReference(booking.id);
  if (booking.status !== ticketBookingStatus || booking.showId !== show._id) throw voidTicket(booking, null, reference);
  const results = await Promise.all(booking.seats.map((seat) => admit(booking.id, seat)));
  const admittedNow = results.filter((r) => r.admitted).map((r) => r.admission!);
  const earlier = results.filter((r) => !r.admitted && r.admission).map((r) => r.admission!);
  // Every seat refused: the booking was cancelled or its seats given back since it was read.
  if (admittedNow.length === 0 && earlier.length === 0) throw voidTicket(results[0]?.booking ?? booking, null, reference);
  if (admittedNow.length === 0) throw alreadyAdmitted(earlier, reference, zone);
  return {
    bookingId: booking.id,
    reference,
    seat: admittedNow[0]!.seat,
    seats: admittedNow.map((a) => a.seat),
    alreadyIn: earlier.map((a) => ({ seat: a.seat, admittedAt: a.admittedAt.toISOString() })),
    show,
    holderFirstName: greet(results[0]?.holderName ?? null),
    admittedAt: admittedNow[0]!.admittedAt.toISOString(),
  };
}

/** The first admission of the seats scanned again, named with when, by whom and where. */
function alreadyAdmitted(admissions: AdmissionRecord[], reference: string, zone: string) {
  const [first] = [...admissions].sort((a, b) => a.admittedAt.getTime() - b.admittedAt.getTime()) as [AdmissionRecord];
  const where = first.device ? ` on ${first.device}` : "";
  const seats = admissions.length > 1 ? `${admissions.map((a) => a.seat).join(", ")} already admitted, the first` : "Already admitted";
  return new AppError("already_admitted", `${seats} at ${doorTime(first.admittedAt, zone)} by ${first.admittedByName}${where}`, {
    bookingId: first.bookingId,
    seat: first.seat,
    reference,
    admittedAt: first.admittedAt.toISOString(),
    admittedBy: first.admittedByName,
    device: first.device,
    seats: admissions.map((a) => a.seat),
  });
}
