import mongoose from "mongoose";
import type { Storage } from "../interface.ts";
import { mongoBookings } from "./bookings.ts";
import { cleanUpLogger } from "./clean-up.ts";
import type { Logger } from "../../../logger.ts";
import { bindModels, retiredIndexes } from "./models.ts";
import { mongoMovies } from "./movies.ts";
import { mongoEventLog, mongoOutbox } from "./outbox.ts";
import { mongoEffects } from "./effects.ts";
import { mongoWaitlist } from "./waitlist.ts";
import { mongoShows } from "./shows.ts";
import { mongoScreens } from "./screens.ts";
import { mongoCinemas } from "./cinemas.ts";
import { mongoUsers } from "./users.ts";
import { mongoSecrets, mongoTickets } from "./tickets.ts";

export interface MongoOptions {
  /** Currency of the tutorial's major-unit prices, and of the major-unit copies we write. */
  currency?: string;
  /** How long to wait for a reachable server before an operation fails (default 5 s). */
  serverSelectionTimeoutMS?: number;
  /** How long an operation may wait for the server's answer before its connection is given up (default: no limit). */
  socketTimeoutMS?: number;
  poolSize?: number;
  /** Where failed clean-up steps are reported. */
  logger?: Logger;
}

/** The database named in the URI's path, or "quickshow" when the URI names none. */
export function databaseNameOf(uri: string) {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * MongoDB (a server, a replica set, Atlas, or FerretDB) through its own Mongoose connection,
 * never the global one, so several storages (tests, two instances) can live in one process.
 * Commands are not buffered while disconnected: they fail after the server-selection timeout
 * (or the socket timeout when the server stops answering) and the app answers 503 instead of hanging.
 */
export async function openMongoStorage(uri: string, options: MongoOptions = {}): Promise<Storage> {
  const currency = options.currency ?? "usd";
  const connection = mongoose.createConnection(uri, {
    dbName: databaseNameOf(uri) ?? "quickshow",
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    connectTimeoutMS: Math.min(10_000, options.serverSelectionTimeoutMS ?? 10_000),
    socketTimeoutMS: options.socketTimeoutMS ?? 0,
    maxPoolSize: options.poolSize ?? 20,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  });
  await connection.asPromise();
  const models = bindModels(connection);
  try {
    await dropRetiredIndexes(connection);
    await createIndexes(Object.values(models));
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }

  const pool = poolCounter(connection.getClient());
  const cleanUpFailed = cleanUpLogger(options.logger);
  const bookings = mongoBookings(models, currency, cleanUpFailed);
  // A sale a crash cut short is finished before this instance serves anyone.
  await bookings.finishInterruptedWrites(new Date());
  const users = mongoUsers(models);
  return {
    kind: "mongo",
    users,
    movies: mongoMovies(models),
    shows: mongoShows(models, currency, cleanUpFailed),
    screens: mongoScreens(models),
    cinemas: mongoCinemas(models),
    bookings,
    events: mongoEventLog(models),
    outbox: mongoOutbox(models),
    effects: mongoEffects(models),
    waitlist: mongoWaitlist(models),
    tickets: mongoTickets(models, currency, { users }),
    secrets: mongoSecrets(models),
    async ping() {
      try {
        await connection.db!.command({ ping: 1 }, { timeoutMS: 2_000 });
        return true;
      } catch {
        return false;
      }
    },
    poolStats: () => ({ ...pool }),
    async close() {
      await connection.close();
    },
  };
}

/** Connections checked out and requests waiting for one, counted from the driver's pool events. */
function poolCounter(client: { on(event: string, listener: () => void): unknown }) {
  const stats = { inUse: 0, waiting: 0 };
  client.on("connectionCheckOutStarted", () => void stats.waiting++);
  client.on("connectionCheckOutFailed", () => void (stats.waiting = Math.max(0, stats.waiting - 1)));
  client.on("connectionCheckedOut", () => {
    stats.waiting = Math.max(0, stats.waiting - 1);
    stats.inUse++;
  });
  client.on("connectionCheckedIn", () => void (stats.inUse = Math.max(0, stats.inUse - 1)));
  return stats;
}

/** Drops indexes an earlier version created (idempotent: a missing index or collection is fine). */
async function dropRetiredIndexes(connection: mongoose.Connection) {
  for (const { collection, name } of retiredIndexes) {
    try {
      await connection.db!.collection(collection).dropIndex(name);
    } catch (error) {
      if (!/not found|ns does not exist|NamespaceNotFound|IndexNotFound/i.test(`${(error as { codeName?: string }).codeName ?? ""} ${(error as Error).message}`)) throw error;
    }
  }
}

/**
 * The indexes the queries need, created at start (idempotent). Instances starting together
 * may race to create a collection; the loser's error is retried once the other has finished.
 */
async function createIndexes(models: { createIndexes(): Promise<unknown>; modelName: string }[]) {
  for (const model of models) {
    for (let attempt = 0; ; attempt++) {
      try {
        await model.createIndexes();
        break;
      } catch (error) {
        if (attempt >= 5 || !/already exists|being created|conflict/i.test(String((error as Error).message))) {
          throw new Error(`Could not create the indexes of ${model.modelName}: ${(error as Error).message}`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  }
}
