import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { AppError } from "../errors.ts";

// The common-password, name and keyboard-pattern dictionaries of zxcvbn-ts, loaded once.
const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/**
 * zxcvbn's score 3 means "safely unguessable" (about 10^8 guesses or more): it refuses the
 * common passwords, keyboard walks, repeats and dates that a length rule alone lets through.
 */
const minimumScore = 3;

/** Refuses a password that is common or easy to guess, also from the account's own name and address. */
export function assertStrongPassword(password: string, userInputs: string[]): void {
  const words = userInputs.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const result = estimator.check(password, words);
  if (result.score >= minimumScore) return;
  throw new AppError("validation", "Invalid body: password: is too common or too easy to guess; add more words or characters", {
    issues: [{ path: ["password"], message: "is too common or too easy to guess" }],
  });
}
