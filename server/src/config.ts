import { z } from "zod";

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url({ message: "must be a URL such as https://tickets.example.com" }).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  THEATER_TIMEZONE: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris").default("UTC"),
  CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO currency code such as usd")
    .transform((c) => c.toLowerCase())
    .default("usd"),
  HOLD_MINUTES: z.coerce.number().positive().max(24 * 60).default(10),
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
  TRUST_PROXY: z.string().optional(),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  BOOKING_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  MAX_LIVE_HOLDS_PER_SHOW: z.coerce.number().int().positive().max(50).default(2),
});

export type Env = z.input<typeof envSchema>;

export type Config = ReturnType<typeof deriveConfig>;

function deriveConfig(env: z.infer<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    theaterTimeZone: env.THEATER_TIMEZONE,
    currency: env.CURRENCY,
    holdMinutes: env.HOLD_MINUTES,
    maxSeatsPerBooking: env.MAX_SEATS_PER_BOOKING,
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
    trustProxy: env.TRUST_PROXY,
    /** Sign-up and sign-in attempts per client address per 15 minutes. */
    authRateLimit: env.AUTH_RATE_LIMIT,
    /** Booking attempts per signed-in user per minute. */
    bookingRateLimit: env.BOOKING_RATE_LIMIT,
    /** Unpaid holds one account may have on one show at once, so nobody hoards a show's seats. */
    maxLiveHoldsPerShow: env.MAX_LIVE_HOLDS_PER_SHOW,
  };
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
