import { proxyEntryProblem } from "./proxy-ranges.ts";
import { isTimeZone } from "@quickshow/contracts";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PORT_FILE: z.string().min(1).optional(),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url({ message: "must be a URL such as https://tickets.example.com" }).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  // MongoDB (or FerretDB); when set it wins over DATABASE_URL.
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/[^\s/?#]+/, "must start with mongodb:// or mongodb+srv:// followed by a host")
    .optional(),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").regex(/^[\x21-\x7e]+$/, "must be printable characters without spaces").optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  THEATER_TIMEZONE: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris").default("UTC"),
  CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO currency code such as usd")
    .transform((c) => c.toLowerCase())
    .default("usd"),
  HOLD_MINUTES: z.coerce.number().positive().max(24 * 60).default(10),
  WAITLIST_OFFER_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  CANCEL_CUTOFF_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  MAX_SEATS_PER_BOOKING: z.coerce.number().int().min(1).max(20).default(5),
  REMINDER_HOURS_BEFORE: z.coerce.number().positive().max(72).default(3),
  ADMIN_EMAILS: commaList.pipe(z.array(z.email({ message: "must list email addresses" }))).default([]),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(24 * 7),
  PASSWORD_HASH_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  SEED_DEMO: flag.default(true),
  JOBS_ENABLED: flag.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, "must be a size such as 100kb").default("100kb"),
  CORS_ORIGINS: commaList.default([]),
  TRUST_PROXY: z
    .string()
    .refine((v) => v.trim() !== "true", "must not be true: any client could then forge X-Forwarded-For and escape every rate limit; give the number of proxies in front of the server (e.g. 1) or their addresses")
    .transform((v, ctx) => {
      if (/^\d+$/.test(v.trim())) return Number(v.trim());
      const entries = v.split(",").map((x) => x.trim()).filter(Boolean);
      const problems = entries.map(proxyEntryProblem).filter((p) => p !== null);
      if (entries.length === 0 || problems.length > 0) {
        ctx.addIssue({ code: "custom", message: `must be a hop count (e.g. 1) or a comma-separated list of proxy addresses or private subnets (10.0.0.0/8, loopback): ${problems.join("; ") || v}` });
        return z.NEVER;
      }
      return entries;
    })
    .optional(),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  BOOKING_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  MAX_LIVE_HOLDS_PER_SHOW: z.coerce.number().int().positive().max(50).default(2),
  MAX_HELD_SEATS_PER_ACCOUNT: z.coerce.number().int().positive().max(500).default(20),
  // Defaults that depend on NODE_ENV are resolved in deriveConfig.
  REQUIRE_EMAIL_VERIFICATION: flag.optional(),
  ALLOW_DEMO_CHECKOUT: flag.default(false),
  API_DOCS: flag.optional(),
  LOGIN_FAILURES_BEFORE_BACKOFF: z.coerce.number().int().min(1).max(100).default(5),

  // Screens and seat rules.
  CLEANING_BUFFER_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
  CHECKIN_OPENS_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(90),
  ORPHAN_SEAT_RULE: flag.default(true),

  // Live seat maps (Server-Sent Events) and the change bus between instances.
  CHANGE_BUS_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(250),
  SEAT_STREAM_HEARTBEAT_SECONDS: z.coerce.number().min(1).max(300).default(15),
  SEAT_STREAMS_MAX: z.coerce.number().int().min(0).default(10_000),
  SEAT_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).default(20),

  // Clerk (sign-in): chosen when CLERK_SECRET_KEY is set.
  CLERK_SECRET_KEY: z.string().regex(/^sk_(test|live)_\S+$/, "must be a Clerk secret key (sk_test_… or sk_live_…)").optional(),
  CLERK_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_[A-Za-z0-9+/=_-]+$/, "must be a Clerk publishable key (pk_test_… or pk_live_…)")
    .optional(),
  CLERK_JWT_KEY: z
    .string()
    .transform((k) => k.replace(/\\n/g, "\n"))
    .refine((k) => k.includes("-----BEGIN PUBLIC KEY-----"), "must be the PEM public key from Clerk's dashboard")
    .optional(),
  CLERK_WEBHOOK_SIGNING_SECRET: z.string().regex(/^whsec_\S+$/, "must be a webhook signing secret (whsec_…)").optional(),
  CLERK_API_URL: z.url({ message: "must be a URL" }).optional(),
  CLERK_AUTHORIZED_PARTIES: commaList.pipe(z.array(z.url({ message: "must list origins such as https://tickets.example.com" }))).default([]),
  CLERK_ROLE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(60),

  // TMDB (catalog): chosen when TMDB_API_KEY is set.
  TMDB_API_KEY: z.string().min(20, "must be TMDB's API read access token (a long JWT)").optional(),
  TMDB_API_URL: z.url({ message: "must be a URL" }).default("https://api.themoviedb.org/3"),
  TMDB_IMAGE_URL: z.url({ message: "must be a URL" }).default("https://image.tmdb.org/t/p"),
  TMDB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  TMDB_CACHE_SECONDS: z.coerce.number().min(0).max(86_400).default(600),

  // Cloudinary (uploaded images): chosen when CLOUDINARY_URL or the three parts are set.
  CLOUDINARY_URL: z.string().regex(/^cloudinary:\/\/[^:@\s]+:[^@\s]+@[^\s]+$/, "must look like cloudinary://<api_key>:<api_secret>@<cloud_name>").optional(),
  CLOUDINARY_CLOUD_NAME: z.string().optional(),
  CLOUDINARY_API_KEY: z.string().optional(),
  CLOUDINARY_API_SECRET: z.string().optional(),
  CLOUDINARY_FOLDER: z.string().regex(/^[\w/-]{1,100}$/, "must be a folder name such as quickshow").default("quickshow"),
  IMAGE_UPLOAD_MAX_MB: z.coerce.number().positive().max(50).default(5),

  // Stripe (payments): chosen when both keys are set; STRIPE_API_BASE points the SDK elsewhere (tests).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/, "must be a webhook signing secret (whsec_…)").optional(),
  STRIPE_API_BASE: z.url({ message: "must be a URL such as http://127.0.0.1:12111" }).optional(),

  // Inngest (background jobs): chosen with INNGEST_DEV (1 or the dev server's URL), or both cloud keys.
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().regex(/^signkey-\w+-\w+$/, "must be an Inngest signing key (signkey-prod-…)").optional(),
  INNGEST_DEV: z
    .string()
    .refine((v) => /^(1|0|true|false)$/.test(v) || URL.canParse(v), "must be 1, 0 or the dev server's URL")
    .optional(),
  INNGEST_BASE_URL: z.url({ message: "must be a URL" }).optional(),

  // SMTP (mail): chosen when SMTP_HOST is set.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SENDER_EMAIL: z
    .string()
    .regex(/^([^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, "must be an address such as tickets@example.com or QuickShow <tickets@example.com>")
    .optional(),

  // Tickets and the door.
  TICKET_SIGNING_KEY: z
    .string()
    .transform((k) => k.replace(/\\n/g, "\n").trim())
    .refine(isEd25519PrivateKey, "must be an Ed25519 private key: PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) or a JWK with kty OKP, crv Ed25519, d and x")
    .optional(),
  TICKET_RESEND_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
}).superRefine((env, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    issue("STRIPE_WEBHOOK_SECRET", "is required with STRIPE_SECRET_KEY: without it no payment could be confirmed");
  }
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) issue("STRIPE_SECRET_KEY", "is required with STRIPE_WEBHOOK_SECRET");
  if (!inngestDevMode(env.INNGEST_DEV) && Boolean(env.INNGEST_EVENT_KEY) !== Boolean(env.INNGEST_SIGNING_KEY)) {
    issue(env.INNGEST_EVENT_KEY ? "INNGEST_SIGNING_KEY" : "INNGEST_EVENT_KEY", "INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY go together (or set INNGEST_DEV=1 for the dev server)");
  }
  if (env.SMTP_HOST && !env.SENDER_EMAIL) issue("SENDER_EMAIL", "is required with SMTP_HOST: the From address of every mail");
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASS)) issue(env.SMTP_USER ? "SMTP_PASS" : "SMTP_USER", "SMTP_USER and SMTP_PASS go together");
  if (env.CLERK_SECRET_KEY && !env.CLERK_PUBLISHABLE_KEY) {
    ctx.addIssue({ code: "custom", path: ["CLERK_PUBLISHABLE_KEY"], message: "is required with CLERK_SECRET_KEY" });
  }
  productionGuards(env, issue);
  const parts = [env.CLOUDINARY_CLOUD_NAME, env.CLOUDINARY_API_KEY, env.CLOUDINARY_API_SECRET];
  if (parts.some(Boolean) && !parts.every(Boolean)) {
    ctx.addIssue({ code: "custom", path: ["CLOUDINARY_CLOUD_NAME"], message: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET must be set together" });
  }
});

