import { and, count, eq, inArray, not, sql } from "drizzle-orm";
import type { Role } from "@quickshow/contracts";
import type { NewUser, UserRecord, UserRepository } from "../interface.ts";
import { duplicate, isUniqueViolation } from "../errors.ts";
import type { Db } from "./db.ts";
import { favorites, users } from "./schema.ts";

/**
 * A user removed by the external identity provider keeps an anonymised row (paid bookings point
 * at it) whose email is `<id>@deleted.invalid`; such rows are invisible to every lookup.
 */
export const removedDomain = "@deleted.invalid";
const isLive = not(sql`${users.email} like ${`%${removedDomain}`}`);

const favoriteIds = sql<string[]>`coalesce((select array_agg(f.movie_id order by f.created_at) from ${favorites} f where f.user_id = ${users.id}), '{}')`;

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  image: users.image,
  role: users.role,
  emailVerified: users.emailVerified,
  newShowEmails: users.newShowEmails,
  sessionVersion: users.sessionVersion,
  createdAt: users.createdAt,
  favorites: favoriteIds,
};

export function postgresUsers(db: Db): UserRepository {
  const findOne = async (where: ReturnType<typeof and> & {}): Promise<UserRecord | null> => {
    const [row] = await db.select(userColumns).from(users).where(where).limit(1);
    return row ?? null;
  };

  return {
    async create(user: NewUser) {
      try {
        await db.insert(users).values(user);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate("An account with this email already exists");
        throw error;
      }
      return (await findOne(eq(users.id, user.id)))!;
    },
    findById: (id) => findOne(and(eq(users.id, id), isLive)!),
    getMany: (ids) => (ids.length === 0 ? Promise.resolve([]) : db.select(userColumns).from(users).where(and(inArray(users.id, ids), isLive))),
    findByEmail: (email) => findOne(and(eq(users.email, email.toLowerCase()), isLive)!),
    async passwordHashOf(email) {
      const [row] = await db
        .select({ userId: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, email.toLowerCase()));
      return row ?? null;
    },
    async setRole(email: string, role: Role) {
      await db.update(users).set({ role }).where(eq(users.email, email.toLowerCase()));
      return findOne(eq(users.email, email.toLowerCase()));
    },
    async markEmailVerified(userId) {
      await db.update(users).set({ emailVerified: true }).where(and(eq(users.id, userId), isLive));
      return findOne(and(eq(users.id, userId), isLive)!);
    },
    async setPasswordHash(userId, passwordHash) {
      const [row] = await db
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, userId), isLive))
        .returning({ sessionVersion: users.sessionVersion });
      return row?.sessionVersion ?? null;
    },
    async endSessions(userId) {
      const [row] = await db
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, userId), isLive))
        .returning({ sessionVersion: users.sessionVersion });
      return row?.sessionVersion ?? null;
    },
    async setNewShowEmails(userId, value) {
      await db.update(users).set({ newShowEmails: value }).where(eq(users.id, userId));
      return findOne(eq(users.id, userId));
    },
    async toggleFavorite(userId, movieId) {
      await db.transaction(async (tx) => {
        const removed = await tx
          .delete(favorites)
          .where(and(eq(favorites.userId, userId), eq(favorites.movieId, movieId)))
          .returning({ movieId: favorites.movieId });
        if (removed.length === 0) {
          await tx.insert(favorites).values({ userId, movieId }).onConflictDoNothing();
        }
      });
      const rows = await db
        .select({ movieId: favorites.movieId })
        .from(favorites)
        .where(eq(favorites.userId, userId))
        .orderBy(favorites.createdAt);
      return rows.map((r) => r.movieId);
    },
    listNewShowSubscribers: () => db.select(userColumns).from(users).where(eq(users.newShowEmails, true)),
    async count() {
      const [row] = await db.select({ n: count() }).from(users).where(isLive);
      return Number(row?.n ?? 0);
    },
    async upsertFromProfile(profile) {
      const email = profile.email.toLowerCase();
      const fields = { name: profile.name, email, image: profile.image, role: profile.role, emailVerified: profile.emailVerified ?? true };
      let rows: { inserted: boolean }[];
      try {
        rows = await db
          .insert(users)
          .values({ id: profile.id, ...fields, passwordHash: null, newShowEmails: false })
          // A removed user is never brought back by a late or replayed update.
          .onConflictDoUpdate({ target: users.id, set: fields, setWhere: isLive })
          // xmax is 0 on a row version this statement inserted, and set when it updated one.
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate(`Another account already uses ${email}`);
        throw error;
      }
      if (rows.length === 0) return null;
      const user = await findOne(eq(users.id, profile.id));
      return user ? { user, created: rows[0]!.inserted === true } : null;
    },
    async removeExternal(id, now) {
      return db.transaction(async (tx) => {
        const [found] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, id), isLive)).for("update");
        if (!found) return false;
        await tx.delete(favorites).where(eq(favorites.userId, id));
        await tx
          .update(users)
          .set({ name: "Deleted user", email: `${id.toLowerCase()}${removedDomain}`, image: "", role: "user", emailVerified: false, newShowEmails: false, passwordHash: null })
          .where(eq(users.id, id));
        return true;
      });
    },
    listMatching(text, limit) {
      // The text is matched literally: % and _ typed in a search are not wildcards.
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db
        .select(userColumns)
        .from(users)
        .where(and(isLive, sql`(lower(${users.name}) like ${pattern} or ${users.email} like ${pattern})`))
        .orderBy(users.email)
        .limit(limit);
    },
    listByRole: (role, limit) => db.select(userColumns).from(users).where(and(isLive, eq(users.role, role))).orderBy(users.email).limit(limit),
  };
}
