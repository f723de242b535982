import { userIdSchema } from "@quickshow/contracts";
import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { param } from "../http/validate.ts";
import { staffService } from "./staff.ts";

export function staffRouter(deps: Deps) {
  const router = Router();
  const staff = staffService(deps);
  mountRoute(router, deps, "adminUsers", async ({ query }) => ({ users: await staff.find(query.q) }));
  mountRoute(router, deps, "setStaffRole", async ({ params, body }) => ({ user: await staff.setRole(param(params, "userId", userIdSchema), body.role) }));
  return router;
}
