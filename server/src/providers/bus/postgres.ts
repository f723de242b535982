import pg from "pg";
import type { Logger } from "../../logger.ts";
import { decodeEvent } from "./codec.ts";
import type { ChangeBus, ChangeEvent, ChangeListener } from "./interface.ts";
import { Listeners } from "./listeners.ts";
import { PublishBatcher } from "./pending.ts";

const channel = "quickshow_changes";

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection per instance (a pooled connection would
 * be handed to others and stop listening). Publishes are batched into one statement per tick.
 * The connection is replaced with backoff when it drops; listeners then hear "everything may
 * have changed", because NOTIFY keeps nothing for a listener that was away.
 */
export class PostgresNotifyBus implements ChangeBus {
  readonly kind = "postgres-notify";
  private readonly listeners: Listeners;
  private client: pg.Client | null = null;
  // Events published while disconnected go out with the next connection.
  private readonly outgoing: PublishBatcher;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  private constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {
    this.listeners = new Listeners(logger);
    this.outgoing = new PublishBatcher(
      (payloads) => this.client!.query("select pg_notify($1, p) from unnest($2::text[]) as p", [channel, payloads]),
      () => this.client !== null && !this.closed,
      logger,
    );
  }

  static async open(connectionString: string, logger: Logger) {
    const bus = new PostgresNotifyBus(connectionString, logger);
    await bus.connect();
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
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect() {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      const event = decodeEvent(message.payload);
      if (event) this.listeners.emit(event);
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      if (!this.closed) {
        this.logger.warn({ err }, "lost the PostgreSQL connection listening for seat changes; reconnecting");
        this.scheduleReconnect();
      }
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    this.client = client;
    this.failures = 0;
    this.outgoing.flush();
  }

  private scheduleReconnect() {
    if (this.reconnectTimer || this.closed) return;
    const delay = Math.min(10_000, 250 * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures++;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      try {
        await this.connect();
        this.listeners.emitGap();
      } catch (err) {
        this.logger.warn({ err }, "could not reconnect the seat-change listener");
        this.scheduleReconnect();
      }
    }, delay);
    this.reconnectTimer.unref();
  }
}
