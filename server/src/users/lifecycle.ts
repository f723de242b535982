import { removeUserAndReleaseHolds } from "../bookings/release.ts";
import type { Deps } from "../deps.ts";
import type { UserLifecycleEvent } from "../providers/auth/interface.ts";
import type { ExternalProfile } from "../providers/storage/interface.ts";

type LifecycleDeps = Pick<Deps, "storage" | "jobs" | "clock" | "payments" | "logger" | "auth" | "metrics">;

/**
 * The one path by which a user of an external identity provider (Clerk) enters, changes and
 * leaves QuickShow, whichever way the news arrives: its webhook, its Inngest events, or the
 * profile seen on a signed-in request.
 */

/**
 * Creates or updates our copy; a new user is welcomed. Null when the user was removed before (it
 * never comes back). `news` is true when the provider told us of a change (webhook, Inngest):
 * what the auth provider cached about the user is then stale.
 */
export async function syncUserProfile(deps: LifecycleDeps, profile: ExternalProfile, news = true) {
  if (news) deps.auth.invalidate?.(profile.id);
  const synced = await deps.storage.users.upsertFromProfile(profile);
  if (!synced) return null;
  if (synced.created) await deps.jobs.emit("user.created", { userId: synced.user.id });
  return synced;
}

export async function removeUser(deps: LifecycleDeps, userId: string) {
  deps.auth.invalidate?.(userId);
  return removeUserAndReleaseHolds(deps, userId);
}

/** Acts on what the provider said; the answer says what was done, for its log. */
export async function applyUserEvent(deps: LifecycleDeps, event: UserLifecycleEvent): Promise<string> {
  switch (event.kind) {
    case "profile":
      return (await syncUserProfile(deps, event.profile)) ? "synced" : "ignored: the user was deleted before";
    case "removed":
      return (await removeUser(deps, event.userId)).removed ? "removed" : "ignored: unknown user";
    case "ignored":
      return `ignored: ${event.reason}`;
  }
}
