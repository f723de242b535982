/**
 * Clerk's hosted account page for the instance a publishable key names. The key carries the
 * Frontend API host (pk_test_ + base64 of "<host>$"); the Account Portal lives beside it:
 * "<app>.clerk.accounts.dev" → "<app>.accounts.dev" in development, "clerk.<domain>" →
 * "accounts.<domain>" in production.
 */
export function clerkAccountPageUrl(publishableKey: string | undefined): string | null {
  const encoded = /^pk_(?:test|live)_(.+)$/.exec(publishableKey ?? "")?.[1];
  if (!encoded) return null;
  let host: string;
  try {
    host = atob(encoded).replace(/\$$/, "");
  } catch {
    return null;
  }
  if (!/^[a-z0-9.-]+$/i.test(host)) return null;
  const portal = host.endsWith(".clerk.accounts.dev") ? host.replace(/\.clerk\.accounts\.dev$/, ".accounts.dev") : host.replace(/^clerk\./, "accounts.");
  return `https://${portal}/user`;
}
