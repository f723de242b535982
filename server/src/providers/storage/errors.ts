import { AppError } from "../../errors.ts";

/** Maps a driver's duplicate-key error (PostgreSQL 23505, MongoDB 11000) to one typed error. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === "23505" || code === 11000;
}

export const duplicate = (message: string) => new AppError("conflict", message);
