import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";

const tooMany = (what: string): RequestHandler => (_req, _res, next) =>
  next(new AppError("rate_limited", `Too many ${what}; please wait a moment and try again`));

/**
 * Limits kept in process memory: each instance counts its own clients, which bounds abuse per
 * instance; a shared store (Redis) is the next step when instances multiply.
 */
export function rateLimits(config: Pick<Config, "authRateLimit">) {
  return {
    auth: rateLimit({
      windowMs: 15 * 60_000,
      limit: config.authRateLimit,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: tooMany("sign-in attempts"),
    }),
  };
}
