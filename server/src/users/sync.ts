import type { Deps } from "../deps.ts";
import type { ExternalProfile, UserRecord } from "../providers/storage/interface.ts";
import { syncUserProfile } from "./lifecycle.ts";

const sameProfile = (user: UserRecord, profile: ExternalProfile) =>
  user.name === profile.name &&
  user.email === profile.email.toLowerCase() &&
  user.image === profile.image &&
  user.role === profile.role &&
  user.emailVerified === (profile.emailVerified ?? true);

/**
 * The user of a signed-in request whose provider holds the profile (Clerk): our copy, created or
 * refreshed through the one sync path when the provider's profile differs, so a missed webhook
 * never locks anyone out.
 */
export async function ensureUser(deps: Pick<Deps, "storage" | "jobs" | "clock" | "payments" | "logger" | "auth" | "metrics">, userId: string, profile: ExternalProfile | undefined) {
  const stored = await deps.storage.users.findById(userId);
  if (!profile || (stored && sameProfile(stored, profile))) return stored;
  // The profile was fetched for this very request: nothing cached is stale.
  return (await syncUserProfile(deps, profile, false))?.user ?? null;
}
