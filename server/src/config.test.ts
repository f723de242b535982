import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("config", () => {
  it("runs with no variables at all", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, theaterTimeZone: "UTC", holdMinutes: 10, maxSeatsPerBooking: 5, currency: "usd" });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it("names every bad variable at once", () => {
    try {
      loadConfig({ PORT: "eighty", THEATER_TIMEZONE: "Mars/Olympus", DATABASE_URL: "mysql://x", HOLD_MINUTES: "-1" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ["PORT", "THEATER_TIMEZONE", "DATABASE_URL", "HOLD_MINUTES"]) expect(message).toContain(name);
      expect(message).toContain("IANA time zone");
    }
  });

  it("parses lists and flags", () => {
    const config = loadConfig({ ADMIN_EMAILS: "A@x.io, b@y.io", SEED_DEMO: "false", CURRENCY: "EUR" });
    expect(config.adminEmails).toEqual(["a@x.io", "b@y.io"]);
    expect(config.seedDemo).toBe(false);
    expect(config.currency).toBe("eur");
    expect(() => loadConfig({ ADMIN_EMAILS: "not-an-email" })).toThrow(/ADMIN_EMAILS/);
  });

  it("chooses real providers only from complete, well-formed keys", () => {
    const none = loadConfig({});
    expect([none.clerk, none.tmdb, none.cloudinary]).toEqual([null, null, null]);
    expect(() => loadConfig({ CLERK_SECRET_KEY: "sk_test_abc" })).toThrow(/CLERK_PUBLISHABLE_KEY/);
    expect(() => loadConfig({ CLERK_SECRET_KEY: "sk_test_abc", CLERK_PUBLISHABLE_KEY: "nope" })).toThrow(/CLERK_PUBLISHABLE_KEY/);
    const clerk = loadConfig({ CLERK_SECRET_KEY: "sk_test_abc", CLERK_PUBLISHABLE_KEY: "pk_test_ZXhhbXBsZS5jbGVyay5hY2NvdW50cy5kZXYk", CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----" });
    expect(clerk.clerk?.jwtKey).toBe("-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----");
    expect(() => loadConfig({ CLOUDINARY_CLOUD_NAME: "demo" })).toThrow(/must be set together/);
    expect(loadConfig({ CLOUDINARY_URL: "cloudinary://k:s@demo" }).cloudinary).toMatchObject({ url: "cloudinary://k:s@demo" });
    expect(loadConfig({ TMDB_API_KEY: "x".repeat(40), TMDB_API_URL: "http://127.0.0.1:9/3/" }).tmdb?.apiUrl).toBe("http://127.0.0.1:9/3");
  });

  it("chooses Stripe, Inngest and SMTP only from complete sets of keys", () => {
    const none = loadConfig({});
    expect([none.stripe, none.inngest, none.smtp]).toEqual([null, null, null]);

    expect(() => loadConfig({ STRIPE_SECRET_KEY: "sk_test_abc" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: "pk_test_abc", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow(/STRIPE_SECRET_KEY/);
    const stripe = loadConfig({ STRIPE_SECRET_KEY: "sk_test_abc", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_BASE: "http://127.0.0.1:12111" });
    expect(stripe.stripe).toEqual({ secretKey: "sk_test_abc", webhookSecret: "whsec_x", api: { host: "127.0.0.1", port: 12111, protocol: "http" } });
    expect(loadConfig({ STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_x" }).stripe?.api).toBeNull();

    expect(loadConfig({ INNGEST_DEV: "1" }).inngest).toMatchObject({ dev: true, baseUrl: undefined });
    expect(loadConfig({ INNGEST_DEV: "http://127.0.0.1:8288" }).inngest).toMatchObject({ dev: true, baseUrl: "http://127.0.0.1:8288" });
    expect(loadConfig({ INNGEST_DEV: "0" }).inngest).toBeNull();
    expect(() => loadConfig({ INNGEST_EVENT_KEY: "key" })).toThrow(/INNGEST_SIGNING_KEY/);
    expect(loadConfig({ INNGEST_EVENT_KEY: "key", INNGEST_SIGNING_KEY: "signkey-prod-abc123" }).inngest).toMatchObject({ dev: false, eventKey: "key" });

    expect(() => loadConfig({ SMTP_HOST: "smtp-relay.brevo.com" })).toThrow(/SENDER_EMAIL/);
    expect(() => loadConfig({ SMTP_HOST: "h", SENDER_EMAIL: "a@b.c", SMTP_USER: "u" })).toThrow(/SMTP_PASS/);
    expect(() => loadConfig({ SMTP_HOST: "h", SENDER_EMAIL: "not an address" })).toThrow(/SENDER_EMAIL/);
    expect(loadConfig({ SMTP_HOST: "h", SENDER_EMAIL: "QuickShow <t@example.com>" }).smtp).toEqual({
      host: "h", port: 587, user: undefined, pass: undefined, from: "QuickShow <t@example.com>",
    });
  });

  it("accepts TRUST_PROXY only as a hop count or proxy addresses, and refuses true with the reason", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.0.0.0/8, ::1, loopback" }).trustProxy).toEqual(["10.0.0.1", "10.0.0.0/8", "::1", "loopback"]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must not be true: any client could then forge X-Forwarded-For/);
    for (const bad of ["yes", "10.0.0.0/33", "proxy.internal", "1.2.3.4, nope"]) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it("refuses TRUST_PROXY ranges that cover public addresses, and reads what Express cannot as a config error", () => {
    for (const open of ["0.0.0.0/1,128.0.0.0/1", "10.0.0.0/7", "172.0.0.0/8", "100.64.0.0/10", "2000::/3", "::/1", "8000::/1", "fc00::/6"]) {
      expect(() => loadConfig({ TRUST_PROXY: open }), open).toThrow(/TRUST_PROXY: .*covers public addresses/);
    }
    for (const unreadable of ["0.0.0.0/0", "::/0", "10.0.0.0/x", "10.0.0.0/8/8"]) {
      expect(() => loadConfig({ TRUST_PROXY: unreadable }), unreadable).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: unreadable }), unreadable).toThrow(/TRUST_PROXY/);
    }
    // Private subnets, and one proxy's own address wherever it is, are what TRUST_PROXY is for.
    const fine = "10.1.0.0/16, 172.16.0.0/12, 192.168.1.0/24, 127.0.0.1/8, 169.254.0.0/16, fd00::/8, fe80::/64, ::1/128, 203.0.113.7, 203.0.113.7/32, ::ffff:10.0.0.0/104, uniquelocal";
    expect(loadConfig({ TRUST_PROXY: fine }).trustProxy).toHaveLength(12);
  });

  it("requires email confirmation and hides the API console by default in production only, and both can be set either way", () => {
    const production = { NODE_ENV: "production", ALLOW_DEMO_CHECKOUT: "true" };
    expect(loadConfig({})).toMatchObject({ requireEmailVerification: false, apiDocs: true });
    expect(loadConfig({ NODE_ENV: "test" })).toMatchObject({ requireEmailVerification: false, apiDocs: true });
    expect(loadConfig(production)).toMatchObject({ requireEmailVerification: true, apiDocs: false });
    expect(loadConfig({ ...production, REQUIRE_EMAIL_VERIFICATION: "false", API_DOCS: "true" })).toMatchObject({ requireEmailVerification: false, apiDocs: true });
    expect(loadConfig({ REQUIRE_EMAIL_VERIFICATION: "true", API_DOCS: "false" })).toMatchObject({ requireEmailVerification: true, apiDocs: false });
  });

  it("refuses production without a payment provider unless the demo checkout is asked for", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/STRIPE_SECRET_KEY: is required in production: .*no money is taken.*ALLOW_DEMO_CHECKOUT=true/);
    expect(() => loadConfig({ NODE_ENV: "production", ALLOW_DEMO_CHECKOUT: "true" })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "development" })).not.toThrow();
  });

  it("refuses production with a database server and local accounts but no JWT_SECRET, saying why", () => {
    const production = { NODE_ENV: "production", ALLOW_DEMO_CHECKOUT: "true" };
    for (const database of [{ DATABASE_URL: "postgres://db/quickshow" }, { MONGODB_URI: "mongodb://db/quickshow" }]) {
      expect(() => loadConfig({ ...production, ...database })).toThrow(/JWT_SECRET: .*each instance generates its own secret and signs out the users of every other instance/);
      expect(() => loadConfig({ ...production, ...database, JWT_SECRET: "x".repeat(32) })).not.toThrow();
      expect(() => loadConfig({ ...database, NODE_ENV: "development" })).not.toThrow();
    }
    // One machine with the embedded database keeps its generated secret; Clerk signs its own sessions.
    expect(() => loadConfig(production)).not.toThrow();
    const clerk = { CLERK_SECRET_KEY: "sk_test_abc", CLERK_PUBLISHABLE_KEY: "pk_test_ZXhhbXBsZS5jbGVyay5hY2NvdW50cy5kZXYk" };
    expect(() => loadConfig({ ...production, ...clerk, DATABASE_URL: "postgres://db/quickshow" })).not.toThrow();
  });
});
