import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { mailedLinkToken } from "./support/mail-links.ts";

const password = "correct horse battery";

let app: TestApp;
let api: Client;
beforeAll(async () => {
  app = await startTestApp();
  api = client(app.url);
});
afterAll(() => app?.close());

const signIn = async (email: string, pw = password) => {
  const res = await api.post("/api/auth/login", { email, password: pw });
  expect(res.status).toBe(200);
  return res.body.token as string;
};
const meStatus = async (token: string) => (await api.get("/api/user/me", token)).status;

describe("sessions end when they should", () => {
  it("a password reset ends every session of the account", async () => {
    const first = await api.registerUnconfirmed("reset-me@example.test");
    const second = await signIn("reset-me@example.test");
    expect(await meStatus(first)).toBe(200);
    expect(await meStatus(second)).toBe(200);

    await api.post("/api/auth/forgot-password", { email: "reset-me@example.test" });
    const link = await mailedLinkToken(app.url, "reset-me@example.test", "reset-password");
    expect((await api.post("/api/auth/reset-password", { token: link, password: "a brand new secret phrase" })).status).toBe(200);

    const refused = await api.get("/api/user/me", first);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/signed out/);
    expect(await meStatus(second)).toBe(401);
    expect(await meStatus(await signIn("reset-me@example.test", "a brand new secret phrase"))).toBe(200);
  });

  it("changing the password answers a fresh token and ends every other session", async () => {
    const here = await api.registerUnconfirmed("change-me@example.test");
    const elsewhere = await signIn("change-me@example.test");

    const changed = await api.post("/api/auth/change-password", { currentPassword: password, newPassword: "another long secret phrase" }, here);
    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe("change-me@example.test");
    const fresh = changed.body.token as string;
    expect(await meStatus(fresh)).toBe(200);
    expect(await meStatus(here)).toBe(401);
    expect(await meStatus(elsewhere)).toBe(401);
    expect((await api.post("/api/auth/login", { email: "change-me@example.test", password })).status).toBe(401);
    await signIn("change-me@example.test", "another long secret phrase");
  });

  it("refuses a change with the wrong current password or a weak new one, naming the field in words", async () => {
    const token = await api.registerUnconfirmed("careful@example.test");
    const wrong = await api.post("/api/auth/change-password", { currentPassword: "not my password at all", newPassword: "another long secret phrase" }, token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/^Check your current password: /);
    expect(wrong.body.details.issues[0].path).toEqual(["currentPassword"]);

    const weak = await api.post("/api/auth/change-password", { currentPassword: password, newPassword: "password123" }, token);
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^Choose a longer or less common password: /);
    expect(weak.body.details.issues[0].path).toEqual(["newPassword"]);
    // Nothing changed: the session goes on and the old password still works.
    expect(await meStatus(token)).toBe(200);
    await signIn("careful@example.test");
  });

  it("sign out everywhere ends every session, this one included", async () => {
    const here = await api.registerUnconfirmed("everywhere@example.test");
    const elsewhere = await signIn("everywhere@example.test");
    const res = await api.post("/api/auth/sign-out-everywhere", undefined, here);
    expect(res.status).toBe(200);
    expect(await meStatus(here)).toBe(401);
    expect(await meStatus(elsewhere)).toBe(401);
    expect(await meStatus(await signIn("everywhere@example.test"))).toBe(200);
    expect((await api.post("/api/auth/sign-out-everywhere")).status).toBe(401);
  });
});

describe("auth refusals in plain words", () => {
  it("a refused password says what to do, and the field's problem stays in details", async () => {
    const res = await api.post("/api/auth/register", { name: "Pat", email: "pat@example.test", password: "password123" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Choose a longer or less common password: /);
    expect(res.body.message).not.toMatch(/Invalid body/);
    expect(res.body.details.issues).toEqual([{ path: ["password"], message: expect.stringMatching(/too common/) }]);
  });

  it.each([
    ["/api/auth/register", { name: "", email: "not-an-address", password: "short" }, /^Check your name: .* Check your email address: .* Choose another password: /],
    ["/api/auth/login", { email: "nobody", password: "" }, /^Check your email address: .* Check your current password|^Check your email address: /],
    ["/api/auth/forgot-password", { email: "nobody" }, /^Check your email address: must be a valid email address\.$/],
    ["/api/auth/reset-password", { token: "", password: "long enough phrase here" }, /^Open the link from the mail again, or ask for a new one: /],
    ["/api/auth/verify-email", { token: "" }, /^Open the link from the mail again, or ask for a new one: /],
  ])("%s names the fields in words", async (path, body, message) => {
    const res = await api.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(res.body.message).not.toMatch(/Invalid body/);
    expect(Array.isArray(res.body.details.issues)).toBe(true);
  });
});

describe("text that looks like something else", () => {
  it.each([
    ["a right-to-left override", "Ada\u202Enimda"],
    ["a left-to-right isolate", "Ada\u2066x"],
    ["a zero-width space", "Ad\u200Ba"],
    ["a word joiner", "Ad\u2060a"],
    ["a byte-order mark", "\uFEFFAda"],
  ])("a name with %s is refused with a plain message", async (_what, name) => {
    const res = await api.post("/api/auth/register", { name, email: `n${Math.random().toString(36).slice(2)}@example.test`, password: "correct horse battery" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Check your name: must not contain control characters or invisible characters/);
  });

  it("ordinary accents, scripts and emoji are welcome", async () => {
    const res = await api.post("/api/auth/register", { name: "Zoë عائشة 李 🎬", email: "zoe@example.test", password: "correct horse battery" });
    expect(res.status).toBe(201);
  });
});
