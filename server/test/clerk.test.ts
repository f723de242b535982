import { publicConfigResponseSchema, routes } from "@quickshow/contracts";
import { failing } from "./support/failing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSibling, startTestApp, type TestApp } from "./support/app.ts";
import { clerkUserJson, fakeClerk, strangerKey, type FakeClerk } from "./support/clerk.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { sendJson } from "./support/stand-in.ts";

/** Clerk as the auth provider, entirely offline: real RS256 tokens, a stand-in backend API, Svix-signed webhooks. */
let clerk: FakeClerk;
let app: TestApp;
let api: Client;

beforeAll(async () => {
  clerk = await fakeClerk();
  clerk.users.set("user_ada", { id: "user_ada", first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", private_metadata: { role: "admin" } });
  clerk.users.set("user_bob", { id: "user_bob", first_name: "Bob", last_name: null, email: "Bob@Example.test" });
  clerk.users.set("user_listed", { id: "user_listed", first_name: "Listed", last_name: "Admin", email: "admin@example.test" });
  app = await startTestApp(clerk.env);
  api = client(app.url);
});
afterAll(async () => {
  await app?.close();
  await clerk?.close();
});

const webhook = (delivery: { body: string; headers: Record<string, string> }) =>
  fetch(`${app.url}/api/clerk/webhook`, { method: "POST", headers: delivery.headers, body: delivery.body }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as any,
  }));

const withParams = (path: string) =>
  path.replace(":showId", "00000000-0000-4000-8000-000000000000").replace(":bookingId", "00000000-0000-4000-8000-000000000000").replace(":movieId", "653");

