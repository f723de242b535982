import type { User } from "@quickshow/contracts";
import type { UserRecord } from "../providers/storage/interface.ts";
import { isAdmin } from "../http/auth.ts";

export const presentUser = (u: UserRecord, adminEmails: string[]): User => ({
  _id: u.id,
  name: u.name,
  email: u.email,
  image: u.image,
  role: isAdmin(u, adminEmails) ? "admin" : "user",
  emailVerified: u.emailVerified,
  favorites: u.favorites,
  newShowEmails: u.newShowEmails,
});
