import fc from "fast-check";
import { expect } from "vitest";
import type { Reply } from "../support/client.ts";
import { limits, seatsInPlay } from "./state.ts";
import { expectReply, type World } from "./world.ts";

/** Steps sent at the same moment; their answers are checked against what any order of them allows. */
export type Burst =
  | { kind: "raceHolds"; holds: { user: number; seats: string[] }[] }
  | { kind: "raceDoor"; pick: number; seat: number; counter: boolean };

export const burstArbitrary: fc.Arbitrary<Burst> = fc.oneof(
  fc.record({
    kind: fc.constant("raceHolds" as const),
    holds: fc.array(fc.record({ user: fc.integer({ min: 0, max: 2 }), seats: fc.subarray(seatsInPlay, { minLength: 1, maxLength: limits.perBooking }) }), { minLength: 2, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant("raceDoor" as const), pick: fc.nat(50), seat: fc.nat(2), counter: fc.boolean() }),
);

export async function applyBurst(world: World, burst: Burst) {
  const { api, model, showId } = world;
  world.log.push(JSON.stringify(burst));
  if (burst.kind === "raceHolds") {
    const freeBefore = new Set(model.free());
    const replies = await Promise.all(burst.holds.map((h) => api.post("/api/booking/create", { showId, selectedSeats: h.seats }, world.users[h.user]!.token)));
    for (const [i, reply] of replies.entries()) {
      const { user, seats } = burst.holds[i]!;
      if (reply.status !== 201) {
        expect([409], `${world.log.at(-1)} → ${reply.status}`).toContain(reply.status);
        expect(model.cancelled ? ["show_cancelled"] : ["seat_taken", "too_many_holds"]).toContain(reply.body.code);
        continue;
      }
      expect(seats.every((s) => freeBefore.has(s)), `a racing hold won ${seats} that were not free`).toBe(true);
      model.addHold(reply.body.bookingId as string, user, seats, reply.body.url);
    }
    return;
  }
  // The door lets a seat in while its booking is cancelled: by the customer, or at the counter without force.
  const paid = [...model.tickets.keys()].map((id) => model.bookings.get(id)!).filter((b) => model.status(b) === "paid");
  const b = paid.length ? paid[burst.pick % paid.length] : undefined;
  const seat = b?.seats.find((s, i) => i === burst.seat % b.seats.length && model.admitted.get(s) !== b.id);
  if (!b || !seat) return;
  world.log[world.log.length - 1] += ` ${b.id.slice(0, 8)} ${seat}`;
  const [door, cancel] = (await Promise.all([
    api.post("/api/checkin", { code: model.tickets.get(b.id)!.get(seat), showId }, world.staff),
    burst.counter ? api.post(`/api/admin/bookings/${b.id}/cancel`, {}, world.admin) : api.post(`/api/booking/${b.id}/cancel`, {}, world.users[b.user]!.token),
  ])) as [Reply, Reply];
  const stored = (await world.app.storage.bookings.get(b.id))!;
  if (cancel.status === 200) {
    // The refund came first: the ticket was void when scanned.
    expectReply(world, door, 410, "ticket_void");
    expect(stored.status).toBe("refunded");
    model.refund(b);
    return;
  }
  expectReply(world, door, 200);
  model.admitted.set(seat, b.id);
  expectReply(world, cancel, 409, !burst.counter && !model.beforeCutoff() ? ["already_admitted", "too_late"] : "already_admitted");
  expect(stored.status).toBe("paid");
}
