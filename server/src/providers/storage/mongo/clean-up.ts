import type { Logger } from "../../../logger.ts";

/**
 * Reports a clean-up step that failed after another failure (seats given back, a ledger entry
 * dropped): the first error still reaches the caller, and this one is not lost. What is left over
 * lapses at its hold's expiry, so a warning, not an error.
 */
export type CleanUpFailed = (step: string) => (err: unknown) => void;

export const cleanUpLogger =
  (logger: Logger | undefined): CleanUpFailed =>
  (step) =>
  (err) =>
    logger?.warn({ err, step }, "a MongoDB clean-up step failed; what it left lapses with its hold");
