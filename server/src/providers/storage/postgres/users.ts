import { and, count, eq, sql } from "drizzle-orm";
import type { Role } from "@quickshow/contracts";
import type { NewUser, UserRecord, UserRepository } from "../interface.ts";
import { duplicate, isUniqueViolation } from "../errors.ts";
import type { Db } from "./db.ts";
import { favorites, users } from "./schema.ts";

const favoriteIds = sql<string[]>`coalesce((select array_agg(f.movie_id order by f.created_at) from ${favorites} f where f.user_id = ${users.id}), '{}')`;

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  image: users.image,
  role: users.role,
  newShowEmails: users.newShowEmails,
  createdAt: users.createdAt,
  favorites: favoriteIds,
};

export function postgresUsers(db: Db): UserRepository {
  const findOne = async (where: ReturnType<typeof eq>): Promise<UserRecord | null> => {
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
    findById: (id) => findOne(eq(users.id, id)),
    findByEmail: (email) => findOne(eq(users.email, email.toLowerCase())),
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
      const [row] = await db.select({ n: count() }).from(users);
      return Number(row?.n ?? 0);
    },
  };
}