describe("Clerk sign-in", () => {
  it("/api/config names Clerk and its publishable key; local sign-up and sign-in are not mounted", async () => {
    const config = publicConfigResponseSchema.parse((await api.get("/api/config")).body);
    expect(config.auth).toEqual({ provider: "clerk", publishableKey: clerk.env.CLERK_PUBLISHABLE_KEY });
    expect((await api.post("/api/auth/register", { name: "x", email: "x@example.test", password: "password123" })).status).toBe(404);
    expect((await api.post("/api/auth/login", { email: "x@example.test", password: "password123" })).status).toBe(404);
    for (const path of ["/api/auth/resend-verification", "/api/auth/forgot-password", "/api/auth/verify-email"]) expect((await api.post(path, {})).status).toBe(404);
    // Passwords and sessions are Clerk's: changing one or signing out everywhere happens on Clerk's account page.
    const bob = await clerk.token("user_bob");
    for (const path of ["/api/auth/change-password", "/api/auth/sign-out-everywhere"]) expect((await api.post(path, {}, bob)).status).toBe(404);
  });

  it("the page's CSP lets Clerk's browser SDK load from its Frontend API", async () => {
    const csp = (await fetch(`${app.url}/api/config`)).headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' https:\/\/quickshow-test\.clerk\.accounts\.dev https:\/\/challenges\.cloudflare\.com/);
    expect(csp).toContain("connect-src 'self' https://quickshow-test.clerk.accounts.dev");
    expect(csp).toContain("worker-src 'self' blob:");
  });

  it("a signed-in Clerk user not yet synced is created on first sight from the backend profile", async () => {
    expect(await app.storage.users.findById("user_bob")).toBeNull();
    const me = await api.get("/api/user/me", await clerk.token("user_bob"));
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ _id: "user_bob", name: "Bob", email: "bob@example.test", image: "https://img.clerk.com/user_bob.png", role: "user" });
    expect(await app.storage.users.findById("user_bob")).toMatchObject({ email: "bob@example.test" });
    expect((await api.get("/api/user/bookings", await clerk.token("user_bob"))).status).toBe(200);
  });

  it("admin comes from privateMetadata.role, read through users.getUser and cached briefly", async () => {
    const before = clerk.getUserCalls("user_ada");
    const token = await clerk.token("user_ada");
    expect((await api.get("/api/admin/is-admin", token)).body).toEqual({ success: true, isAdmin: true });
    expect((await api.get("/api/admin/dashboard", token)).status).toBe(200);
    expect((await api.get("/api/user/me", token)).body.user.role).toBe("admin");
    expect(clerk.getUserCalls("user_ada") - before).toBe(1);
    expect((await api.get("/api/admin/is-admin", await clerk.token("user_bob"))).status).toBe(403);
  });

  it("ADMIN_EMAILS makes an admin too", async () => {
    const res = await api.get("/api/admin/is-admin", await clerk.token("user_listed"));
    expect(res.status).toBe(200);
  });

  it("an ADMIN_EMAILS address Clerk has not verified makes no admin, and cannot book where confirmation is required", async () => {
    clerk.users.set("user_squatter", { id: "user_squatter", first_name: "Not", last_name: "Boss", email: "boss@example.test", emailStatus: "unverified" });
    clerk.users.set("user_boss", { id: "user_boss", first_name: "Real", last_name: "Boss", email: "chief@example.test" });
    const strict = await startSibling(app, { ...clerk.env, ADMIN_EMAILS: "boss@example.test,chief@example.test", REQUIRE_EMAIL_VERIFICATION: "true" });
    const there = client(strict.url);
    try {
      const squatter = await clerk.token("user_squatter");
      expect((await there.get("/api/user/me", squatter)).body.user).toMatchObject({ email: "boss@example.test", role: "user", emailVerified: false });
      expect((await there.get("/api/admin/is-admin", squatter)).status).toBe(403);
      expect(await app.storage.users.findById("user_squatter")).toMatchObject({ emailVerified: false });
      const chief = await clerk.token("user_boss");
      expect((await there.get("/api/admin/is-admin", chief)).status).toBe(200);

      const [showId] = await addShows(there, chief, { slots: [localSlot(new Date(), 2, "21:00")] });
      const refused = await there.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, squatter);
      expect(refused).toMatchObject({ status: 403, body: { code: "email_unverified" } });
      expect((await there.post("/api/booking/create", { showId, selectedSeats: ["A2"] }, await clerk.token("user_bob"))).status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it("rejects expired, forged and malformed tokens with 401", async () => {
    const expired = await clerk.token("user_bob", { expiresIn: "-1m" });
    const forged = await clerk.token("user_bob", { key: await strangerKey() });
    for (const token of [expired, forged, "not.a.jwt", "garbage"]) {
      const res = await api.get("/api/user/me", token);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, code: "unauthenticated" });
    }
    const basic = await fetch(`${app.url}/api/user/me`, { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  it("a token of a user Clerk does not know is refused", async () => {
    const res = await api.get("/api/user/me", await clerk.token("user_ghost"));
    expect(res.status).toBe(401);
  });

  it("when Clerk's backend API is down, known users go on and unknown ones get a 503, never a 500", async () => {
    clerk.users.set("user_late", { id: "user_late", first_name: "Late", last_name: null, email: "late@example.test" });
    clerk.backend.handle((_req, res) => sendJson(res, 503, { errors: [{ code: "unavailable", message: "down" }] }));
    try {
      expect((await api.get("/api/user/me", await clerk.token("user_bob"))).status).toBe(200);
      const unknown = await api.get("/api/user/me", await clerk.token("user_late"));
      expect(unknown.status).toBe(503);
      expect(unknown.body.code).toBe("unavailable");
    } finally {
      clerk.restore();
    }
  });

  describe("every guarded route of the contract table", () => {
    // /api/auth/* belongs to local accounts and is not mounted with Clerk (checked above).
    const guarded = Object.entries(routes).filter(([, r]) => r.access !== "public" && !r.path.startsWith("/api/auth/"));
    const adminOnly = guarded.filter(([, r]) => r.access === "admin");
    const call = (route: (typeof routes)[keyof typeof routes], token?: string) =>
      api.request(route.method.toUpperCase(), withParams(route.path), { token, json: route.method === "get" ? undefined : {} });

    it.each(guarded)("%s: 401 without a token and with a forged one", async (_name, route) => {
      expect((await call(route)).status).toBe(401);
      expect((await call(route, await clerk.token("user_bob", { key: await strangerKey() }))).status).toBe(401);
    });

    it.each(adminOnly)("%s: 403 for a signed-in non-admin", async (_name, route) => {
      const res = await call(route, await clerk.token("user_bob"));
      expect(res.status).toBe(403);
    });
  });
});

describe("Clerk webhooks (Svix)", () => {
  const carol = { id: "user_carol", first_name: "Carol", last_name: "Shaw", email: "carol@example.test" };

  it("user.created stores the user", async () => {
    const res = await webhook(clerk.webhook("user.created", clerkUserJson(carol)));
    expect(res).toMatchObject({ status: 200, body: { success: true, result: "synced" } });
    expect(await app.storage.users.findById("user_carol")).toMatchObject({ name: "Carol Shaw", email: "carol@example.test", role: "user" });
  });

  it("a forged signature, a wrong secret, missing headers and a stale timestamp are 400 and change nothing", async () => {
    const renamed = clerkUserJson({ ...carol, first_name: "Mallory" });
    const valid = clerk.webhook("user.updated", renamed);
    const tampered = { ...valid, body: valid.body.replace("Mallory", "Eve") };
    const wrongSecret = clerk.webhook("user.updated", renamed, { secret: `whsec_${Buffer.from("another secret of ours!").toString("base64")}` });
    const stale = clerk.webhook("user.updated", renamed, { at: new Date(Date.now() - 10 * 60_000) });
    const noHeaders = { body: valid.body, headers: { "content-type": "application/json" } };
    for (const delivery of [tampered, wrongSecret, stale, noHeaders]) {
      const res = await webhook(delivery);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: "validation" });
    }
    expect((await app.storage.users.findById("user_carol"))?.name).toBe("Carol Shaw");
  });

  it("is idempotent by svix-id: a replayed delivery is acknowledged and not applied again", async () => {
    const first = clerk.webhook("user.updated", clerkUserJson({ ...carol, first_name: "Caroline" }));
    const second = clerk.webhook("user.updated", clerkUserJson({ ...carol, first_name: "Carla" }));
    expect((await webhook(first)).status).toBe(200);
    expect((await webhook(second)).status).toBe(200);
    const replay = await webhook(first);
    expect(replay).toMatchObject({ status: 200, body: { result: "duplicate: already processed" } });
    expect((await app.storage.users.findById("user_carol"))?.name).toBe("Carla Shaw");
  });

  it("a delivery whose handling failed is processed when Clerk retries it, even if the database could not forget it", async () => {
    expect((await webhook(clerk.webhook("user.created", clerkUserJson({ id: "user_first", first_name: "First", last_name: null, email: "shared@example.test" })))).status).toBe(200);
    const clash = clerk.webhook("user.created", clerkUserJson({ id: "user_second", first_name: "Second", last_name: null, email: "shared@example.test" }));
    // The database refuses the clean-up step too, as during an outage.
    const restore = failing(app.running.deps.storage.events, "forget");
    try {
      expect((await webhook(clash)).status).toBe(409);
    } finally {
      restore();
    }
    // The address is freed in Clerk; the retry of the same message is acted on, not called a duplicate.
    expect((await webhook(clerk.webhook("user.updated", clerkUserJson({ id: "user_first", first_name: "First", last_name: null, email: "first@example.test" })))).status).toBe(200);
    const retry = await webhook(clash);
    expect(retry).toMatchObject({ status: 200, body: { result: "synced" } });
    expect(await app.storage.users.findById("user_second")).toMatchObject({ email: "shared@example.test" });
    expect((await webhook(clash)).body.result).toBe("duplicate: already processed");
  });

  it("user.updated changes the role at once (the cached profile is dropped)", async () => {
    const token = await clerk.token("user_bob");
    expect((await api.get("/api/admin/is-admin", token)).status).toBe(403);
    const promoted = { ...clerk.users.get("user_bob")!, private_metadata: { role: "admin" } };
    clerk.users.set("user_bob", promoted);
    expect((await webhook(clerk.webhook("user.updated", clerkUserJson(promoted)))).status).toBe(200);
    expect((await api.get("/api/admin/is-admin", token)).status).toBe(200);
  });

  it("door staff come from Clerk's private metadata too: role \"staff\" opens check-in and nothing of the admin panel", async () => {
    const eve = { id: "user_eve", first_name: "Eve", last_name: null, email: "eve@example.test", private_metadata: { role: "staff" } };
    clerk.users.set(eve.id, eve);
    const token = await clerk.token(eve.id);
    expect((await api.get("/api/checkin/attendance", token)).status).toBe(200);
    expect((await api.get("/api/admin/is-admin", token)).status).toBe(403);
    expect((await app.storage.users.findById(eve.id))?.role).toBe("staff");
  });

  it("user.deleted keeps paid bookings anonymised, releases holds, drops favorites; the old token stops working", async () => {
    const dan = { id: "user_dan", first_name: "Dan", last_name: null, email: "dan@example.test" };
    clerk.users.set(dan.id, dan);
    const admin = await clerk.token("user_ada");
    const [showId] = (await addShows(api, admin, { slots: [localSlot(app.clock.now(), 2, "20:00")] })) as [string];
    const token = await clerk.token(dan.id);
    const paid = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, token);
    expect(paid.status).toBe(201);
    expect((await api.request("POST", `${paid.body.url}/pay`)).status).toBe(303);
    const held = await api.post("/api/booking/create", { showId, selectedSeats: ["A2"] }, token);
    expect(held.status).toBe(201);
    expect((await api.post("/api/user/update-favorite", { movieId: "653" }, token)).status).toBe(200);

    const deleted = clerk.webhook("user.deleted", { id: dan.id, object: "user", deleted: true });
    expect((await webhook(deleted)).body.result).toBe("removed");
    clerk.users.delete(dan.id);

    expect((await api.get("/api/user/me", token)).status).toBe(401);
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).toEqual(["A1"]);
    const bookings = (await api.get("/api/admin/all-bookings", admin)).body.bookings as { _id: string; user: { name: string; email: string } }[];
    expect(bookings.find((b) => b._id === paid.body.bookingId)?.user).toMatchObject({ name: "Deleted user", email: "" });
    // A late user.updated for the deleted user does not bring it back.
    expect((await webhook(clerk.webhook("user.updated", clerkUserJson(dan)))).body.result).toMatch(/deleted before/);
    expect(await app.storage.users.findById(dan.id)).toBeNull();
  });

  it("a user without an email address is acknowledged but not stored (a retry would not help)", async () => {
    const phoneOnly = { ...clerkUserJson({ id: "user_phone", first_name: "P", last_name: null, email: "x@example.test" }), email_addresses: [] };
    const res = await webhook(clerk.webhook("user.created", phoneOnly));
    expect(res.status).toBe(200);
    expect(res.body.result).toMatch(/^ignored: .*email/);
    expect(await app.storage.users.findById("user_phone")).toBeNull();
  });

  it("events it does not use are acknowledged", async () => {
    const res = await webhook(clerk.webhook("session.created", { id: "sess_1", object: "session" }));
    expect(res).toMatchObject({ status: 200, body: { result: "ignored: session.created is not used" } });
  });
});
