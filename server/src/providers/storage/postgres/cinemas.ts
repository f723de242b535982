import { asc, eq } from "drizzle-orm";
import type { CinemaRepository } from "../interface.ts";
import type { Db } from "./db.ts";
import { cinemas } from "./schema.ts";

export function postgresCinemas(db: Db): CinemaRepository {
  return {
    list: () => db.select().from(cinemas).orderBy(asc(cinemas.name), asc(cinemas.id)),
    async get(id) {
      const [row] = await db.select().from(cinemas).where(eq(cinemas.id, id));
      return row ?? null;
    },
    async insertIfAbsent(cinema) {
      const inserted = await db.insert(cinemas).values(cinema).onConflictDoNothing().returning({ id: cinemas.id });
      return inserted.length === 1;
    },
    async update({ id, ...fields }) {
      const [row] = await db.update(cinemas).set(fields).where(eq(cinemas.id, id)).returning();
      return row ?? null;
    },
  };
}
