import mongoose from "mongoose";
import type { Logger } from "../../logger.ts";
import { databaseNameOf } from "../storage/mongo/storage.ts";
import { decodeEvent } from "./codec.ts";
import type { ChangeBus, ChangeEvent, ChangeListener } from "./interface.ts";
import { Listeners } from "./listeners.ts";
import { PublishBatcher } from "./pending.ts";

/** One small document per change key (`seats:<show id>`, `seats:*`, `listings`), bumped on each change. */
interface ChangeDoc {
  _id: string;
  version: number;
  at: Date;
}

const collectionName = "live_changes";
/** How far back a poll looks past the newest change it saw, for writes that commit out of order. */
const pollOverlapMs = 3_000;

/**
 * MongoDB: publishing bumps a per-key version counter in `live_changes` (the server's clock
 * stamps it). Where the server has change streams (a replica set, Atlas) each instance watches
 * that collection; where it has not (a single node, FerretDB v1) each instance polls it every
 * `pollMs` for versions it has not seen, which costs one indexed query per instance per interval.
 */
export class MongoBus implements ChangeBus {
  kind: ChangeBus["kind"] = "mongo-polling";
  private readonly listeners: Listeners;
  private closed = false;
  private readonly outgoing: PublishBatcher;
  private pollTimer: NodeJS.Timeout | null = null;
  private stream: mongoose.mongo.ChangeStream<ChangeDoc> | null = null;
  private readonly seen = new Map<string, { version: number; at: number }>();
  private watermark = new Date(0);
  private pollFailing = false;

  private constructor(
    private readonly connection: mongoose.Connection,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {
    this.listeners = new Listeners(logger);
    this.outgoing = new PublishBatcher(
      (keys) =>
        this.collection().bulkWrite(
          keys.map((key) => ({ updateOne: { filter: { _id: key }, update: { $inc: { version: 1 }, $currentDate: { at: true } }, upsert: true } })),
          { ordered: false },
        ),
      () => !this.closed,
      logger,
    );
  }

  static async open(uri: string, options: { pollMs: number }, logger: Logger) {
    const connection = mongoose.createConnection(uri, {
      dbName: databaseNameOf(uri) ?? "quickshow",
      serverSelectionTimeoutMS: 5_000,
      maxPoolSize: 2,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
    });
    await connection.asPromise();
    const bus = new MongoBus(connection, options.pollMs, logger);
    try {
      await bus.collection().createIndex({ at: 1 });
      if (!(await bus.watch())) await bus.startPolling();
    } catch (error) {
      await connection.close().catch(() => {});
      throw error;
    }
    logger.info({ bus: bus.kind }, "following changes on MongoDB");
    return bus;
  }

  publish(event: ChangeEvent) {
    if (!this.closed) this.outgoing.add(event);
  }

  subscribe(listener: ChangeListener) {
    return this.listeners.add(listener);
  }

  async close() {
    // What was published last (a command's sweep, a booking during shutdown) still goes out.
    await this.outgoing.settled();
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.stream?.close().catch(() => {});
    await this.connection.close().catch(() => {});
  }

  private collection() {
    return this.connection.db!.collection<ChangeDoc>(collectionName);
  }

  /** True when the server accepted a change stream; false when it has none (FerretDB, a single node). */
  private async watch(): Promise<boolean> {
    const stream = this.collection().watch<ChangeDoc>([], { fullDocument: "default" });
    try {
      // The first batch is where a server without change streams refuses.
      await stream.tryNext();
    } catch (err) {
      await stream.close().catch(() => {});
      this.logger.info({ err: (err as Error).message }, "MongoDB has no change streams here; polling for changes instead");
      return false;
    }
    this.kind = "mongo-change-stream";
    this.stream = stream;
    stream.on("change", (change) => {
      const key = "documentKey" in change ? (change.documentKey as { _id: string })._id : null;
      const event = key ? decodeEvent(key) : null;
      if (event) this.listeners.emit(event);
    });
    stream.on("error", (err) => {
      // The driver resumes by itself after transient errors; this is one it could not resume from.
      if (this.closed) return;
      this.logger.warn({ err }, "the MongoDB change stream failed; watching again");
      this.stream = null;
      void stream.close().catch(() => {});
      setTimeout(() => {
        if (this.closed) return;
        void this.watch().then(
          (ok) => (ok ? this.listeners.emitGap() : this.startPolling()),
          () => this.startPolling(),
        );
      }, 1_000).unref();
    });
    return true;
  }

  private async startPolling() {
    this.kind = "mongo-polling";
    // Versions already there at start are the baseline, not news.
    await this.poll(false);
    this.schedulePoll();
  }

  private schedulePoll() {
    if (this.closed) return;
    this.pollTimer = setTimeout(async () => {
      await this.poll(true);
      this.schedulePoll();
    }, this.pollMs);
    this.pollTimer.unref();
  }

  private async poll(emit: boolean) {
    let docs: ChangeDoc[];
    try {
      docs = await this.collection().find({ at: { $gte: this.watermark } }).toArray();
    } catch (err) {
      if (!this.pollFailing) this.logger.warn({ err }, "could not poll for seat changes");
      this.pollFailing = true;
      return;
    }
    if (this.pollFailing && emit) this.listeners.emitGap();
    this.pollFailing = false;
    let newest = this.watermark.getTime() + pollOverlapMs;
    for (const doc of docs) {
      const at = doc.at.getTime();
      newest = Math.max(newest, at);
      const known = this.seen.get(doc._id);
      if (known && known.version >= doc.version) continue;
      this.seen.set(doc._id, { version: doc.version, at });
      const event = decodeEvent(doc._id);
      if (emit && event) this.listeners.emit(event);
    }
    this.watermark = new Date(newest - pollOverlapMs);
    // Keys older than the window are never returned again unless they change, so forget them.
    for (const [key, { at }] of this.seen) if (at < this.watermark.getTime()) this.seen.delete(key);
  }
}
