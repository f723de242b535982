import type { Deps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { isAdmin } from "../http/auth.ts";
import type { UserRecord } from "../providers/storage/interface.ts";

const listLimit = 50;

const present = (user: UserRecord, adminEmails: string[]) => ({
  _id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  isAdmin: isAdmin(user, adminEmails),
});

/** Door staff, granted and removed by an admin; an admin's own role is changed only with the CLI. */
export function staffService(deps: Pick<Deps, "storage" | "config">) {
  const { storage, config } = deps;
  return {
    async find(text: string) {
      const users = text ? await storage.users.listMatching(text, listLimit) : await storage.users.listByRole("staff", listLimit);
      return users.map((u) => present(u, config.adminEmails));
    },

    async setRole(userId: string, role: "staff" | "user") {
      const user = await storage.users.findById(userId);
      if (!user) throw notFound("User");
      if (isAdmin(user, config.adminEmails)) throw new AppError("conflict", `${user.email} is an administrator; the staff role does not apply`);
      const updated = await storage.users.setRole(user.email, role);
      if (!updated) throw notFound("User");
      return present(updated, config.adminEmails);
    },
  };
}
