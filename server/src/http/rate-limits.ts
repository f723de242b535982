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
  const perAddress = { windowMs: 15 * 60_000, limit: config.authRateLimit, standardHeaders: "draft-8", legacyHeaders: false } as const;
  return {
    /**
     * Sign-in, sign-up and new passwords: only refused attempts count. A cinema's Wi-Fi or a mobile
     * carrier puts many customers behind one address, and each of them signing in is no abuse;
     * guessing one account's password is stopped by the per-account backoff (login-throttle.ts).
     */
    auth: rateLimit({ ...perAddress, skipSuccessfulRequests: true, handler: tooMany("failed sign-in attempts from your address") }),
    /** Reset links: every request counts, as each may send a mail. */
    mail: rateLimit({ ...perAddress, handler: tooMany("password-reset requests from your address") }),
  };
}
