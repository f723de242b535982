import cors from "cors";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { randomUUID } from "node:crypto";
import { adminRouter } from "./admin/router.ts";
import { userWebhookRouter } from "./auth/user-webhook.ts";
import { localAuthRouter } from "./auth/router.ts";
import { clerkCspSources } from "./providers/auth/clerk-csp.ts";
import { bookingsRouter } from "./bookings/router.ts";
import { waitlistRouter } from "./waitlist/router.ts";
import { paymentWebhookRouter } from "./checkout/payment-webhook.ts";
import { localCheckoutRouter } from "./checkout/router.ts";
import type { Deps } from "./deps.ts";
import { apiNotFound, errorMiddleware } from "./http/error-middleware.ts";
import { redactUrl, serializeError } from "./log-safety.ts";
import { AppError } from "./errors.ts";
import { docsHtml, docsScript } from "./http/docs/page.ts";
import { openApiDocument } from "./http/openapi.ts";
import { rateLimits } from "./http/rate-limits.ts";
import { ReadCache } from "./http/read-cache.ts";
import { pageShells } from "./http/page-shells.ts";
import { compressAnswers } from "./http/compress.ts";
import { mountRoute } from "./http/route.ts";
import { webClientRouter } from "./http/web-client.ts";
import { missingFile, sendSitePage, wantsPage } from "./http/web-client.ts";
import { createSeatStreams } from "./live/index.ts";
import { seatStreamRouter } from "./live/router.ts";
import type { SeatStreams } from "./live/seat-streams.ts";
import { mediaRouter } from "./media/router.ts";
import { metricsHandler } from "./metrics/endpoint.ts";
import { requestMetrics } from "./metrics/http.ts";
import { showsRouter } from "./shows/router.ts";
import { usersRouter } from "./users/router.ts";
import { venuesRouter } from "./venues/router.ts";
import { ticketsRouter } from "./tickets/router.ts";
import { staffRouter } from "./users/staff-router.ts";

/** Builds the whole HTTP app from its dependencies; listening is index.ts's job. */
export function createApp(deps: Deps, options: { webDistDir?: string; readCache?: ReadCache; seatStreams?: SeatStreams } = {}) {
  const { config, logger, storage } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      // A 4xx is the client's mistake or an expected outcome (a seat just taken): not a warning.
      // A 503 is an outage that whoever met it reports once, not once per request.
      customLogLevel: (_req, res, err) => (res.statusCode === 503 ? "info" : err || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => req.url === "/api/health" },
      // Used as they are: pino's standard error serializer would copy a driver's values first.
      wrapSerializers: false,
      serializers: {
        err: serializeError,
        // originalUrl: a mounted router (/assets, /media/uploads) rewrites `url` to its own part.
        req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  if (deps.metrics.registry) {
    app.use(requestMetrics(deps.metrics));
    // With its own port (METRICS_PORT) the endpoint lives there, off the public listener.
    if (config.metrics?.port == null) app.get("/metrics", metricsHandler(deps.metrics.registry, config.metrics?.token ?? null));
  }
  app.use(compressAnswers());
  // Clerk's browser SDK loads from its Frontend API; nothing is added without Clerk.
  const clerkCsp = config.clerk ? clerkCspSources(config.clerk.publishableKey) : null;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Posters and cast photos may come from TMDB or Cloudinary.
          "img-src": ["'self'", "data:", "https:"],
          "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com", ...(clerkCsp?.frame ?? [])],
          ...(clerkCsp
            ? {
                "script-src": ["'self'", ...clerkCsp.script],
                "connect-src": ["'self'", ...clerkCsp.connect],
                "worker-src": clerkCsp.worker,
              }
            : {}),
          "form-action": ["'self'", "https://checkout.stripe.com"],
          // Served over plain HTTP on localhost by default; upgrading would break it.
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: config.publicUrl.startsWith("https://"),
    }),
  );
  app.use(
    "/api",
    cors({
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      credentials: false,
    }),
  );

  // Signed webhooks read their raw body, so they come before any JSON parsing.
  app.use(userWebhookRouter(deps));
  app.use(paymentWebhookRouter(deps));
  // Inngest calls its functions here; its step state can exceed the API's body limit.
  if (deps.jobs.endpoint) app.use(deps.jobs.endpoint.path, express.json({ limit: "4mb" }), deps.jobs.endpoint.handler);

  const api = express.Router();
  const limits = rateLimits(config);
  // Confirmation links carry a signed token (nothing to guess) and resends are deduplicated per account.
  api.use(["/api/auth/login", "/api/auth/register", "/api/auth/reset-password", "/api/auth/change-password"], limits.auth);
  api.use("/api/auth/forgot-password", limits.mail);
  // Booking attempts are limited per account by the booking service, which knows the account.
  api.use(express.json({ limit: config.bodyLimit, strict: true }));
  mountRoute(api, deps, "health", async () => {
    // A frozen database never answers the ping; the balancer gets its 503 on time anyway.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(resolve, config.healthTimeoutMs, false)));
    const reachable = await Promise.race([storage.ping(), deadline]).finally(() => clearTimeout(timer));
    if (!reachable) throw new AppError("unavailable", `Storage (${storage.kind}) is unreachable`);
    return { status: "ok" as const, storage: { kind: storage.kind, reachable } };
  });
  mountRoute(api, deps, "publicConfig", async () => ({
    currency: config.currency,
    theaterTimeZone: config.theaterTimeZone,
    maxSeatsPerBooking: config.maxSeatsPerBooking,
    holdMinutes: config.holdMinutes,
    auth: config.clerk
      ? { provider: "clerk" as const, publishableKey: config.clerk.publishableKey }
      : { provider: "local" as const, requireEmailVerification: config.requireEmailVerification },
  }));
  // Built on first request: converting every schema takes a noticeable part of a cold start.
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  api.get("/api/openapi.json", (_req, res) => void res.json((openApi ??= openApiDocument())));
  if (config.apiDocs) {
    api.get("/api/docs", (_req, res) => void res.type("html").send(docsHtml));
    api.get("/api/docs/app.js", (_req, res) => void res.type("text/javascript").send(docsScript));
  }
  api.use(localAuthRouter(deps));
  const readCache = options.readCache ?? new ReadCache(deps.clock);
  // Before the shows and bookings routers: /api/booking/best/:showId must not be read as a booking id.
  api.use(venuesRouter(deps));
  api.use(showsRouter(deps, readCache));
  api.use(seatStreamRouter(options.seatStreams ?? createSeatStreams(deps)));
  api.use(bookingsRouter(deps, readCache));
  api.use(waitlistRouter(deps));
  api.use(usersRouter(deps));
  api.use(adminRouter(deps));
  api.use(ticketsRouter(deps));
  api.use(staffRouter(deps));
  app.use(api);
  app.use("/api", apiNotFound);

  app.use(express.urlencoded({ extended: false, limit: "10kb" }));
  app.use(localCheckoutRouter(deps));
  app.use(mediaRouter(deps));
  // Pages carry their first paint in their HTML (page-shells.ts).
  app.use(webClientRouter(options.webDistDir, { pageShell: pageShells(deps, readCache) }));
  // Issue 12: a page nobody answered, or one that failed, gets the site's own page, not JSON or "Cannot GET".
  const pageError = (req: express.Request, res: express.Response, status: number) => {
    if (res.headersSent || !wantsPage(req)) return false;
    sendSitePage(res, status, options.webDistDir);
    return true;
  };
  app.use((req, res, next) => (pageError(req, res, 404) ? undefined : next()), missingFile);
  app.use(errorMiddleware(logger, pageError));
  return app;
}
