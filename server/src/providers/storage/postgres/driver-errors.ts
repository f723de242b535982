import { errorChain, type DriverErrorMeaning } from "../outage.ts";

/** Socket errors of Node itself: the server is not there, or the network between went away. */
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * SQLSTATEs that say the server cannot serve now: connection exceptions (08), shutdown or
 * restart (57P01–57P03), a statement cancelled by statement_timeout (57014), and insufficient
 * resources (53, e.g. too many connections).
 */
const unavailableState = (code: string) => code.startsWith("08") || code.startsWith("53") || /^57P0[123]$/.test(code) || code === "57014";

/**
 * node-postgres reports its own timeouts and dropped connections with plain Errors: these
 * messages are its fixed texts, with no values in them.
 */
const poolFailure = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Cannot use a pool after calling end|Client was closed|PGlite is closed)/;

/** node-postgres and PGlite errors, read through drizzle's wrapper (`cause`). */
export function classifyPostgresError(error: unknown): DriverErrorMeaning {
  for (const e of errorChain(error)) {
    const code = typeof e.code === "string" ? e.code : "";
    if (networkCodes.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableState(code))) return { kind: "unavailable", cause: code };
    // Class 22 (data exception): a NUL byte, an unparsable uuid, a value out of range.
    if (/^22[0-9A-Z]{3}$/.test(code)) return { kind: "malformed" };
    const fixedText = typeof e.message === "string" ? poolFailure.exec(e.message) : null;
    if (fixedText) return { kind: "unavailable", cause: fixedText[1]! };
  }
  return null;
}
