import { pino, type DestinationStream, type Logger } from "pino";
import { AppError } from "./errors.ts";
import { redactedPaths, serializeError } from "./log-safety.ts";

export type { Logger };

const isReportedOutage = (value: unknown) => value instanceof AppError && value.code === "unavailable";

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "quickshow" },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // An outage (`unavailable`) is logged once by whoever detected it; anyone else who
        // meets it during the outage (a job, a retry) writes at debug so the log is not flooded.
        logMethod(args, method, callLevel) {
          const first = args[0] as { err?: unknown } | undefined;
          if (callLevel > 20 && first && typeof first === "object" && isReportedOutage(first.err)) {
            return (this as Logger).debug(...(args as [object, string]));
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}
