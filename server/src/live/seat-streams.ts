import type { Request, Response } from "express";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { ChangeBus, ChangeEvent } from "../providers/bus/interface.ts";

export interface SeatStreamOptions {
  /** Comment lines that keep idle connections open through proxies; each also re-reads every shown map. */
  heartbeatMs: number;
  /** Open streams this instance accepts; beyond it clients get 503 and poll instead. */
  maxStreams: number;
  /** Open streams one client address may hold, so one client cannot take every slot; beyond it 429. */
  maxStreamsPerClient: number;
  /** At most one read per show per this interval, however many events and streams there are. */
  minReadIntervalMs?: number;
}

interface Snapshot {
  /** The whole SSE frame, built once and written to every stream of the show. */
  frame: string;
  /** Order in which its read started: a later read's answer always wins. */
  seq: number;
  readAt: number;
}

interface Stream {
  res: Response;
  lastFrame: string | null;
}

interface ShowFeed {
  streams: Set<Stream>;
  latest: Snapshot | null;
  reading: Promise<Snapshot> | null;
  /** A change arrived since the last read started. */
  dirty: boolean;
  timer: NodeJS.Timeout | null;
  lastReadStartedAt: number;
}

/** Above this much unsent data a client is too slow to follow; it is cut off and reconnects. */
const maxBufferedBytes = 64 * 1024;
/** A snapshot this young is handed to a new stream without reading again (when no change is pending). */
const freshMs = 1_000;

/**
 * The open seat streams of this instance, grouped by show. A change event for a show (from any
 * instance, through the bus) leads to one read of its seats, shared by all its streams, and the
 * new snapshot goes only to streams that have not seen it. Bursts coalesce: reads of one show are
 * at least `minReadIntervalMs` apart, and a change during a read leads to exactly one more read.
 */
