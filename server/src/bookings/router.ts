import { bookingIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { bookingService } from "./service.ts";

export function bookingsRouter(deps: Deps) {
  const router = Router();
  const bookings = bookingService(deps);
  mountRoute(router, deps, "occupiedSeats", async ({ params }) => ({
    occupiedSeats: await bookings.occupiedSeats(param(params, "showId", showIdSchema)),
  }));
  mountRoute(router, deps, "createBooking", ({ user, body }) => bookings.create(user, body));
  mountRoute(router, deps, "getBooking", async ({ user, params }) => ({
    booking: await bookings.get(user, param(params, "bookingId", bookingIdSchema)),
  }));
  mountRoute(router, deps, "cancelBooking", async ({ user, params }) => ({
    booking: await bookings.cancel(user, param(params, "bookingId", bookingIdSchema)),
  }));
  mountRoute(router, deps, "userBookings", async ({ user }) => ({ bookings: await bookings.listForUser(user) }));
  return router;
}
