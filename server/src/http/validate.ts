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

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "params" | "query"): z.infer<S> {
  // A route whose body is optional (cancel: the whole booking unless seats are named) takes none.
  if (where === "body" && (value === undefined || value === null) && !schema.safeParse(undefined).success) {
    throw new AppError("validation", "Request body must be a JSON object sent with Content-Type: application/json");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("validation", `Invalid ${where}: ${describeIssues(result.error.issues, where)}`, {
      issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
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
