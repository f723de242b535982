import { createHash, randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  changePasswordRequestSchema,
  forgotPasswordRequestSchema,
  loginRequestSchema,
  registerRequestSchema,
  resetPasswordRequestSchema,
} from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, isOutage } from "../errors.ts";
import { deliverDueMail } from "../mail/delivery.ts";
import { passwordResetMail, verifyEmailMail } from "../mail/templates.ts";
import type { LocalAuthProvider } from "../providers/auth/local.ts";
import type { UserRecord } from "../providers/storage/interface.ts";
import { presentUser } from "../users/present.ts";
import { loginThrottle } from "./login-throttle.ts";
import { assertStrongPassword } from "./password-policy.ts";

const avatarOf = (name: string) => `/media/avatar/${encodeURIComponent(name)}.svg`;

const verifyLinkHours = 48;
const resetLinkMinutes = 60;
/** At most one message of a kind per account in this window, however often it is asked for. */
const mailWindowMs = 5 * 60_000;

/**
 * Ties a reset link to the password it replaces: once the password changes, every earlier link
 * stops working, so a link is good once. Only a digest of the hash travels in the token.
 */
const passwordStamp = (passwordHash: string) => createHash("sha256").update(passwordHash).digest("base64url").slice(0, 22);

const badLink = (what: string) => new AppError("validation", `This ${what} link is invalid or has expired; ask for a new one`);

