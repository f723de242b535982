import { expiringEntries } from "../../memo.ts";
import type { ChangeEvent, ChangeListener } from "../bus/interface.ts";
import type { Storage, UserRecord, UserRepository } from "./interface.ts";

const isRead = (method: string) => /^(find|list|count|passwordHash|getMany)/.test(method);

/** How the memories of all instances hear of each other's user writes (the change bus). */
export interface UserChanges {
  publish(event: ChangeEvent): void;
  subscribe(listener: ChangeListener): () => void;
}

/**
 * Remembers users looked up by id for a moment, so the many requests of one signed-in user (a
 * booking rush above all) do not each read the user again. Any user write on this instance drops
 * them all at once and is announced on `changes`, where every other instance drops them too: a
 * role change or an ended session counts everywhere as soon as the bus delivers it, and after
 * `ttlMs` at the latest should the bus be down.
 */
export function withRecentUsers(storage: Storage, ttlMs = 2_000, max = 10_000, changes?: UserChanges): Storage {
  const recent = expiringEntries<UserRecord>({ max, ttlMs });
  // Counts user writes seen here: a lookup that a write overtook must not keep what it read.
  let writes = 0;
  const forgetAll = () => {
    writes++;
    recent.clear();
  };
  changes?.subscribe((event) => {
    if (event.kind === "users") forgetAll();
  });
  const users = Object.create(storage.users) as UserRepository;
  // for…in also walks inherited methods, so a repository wrapped before this one is covered too.
  for (const name in storage.users) {
    const method = (storage.users as unknown as Record<string, unknown>)[name];
    if (typeof method !== "function" || isRead(name)) continue;
    Object.assign(users, {
      [name]: async (...args: unknown[]) => {
        try {
          return await method.apply(storage.users, args);
        } finally {
          forgetAll();
          changes?.publish({ kind: "users" });
        }
      },
    });
  }
  users.findById = async (id) => {
    const hit = recent.get(id);
    if (hit) return hit;
    const writesBefore = writes;
    const user = await storage.users.findById(id);
    if (user && writes === writesBefore) recent.set(id, user);
    return user;
  };
  return Object.assign(Object.create(storage) as Storage, { users });
}
