import { Router } from "express";
import { mountRoute } from "../http/route.ts";
import { bookingIdSchema, showIdSchema } from "@quickshow/contracts";
import { cancelShow } from "../bookings/cancel.ts";
import { saleStatuses } from "../bookings/lifecycle.ts";
import { param } from "../http/validate.ts";
import { bookingService } from "../bookings/service.ts";
import { dashboardTotals } from "./dashboard.ts";
import { mountMovieImageUpload } from "../media/upload.ts";
import type { Deps } from "../deps.ts";
import { toMajorUnits } from "../money.ts";
import { capacityOf } from "../shows/layout.ts";
import { movieLookup, presentShowWithMovie } from "../shows/present.ts";

export function adminRouter(deps: Deps) {
  const router = Router();
  const { storage, clock, config } = deps;
  const bookings = bookingService(deps);

  async function upcomingShows() {
    const shows = await storage.shows.listUpcomingWithOccupancy(clock.now(), saleStatuses);
    const movieOf = movieLookup(await storage.movies.getMany([...new Set(shows.map((s) => s.movieId))]));
    return shows.map((s) => ({
      ...presentShowWithMovie(s, movieOf(s.movieId), config.currency),
      capacity: capacityOf(s.layout),
      seatsSold: s.seatsSold,
      seatsHeld: s.seatsHeld,
      earnings: toMajorUnits(s.earningsMinor, config.currency),
      cancelledAt: s.cancelledAt?.toISOString() ?? null,
    }));
  }

  mountRoute(router, deps, "isAdmin", async () => ({ isAdmin: true }));
  mountRoute(router, deps, "dashboard", async () => {
    const totals = await dashboardTotals(deps, 14);
    return {
      dashboardData: {
        totalBookings: totals.totalBookings,
        totalRevenue: toMajorUnits(totals.totalRevenueMinor, config.currency),
        activeShows: totals.activeShows,
        totalUser: totals.totalUsers,
        currency: config.currency,
        revenueByDay: totals.revenueByDay.map((d) => ({
          date: d.date,
          revenue: toMajorUnits(d.revenueMinor, config.currency),
          bookings: d.bookings,
        })),
        upcomingShows: (await upcomingShows()).slice(0, 20),
      },
    };
  });
  mountRoute(router, deps, "adminShows", async () => ({ shows: await upcomingShows() }));
  mountMovieImageUpload(router, deps);
  mountRoute(router, deps, "adminCancelBooking", async ({ params }) => {
    const booking = await bookings.cancelAsCinema(param(params, "bookingId", bookingIdSchema));
    const user = await storage.users.findById(booking.user);
    return { booking: { ...booking, user: { _id: booking.user, name: user?.name ?? "Deleted user", email: user?.email ?? "" } } };
  });
  mountRoute(router, deps, "adminCancelShow", async ({ params }) => cancelShow(deps, param(params, "showId", showIdSchema)));
  mountRoute(router, deps, "adminEffects", async () => ({ effects: await storage.effects.open() }));
  mountRoute(router, deps, "adminBookings", async () => {
    const records = await storage.bookings.listAll();
    const withShows = await bookings.withShows(records);
    const userIds = [...new Set(records.map((b) => b.userId))];
    const users = new Map(
      (await Promise.all(userIds.map((id) => storage.users.findById(id)))).flatMap((u) => (u ? [[u.id, u] as const] : [])),
    );
    return {
      bookings: withShows.map((b) => {
        const u = users.get(b.user);
        return { ...b, user: { _id: b.user, name: u?.name ?? "Deleted user", email: u?.email ?? "" } };
      }),
    };
  });
  return router;
}
