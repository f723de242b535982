import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { loginRequestSchema, registerRequestSchema } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { LocalAuthProvider } from "../providers/auth/local.ts";
import { presentUser } from "../users/present.ts";

const avatarOf = (name: string) => `/media/avatar/${encodeURIComponent(name)}.svg`;

/** Sign-up and sign-in for the local accounts provider. */
export function localAccountService(deps: Deps, accounts: LocalAuthProvider) {
  const { storage, config, jobs } = deps;
  // Compared against when the email is unknown, so both failures take the same time. Made by
  // the first sign-in of either kind rather than at start, where it held up the first requests.
  let decoy: Promise<string> | undefined;

  return {
    async register(input: z.infer<typeof registerRequestSchema>) {
      const user = await storage.users.create({
        id: randomUUID(),
        name: input.name,
        email: input.email,
        image: avatarOf(input.name),
        role: config.adminEmails.includes(input.email) ? "admin" : "user",
        newShowEmails: input.newShowEmails,
        passwordHash: await accounts.hashPassword(input.password),
      });
      await jobs.emit("user.created", { userId: user.id });
      return { token: await accounts.issueToken(user.id), user: presentUser(user, config.adminEmails) };
    },

    async login(input: z.infer<typeof loginRequestSchema>) {
      decoy ??= accounts.hashPassword("decoy-password-for-timing");
      const found = await storage.users.passwordHashOf(input.email);
      const valid = found?.passwordHash
        ? await accounts.verifyPassword(input.password, found.passwordHash)
        : (await accounts.verifyPassword(input.password, await decoy), false);
      const user = valid && found ? await storage.users.findById(found.userId) : null;
      if (!user) throw new AppError("unauthenticated", "Email or password is incorrect");
      return { token: await accounts.issueToken(user.id), user: presentUser(user, config.adminEmails) };
    },
  };
}
