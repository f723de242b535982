import { bookingService } from "../bookings/service.ts";
import type { Deps } from "../deps.ts";
import { SeatStreams } from "./seat-streams.ts";

/** The seat streams of this instance, reading seats exactly as `GET /api/booking/seats/:showId` does. */
export function createSeatStreams(deps: Deps) {
  const bookings = bookingService(deps);
  return new SeatStreams((showId) => bookings.occupiedSeats(showId), deps.bus, deps.logger.child({ area: "live" }), {
    heartbeatMs: deps.config.seatStreamHeartbeatMs,
    maxStreams: deps.config.seatStreamsMax,
    maxStreamsPerClient: deps.config.seatStreamsPerClient,
  });
}
