import { AppError } from "../../errors.ts";

/** Maps a driver's duplicate-key error (PostgreSQL 23505, MongoDB 11000) to one typed error. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === "23505" || code === 11000;
}

export const duplicate = (message: string) => new AppError("conflict", message);

/** Another show on sale occupies the screen in the time asked for; the domain names it to the admin. */
export class ScreenBusyError extends Error {
  constructor(readonly showInTheWay: string) {
    super(`The screen is busy with show ${showInTheWay}`);
    this.name = "ScreenBusyError";
  }
}
