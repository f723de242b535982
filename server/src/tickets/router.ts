import { bookingIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { ticketService } from "./service.ts";

export function ticketsRouter(deps: Deps) {
  const router = Router();
  const tickets = ticketService(deps);
  mountRoute(router, deps, "bookingTickets", ({ user, params }) => tickets.bookingTickets(user, param(params, "bookingId", bookingIdSchema)));
  mountRoute(router, deps, "resendTickets", ({ user, params }) => tickets.resend(user, param(params, "bookingId", bookingIdSchema)));
  mountRoute(router, deps, "checkIn", async ({ user, body }) => ({ admission: await tickets.checkIn(user, body) }));
  mountRoute(router, deps, "checkInKeys", async ({ res }) => {
    // Door devices keep the key for offline checks; it changes only when the operator replaces it.
    res.setHeader("Cache-Control", "public, max-age=300");
    return { keys: await tickets.publicKeys() };
  });
  mountRoute(router, deps, "attendance", () => tickets.attendanceToday());
  mountRoute(router, deps, "showAdmissions", async ({ params }) => ({ admissions: await tickets.showAdmissions(param(params, "showId", showIdSchema)) }));
  return router;
}
