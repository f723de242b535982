import type { ErrorCode } from "@quickshow/contracts";

const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  email_unverified: 403,
  not_found: 404,
  seat_taken: 409,
  too_many_holds: 409,
  too_late: 409,
  show_cancelled: 409,
  conflict: 409,
  screen_busy: 409,
  orphan_seat: 409,
  pair_seat: 409,
  companion_seat: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
  already_admitted: 409,
  wrong_show: 422,
  ticket_void: 410,
  too_early: 422,
  show_over: 422,
};

/** The one error type the domain throws; the error middleware turns it into a response. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const badRequest = (message: string, details?: unknown) => new AppError("validation", message, details);

/**
 * The database (or another provider) is unreachable. The storage guard logs an outage once when it
 * starts; work that fails because of it retries later and need not log each failure again.
 */
export const isOutage = (error: unknown) => error instanceof AppError && error.code === "unavailable";
