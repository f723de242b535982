import type { Deps } from "../deps.ts";
import type { ExternalProfile, UserRecord } from "../providers/storage/interface.ts";

const sameProfile = (user: UserRecord, profile: ExternalProfile) =>
  user.name === profile.name &&
  user.email === profile.email.toLowerCase() &&
  user.image === profile.image &&
  user.role === profile.role;

/**
 * Keeps our copy of users whose accounts live with the identity provider (Clerk) in step with it:
 * from its webhooks and from the profile seen on each signed-in request, whichever comes first.
 * (Deletion is the job function `removeUser`, shared with the Inngest function.)
 */
export function userSync(deps: Pick<Deps, "storage" | "jobs">) {
  const { storage, jobs } = deps;

  /** Creates or updates the user; null when it was removed before (it never comes back). */
  async function fromProfile(profile: ExternalProfile): Promise<UserRecord | null> {
    const synced = await storage.users.upsertFromProfile(profile);
    if (!synced) return null;
    if (synced.created) await jobs.emit("user.created", { userId: synced.user.id });
    return synced.user;
  }

  return {
    fromProfile,

    /** The user of a signed-in request: our copy, created or refreshed when the provider's profile differs. */
    async ensure(userId: string, profile: ExternalProfile | undefined): Promise<UserRecord | null> {
      const stored = await storage.users.findById(userId);
      if (!profile || (stored && sameProfile(stored, profile))) return stored;
      return fromProfile(profile);
    },
  };
}
