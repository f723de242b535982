import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "./interface.ts";
import { openPgliteStorage } from "./postgres/storage.ts";
import { withRecentUsers } from "./recent-users.ts";
import { InProcessBus } from "../bus/in-process.ts";
import { createLogger } from "../../logger.ts";

let storage: Storage;
beforeAll(async () => {
  storage = await openPgliteStorage(null);
});
afterAll(() => storage?.close());

describe("recently seen users", () => {
  it("answers a repeated lookup from memory, and forgets everything at this instance's next user write", async () => {
    const cached = withRecentUsers(storage, 60_000);
    await storage.users.create({ id: "u1", name: "Ada", email: "ada@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
    expect((await cached.users.findById("u1"))?.role).toBe("user");
    // Another instance makes Ada an admin: this one still answers from memory…
    await storage.users.setRole("ada@example.test", "admin");
    expect((await cached.users.findById("u1"))?.role).toBe("user");
    // …until it writes a user itself.
    await cached.users.toggleFavorite("u1", "653");
    expect(await cached.users.findById("u1")).toMatchObject({ role: "admin", favorites: ["653"] });
  });

  it("remembers for the time given only", async () => {
    const cached = withRecentUsers(storage, 1);
    await storage.users.create({ id: "u2", name: "Bo", email: "bo@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
    await cached.users.findById("u2");
    await storage.users.setRole("bo@example.test", "admin");
    await new Promise((r) => setTimeout(r, 5));
    expect((await cached.users.findById("u2"))?.role).toBe("admin");
  });

  it("does not keep what a lookup read when a write of this instance overtook it", async () => {
    await storage.users.create({ id: "u3", name: "Cy", email: "cy@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let readDone = () => {};
    const read = new Promise<void>((resolve) => (readDone = resolve));
    // A lookup that reads, then is held back before it answers.
    const slowUsers = Object.assign(Object.create(storage.users), {
      findById: async (id: string) => {
        const user = await storage.users.findById(id);
        readDone();
        await held;
        return user;
      },
    });
    const cached = withRecentUsers(Object.assign(Object.create(storage), { users: slowUsers }), 60_000);
    const lookup = cached.users.findById("u3");
    await read;
    await cached.users.setRole("cy@example.test", "admin");
    letGo();
    expect((await lookup)?.role).toBe("user");
    expect((await cached.users.findById("u3"))?.role).toBe("admin");
  });

  it("forgets at once what another instance changed, when the change bus says so", async () => {
    const bus = new InProcessBus(createLogger("silent"));
    const here = withRecentUsers(storage, 60_000, 100, bus);
    const there = withRecentUsers(storage, 60_000, 100, bus);
    await storage.users.create({ id: "u4", name: "Di", email: "di@example.test", image: "", role: "user", newShowEmails: false, passwordHash: null });
    expect((await there.users.findById("u4"))?.sessionVersion).toBe(0);
    await here.users.endSessions("u4");
    await here.users.setRole("di@example.test", "staff");
    // The bus delivers after the writer resumes, as over a network.
    await new Promise((r) => setImmediate(r));
    expect(await there.users.findById("u4")).toMatchObject({ role: "staff", sessionVersion: 1 });
    await bus.close();
  });
});
