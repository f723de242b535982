// Apart from the Clerk provider so that the app can build its security headers without loading
// the Clerk SDK, which only a Clerk deployment needs.

/** Clerk's Frontend API origin, encoded in the publishable key (pk_test_<base64 of "host$">). */
export function clerkFrontendApi(publishableKey: string): string | null {
  const encoded = publishableKey.replace(/^pk_(test|live)_/, "");
  const host = Buffer.from(encoded, "base64").toString("utf8").replace(/\$$/, "");
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? `https://${host}` : null;
}

/**
 * What the page's Content-Security-Policy must allow for Clerk's browser SDK: its Frontend API
 * (script and calls), Cloudflare's bot check (script and frame) and blob workers.
 */
export function clerkCspSources(publishableKey: string) {
  const fapi = clerkFrontendApi(publishableKey);
  const hosts = fapi ? [fapi] : [];
  return {
    script: [...hosts, "https://challenges.cloudflare.com"],
    connect: hosts,
    frame: ["https://challenges.cloudflare.com"],
    worker: ["'self'", "blob:"],
  };
}
