import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { createLogger } from "../../logger.ts";
import type { JobFunctions } from "./interface.ts";
import { LocalJobsProvider } from "./local.ts";

/** A job that waits until the test lets it finish, counting how often it ran. */
function gate() {
  const starts: Array<() => void> = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    job: () => {
      calls++;
      return new Promise<number>((resolve) => starts.push(() => resolve(0)));
    },
    /** Lets the rounds started so far end. */
    finish: () => starts.splice(0).forEach((end) => end()),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

function runner(functions: Partial<JobFunctions>) {
  return new LocalJobsProvider(() => functions as JobFunctions, systemClock, createLogger("silent"));
}

describe("the local job runner", () => {
  it("answers a burst of payments with one round, and one more for those that came while it ran", async () => {
    const deliveries = gate();
    const jobs = runner({ deliverDueEffects: deliveries.job });
    await jobs.emit("booking.paid", { bookingId: "a" });
    await tick();
    expect(deliveries.calls).toBe(1);
    for (let i = 0; i < 50; i++) await jobs.emit("booking.refunded", { bookingId: `b${i}` });
    await tick();
    expect(deliveries.calls).toBe(1);
    deliveries.finish();
    await tick();
    // The events that came meanwhile get their own round: none is left to the periodic one.
    expect(deliveries.calls).toBe(2);
    deliveries.finish();
    await tick();
    expect(deliveries.calls).toBe(2);
    // Once idle, the next event starts a round at once.
    await jobs.emit("booking.paid", { bookingId: "c" });
    await tick();
    expect(deliveries.calls).toBe(3);
    deliveries.finish();
    await jobs.stop();
  });

  it("keeps waitlist rounds of different shows apart", async () => {
    const shows: Array<string | undefined> = [];
    const offers = gate();
    const jobs = runner({
      makeWaitlistOffers: (input) => {
        shows.push(input.showId);
        return offers.job();
      },
    });
    await jobs.emit("show.seats_freed", { showId: "s1" });
    await jobs.emit("show.seats_freed", { showId: "s2" });
    await tick();
    await jobs.emit("show.seats_freed", { showId: "s1" });
    await tick();
    expect(shows).toEqual(["s1", "s2"]);
    offers.finish();
    await tick();
    expect(shows).toEqual(["s1", "s2", "s1"]);
    offers.finish();
    await jobs.stop();
  });

  it("starts the next round after a round that failed", async () => {
    let calls = 0;
    const jobs = runner({
      deliverDueEffects: async () => {
        calls++;
        throw new Error("mail server down");
      },
    });
    await jobs.emit("booking.paid", { bookingId: "a" });
    await tick();
    await jobs.emit("booking.paid", { bookingId: "b" });
    await tick();
    expect(calls).toBe(2);
    await jobs.stop();
  });
});
