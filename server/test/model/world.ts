import { expect } from "vitest";
import { jobFunctions } from "../../src/jobs/functions.ts";
import { jobsSettled, type TestApp } from "../support/app.ts";
import type { Client, Reply } from "../support/client.ts";
import { addShows, localSlot } from "../support/fixtures.ts";
import { limits, seatsInPlay, ShowModel } from "./state.ts";

/** The real side of one sequence: the app, its accounts, and a show of its own. */
export interface World {
  app: TestApp;
  api: Client;
  admin: string;
  staff: string;
  /** Customers' tokens and ids. */
  users: { token: string; id: string }[];
  showId: string;
  model: ShowModel;
  jobs: ReturnType<typeof jobFunctions>;
  /** What happened, for the report of a failing sequence. */
  log: string[];
}

export interface Accounts {
  admin: string;
  staff: string;
  users: { token: string; id: string }[];
}

/** Accounts shared by every sequence of a run (their holds on earlier shows have lapsed by then). */
export async function openAccounts(app: TestApp, api: Client): Promise<Accounts> {
  const admin = await api.register("admin@example.test");
  const staff = await api.register("door@example.test", "Door Staff");
  const staffId = (await api.get("/api/user/me", staff)).body.user._id;
  expect((await api.post(`/api/admin/users/${staffId}/role`, { role: "staff" }, admin)).status).toBe(200);
  const users = [];
  for (const name of ["ana", "ben", "cy"]) {
    const token = await api.register(`${name}@example.test`, name);
    users.push({ token, id: (await api.get("/api/user/me", token)).body.user._id as string });
  }
  return { admin, staff, users };
}

let sequence = 0;

/**
 * A new show for one sequence, a day after the last one's, starting an hour after the clock: the
 * door is open (it opens 90 minutes before) and customers may cancel for most of the hour. Only
 * seats A1–A6 are on sale; the rest are blocked.
 */
export async function newWorld(app: TestApp, api: Client, accounts: Accounts): Promise<World> {
  sequence++;
  const base = new Date(Date.UTC(2031, 0, 1, 10, 0, 0) + sequence * 24 * 3600_000);
  app.clock.set(base);
  const [showId] = await addShows(api, accounts.admin, { slots: [localSlot(base, 0, "11:00")] });
  const rest = "ABCDEFGHIJ".split("").flatMap((row) => Array.from({ length: 9 }, (_, i) => `${row}${i + 1}`)).filter((s) => !seatsInPlay.includes(s));
  expect((await api.post(`/api/admin/shows/${showId}/blocked-seats`, { seats: rest }, accounts.admin)).status).toBe(200);
  return {
    app,
    api,
    ...accounts,
    showId: showId!,
    model: new ShowModel(base, new Date(base.getTime() + 3600_000)),
    jobs: jobFunctions(app.running.deps),
    log: [],
  };
}

/** Lets the in-process runner finish what the last change asked of it, then runs the waitlist's periodic round. */
export async function settle(world: World) {
  await jobsSettled(world.app);
  await world.jobs.makeWaitlistOffers({ showId: world.showId });
  await world.jobs.deliverDueEffects();
  await jobsSettled(world.app);
}

export const describeReply = (r: Reply) => `${r.status} ${typeof r.body === "object" ? JSON.stringify(r.body).slice(0, 300) : String(r.body).slice(0, 120)}`;

/** Asserts a reply's status (and error code), naming the step. */
export function expectReply(world: World, reply: Reply, status: number, code?: string | string[]) {
  const where = `${world.log.at(-1)} → ${describeReply(reply)}`;
  expect(reply.status, where).toBe(status);
  if (code) expect([code].flat(), where).toContain(reply.body?.code);
}

export { limits };
