import { errorBodySchema, routes } from "@quickshow/contracts";
import type { BodyOf, QueryOf, ResponseOf, RouteName } from "@quickshow/contracts";

/** Names of the `:param` segments of an Express-style path, as a union of string literals. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type ParamsOf<N extends RouteName> = PathParams<(typeof routes)[N]["path"]>;

/** Routes answered with one JSON body; event streams are followed with EventSource instead (seat-stream.ts). */
type JsonRouteName = { [N in RouteName]: (typeof routes)[N] extends { events: string } ? never : N }[RouteName];

/** Routes that take a multipart form (an upload) instead of a JSON body. */
type FormRoute<N extends RouteName> = (typeof routes)[N] extends { form: unknown } ? true : false;

export type CallOptions<N extends RouteName> = ([ParamsOf<N>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamsOf<N>, string> }) &
  ([BodyOf<N>] extends [never] ? { body?: undefined } : { body: BodyOf<N> }) &
  ([QueryOf<N>] extends [never] ? { query?: undefined } : { query?: QueryOf<N> }) &
  (FormRoute<N> extends true ? { form: FormData } : { form?: undefined }) & { signal?: AbortSignal };

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type TokenGetter = () => string | null | Promise<string | null>;

let tokenGetter: TokenGetter = () => null;
let onUnauthenticated: () => void = () => {};

/**
 * The auth provider tells the client how to find the bearer token (synchronously for local
 * accounts, asynchronously for Clerk, whose short-lived tokens refresh) and what to do when it is rejected.
 */
export function configureApiAuth(getToken: TokenGetter, unauthenticated: () => void): void {
  tokenGetter = getToken;
  onUnauthenticated = unauthenticated;
}

export function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

/**
 * Calls one route of the contract table: the path, method, body type and response type all
 * come from `routes`, and the answer is parsed with the route's zod schema (which also fills defaults).
 */
export async function call<N extends JsonRouteName>(name: N, ...[options]: OptionalIfEmpty<CallOptions<N>>): Promise<ResponseOf<N>> {
  const route = routes[name];
  const opts = (options ?? {}) as { params?: Record<string, string>; body?: unknown; query?: Record<string, unknown>; form?: FormData; signal?: AbortSignal };
  const search = new URLSearchParams(
    Object.entries(opts.query ?? {}).flatMap(([k, v]) => (v === undefined || v === null || v === "" ? [] : [[k, String(v)]])),
  ).toString();
  const url = buildPath(route.path, opts.params) + (search ? `?${search}` : "");
  const headers: Record<string, string> = { Accept: "application/json" };
  let token: string | null;
  try {
    token = await tokenGetter();
  } catch {
    token = null;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  if (opts.form !== undefined) {
    // The browser sets the multipart Content-Type with its boundary.
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(url, { method: route.method.toUpperCase(), headers, body, signal: opts.signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Can't reach QuickShow right now. Check your connection and try again.");
  }

  let json: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }

  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (res.status === 401 && token) onUnauthenticated();
    if (parsed.success) throw new ApiError(res.status, parsed.data.code, parsed.data.message, parsed.data.details);
    throw new ApiError(res.status, res.status >= 500 ? "internal" : "unknown", fallbackMessage(res.status));
  }

  const parsed = route.response.safeParse(json);
  if (!parsed.success) {
    console.error(`[api] ${route.method.toUpperCase()} ${url} answered outside its contract`, parsed.error.issues);
    throw new ApiError(res.status, "bad_response", "The server sent an answer this page doesn't understand.");
  }
  return parsed.data as ResponseOf<N>;
}

type OptionalIfEmpty<O> = {} extends Omit<O, "signal"> ? [options?: O] : [options: O];

function fallbackMessage(status: number): string {
  if (status === 401) return "Please sign in to continue.";
  if (status === 403) return "You don't have access to this.";
  if (status === 404) return "We couldn't find that.";
  if (status === 429) return "Too many requests. Please wait a moment.";
  return "Something went wrong on our side. Please try again.";
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}
