/** Secrets that can hide in free text: bcrypt hashes and JWTs (session tokens, signed links). */
const secretPatterns = [/\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}/g, /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/g];

export const scrubSecrets = (text: string) => secretPatterns.reduce((out, pattern) => out.replace(pattern, "[redacted]"), text);

/** Query parameters whose values authorise something (a signed link, a session, a webhook). */
const secretParams = /^(token|access_token|id_token|refresh_token|signature|sig|key|secret|code|password|auth|authorization|session)$/i;
/**
 * A path segment that is a signature or token rather than a name or an id: a long run of
 * base64url characters. UUIDs and the 24-hex-digit ids of old records are kept, they identify.
 */
const looksSecret = (segment: string) =>
  segment.length >= 32 && /^[A-Za-z0-9_-]+$/.test(segment) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment);

/**
 * A requested URL as it may be logged: the signature of a signed checkout link
 * (/checkout/local/<id>/<signature>/pay), which is what authorises a payment, and any other token in
 * the path or query string become "[redacted]".
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const redactedPath = path
    .split("/")
    .map((segment, i, all) => (looksSecret(segment) || (all[i - 2] === "local" && all[i - 3] === "checkout" && segment !== "") ? "[redacted]" : segment))
    .join("/");
  if (queryAt < 0) return scrubSecrets(redactedPath);
  const query = url
    .slice(queryAt + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let decodedName = name;
      try {
        decodedName = decodeURIComponent(name);
      } catch {
        /* a malformed name is kept as sent */
      }
      return secretParams.test(decodedName) || looksSecret(pair.slice(eq + 1)) ? `${name}=[redacted]` : pair;
    })
    .join("&");
  return scrubSecrets(`${redactedPath}?${query}`);
}

/** An error's name; `type` when pino's standard serializer has been through it already (pino-http). */
const nameOf = (e: Record<string, unknown>) =>
  typeof e.name === "string" ? e.name : typeof e.type === "string" ? e.type : ((e.constructor as { name?: string } | undefined)?.name ?? "Error");

const isDrizzleQueryError = (e: Record<string, unknown>) => nameOf(e) === "DrizzleQueryError" || (typeof e.query === "string" && "params" in e);
/** node-postgres and PGlite server errors carry a SQLSTATE and a severity. */
const isPostgresError = (e: Record<string, unknown>) => typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && "severity" in e;
const isMongoError = (e: Record<string, unknown>) =>
  /^(Mongo|Mongoose|BSON|CastError$|ValidationError$|ValidatorError$|StrictModeError$|DocumentNotFoundError$|VersionError$)/.test(nameOf(e));

/**
 * A driver's own message quotes the values it was given (a duplicate email, the parameters of
 * a failed insert, a bcrypt hash among them); what is kept is what names the failure.
 */
function safeMessage(e: Record<string, unknown>): string {
  const code = e.code === undefined ? "" : ` ${String(e.code)}`;
  if (isDrizzleQueryError(e)) return `Failed query: ${String(e.query).slice(0, 500)}`;
  if (isPostgresError(e)) return `PostgreSQL error${code}${e.constraint ? ` on ${String(e.constraint)}` : ""}`;
  if (isMongoError(e)) return `${nameOf(e)}${code}`;
  return scrubSecrets(typeof e.message === "string" ? e.message : String(e));
}

/** The call frames of a stack without its first lines, which repeat the message. */
const framesOf = (stack: unknown) =>
  typeof stack === "string" ? stack.split("\n").filter((line) => /^\s+at /.test(line)).join("\n") : "";

/** Fields that name a failure without carrying the data involved. */
const namingFields = ["code", "errno", "syscall", "address", "port", "constraint", "table", "column", "routine", "status"] as const;

/**
 * The `err` serializer of every log line: type, a message with no values or secrets, frames,
 * naming fields and the causes, and nothing else (never a query's parameters, a driver's
 * `detail`, `keyValue` or the document it refused).
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> | unknown {
  if (!error || typeof error !== "object") return typeof error === "string" ? scrubSecrets(error) : error;
  const e = error as Record<string, unknown>;
  const type = nameOf(e);
  const message = safeMessage(e);
  const out: Record<string, unknown> = { type, message, stack: `${type}: ${message}\n${framesOf(e.stack)}`.trim() };
  for (const field of namingFields) {
    const value = e[field];
    if (typeof value === "string" || typeof value === "number") out[field] = value;
  }
  if (e.cause !== undefined && depth < 4) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Keys whose values never reach a log line, wherever an object logged carries them. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["stripe-signature"]',
  'req.headers["svix-signature"]',
  ...["password", "passwordHash", "token", "secret", "params"].flatMap((key) => [key, `*.${key}`]),
];
