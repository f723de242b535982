import type { Request, RequestHandler } from "express";
import type { Metrics } from "./metrics.ts";

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

/** Counts and times every request once it is answered. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const route = routeLabel(req);
      metrics.request({ method: req.method, route, status: res.statusCode }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
