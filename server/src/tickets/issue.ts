import type { Deps } from "../deps.ts";
import type { BookingRecord, MovieRecord, ShowRecord } from "../providers/storage/interface.ts";
import { formatLocal } from "../shows/local-time.ts";
import { allCinemas } from "../venues/cinemas.ts";
import { defaultCinemaId } from "../venues/default-screens.ts";
import { showEventIcs } from "./calendar.ts";
import { bookingReference } from "./reference.ts";
import { ticketKeysFor } from "./signing.ts";

type IssueDeps = Pick<Deps, "storage" | "config" | "clock">;

/** A paid booking's tickets as its holder gets them: one signed token per seat. */
export interface IssuedTickets {
  booking: BookingRecord;
  show: ShowRecord;
  movieTitle: string;
  /** Minutes the movie runs, for the calendar event (two hours when the catalog does not say). */
  runtimeMinutes: number;
  reference: string;
  localStart: string;
  /** The show's cinema's zone, which `localStart` is written in. */
  timeZone: string;
  /** Where the show plays, as printed on the ticket and in the calendar: the cinema (not the brand) and the screen. */
  venue: { cinemaName: string; address: string; screen: string | null };
  tickets: { seat: string; token: string }[];
}

export async function issueTickets(deps: IssueDeps, booking: BookingRecord, found?: { show: ShowRecord; movie: MovieRecord | null }): Promise<IssuedTickets | null> {
  const { storage, config } = deps;
  const show = found?.show ?? (await storage.shows.get(booking.showId));
  if (!show) return null;
  const movie = found ? found.movie : await storage.movies.get(show.movieId);
  const cinemaId = show.screen?.cinemaId ?? defaultCinemaId;
  const cinema = (await allCinemas(deps)).find((c) => c.id === cinemaId);
  const timeZone = cinema?.timeZone ?? config.theaterTimeZone;
  const keys = await ticketKeysFor(config.ticketSigningKey, storage.secrets);
  const tickets = await Promise.all(
    booking.seats.map(async (seat) => ({ seat, token: await keys.sign({ bookingId: booking.id, seat, showId: show.id }) })),
  );
  return {
    booking,
    show,
    movieTitle: movie?.title ?? "Your movie",
    runtimeMinutes: movie?.runtime && movie.runtime > 0 ? movie.runtime : 120,
    reference: bookingReference(booking.id),
    localStart: formatLocal(show.startsAt, timeZone),
    timeZone,
    venue: { cinemaName: cinema?.name ?? "", address: postalAddress(cinema), screen: show.screen?.name ?? null },
    tickets,
  };
}

/** "12 Market Street, Springfield": the parts the cinema has filled in. */
const postalAddress = (cinema: { address: string; city: string } | undefined) =>
  [cinema?.address, cinema?.city].map((part) => part?.trim()).filter(Boolean).join(", ");

/** "QuickShow Downtown, 12 Market Street, Springfield (Screen 2)": where a calendar says the event is. */
export const venueLine = (venue: IssuedTickets["venue"]) =>
  `${[venue.cinemaName, venue.address].filter(Boolean).join(", ")}${venue.screen ? ` (${venue.screen})` : ""}`;

/** The show as a calendar event, with the booking's reference and seats. */
export function calendarOf(deps: Pick<Deps, "config" | "clock">, issued: IssuedTickets) {
  const seats = issued.tickets.map((t) => t.seat).join(", ");
  return showEventIcs({
    uid: `${issued.booking.id}@quickshow`,
    title: `${issued.movieTitle} (QuickShow)`,
    startsAt: issued.show.startsAt,
    minutes: issued.runtimeMinutes,
    description: `Booking ${issued.reference}, seat${issued.tickets.length === 1 ? "" : "s"} ${seats}. Your tickets: ${deps.config.publicUrl}/my-bookings/${issued.booking.id}/tickets`,
    url: `${deps.config.publicUrl}/my-bookings/${issued.booking.id}/tickets`,
    location: venueLine(issued.venue) || undefined,
    now: deps.clock.now(),
  });
}