/** The shape of an Ed25519 private key; whether it really is one is found when it is imported at first use. */
function isEd25519PrivateKey(text: string) {
  if (/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----$/.test(text)) return true;
  try {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    return jwk.kty === "OKP" && jwk.crv === "Ed25519" && typeof jwk.d === "string" && typeof jwk.x === "string";
  } catch {
    return false;
  }
}

/**
 * Settings that are fine on a developer's machine but wrong for a live site: refused at start
 * with NODE_ENV=production, each with the reason.
 */
function productionGuards(env: z.infer<typeof envSchema>, issue: (path: string, message: string) => void) {
  if (env.NODE_ENV !== "production") return;
  if (!env.STRIPE_SECRET_KEY && !env.ALLOW_DEMO_CHECKOUT) {
    issue(
      "STRIPE_SECRET_KEY",
      "is required in production: without it the demo checkout marks bookings paid and no money is taken. Set the Stripe keys, or ALLOW_DEMO_CHECKOUT=true to run the demo checkout on purpose",
    );
  }
  const sharedDatabase = Boolean(env.DATABASE_URL || env.MONGODB_URI);
  if (sharedDatabase && !env.CLERK_SECRET_KEY && !env.JWT_SECRET) {
    issue(
      "JWT_SECRET",
      "is required in production with a database server (DATABASE_URL or MONGODB_URI) and local accounts: otherwise each instance generates its own secret and signs out the users of every other instance. Set the same JWT_SECRET (32+ characters) on every instance",
    );
  }
}

