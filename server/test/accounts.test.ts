import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSibling, startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { mailedLinkToken } from "./support/mail-links.ts";

const password = "correct horse battery";
const tokenOf = (reply: { body: { token?: string } }) => reply.body.token as string;

describe("admin by ADMIN_EMAILS, decided when read", () => {
  let app: TestApp;
  let api: Client;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_EMAILS: "admin@example.test,boss@example.test" });
    api = client(app.url);
  });
  afterAll(() => app?.close());

  it("does not make whoever registers a listed address first an admin until the address is confirmed by mail", async () => {
    const squatter = await api.registerUnconfirmed("admin@example.test");
    expect((await api.get("/api/user/me", squatter)).body.user).toMatchObject({ role: "user", emailVerified: false });
    expect((await api.get("/api/admin/is-admin", squatter)).status).toBe(403);

    const confirmed = await api.post("/api/auth/verify-email", { token: await mailedLinkToken(app.url, "admin@example.test", "verify-email") });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user).toMatchObject({ role: "admin", emailVerified: true });
    expect((await api.get("/api/admin/is-admin", squatter)).status).toBe(200);
  });

  it("stores no admin role at sign-up, so taking an address off ADMIN_EMAILS takes effect at restart, while make-admin's role stays", async () => {
    const boss = await api.register("boss@example.test");
    await api.register("promoted@example.test");
    await app.storage.users.setRole("promoted@example.test", "admin");
    expect((await api.get("/api/admin/is-admin", boss)).status).toBe(200);
    expect((await app.storage.users.findByEmail("boss@example.test"))?.role).toBe("user");

    const restarted = await startSibling(app, { ADMIN_EMAILS: "admin@example.test" });
    try {
      const after = client(restarted.url);
      const bossAgain = tokenOf(await after.post("/api/auth/login", { email: "boss@example.test", password }));
      expect((await after.get("/api/admin/is-admin", bossAgain)).status).toBe(403);
      expect((await after.get("/api/user/me", bossAgain)).body.user.role).toBe("user");
      const promoted = tokenOf(await after.post("/api/auth/login", { email: "promoted@example.test", password }));
      expect((await after.get("/api/admin/is-admin", promoted)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });
});

describe("email confirmation", () => {
  let app: TestApp;
  let api: Client;
  let admin: string;
  let showId: string;
  beforeAll(async () => {
    app = await startTestApp({ REQUIRE_EMAIL_VERIFICATION: "true" });
    api = client(app.url);
    admin = await api.register("admin@example.test");
    [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] })) as [string];
  });
  afterAll(() => app?.close());

  it("lets an unconfirmed account sign in and browse but not hold seats (403 email_unverified) until it follows the mailed link", async () => {
    await api.registerUnconfirmed("newbie@example.test");
    const token = tokenOf(await api.post("/api/auth/login", { email: "newbie@example.test", password }));
    expect((await api.get("/api/user/me", token)).status).toBe(200);
    expect((await api.get(`/api/show/detail/${showId}`)).status).toBe(200);
    expect((await api.get("/api/user/bookings", token)).status).toBe(200);

    const refused = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, code: "email_unverified" });
    expect(refused.body.message).toMatch(/confirm your email/i);
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual([]);

    const link = await mailedLinkToken(app.url, "newbie@example.test", "verify-email");
    expect((await api.post("/api/auth/verify-email", { token: link })).status).toBe(200);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, token)).status).toBe(201);
  });

  it("refuses forged, expired and wrong-purpose links, and a link's token is no session", async () => {
    const session = await api.registerUnconfirmed("late@example.test");
    const link = await mailedLinkToken(app.url, "late@example.test", "verify-email");
    const forged = link.slice(0, -3) + (link.endsWith("AAA") ? "BBB" : "AAA");
    expect((await api.post("/api/auth/verify-email", { token: forged })).status).toBe(400);
    expect((await api.post("/api/auth/verify-email", { token: session })).status).toBe(400);
    expect((await api.get("/api/user/me", link)).status).toBe(401);

    app.clock.advanceMinutes(49 * 60);
    const expired = await api.post("/api/auth/verify-email", { token: link });
    expect(expired.status).toBe(400);
    expect(expired.body.message).toMatch(/invalid or has expired/);
    expect((await api.get("/api/user/me", session)).body.user.emailVerified).toBe(false);

    // A new link on request works.
    const resent = await api.post("/api/auth/resend-verification", undefined, session);
    expect(resent.status).toBe(200);
    const fresh = await mailedLinkToken(app.url, "late@example.test", "verify-email");
    expect(fresh).not.toBe(link);
    expect((await api.post("/api/auth/verify-email", { token: fresh })).body.user.emailVerified).toBe(true);
  });

  it("tells the web client whether confirmation is required", async () => {
    expect((await api.get("/api/config")).body.auth).toEqual({ provider: "local", requireEmailVerification: true });
  });
});

describe("email confirmation when not required (the default outside production)", () => {
  let app: TestApp;
  let api: Client;
  beforeAll(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  afterAll(() => app?.close());

  it("lets an unconfirmed account hold seats", async () => {
    const admin = await api.register("admin@example.test");
    const [showId] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 1, "20:00")] });
    const token = await api.registerUnconfirmed("casual@example.test");
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["B2"] }, token)).status).toBe(201);
  });
});

