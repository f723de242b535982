import { bookingIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import { confirmBookingPayment } from "../bookings/payment.ts";
import { effectiveStatus } from "../bookings/lifecycle.ts";
import { releaseHold } from "../bookings/release.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { param } from "../http/validate.ts";
import { LocalPaymentsProvider } from "../providers/payments/local.ts";
import { checkoutPage, countdownScript, countdownScriptPath } from "./local-page.ts";
import { seatMapPath } from "../bookings/checkout.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";
import { allCinemas, zoneLookup } from "../venues/cinemas.ts";

/**
 * The local payment provider's hosted page. Like a Stripe Checkout link, its signed address is
 * the credential (see LocalPaymentsProvider); paying runs the same confirmation as a Stripe webhook.
 */
export function localCheckoutRouter(deps: Deps) {
  const router = Router();
  if (!(deps.payments instanceof LocalPaymentsProvider)) return router;
  const payments = deps.payments;
  const { storage, clock, config } = deps;

  /** The wall clock of the show's own cinema: its dates and times are written in it. */
  const zoneOf = async (show: ShowRecord) => zoneLookup(await allCinemas(deps), config.theaterTimeZone)(show.screen?.cinemaId);

  // A wrong signature answers exactly like a missing booking.
  const load = async (params: Record<string, string>) => {
    const bookingId = param(params, "bookingId", bookingIdSchema);
    if (!payments.verify(bookingId, params.signature ?? "")) throw notFound("Booking");
    const booking = await storage.bookings.get(bookingId);
    if (!booking) throw notFound("Booking");
    return booking;
  };

  router.get(countdownScriptPath, (_req, res) => {
    res.type("text/javascript").set("Cache-Control", "public, max-age=3600").send(countdownScript);
  });

  router.get("/checkout/local/:bookingId/:signature", async (req, res) => {
    const booking = await load(req.params);
    const show = await storage.shows.get(booking.showId);
    if (!show) throw notFound("Show");
    const movie = await storage.movies.get(show.movieId);
    const now = clock.now();
    const action = `/checkout/local/${booking.id}/${req.params.signature}`;
    const timeZone = await zoneOf(show);
    const seatMap = seatMapPath(show, booking.seats, timeZone);
    res
      .type("html")
      .set("Cache-Control", "no-store")
      .send(checkoutPage({ booking, status: effectiveStatus(booking, now), show, movie, timeZone, action, seatMap, now }));
  });

  router.post("/checkout/local/:bookingId/:signature/pay", async (req, res) => {
    const booking = await load(req.params);
    const outcome = await confirmBookingPayment(deps, { bookingId: booking.id, paymentRef: `local_${booking.id}` });
    const query = outcome === "paid" || outcome === "already_paid" ? `paid=${booking.id}` : `refunded=${booking.id}`;
    res.redirect(303, `/my-bookings?${query}`);
  });

  router.post("/checkout/local/:bookingId/:signature/cancel", async (req, res) => {
    const booking = await load(req.params);
    await releaseHold(deps, booking.id, "cancelled");
    const show = await storage.shows.get(booking.showId);
    // Back to the seat map it came from, the same seats picked, with a word that checkout was cancelled.
    res.redirect(303, show ? `${seatMapPath(show, booking.seats, await zoneOf(show))}&cancelled=1` : "/");
  });
  return router;
}