export class SeatStreams {
  private readonly feeds = new Map<string, ShowFeed>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly minReadIntervalMs: number;
  private seq = 0;
  private open = 0;
  /** Open streams by client address (`req.ip`, which TRUST_PROXY decides). */
  private readonly byClient = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly readSeats: (showId: string) => Promise<string[]>,
    bus: ChangeBus,
    private readonly logger: Logger,
    private readonly options: SeatStreamOptions,
  ) {
    this.minReadIntervalMs = options.minReadIntervalMs ?? 100;
    this.unsubscribe = bus.subscribe((event) => this.onChange(event));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  get openStreams() {
    return this.open;
  }

  /**
   * Answers the request with the show's stream: errors (unknown show, too many streams) are
   * thrown before anything is sent, so they reach the client as ordinary JSON errors.
   */
  async serve(showId: string, req: Request, res: Response) {
    if (this.closed || this.open >= this.options.maxStreams) {
      throw new AppError("unavailable", "Live seat updates are busy on this server; poll /api/booking/seats/:showId instead");
    }
    const client = req.ip ?? "unknown";
    // Counted before the read, so a burst of requests from one client cannot all slip past.
    const ofClient = this.byClient.get(client) ?? 0;
    if (ofClient >= this.options.maxStreamsPerClient) {
      throw new AppError(
        "rate_limited",
        `Too many live seat maps open from your address (at most ${this.options.maxStreamsPerClient}); close some, or poll /api/booking/seats/:showId`,
        { limit: this.options.maxStreamsPerClient },
      );
    }
    this.byClient.set(client, ofClient + 1);
    const release = () => {
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
    let initial: Snapshot;
    try {
      initial = await this.snapshotFor(showId);
    } catch (err) {
      release();
      throw err;
    }
    if (req.destroyed) return release();
    const feed = this.feedOf(showId);
    const stream: Stream = { res, lastFrame: null };
    feed.streams.add(stream);
    this.open++;

    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // Proxies such as nginx would otherwise hold events back in their buffers.
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    // Spread over 2–5 s, so clients cut off together do not come back together.
    res.write(`retry: ${2_000 + Math.floor(Math.random() * 3_000)}\n`);
    // A read that started after ours (for a change) may have finished while we waited.
    const latest = feed.latest && feed.latest.seq > initial.seq ? feed.latest : initial;
    this.send(stream, latest.frame);

    req.once("close", () => {
      if (!feed.streams.delete(stream)) return;
      this.open--;
      release();
      if (feed.streams.size === 0 && !feed.reading) this.forget(showId, feed);
    });
  }

  /** Ends every stream (clients reconnect elsewhere) and stops listening; for shutdown. */
  close() {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.heartbeat);
    for (const [showId, feed] of this.feeds) {
      for (const stream of feed.streams) stream.res.end();
      feed.streams.clear();
      this.forget(showId, feed);
    }
    this.open = 0;
    this.byClient.clear();
  }

  private onChange(event: ChangeEvent) {
    if (event.kind === "listings" || event.kind === "users") return;
    if (event.kind === "seats") {
      const feed = this.feeds.get(event.showId);
      if (feed) this.markDirty(event.showId, feed);
      return;
    }
    for (const [showId, feed] of this.feeds) this.markDirty(showId, feed);
  }

  private beat() {
    for (const [showId, feed] of this.feeds) {
      // Left by a request that failed or went away before its stream opened.
      if (feed.streams.size === 0) {
        if (!feed.reading) this.forget(showId, feed);
        continue;
      }
      for (const stream of feed.streams) stream.res.write(": heartbeat\n\n");
      // A change whose event was lost (a dropped bus connection) shows up here at the latest.
      this.markDirty(showId, feed);
    }
  }

  private feedOf(showId: string) {
    let feed = this.feeds.get(showId);
    if (!feed) {
      feed = { streams: new Set(), latest: null, reading: null, dirty: false, timer: null, lastReadStartedAt: 0 };
      this.feeds.set(showId, feed);
    }
    return feed;
  }

  private forget(showId: string, feed: ShowFeed) {
    if (feed.timer) clearTimeout(feed.timer);
    if (this.feeds.get(showId) === feed) this.feeds.delete(showId);
  }

  private async snapshotFor(showId: string): Promise<Snapshot> {
    const feed = this.feedOf(showId);
    if (feed.reading) return feed.reading;
    if (feed.latest && !feed.dirty && performance.now() - feed.latest.readAt < freshMs) return feed.latest;
    if (feed.timer) {
      clearTimeout(feed.timer);
      feed.timer = null;
    }
    return this.read(showId, feed);
  }

  private markDirty(showId: string, feed: ShowFeed) {
    feed.dirty = true;
    if (feed.timer || feed.reading) return; // the read in flight schedules the next one
    const wait = Math.max(0, feed.lastReadStartedAt + this.minReadIntervalMs - performance.now());
    feed.timer = setTimeout(() => {
      feed.timer = null;
      this.read(showId, feed).catch((err) => this.logger.warn({ err, showId }, "could not refresh a live seat map"));
    }, wait);
  }

  private read(showId: string, feed: ShowFeed): Promise<Snapshot> {
    feed.dirty = false;
    feed.lastReadStartedAt = performance.now();
    const seq = ++this.seq;
    const reading = this.readSeats(showId).then((occupiedSeats) => {
      const snapshot = { frame: `event: seats\ndata: ${JSON.stringify({ occupiedSeats })}\n\n`, seq, readAt: performance.now() };
      if (!feed.latest || feed.latest.seq < seq) {
        feed.latest = snapshot;
        for (const stream of feed.streams) this.send(stream, snapshot.frame);
      }
      return snapshot;
    });
    feed.reading = reading;
    const settle = () => {
      if (feed.reading === reading) feed.reading = null;
      // Also with no stream yet: the requests that waited for this read attach right after it.
      if (feed.dirty && !this.closed) this.markDirty(showId, feed);
    };
    reading.then(settle, settle);
    return reading;
  }

  private send(stream: Stream, frame: string) {
    if (stream.lastFrame === frame) return;
    if (stream.res.writableLength > maxBufferedBytes) {
      stream.res.end();
      return;
    }
    stream.lastFrame = frame;
    stream.res.write(frame);
  }
}
