import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalAuthProvider } from "./local.ts";

describe("local session tokens", () => {
  afterEach(() => vi.useRealTimers());

  it("a token verified once is still refused once it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-29T12:00:00Z"));
    const auth = new LocalAuthProvider("s".repeat(48), { tokenTtlHours: 1, hashRounds: 4 });
    const token = await auth.issueToken("user-1", 0);
    expect(await auth.identify(`Bearer ${token}`)).toEqual({ userId: "user-1", sessionVersion: 0 });
    expect(await auth.identify(`Bearer ${token}`)).toEqual({ userId: "user-1", sessionVersion: 0 });
    vi.setSystemTime(new Date("2026-11-29T13:00:01Z"));
    await expect(auth.identify(`Bearer ${token}`)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("a token signed with another secret is refused, and so is one altered after signing", async () => {
    const auth = new LocalAuthProvider("s".repeat(48), { tokenTtlHours: 1, hashRounds: 4 });
    const other = new LocalAuthProvider("t".repeat(48), { tokenTtlHours: 1, hashRounds: 4 });
    const token = await auth.issueToken("user-1", 0);
    await auth.identify(`Bearer ${token}`);
    await expect(other.identify(`Bearer ${token}`)).rejects.toMatchObject({ code: "unauthenticated" });
    const [header, , signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url")}.${signature}`;
    await expect(auth.identify(`Bearer ${altered}`)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