describe("password reset by mail", () => {
  let app: TestApp;
  let api: Client;
  beforeAll(async () => {
    app = await startTestApp();
    api = client(app.url);
    await api.registerUnconfirmed("forgetful@example.test");
  });
  afterAll(() => app?.close());

  it("answers the same for known and unknown addresses and mails a link only to the account", async () => {
    const known = await api.post("/api/auth/forgot-password", { email: "forgetful@example.test" });
    const unknown = await api.post("/api/auth/forgot-password", { email: "stranger@example.test" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body.message.replace("forgetful", "X")).toBe(unknown.body.message.replace("stranger", "X"));
    await mailedLinkToken(app.url, "forgetful@example.test", "reset-password");
    expect((await app.storage.outbox.list()).filter((m) => m.to === "stranger@example.test")).toEqual([]);
  });

  it("sets a new password once per link, confirms the address, and refuses the link again and after an hour", async () => {
    app.clock.advanceMinutes(10);
    await api.post("/api/auth/forgot-password", { email: "forgetful@example.test" });
    const link = await mailedLinkToken(app.url, "forgetful@example.test", "reset-password");

    const weak = await api.post("/api/auth/reset-password", { token: link, password: "password123" });
    expect(weak.status).toBe(400);
    const changed = await api.post("/api/auth/reset-password", { token: link, password: "a brand new secret phrase" });
    expect(changed.status).toBe(200);
    expect((await api.post("/api/auth/login", { email: "forgetful@example.test", password })).status).toBe(401);
    const signedIn = await api.post("/api/auth/login", { email: "forgetful@example.test", password: "a brand new secret phrase" });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.emailVerified).toBe(true);

    const again = await api.post("/api/auth/reset-password", { token: link, password: "yet another secret phrase" });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/invalid or has expired/);

    app.clock.advanceMinutes(10);
    await api.post("/api/auth/forgot-password", { email: "forgetful@example.test" });
    const later = await mailedLinkToken(app.url, "forgetful@example.test", "reset-password");
    expect(later).not.toBe(link);
    app.clock.advanceMinutes(61);
    expect((await api.post("/api/auth/reset-password", { token: later, password: "yet another secret phrase" })).status).toBe(400);
  });
});

describe("password rules", () => {
  let app: TestApp;
  let api: Client;
  beforeAll(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  afterAll(() => app?.close());

  const register = (email: string, pw: string) => api.post("/api/auth/register", { name: "Pat", email, password: pw });

  it.each([
    ["12345678", "too short"],
    [" ".repeat(12), "only spaces"],
    ["password123", "common"],
    ["qwertyuiop123", "keyboard walk"],
    ["1234567890", "common"],
  ])("refuses %j (%s) with 400", async (pw) => {
    const res = await register(`weak${Math.random()}@example.test`.replace("0.", ""), pw);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: "validation" });
    expect(res.body.message).toMatch(/password/);
  });

  it("refuses passwords over bcrypt's 72 bytes instead of ignoring the rest, at sign-up and sign-in", async () => {
    const exact = "ticket booth popcorn ".repeat(4).slice(0, 72);
    expect(Buffer.byteLength(exact)).toBe(72);
    expect((await register("long@example.test", exact)).status).toBe(201);
    expect((await register("longer@example.test", `${exact}x`)).status).toBe(400);
    // Multi-byte characters count as bytes: 37 × "é" is 74 bytes.
    expect((await register("accents@example.test", "é".repeat(37))).status).toBe(400);

    expect((await api.post("/api/auth/login", { email: "long@example.test", password: exact })).status).toBe(200);
    const withSuffix = await api.post("/api/auth/login", { email: "long@example.test", password: `${exact}anything` });
    expect(withSuffix.status).toBe(400);
    expect(withSuffix.body.token).toBeUndefined();
  });
});

describe("sign-in limit per account", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: "1", AUTH_RATE_LIMIT: "20" });
    await client(app.url).register("target@example.test");
  });
  afterAll(() => app?.close());

  const loginFrom = async (address: string, pw: string) => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ email: "target@example.test", password: pw }),
    });
    return { status: res.status, body: (await res.json()) as { message: string; token?: string } };
  };

  it("slows guesses spread over many addresses, refuses even the right password while waiting, and doubles the wait", async () => {
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await loginFrom(`203.0.113.${i + 1}`, `wrong guess number ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);

    const blocked = await loginFrom("198.51.100.7", password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/failed sign-ins for this account/);

    app.clock.advanceMinutes(0.5);
    expect((await loginFrom("198.51.100.8", "one more wrong guess")).status).toBe(401);
    // The next wait is twice as long: 30 s is not enough any more.
    app.clock.advanceMinutes(0.5);
    expect((await loginFrom("198.51.100.9", password)).status).toBe(429);
    app.clock.advanceMinutes(0.5);
    expect((await loginFrom("198.51.100.9", password)).status).toBe(200);
    // Success clears the count.
    expect((await loginFrom("198.51.100.10", "wrong after success")).status).toBe(401);
    expect((await loginFrom("198.51.100.10", password)).status).toBe(200);
  });
});
