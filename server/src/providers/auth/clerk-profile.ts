import { z } from "zod";
import type { ExternalProfile } from "../storage/interface.ts";
import type { UserLifecycleEvent } from "./interface.ts";

/** The parts of Clerk's user object (webhook `data` of user.created / user.updated) we keep. */
const clerkUser = z.object({
  id: z.string().min(1),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  image_url: z.string().nullish(),
  private_metadata: z.record(z.string(), z.unknown()).nullish(),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z
    .array(z.object({ id: z.string().optional(), email_address: z.email(), verification: z.object({ status: z.string().nullish() }).nullish() }))
    .min(1, "has no email address"),
});

export const clerkDeletedUser = z.object({ id: z.string().min(1) });

export class InvalidProfileError extends Error {
  override name = "InvalidProfileError";
}

/**
 * Reads a Clerk user (the `data` of Inngest's clerk/user.* events) as our profile: the primary
 * email, and a name even when Clerk has none. A user without an email cannot be synced.
 */
export function profileFromClerkUser(data: unknown): ExternalProfile {
  const parsed = clerkUser.safeParse(data);
  if (!parsed.success) {
    throw new InvalidProfileError(`Clerk user payload: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const user = parsed.data;
  const primary = user.email_addresses.find((e) => e.id === user.primary_email_address_id) ?? user.email_addresses[0]!;
  const email = primary.email_address;
  // A Clerk instance may let people sign up with an address they never proved; only Clerk's own
  // "verified" counts, so nobody becomes admin (ADMIN_EMAILS) or books with someone else's address.
  const emailVerified = primary.verification?.status === "verified";
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim() || user.username || email.split("@")[0]!;
  // QuickShow's admin rule, as with Clerk sign-in: private metadata role "admin" (ADMIN_EMAILS on top).
  // Door staff likewise: with Clerk the role lives in Clerk, and each profile sync brings it here.
  const metadataRole = user.private_metadata?.role;
  const role = metadataRole === "admin" ? ("admin" as const) : metadataRole === "staff" ? ("staff" as const) : ("user" as const);
  return { id: user.id, name: name.slice(0, 100), email: email.toLowerCase(), image: user.image_url ?? "", role, emailVerified };
}

/**
 * A Clerk user event (a webhook's, or the same event through Inngest's Clerk integration) as
 * what happened to the user. A user payload we cannot read is ignored with the reason.
 */
export function clerkUserEvent(type: string, data: unknown): UserLifecycleEvent {
  switch (type) {
    case "user.created":
    case "user.updated":
      try {
        return { kind: "profile", profile: profileFromClerkUser(data) };
      } catch (err) {
        if (err instanceof InvalidProfileError) return { kind: "ignored", reason: err.message };
        throw err;
      }
    case "user.deleted": {
      const parsed = clerkDeletedUser.safeParse(data);
      return parsed.success ? { kind: "removed", userId: parsed.data.id } : { kind: "ignored", reason: "no user id" };
    }
    default:
      return { kind: "ignored", reason: `${type} is not used` };
  }
}
