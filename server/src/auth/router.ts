import { Router } from "express";
import type { Deps } from "../deps.ts";
import { mountRoute } from "../http/route.ts";
import { localAccountService } from "./service.ts";

/** Mounted only while local accounts are the auth provider. */
export function localAuthRouter(deps: Deps) {
  const router = Router();
  if (!deps.localAccounts) return router;
  const accounts = localAccountService(deps, deps.localAccounts);
  mountRoute(router, deps, "register", ({ body }) => accounts.register(body));
  mountRoute(router, deps, "login", ({ body }) => accounts.login(body));
  return router;
}
