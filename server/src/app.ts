import cors from "cors";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { randomUUID } from "node:crypto";
import { adminRouter } from "./admin/router.ts";
import { userWebhookRouter } from "./auth/user-webhook.ts";
import { localAuthRouter } from "./auth/router.ts";
import { clerkCspSources } from "./providers/auth/clerk.ts";
import { bookingsRouter } from "./bookings/router.ts";
import { waitlistRouter } from "./waitlist/router.ts";
import { paymentWebhookRouter } from "./checkout/payment-webhook.ts";
import { localCheckoutRouter } from "./checkout/router.ts";
import type { Deps } from "./deps.ts";
import { apiNotFound, errorMiddleware } from "./http/error-middleware.ts";
import { AppError } from "./errors.ts";
import { docsHtml, docsScript } from "./http/docs/page.ts";
import { openApiDocument } from "./http/openapi.ts";
import { rateLimits } from "./http/rate-limits.ts";
import { ReadCache } from "./http/read-cache.ts";
import { mountRoute } from "./http/route.ts";
import { webClientRouter } from "./http/web-client.ts";
import { createSeatStreams } from "./live/index.ts";
import { seatStreamRouter } from "./live/router.ts";
import type { SeatStreams } from "./live/seat-streams.ts";
import { mediaRouter } from "./media/router.ts";
import { showsRouter } from "./shows/router.ts";
import { usersRouter } from "./users/router.ts";

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
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => req.url === "/api/health" },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
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
  api.use(["/api/auth/login", "/api/auth/register", "/api/auth/forgot-password", "/api/auth/reset-password"], limits.auth);
  // Booking attempts are limited per account by the booking service, which knows the account.
  api.use(express.json({ limit: config.bodyLimit, strict: true }));
  mountRoute(api, deps, "health", async () => {
    const reachable = await storage.ping();
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
  const openApi = openApiDocument();
  api.get("/api/openapi.json", (_req, res) => void res.json(openApi));
  if (config.apiDocs) {
    api.get("/api/docs", (_req, res) => void res.type("html").send(docsHtml));
    api.get("/api/docs/app.js", (_req, res) => void res.type("text/javascript").send(docsScript));
  }
  api.use(localAuthRouter(deps));
  const readCache = options.readCache ?? new ReadCache(deps.clock);
  api.use(showsRouter(deps, readCache));
  api.use(seatStreamRouter(options.seatStreams ?? createSeatStreams(deps)));
  api.use(bookingsRouter(deps, readCache));
  api.use(waitlistRouter(deps));
  api.use(usersRouter(deps));
  api.use(adminRouter(deps));
  app.use(api);
  app.use("/api", apiNotFound);

  app.use(express.urlencoded({ extended: false, limit: "10kb" }));
  app.use(localCheckoutRouter(deps));
  app.use(mediaRouter(deps));
  app.use(webClientRouter(options.webDistDir));
  app.use(errorMiddleware(logger));
  return app;
}
