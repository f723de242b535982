import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.ts";

/** Either driver (PGlite in-process or node-postgres); the query builder is the same. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
