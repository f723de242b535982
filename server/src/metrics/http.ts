import type { Request, RequestHandler, Response } from "express";
import type { BookingOutcome, Metrics } from "./metrics.ts";

/**
 * The route pattern that answered (`/api/booking/:bookingId`), never the raw path, so a label
 * cannot grow with ids; requests no route matched are grouped by their first path segment.
 */
function routeLabel(req: Request) {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === "string") return `${req.baseUrl}${pattern}`;
  const first = /^\/(api|assets|media|checkout)\//.exec(req.originalUrl)?.[1];
  return first ? `/${first}/*` : "other";
}

/**
 * Booking outcomes read off HTTP answers, until the booking domain reports each outcome itself
 * (see metrics.bookingOutcome): then this table goes, or the outcomes are counted twice.
 * Expiries and Stripe's payments are never answers to a request and are not counted here.
 */
function outcomeOf(route: string, res: Response): BookingOutcome | null {
  if (route === "/api/booking/create") return res.statusCode === 201 ? "held" : res.statusCode === 409 ? "taken" : null;
  if (route === "/checkout/local/:bookingId/:signature/pay" && res.statusCode === 303) {
    const location = String(res.getHeader("location") ?? "");
    return location.includes("refunded=") ? "refunded" : location.includes("paid=") ? "paid" : null;
  }
  return null;
}

/** Counts and times every request once it is answered. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const route = routeLabel(req);
      metrics.request({ method: req.method, route, status: res.statusCode }, Number(process.hrtime.bigint() - started) / 1e9);
      const outcome = outcomeOf(route, res);
      if (outcome) metrics.bookingOutcome(outcome);
    });
    next();
  };
}
