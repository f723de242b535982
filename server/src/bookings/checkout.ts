import type { Deps } from "../deps.ts";
import type { BookingRecord, ShowRecord, UserRecord } from "../providers/storage/interface.ts";
import { formatLocal, localDateOf } from "../shows/local-time.ts";
import { allCinemas, zoneLookup } from "../venues/cinemas.ts";

/**
 * Starts the payment of a new hold and stores its link with it; returns where the customer pays.
 * The hold needs no timer to be safe: it lapses at its expiry for everyone; the release event
 * only records it promptly.
 */
export async function startCheckout(
  deps: Pick<Deps, "storage" | "config" | "payments" | "jobs" | "logger">,
  input: { user: UserRecord; show: ShowRecord; booking: BookingRecord; title: string | undefined },
) {
  const { storage, config, payments, jobs, logger } = deps;
  const { user, show, booking } = input;
  const seats = booking.seats;
  // The show's own cinema's wall clock, in the description and the date of the way back.
  const zone = zoneLookup(await allCinemas(deps), config.theaterTimeZone)(show.screen?.cinemaId);
  const checkout = await payments.createCheckout({
    bookingId: booking.id,
    amountMinor: booking.amountMinor,
    currency: booking.currency,
    description: `${input.title ?? "Movie"}, ${formatLocal(show.startsAt, zone)}, seats ${seats.join(", ")}`,
    customerEmail: user.email,
    holdExpiresAt: booking.holdExpiresAt!,
    // My bookings confirms this booking on arrival (issue 12).
    successUrl: `${config.publicUrl}/my-bookings?paid=${booking.id}`,
    // Back to the same seat map with the same seats picked, and a word that checkout was cancelled.
    cancelUrl: `${config.publicUrl}${seatMapPath(show, seats, zone)}&cancelled=1`,
  });
  await storage.bookings.setPayment(booking.id, checkout.url, checkout.paymentRef);
  try {
    await jobs.emit("booking.created", { bookingId: booking.id, holdExpiresAt: booking.holdExpiresAt!.toISOString() });
  } catch (err) {
    logger.warn({ err, bookingId: booking.id }, "could not schedule the release of this hold; the sweep will");
  }
  return checkout.url;
}

/** The seat map of a show with these seats picked (the web client reads `show` and `seats`). */
export const seatMapPath = (show: Pick<ShowRecord, "id" | "movieId" | "startsAt">, seats: readonly string[], timeZone: string) =>
  `/movies/${show.movieId}/${localDateOf(show.startsAt, timeZone)}?show=${show.id}&seats=${seats.join(",")}`;
