import { AppError } from "../errors.ts";
import { describeInWords } from "../http/validate.ts";
import { authFieldAdvice } from "@quickshow/contracts";

// The common-password, name and keyboard-pattern dictionaries of zxcvbn-ts, loaded once, with the
// first password set rather than at every start (building them takes a good part of a start).
let estimator: Promise<{ check(password: string, userInputs: string[]): { score: number } }> | undefined;
async function loadEstimator() {
  const [{ ZxcvbnFactory }, common] = await Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]);
  return new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
}

/**
 * zxcvbn's score 3 means "safely unguessable" (about 10^8 guesses or more): it refuses the
 * common passwords, keyboard walks, repeats and dates that a length rule alone lets through.
 */
const minimumScore = 3;

const tooGuessable = "it is too common or too easy to guess; add more words or characters";

/**
 * Refuses a password that is common or easy to guess, also from the account's own name and
 * address. `field` names it in the refusal (the new password of a change, the password of a sign-up).
 */
export async function assertStrongPassword(password: string, userInputs: string[], field: "password" | "newPassword" = "password"): Promise<void> {
  const words = userInputs.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  if (!estimator) {
    estimator = loadEstimator();
    estimator.catch(() => (estimator = undefined));
  }
  const result = (await estimator).check(password, words);
  if (result.score >= minimumScore) return;
  const issues = [{ path: [field], message: tooGuessable }];
  throw new AppError("validation", describeInWords(issues, { ...authFieldAdvice, [field]: "Choose a longer or less common password" }), { issues });
}
