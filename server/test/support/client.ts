import { mailedLinkToken, mustConfirm } from "./mail-links.ts";

/** A tiny fetch wrapper for tests: status plus parsed JSON (or text when not JSON). */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function client(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; raw?: string; contentType?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers["content-type"] = options.contentType ?? "application/json";
    }
    const res = await fetch(baseUrl + path, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Signs up without confirming the address. */
  async function registerUnconfirmed(email: string, name = email.split("@")[0]!, extra: Record<string, unknown> = {}) {
    const res = await request("POST", "/api/auth/register", { json: { name, email, password: "correct horse battery", ...extra } });
    if (res.status !== 201) throw new Error(`register ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }

  return {
    request,
    get: <T = any>(path: string, token?: string) => request<T>("GET", path, { token }),
    post: <T = any>(path: string, json?: unknown, token?: string) => request<T>("POST", path, { json, token }),

    registerUnconfirmed,

    /**
     * Signs up and, when the server needs it (an ADMIN_EMAILS address, or confirmation required
     * before booking), follows the confirmation link mailed to the address, as a real user would.
     */
    async register(email: string, name = email.split("@")[0]!, extra: Record<string, unknown> = {}) {
      const token = await registerUnconfirmed(email, name, extra);
      if (mustConfirm(baseUrl, email)) {
        const res = await request("POST", "/api/auth/verify-email", { json: { token: await mailedLinkToken(baseUrl, email, "verify-email") } });
        if (res.status !== 200) throw new Error(`confirming ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return token;
    },
  };
}

export type Client = ReturnType<typeof client>;
