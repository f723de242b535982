import { Router } from "express";
import { mountRoute } from "../http/route.ts";
import { bookingIdSchema, showIdSchema } from "@quickshow/contracts";
import { cancelShow } from "../bookings/cancel.ts";
import { param } from "../http/validate.ts";
import { bookingService } from "../bookings/service.ts";
import { dashboardTotals } from "./dashboard.ts";
import { bookingsPage, showsPage } from "./pages.ts";
import { mountMovieImageUpload } from "../media/upload.ts";
import type { Deps } from "../deps.ts";
import { toMajorUnits } from "../money.ts";

export function adminRouter(deps: Deps) {
  const router = Router();
  const { storage, clock, config } = deps;
  const bookings = bookingService(deps);

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
        upcomingShows: (await showsPage(deps, { limit: 20 })).shows,
      },
    };
  });
  mountRoute(router, deps, "adminShows", ({ query }) => showsPage(deps, query));
  mountMovieImageUpload(router, deps);
  mountRoute(router, deps, "adminCancelBooking", async ({ user: staff, params, body }) => {
    const booking = await bookings.cancelAsCinema(staff, param(params, "bookingId", bookingIdSchema), body);
    const customer = await storage.users.findById(booking.user);
    return { booking: { ...booking, user: { _id: booking.user, name: customer?.name ?? "Deleted user", email: customer?.email ?? "" } } };
  });
  mountRoute(router, deps, "adminCancelShow", async ({ params }) => cancelShow(deps, param(params, "showId", showIdSchema)));
  mountRoute(router, deps, "adminEffects", async () => ({ effects: await storage.effects.open() }));
  mountRoute(router, deps, "adminBookings", ({ query }) => bookingsPage(deps, bookings, query));
  return router;
}
