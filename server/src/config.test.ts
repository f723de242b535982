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
});
