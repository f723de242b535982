import { cinemaIdSchema, screenIdSchema, showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { cinemaService } from "./cinemas.ts";
import { screenService } from "./screens.ts";
import { seatService } from "./seat-service.ts";

export function venuesRouter(deps: Deps) {
  const router = Router();
  const screens = screenService(deps);
  const seats = seatService(deps);
  const screenId = (params: Record<string, string>) => param(params, "screenId", screenIdSchema);
  const showId = (params: Record<string, string>) => param(params, "showId", showIdSchema);
  mountRoute(router, deps, "adminScreens", async () => ({ screens: await screens.list() }));
  mountRoute(router, deps, "adminCreateScreen", async ({ body }) => ({ screen: await screens.create(body) }));
  mountRoute(router, deps, "adminScreen", async ({ params }) => ({ screen: await screens.get(screenId(params)) }));
  mountRoute(router, deps, "adminUpdateScreen", async ({ params, body }) => ({ screen: await screens.update(screenId(params), body) }));
  mountRoute(router, deps, "adminBlockedSeats", async ({ params }) => ({ blockedSeats: await seats.blocked(showId(params)) }));
  mountRoute(router, deps, "adminBlockSeats", async ({ params, body }) => ({ blockedSeats: await seats.block(showId(params), body.seats) }));
  mountRoute(router, deps, "adminUnblockSeats", async ({ params, body }) => ({ blockedSeats: await seats.unblock(showId(params), body.seats) }));
  const cinemas = cinemaService(deps);
  mountRoute(router, deps, "cinemas", async () => ({ cinemas: await cinemas.list() }));
  mountRoute(router, deps, "adminCreateCinema", async ({ body }) => ({ cinema: await cinemas.create(body) }));
  mountRoute(router, deps, "adminUpdateCinema", async ({ params, body }) => ({ cinema: await cinemas.update(param(params, "cinemaId", cinemaIdSchema), body) }));
  mountRoute(router, deps, "checkSeatChoice", async ({ params, query }) => ({ problems: await seats.check(showId(params), query.seats) }));
  mountRoute(router, deps, "bestSeats", async ({ params, query }) => ({ seats: await seats.best(showId(params), query) }));
  return router;
}