/** Sign-up, sign-in, email confirmation and password reset for the local accounts provider. */
export function localAccountService(deps: Deps, accounts: LocalAuthProvider) {
  const { storage, config, clock, logger } = deps;
  // Compared against when the email is unknown, so both failures take the same time. Made by
  // the first sign-in of either kind rather than at start, where it held up the first requests.
  let decoy: Promise<string> | undefined;
  const throttle = loginThrottle(clock, config.loginFailuresBeforeBackoff);
  const log = logger.child({ component: "accounts" });

  /** Mail goes out now rather than at the next delivery round: the user is waiting for it. */
  const sendSoon = () =>
    void deliverDueMail(deps).catch((err: unknown) =>
      isOutage(err) ? log.debug("mail delivery after queueing waits for the database") : log.warn({ err: (err as Error).message }, "mail delivery after queueing failed"),
    );
  const windowOf = () => Math.floor(clock.now().getTime() / mailWindowMs);

  async function sendVerification(user: UserRecord) {
    const token = await accounts.issueLinkToken("verify-email", user.id, { email: user.email }, clock.now(), verifyLinkHours * 60);
    // The token travels in the fragment, which browsers never send to a server (nor to its logs).
    const url = `${config.publicUrl}/verify-email#token=${token}`;
    const mail = verifyEmailMail(user.email, { key: `verify_email:${user.id}:${windowOf()}`, userName: user.name, url, hours: verifyLinkHours });
    if (await storage.outbox.enqueue(mail, clock.now())) sendSoon();
  }

  return {
    async register(input: z.infer<typeof registerRequestSchema>) {
      await assertStrongPassword(input.password, [input.name, input.email]);
      const user = await storage.users.create({
        id: randomUUID(),
        name: input.name,
        email: input.email,
        image: avatarOf(input.name),
        // Admin is never stored at sign-up: ADMIN_EMAILS counts once the address is confirmed.
        role: "user",
        newShowEmails: input.newShowEmails,
        passwordHash: await accounts.hashPassword(input.password),
      });
      await deps.jobs.emit("user.created", { userId: user.id });
      await sendVerification(user);
      return { token: await accounts.issueToken(user.id, user.sessionVersion), user: presentUser(user, config.adminEmails) };
    },

    async login(input: z.infer<typeof loginRequestSchema>) {
      throttle.check(input.email);
      decoy ??= accounts.hashPassword("decoy-password-for-timing");
      const found = await storage.users.passwordHashOf(input.email);
      const valid = found?.passwordHash
        ? await accounts.verifyPassword(input.password, found.passwordHash)
        : (await accounts.verifyPassword(input.password, await decoy), false);
      const user = valid && found ? await storage.users.findById(found.userId) : null;
      if (!user) {
        throttle.failed(input.email);
        throw new AppError("unauthenticated", "Email or password is incorrect");
      }
      throttle.succeeded(input.email);
      return { token: await accounts.issueToken(user.id, user.sessionVersion), user: presentUser(user, config.adminEmails) };
    },

    async verifyEmail(token: string) {
      const link = await accounts.readLinkToken("verify-email", token, clock.now());
      const user = link ? await storage.users.findById(link.userId) : null;
      if (!link || !user || user.email !== link.claims.email) throw badLink("confirmation");
      const verified = user.emailVerified ? user : await storage.users.markEmailVerified(user.id);
      if (!verified) throw badLink("confirmation");
      return { user: presentUser(verified, config.adminEmails) };
    },

    async resendVerification(user: UserRecord) {
      if (user.emailVerified) return { message: "Your email address is already confirmed" };
      await sendVerification(user);
      return { message: `We sent a new confirmation link to ${user.email}` };
    },

    /** The same answer whether or not the account exists, so nobody learns who has one. */
    async forgotPassword(input: z.infer<typeof forgotPasswordRequestSchema>) {
      const found = await storage.users.passwordHashOf(input.email);
      const user = found?.passwordHash ? await storage.users.findById(found.userId) : null;
      if (found?.passwordHash && user) {
        const token = await accounts.issueLinkToken("password-reset", user.id, { pwd: passwordStamp(found.passwordHash) }, clock.now(), resetLinkMinutes);
        const url = `${config.publicUrl}/reset-password#token=${token}`;
        const mail = passwordResetMail(user.email, { key: `password_reset:${user.id}:${windowOf()}`, userName: user.name, url, minutes: resetLinkMinutes });
        if (await storage.outbox.enqueue(mail, clock.now())) sendSoon();
      }
      return { message: `If an account uses ${input.email}, a link to choose a new password is on its way` };
    },

    async resetPassword(input: z.infer<typeof resetPasswordRequestSchema>) {
      const link = await accounts.readLinkToken("password-reset", input.token, clock.now());
      const user = link ? await storage.users.findById(link.userId) : null;
      const current = user ? await storage.users.passwordHashOf(user.email) : null;
      if (!link || !user || !current?.passwordHash || link.claims.pwd !== passwordStamp(current.passwordHash)) throw badLink("password reset");
      await assertStrongPassword(input.password, [user.name, user.email]);
      // Whoever had the old password may be signed in with it: every session ends with it.
      if ((await storage.users.setPasswordHash(user.id, await accounts.hashPassword(input.password))) === null) throw badLink("password reset");
      // The link arrived by mail, which proves the address as well.
      if (!user.emailVerified) await storage.users.markEmailVerified(user.id);
      throttle.succeeded(user.email);
      return { message: "Your password was changed; sign in with the new one" };
    },

    /** A new password for a signed-in account: this session goes on with a fresh token, every other one ends. */
    async changePassword(user: UserRecord, input: z.infer<typeof changePasswordRequestSchema>) {
      // A stolen session must not become a way to guess the password: the sign-in backoff applies.
      throttle.check(user.email);
      const current = await storage.users.passwordHashOf(user.email);
      if (!current?.passwordHash || current.userId !== user.id || !(await accounts.verifyPassword(input.currentPassword, current.passwordHash))) {
        throttle.failed(user.email);
        throw new AppError("validation", "Check your current password: it is not the password of this account.", {
          issues: [{ path: ["currentPassword"], message: "is not the password of this account" }],
        });
      }
      throttle.succeeded(user.email);
      await assertStrongPassword(input.newPassword, [user.name, user.email], "newPassword");
      const sessionVersion = await storage.users.setPasswordHash(user.id, await accounts.hashPassword(input.newPassword));
      const updated = sessionVersion === null ? null : await storage.users.findById(user.id);
      if (sessionVersion === null || !updated) throw new AppError("unauthenticated", "Your account no longer exists; please sign in again");
      return { token: await accounts.issueToken(user.id, sessionVersion), user: presentUser(updated, config.adminEmails) };
    },

    async signOutEverywhere(user: UserRecord) {
      if ((await storage.users.endSessions(user.id)) === null) throw new AppError("unauthenticated", "Your account no longer exists; please sign in again");
      return { message: "You were signed out on every device, this one included" };
    },
  };
}
