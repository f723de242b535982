import type { z } from "zod";
import { AppError } from "../errors.ts";

/** Describes zod issues as "field: problem" so the caller knows exactly what to fix. */
export function describeIssues(issues: z.core.$ZodIssue[], where: string): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : where;
      return `${field}: ${issue.message}`;
    })
    .join("; ");
}

/**
 * For forms people fill in: "<what to do>: <problem>" for each refused field, first field first,
 * e.g. "Choose another password: must be at least 10 characters."
 */
export function describeInWords(issues: readonly { path: readonly PropertyKey[]; message: string }[], advice: Record<string, string>): string {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField]
    .slice(0, 3)
    .map(([field, problem]) => `${advice[field] ?? "Check the form"}: ${problem}.`)
    .join(" ");
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "params" | "query", advice?: Record<string, string>): z.infer<S> {
  // A route whose body is optional (cancel: the whole booking unless seats are named) takes none.
  if (where === "body" && (value === undefined || value === null) && !schema.safeParse(undefined).success) {
    throw new AppError("validation", "Request body must be a JSON object sent with Content-Type: application/json");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path, message: i.message }));
    const message = advice ? describeInWords(issues, advice) : `Invalid ${where}: ${describeIssues(result.error.issues, where)}`;
    throw new AppError("validation", message, { issues });
  }
  return result.data;
}

/** Validates one path parameter, naming it in the error ("showId: must be a UUID"). */
export function param(params: Record<string, string>, name: string, schema: z.ZodType<string>): string {
  const result = schema.safeParse(params[name]);
  if (!result.success) {
    throw new AppError("validation", `Invalid ${name}: ${result.error.issues[0]?.message ?? "malformed"}`);
  }
  return result.data;
}
