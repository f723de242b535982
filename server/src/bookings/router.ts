import { bookingIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { cacheTags, type ReadCache } from "../http/read-cache.ts";
import { param } from "../http/validate.ts";
import { bookingService } from "./service.ts";

export function bookingsRouter(deps: Deps, cache: ReadCache) {
  const router = Router();
  const bookings = bookingService(deps);
  // The seat map is advisory (the database decides who gets a seat), so it may lag by up to a
  // second for writes made on another instance; writes made here drop it at once.
  mountRoute(
    router,
    deps,
    "occupiedSeats",
    async ({ params }) => ({ occupiedSeats: await bookings.occupiedSeats(param(params, "showId", showIdSchema)) }),
    { cache, ttlMs: 1_000, tags: (params) => [cacheTags.seatsOf(params.showId ?? "")] },
  );
  mountRoute(router, deps, "myHolds", async ({ user, params }) => ({ holds: await bookings.myHolds(user, param(params, "showId", showIdSchema)) }));
  mountRoute(router, deps, "createBooking", ({ user, body }) => bookings.create(user, body));
  mountRoute(router, deps, "getBooking", async ({ user, params }) => ({
    booking: await bookings.get(user, param(params, "bookingId", bookingIdSchema)),
  }));
  mountRoute(router, deps, "cancelBooking", async ({ user, params, body }) => ({
    booking: await bookings.cancel(user, param(params, "bookingId", bookingIdSchema), body?.seats),
  }));
  mountRoute(router, deps, "userBookings", async ({ user }) => ({ bookings: await bookings.listForUser(user) }));
  return router;
}
