import { asc, eq, sql } from "drizzle-orm";
import type { ScreenRecord, ScreenRepository } from "../interface.ts";
import type { Db } from "./db.ts";
import { screens } from "./schema.ts";

export function postgresScreens(db: Db): ScreenRepository {
  return {
    list: () => db.select().from(screens).orderBy(asc(screens.name), asc(screens.id)),
    async get(id) {
      const [row] = await db.select().from(screens).where(eq(screens.id, id));
      return row ?? null;
    },
    async insertIfAbsent(screen) {
      const inserted = await db.insert(screens).values(screen).onConflictDoNothing().returning({ id: screens.id });
      return inserted.length === 1;
    },
    async update(id, change, expectedVersion) {
      const [row] = await db
        .update(screens)
        .set({ ...change, version: sql`${screens.version} + 1` })
        .where(expectedVersion === undefined ? eq(screens.id, id) : sql`${screens.id} = ${id} and ${screens.version} = ${expectedVersion}`)
        .returning();
      return (row as ScreenRecord | undefined) ?? null;
    },
  };
}
