import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import type { Logger } from "../logger.ts";
import { AppError } from "../errors.ts";

/** body-parser reports its failures with a `type`; each becomes a client error with a plain message. */
function fromBodyParser(err: { type?: string; limit?: number }): AppError | null {
  switch (err.type) {
    case "entity.parse.failed":
      return new AppError("validation", "Request body is not valid JSON");
    case "entity.too.large":
      return new AppError("payload_too_large", `Request body is too large (limit ${err.limit} bytes)`);
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("validation", "Request body must be UTF-8 JSON");
    case "request.aborted":
      return new AppError("validation", "Request was aborted by the client");
    case "request.size.invalid":
      return new AppError("validation", "Request body length does not match Content-Length");
    default:
      return null;
  }
}

/**
 * A client error raised by Express's own middleware (http-errors: a 4xx `status` with
 * `expose`), e.g. a malformed path: its status, not a 500.
 */
function fromHttpError(err: { status?: unknown; expose?: unknown; message?: unknown }): AppError | null {
  if (err?.expose !== true || typeof err.status !== "number" || err.status < 400 || err.status > 499) return null;
  const code = err.status === 404 ? "not_found" : err.status === 413 ? "payload_too_large" : "validation";
  return new AppError(code, typeof err.message === "string" ? err.message : "Bad request");
}

/** How a failed page request (not an API call) is answered: with the site's own page for the status. */
export type PageErrorResponder = (req: Request, res: Response, status: number) => boolean;

export function errorMiddleware(logger: Logger, pageError?: PageErrorResponder): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known =
      err instanceof AppError
        ? err
        : fromBodyParser(err) ??
          (err instanceof URIError ? new AppError("validation", "Malformed URL encoding") : null) ??
          fromHttpError(err);
    if (known) {
      // Whoever raises `unavailable` has reported the outage once; a line per request would flood the log.
      if (known.code === "unavailable") req.log?.debug({ err }, known.message);
      else if (known.status >= 500) req.log?.error({ err }, known.message);
      if (pageError?.(req, res, known.status)) return;
      res.status(known.status).json({ success: false, message: known.message, code: known.code, ...(known.details === undefined ? {} : { details: known.details }) });
      return;
    }
    (req.log ?? logger).error({ err }, "unhandled error");
    if (res.headersSent) return;
    if (pageError?.(req, res, 500)) return;
    res.status(500).json({ success: false, message: "Something went wrong on our side; please try again", code: "internal" });
  };
}

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ success: false, message: `No API route ${req.method} ${req.path}`, code: "not_found" });
};
