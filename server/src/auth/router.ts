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
  mountRoute(router, deps, "verifyEmail", ({ body }) => accounts.verifyEmail(body.token));
  mountRoute(router, deps, "resendVerification", ({ user }) => accounts.resendVerification(user));
  mountRoute(router, deps, "forgotPassword", ({ body }) => accounts.forgotPassword(body));
  mountRoute(router, deps, "resetPassword", ({ body }) => accounts.resetPassword(body));
  mountRoute(router, deps, "changePassword", ({ user, body }) => accounts.changePassword(user, body));
  mountRoute(router, deps, "signOutEverywhere", ({ user }) => accounts.signOutEverywhere(user));
  return router;
}
