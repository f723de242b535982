import { routes, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import { param } from "../http/validate.ts";
import type { SeatStreams } from "./seat-streams.ts";

/** `GET /api/booking/seats/:showId/stream`: the seat map as Server-Sent Events. */
export function seatStreamRouter(streams: SeatStreams) {
  const router = Router();
  router[routes.seatStream.method](routes.seatStream.path, async (req, res) => {
    await streams.serve(param(req.params as Record<string, string>, "showId", showIdSchema), req, res);
  });
  return router;
}
