import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Storage } from "../interface.ts";
import { postgresBookings } from "./bookings.ts";
import type { Db } from "./db.ts";
import { postgresEffects } from "./effects.ts";
import { postgresWaitlist } from "./waitlist.ts";
import { postgresMovies } from "./movies.ts";
import { postgresEventLog, postgresOutbox } from "./outbox.ts";
import * as schema from "./schema.ts";
import { postgresShows } from "./shows.ts";
import { postgresScreens } from "./screens.ts";
import { postgresCinemas } from "./cinemas.ts";
import { postgresUsers } from "./users.ts";
import { postgresSecrets, postgresTickets } from "./tickets.ts";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

function repositories(kind: Storage["kind"], db: Db, close: () => Promise<void>): Storage {
  return {
    kind,
    users: postgresUsers(db),
    movies: postgresMovies(db),
    shows: postgresShows(db),
    screens: postgresScreens(db),
    cinemas: postgresCinemas(db),
    bookings: postgresBookings(db),
    events: postgresEventLog(db),
    outbox: postgresOutbox(db),
    effects: postgresEffects(db),
    waitlist: postgresWaitlist(db),
    tickets: postgresTickets(db),
    secrets: postgresSecrets(db),
    async ping() {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    close,
  };
}

export interface PostgresTimeouts {
  /** Waiting for a connection: from the pool, or a new one to the server. */
  connectMs: number;
  /** The server cancels a statement that runs longer (statement_timeout), and ends a transaction left idle that long. */
  statementMs: number;
  /** The client gives up on a server that does not answer (frozen, or the network gone); the connection is dropped. */
  queryMs: number;
}

/** PostgreSQL server through node-postgres; migrations run under an advisory lock so instances can start together. */
export async function openPostgresStorage(
  connectionString: string,
  options: { poolSize?: number; onIdleError?: (error: Error) => void; timeouts?: PostgresTimeouts } = {},
): Promise<Storage> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const timeouts = options.timeouts;
  // Migrations get their own connection without the pool's timeouts: waiting for another
  // instance's migrations under the advisory lock may take longer than any query should.
  const lockClient = new pg.Client({ connectionString, connectionTimeoutMillis: timeouts?.connectMs });
  await lockClient.connect();
  try {
    await lockClient.query("select pg_advisory_lock(8152024)");
    await migrate(drizzle(lockClient, { schema }), { migrationsFolder });
  } finally {
    await lockClient.query("select pg_advisory_unlock(8152024)").catch(() => {});
    await lockClient.end().catch(() => {});
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    ...(timeouts
      ? {
          connectionTimeoutMillis: timeouts.connectMs,
          statement_timeout: timeouts.statementMs,
          idle_in_transaction_session_timeout: timeouts.statementMs,
          query_timeout: timeouts.queryMs,
        }
      : {}),
  });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the
  // process; the pool replaces it and the next query reconnects.
  pool.on("error", (error) => options.onIdleError?.(error));
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    ...repositories("postgres", db, () => pool.end()),
    poolStats: () => ({ inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** Embedded PostgreSQL (WASM) with its files under `dataDir`, or in memory when dataDir is null. */
export async function openPgliteStorage(dataDir: string | null): Promise<Storage> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  // The overlap constraint on shows needs btree_gist, which PGlite ships as a separate module.
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const options = { extensions: { btree_gist } };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return repositories("pglite", db as unknown as Db, () => client.close());
}
