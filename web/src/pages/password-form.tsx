import { passwordRules } from "@quickshow/contracts";
import { errorMessage } from "../api/client.ts";
import type { FieldErrors } from "./AuthPages.tsx";

/** The rules of a new password, shown under its field before the first submit. */
export function PasswordRules() {
  return (
    <ul className="list-disc space-y-0.5 pl-4" data-testid="password-rules">
      {passwordRules.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}

/** A refusal that named a field of the form is shown at that field; the banner carries what no field shows. */
export function formErrorUnlessAtField(err: unknown, fieldErrors: FieldErrors, shownFields: readonly string[]): string | null {
  return shownFields.some((field) => fieldErrors[field]) ? null : errorMessage(err);
}