export type Env = z.input<typeof envSchema>;

export type Config = ReturnType<typeof deriveConfig>;

function deriveConfig(env: z.infer<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    /** Where to write the port actually bound (with PORT=0, the system picks a free one). */
    portFile: env.PORT_FILE,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    mongodbUri: env.MONGODB_URI,
    databaseTimeouts: {
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      // A little longer than the statement timeout by default, so the server cancels a slow
      // statement (the connection survives) before the client gives up on a silent server.
      queryMs: env.DATABASE_QUERY_TIMEOUT_MS ?? env.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    },
    healthTimeoutMs: env.HEALTH_TIMEOUT_MS,
    /** `GET /metrics`: off unless a bearer token or an internal port is set. */
    metrics:
      env.METRICS_TOKEN || env.METRICS_PORT !== undefined ? { token: env.METRICS_TOKEN ?? null, port: env.METRICS_PORT ?? null } : null,
    theaterTimeZone: env.THEATER_TIMEZONE,
    currency: env.CURRENCY,
    holdMinutes: env.HOLD_MINUTES,
    /** A customer may cancel a paid booking, and be refunded, until this long before the show. */
    cancelCutoffMinutes: env.CANCEL_CUTOFF_MINUTES,
    /** How long seats offered to the next person on a waitlist are held for them. */
    waitlistOfferMinutes: env.WAITLIST_OFFER_MINUTES,
    maxSeatsPerBooking: env.MAX_SEATS_PER_BOOKING,
    /** A screen stays busy this long after a show's runtime, for cleaning and the next audience to come in. */
    cleaningBufferMinutes: env.CLEANING_BUFFER_MINUTES,
    /** The door admits a show's tickets from this long before it starts until it ends (runtime and cleaning). */
    checkinOpensMinutes: env.CHECKIN_OPENS_MINUTES,
    /** Refuse a booking that leaves a single free seat stranded (unless the row allows no better choice). */
    orphanSeatRule: env.ORPHAN_SEAT_RULE,
    reminderHoursBefore: env.REMINDER_HOURS_BEFORE,
    adminEmails: env.ADMIN_EMAILS.map((e) => e.toLowerCase()),
    jwtSecret: env.JWT_SECRET,
    tokenTtlHours: env.TOKEN_TTL_HOURS,
    passwordHashRounds: env.PASSWORD_HASH_ROUNDS,
    seedDemo: env.SEED_DEMO,
    jobsEnabled: env.JOBS_ENABLED,
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.BODY_LIMIT,
    corsOrigins: env.CORS_ORIGINS,
    /** Express "trust proxy": false, a hop count, or the proxies' addresses (never `true`). */
    trustProxy: env.TRUST_PROXY ?? false,
    /** Local accounts must confirm their address by mail before they can hold seats. */
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION ?? env.NODE_ENV === "production",
    /** Serve the interactive API console at /api/docs. */
    apiDocs: env.API_DOCS ?? env.NODE_ENV !== "production",
    /** Failed sign-ins to one account before each further attempt must wait (doubling). */
    loginFailuresBeforeBackoff: env.LOGIN_FAILURES_BEFORE_BACKOFF,
    /** Sign-up and sign-in attempts per client address per 15 minutes. */
    authRateLimit: env.AUTH_RATE_LIMIT,
    /** Booking attempts per signed-in user per minute. */
    bookingRateLimit: env.BOOKING_RATE_LIMIT,
    /** Unpaid holds one account may have on one show at once, so nobody hoards a show's seats. */
    maxLiveHoldsPerShow: env.MAX_LIVE_HOLDS_PER_SHOW,
    /** Unpaid seats one account may hold across all shows at once. */
    maxHeldSeatsPerAccount: env.MAX_HELD_SEATS_PER_ACCOUNT,
    /** On MongoDB without change streams (FerretDB, a single node): how often each instance looks for changes. */
    changeBusPollMs: env.CHANGE_BUS_POLL_MS,
    /** Comment lines that keep idle seat streams open through proxies; each also re-reads the shown seats. */
    seatStreamHeartbeatMs: env.SEAT_STREAM_HEARTBEAT_SECONDS * 1000,
    /** Open seat streams one instance accepts; beyond it clients get 503 and poll instead. */
    seatStreamsMax: env.SEAT_STREAMS_MAX,
    seatStreamsPerClient: env.SEAT_STREAMS_PER_CLIENT,
    clerk: env.CLERK_SECRET_KEY
      ? {
          secretKey: env.CLERK_SECRET_KEY,
          publishableKey: env.CLERK_PUBLISHABLE_KEY!,
          jwtKey: env.CLERK_JWT_KEY,
          webhookSigningSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
          apiUrl: env.CLERK_API_URL?.replace(/\/$/, ""),
          authorizedParties: env.CLERK_AUTHORIZED_PARTIES,
          roleCacheSeconds: env.CLERK_ROLE_CACHE_SECONDS,
        }
      : null,
    tmdb: env.TMDB_API_KEY
      ? {
          token: env.TMDB_API_KEY,
          apiUrl: env.TMDB_API_URL.replace(/\/$/, ""),
          imageUrl: env.TMDB_IMAGE_URL.replace(/\/$/, ""),
          timeoutMs: env.TMDB_TIMEOUT_MS,
          cacheSeconds: env.TMDB_CACHE_SECONDS,
        }
      : null,
    cloudinary: env.CLOUDINARY_URL
      ? { url: env.CLOUDINARY_URL, folder: env.CLOUDINARY_FOLDER }
      : env.CLOUDINARY_CLOUD_NAME
        ? {
            cloudName: env.CLOUDINARY_CLOUD_NAME,
            apiKey: env.CLOUDINARY_API_KEY!,
            apiSecret: env.CLOUDINARY_API_SECRET!,
            folder: env.CLOUDINARY_FOLDER,
          }
        : null,
    imageUploadMaxBytes: Math.round(env.IMAGE_UPLOAD_MAX_MB * 1024 * 1024),
    stripe: stripeConfig(env),
    inngest: inngestConfig(env),
    /** Signs ticket QR codes; without it a key is generated once and kept in the database. */
    ticketSigningKey: env.TICKET_SIGNING_KEY,
    /** A customer may have a booking's tickets mailed again once per this many minutes. */
    ticketResendMinutes: env.TICKET_RESEND_MINUTES,
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: env.SMTP_PORT, user: env.SMTP_USER, pass: env.SMTP_PASS, from: env.SENDER_EMAIL! }
      : null,
  };
}

const inngestDevMode = (value: string | undefined) => value !== undefined && !/^(0|false)$/.test(value);

/** Stripe when both keys are set; null keeps the local checkout page. */
function stripeConfig(env: z.infer<typeof envSchema>) {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  const protocol = base?.protocol === "http:" ? ("http" as const) : ("https" as const);
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    api: base ? { host: base.hostname, port: base.port ? Number(base.port) : protocol === "http" ? 80 : 443, protocol } : null,
  };
}

/** Inngest in dev mode or with both cloud keys; null keeps the in-process runner. */
function inngestConfig(env: z.infer<typeof envSchema>) {
  const dev = inngestDevMode(env.INNGEST_DEV);
  if (!dev && !(env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY)) return null;
  // INNGEST_DEV may be the dev server's URL itself.
  const devUrl = dev && !/^(1|true)$/.test(env.INNGEST_DEV!) ? env.INNGEST_DEV : undefined;
  return { dev, eventKey: env.INNGEST_EVENT_KEY, signingKey: env.INNGEST_SIGNING_KEY, baseUrl: env.INNGEST_BASE_URL ?? devUrl };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; every bad variable is named in one error. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // An empty value (KEY= in .env) means "not set", so defaults apply.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  return deriveConfig(parsed.data);
}
