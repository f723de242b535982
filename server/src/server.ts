import type { Server } from "node:http";
import type { DestinationStream } from "pino";
import { createApp } from "./app.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import type { MailProvider } from "./providers/mail/interface.ts";
import type { Storage } from "./providers/storage/interface.ts";
import { createLogger } from "./logger.ts";
import { createDeps } from "./providers/index.ts";
import { openStorage } from "./providers/storage/index.ts";
import { changeReportingStorage } from "./providers/storage/change-reporting.ts";
import { withRecentUsers } from "./providers/storage/recent-users.ts";
import { openBus } from "./providers/bus/index.ts";
import { dropCachedReads, ReadCache } from "./http/read-cache.ts";
import { createSeatStreams } from "./live/index.ts";
import { metricsHandler, startMetricsServer } from "./metrics/endpoint.ts";
import { createMetrics, noMetrics } from "./metrics/metrics.ts";
import { seedIfEmpty } from "./seed/demo.ts";
import { defaultScreen } from "./venues/screens.ts";

export interface RunningServer {
  deps: Deps;
  server: Server;
  url: string;
  /** Set when metrics are served on their own port (METRICS_PORT). */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/** Opens providers, seeds a new database, listens; `close` drains requests and closes storage. */
export async function startServer(
  config: Config,
  options: { clock?: Clock; webDistDir?: string; storage?: Storage; mail?: MailProvider; logDestination?: DestinationStream } = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;
  const readCache = new ReadCache(clock);
  const rawStorage = options.storage ?? (await openStorage(config, logger));
  const bus = await openBus(config, logger).catch(async (error) => {
    if (!options.storage) await rawStorage.close();
    throw error;
  });
  // This instance's own cache is dropped at once (read-your-writes); other instances hear the bus.
  const storage = withRecentUsers(
    changeReportingStorage(rawStorage, (event) => {
      dropCachedReads(readCache, event);
      bus.publish(event);
    }),
    undefined,
    undefined,
    bus,
  );
  bus.subscribe((event) => dropCachedReads(readCache, event));
  const metrics = config.metrics ? createMetrics(storage, clock) : noMetrics;
  const deps = await createDeps({ config, clock, logger, storage, bus, metrics });
  if (options.mail) deps.mail = options.mail;
  // QuickShow's screen exists from the first start, so shows scheduled without a screen have one.
  await defaultScreen(deps);
  if (config.seedDemo) await seedIfEmpty(deps);
  if (config.jobsEnabled) deps.jobs.start();
  const seatStreams = createSeatStreams(deps);
  const app = createApp(deps, { webDistDir: options.webDistDir, readCache, seatStreams });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once("error", reject);
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url: `http://localhost:${port}`, storage: storage.kind }, "QuickShow is listening");
  const metricsServer =
    config.metrics?.port != null && metrics.registry
      ? await startMetricsServer(metricsHandler(metrics.registry, config.metrics.token), config.metrics.port, config.host)
      : null;
  const metricsAddress = metricsServer?.address();
  const metricsUrl = metricsAddress && typeof metricsAddress === "object" ? `http://127.0.0.1:${metricsAddress.port}/metrics` : null;
  if (metricsUrl) logger.info({ url: metricsUrl }, "metrics are served on their own port");

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
        server.closeIdleConnections();
        // Seat streams never finish by themselves: end them, and their clients reconnect elsewhere.
        seatStreams.close();
      });
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await deps.jobs.stop();
      await bus.close();
      await storage.close();
    })());
  return { deps, server, url, metricsUrl, close };
}
