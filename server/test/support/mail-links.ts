import type { Config } from "../../src/config.ts";
import type { Storage } from "../../src/providers/storage/interface.ts";
import { eventually } from "./eventually.ts";

/** Plain-text bodies of the mail a server sent to an address, oldest first. */
export type MailSource = (to: string) => Promise<string[]> | string[];

/** Where the mail of each server under test can be read, by the server's URL: test clients follow mailed links from there. */
const sources = new Map<string, { source: MailSource; mustConfirm: (email: string) => boolean }>();

/**
 * Lets clients of `url` read the mail it sends; returns the undo. `config` says which new accounts
 * a test needs confirmed: ADMIN_EMAILS addresses (admin only once confirmed), or every account
 * when the server requires it before booking.
 */
export function serveMailLinks(url: string, source: MailSource, config: Pick<Config, "adminEmails" | "requireEmailVerification">) {
  const mustConfirm = (email: string) => config.requireEmailVerification || config.adminEmails.includes(email.toLowerCase());
  sources.set(url, { source, mustConfirm });
  return () => void sources.delete(url);
}

/** An in-process server's mail, read from its outbox. */
export const outboxSource =
  (storage: Storage): MailSource =>
  async (to) =>
    (await storage.outbox.list()).filter((m) => m.to === to).map((m) => m.text);

/** Whether a client of `url` should confirm a new account's address, and can. */
export const mustConfirm = (url: string, email: string) => sources.get(url)?.mustConfirm(email) ?? false;

/** The token of the newest link to the page (`/<page>#token=…`) mailed to the address, waiting for it to arrive. */
export async function mailedLinkToken(url: string, to: string, page: "verify-email" | "reset-password"): Promise<string> {
  const source = sources.get(url)?.source;
  if (!source) throw new Error(`no mail source known for ${url}`);
  const pattern = new RegExp(`/${page}#token=([\\w.-]+)`);
  return eventually(async () => {
    const tokens = (await source(to.toLowerCase())).map((text) => pattern.exec(text)?.[1]).filter(Boolean);
    if (tokens.length === 0) throw new Error(`no ${page} link mailed to ${to} yet`);
    return tokens.at(-1)!;
    // Generous: a burst of sign-ups queues its mail behind one another on a busy machine.
  }, 30_000);
}
