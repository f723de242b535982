import type { Request } from "express";
import type { Deps } from "../deps.ts";
import type { UserRecord } from "../providers/storage/interface.ts";
import { ensureUser } from "../users/sync.ts";
import { AppError } from "../errors.ts";

/**
 * Admin is decided when it is read, never stored at sign-up: the role `make-admin` (or Clerk's
 * metadata) stored, or an ADMIN_EMAILS address whose owner proved it by mail, so nobody becomes
 * admin by registering a listed address first, and taking an address off the list takes effect.
 */
export const isAdmin = (user: UserRecord, adminEmails: string[]) =>
  user.role === "admin" || (user.emailVerified && adminEmails.includes(user.email.toLowerCase()));

/** The signed-in user of a request, or a 401. */
export async function requireUser(deps: Pick<Deps, "auth" | "storage" | "jobs" | "clock" | "payments" | "logger" | "metrics">, req: Request): Promise<UserRecord> {
  const identity = await deps.auth.identify(req.get("authorization"));
  if (!identity) throw new AppError("unauthenticated", "Sign in to continue");
  // A provider that holds the profile (Clerk) vouches for users we may not have seen yet.
  const user = identity.profile
    ? await ensureUser(deps, identity.userId, identity.profile)
    : await deps.storage.users.findById(identity.userId);
  if (!user && identity.profileUnavailable) {
    throw new AppError("unavailable", "The sign-in service cannot be reached right now; please try again in a minute");
  }
  if (!user) throw new AppError("unauthenticated", "Your account no longer exists; please sign in again");
  if (identity.sessionVersion !== undefined && identity.sessionVersion !== user.sessionVersion) {
    throw new AppError("unauthenticated", "You were signed out (the password changed, or every session was ended); please sign in again");
  }
  return user;
}

/** A signed-in user who may hold seats: local accounts must have confirmed their email when REQUIRE_EMAIL_VERIFICATION is on. */
export async function requireVerifiedUser(
  deps: Pick<Deps, "auth" | "storage" | "jobs" | "clock" | "payments" | "logger" | "metrics" | "config" | "localAccounts">,
  req: Request,
): Promise<UserRecord> {
  const user = await requireUser(deps, req);
  if (deps.config.requireEmailVerification && !user.emailVerified) {
    throw new AppError(
      "email_unverified",
      deps.localAccounts
        ? `Confirm your email address before booking seats: open the link we sent to ${user.email}, or get a new one at ${deps.config.publicUrl}/verify-email`
        : `Confirm your email address before booking seats: verify ${user.email} in your account settings`,
    );
  }
  return user;
}

export async function requireAdmin(deps: Pick<Deps, "auth" | "storage" | "jobs" | "clock" | "payments" | "logger" | "metrics" | "config">, req: Request): Promise<UserRecord> {
  const user = await requireUser(deps, req);
  if (!isAdmin(user, deps.config.adminEmails)) throw new AppError("forbidden", "This page is for administrators only");
  return user;
}

/** Door staff may check tickets in; an admin may do anything staff may. */
export const isStaff = (user: UserRecord, adminEmails: string[]) => user.role === "staff" || isAdmin(user, adminEmails);

export async function requireStaff(deps: Pick<Deps, "auth" | "storage" | "jobs" | "clock" | "payments" | "logger" | "metrics" | "config">, req: Request): Promise<UserRecord> {
  const user = await requireUser(deps, req);
  if (!isStaff(user, deps.config.adminEmails)) throw new AppError("forbidden", "This page is for door staff and administrators only");
  return user;
}
