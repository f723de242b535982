import { showIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { waitlistService } from "./service.ts";

export function waitlistRouter(deps: Deps) {
  const router = Router();
  const waitlist = waitlistService(deps);
  mountRoute(router, deps, "joinWaitlist", ({ user, params, body }) => waitlist.join(user, param(params, "showId", showIdSchema), body));
  mountRoute(router, deps, "leaveWaitlist", ({ user, params }) => waitlist.leave(user, param(params, "showId", showIdSchema)));
  mountRoute(router, deps, "userWaitlists", ({ user }) => waitlist.listForUser(user));
  return router;
}
