import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { applyBurst, type Burst, burstArbitrary } from "./model/bursts.ts";
import { apply, holdArbitrary, type Step, stepArbitrary } from "./model/commands.ts";
import { checkInvariants } from "./model/invariants.ts";
import { limits, type ShowModel } from "./model/state.ts";
import { type Accounts, newWorld, openAccounts, type World } from "./model/world.ts";

/**
 * The whole lifecycle as one stateful model test: random sequences of holds, payments (in time
 * and late), lapses, cancellations, give-backs, admissions, counter refunds with and without force,
 * blocks, waitlists and show cancellations, some sent at once, drive the real HTTP API; after
 * every step the invariants are checked against the database and the API.
 * `npm run test:model -- --runs=N --seed=S` runs longer.
 */
const runs = Number(process.env.MODEL_RUNS ?? 10);
const seed = Number(process.env.MODEL_SEED ?? 20261208);
const maxCommands = Number(process.env.MODEL_MAX_COMMANDS ?? 30);

let app: TestApp;
let api: Client;
let accounts: Accounts;
/** What the sequences did, printed at the end: proof that they reached the states that matter. */
const tally = { sequences: 0, steps: 0, held: 0, paid: 0, refunded: 0, admitted: 0, forced: 0, offers: 0 };

beforeAll(async () => {
  app = await startTestApp({
    ORPHAN_SEAT_RULE: "false",
    HOLD_MINUTES: String(limits.holdMinutes),
    MAX_SEATS_PER_BOOKING: String(limits.perBooking),
    MAX_LIVE_HOLDS_PER_SHOW: String(limits.holdsPerShow),
    MAX_HELD_SEATS_PER_ACCOUNT: String(limits.seatsAcrossShows),
    CANCEL_CUTOFF_MINUTES: String(limits.cutoffMinutes),
    WAITLIST_OFFER_MINUTES: "15",
  });
  api = client(app.url);
  accounts = await openAccounts(app, api);
});
afterAll(() => app?.close());

class StepCommand implements fc.AsyncCommand<ShowModel, World> {
  constructor(readonly step: Step) {}
  check = () => true;
  async run(_model: ShowModel, world: World) {
    await apply(world, this.step);
    await checkInvariants(world);
  }
  toString = () => JSON.stringify(this.step);
}

class BurstCommand implements fc.AsyncCommand<ShowModel, World> {
  constructor(readonly burst: Burst) {}
  check = () => true;
  async run(_model: ShowModel, world: World) {
    await applyBurst(world, this.burst);
    await checkInvariants(world);
  }
  toString = () => JSON.stringify(this.burst);
}

describe(`the box office's rules together, as a stateful model (${testDb})`, () => {
  it(`${runs} random sequences of up to ${maxCommands} steps keep every invariant (seed ${seed})`, { timeout: 30 * 60_000 }, async () => {
    const command: fc.Arbitrary<fc.AsyncCommand<ShowModel, World>> = fc.oneof(
      { arbitrary: stepArbitrary.map((s) => new StepCommand(s)), weight: 8 },
      { arbitrary: burstArbitrary.map((b) => new BurstCommand(b)), weight: 1 },
    );
    // A few buyers first, so that every sequence has bookings to pay, scan, refund and race over.
    const opening = fc.array(holdArbitrary.map((s) => new StepCommand(s)), { minLength: 2, maxLength: 5 });
    const commands = fc.tuple(opening, fc.array(command, { minLength: maxCommands / 2, maxLength: maxCommands })).map(([a, b]) => [...a, ...b]);
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const world = await newWorld(app, api, accounts);
        try {
          await fc.asyncModelRun(() => ({ model: world.model, real: world }), cmds);
        } catch (error) {
          if (process.env.MODEL_TRACE) appendFileSync(process.env.MODEL_TRACE, `--- failed on ${testDb}\n${world.log.join("\n")}\n${String(error).slice(0, 2000)}\n`);
          throw error;
        }
        const bookings = [...world.model.bookings.values()];
        tally.sequences++;
        if (process.env.MODEL_TRACE) appendFileSync(process.env.MODEL_TRACE, `--- sequence ${tally.sequences} on ${testDb}\n${world.log.join("\n")}\n`);
        tally.steps += world.log.length;
        tally.held += bookings.length;
        tally.paid += bookings.filter((b) => b.everPaid).length;
        tally.refunded += bookings.filter((b) => b.status === "refunded").length;
        tally.admitted += world.model.admitted.size;
        tally.forced += world.model.stuck.size;
        tally.offers += world.model.entries.filter((e) => e.bookingId).length;
      }),
      { numRuns: runs, seed, verbose: 1 },
    );
    console.log(`[model ${testDb}] ${JSON.stringify(tally)}`);
  });
});
