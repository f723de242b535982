import fc from "fast-check";
import { expect } from "vitest";
import type { Reply } from "../support/client.ts";
import { limits, type ModelBooking, seatsInPlay } from "./state.ts";
import { expectReply, type World } from "./world.ts";

/** One step a customer, the counter, the door or the clock takes; `pick` chooses among the bookings there are then. */
export type Step =
  | { kind: "hold"; user: number; seats: string[] }
  | { kind: "pay"; pick: number }
  | { kind: "clock"; minutes: number }
  | { kind: "cancel"; pick: number }
  | { kind: "giveBack"; pick: number; mask: number }
  | { kind: "admit"; pick: number; seat: number }
  | { kind: "counterCancel"; pick: number; force: boolean }
  | { kind: "counterGiveBack"; pick: number; mask: number; force: boolean }
  | { kind: "cancelShow" }
  | { kind: "block"; seats: string[] }
  | { kind: "unblock"; seats: string[] }
  | { kind: "join"; user: number; seats: number }
  | { kind: "leave"; user: number }
  | { kind: "payOffer"; user: number };

const user = fc.integer({ min: 0, max: 2 });
const pick = fc.nat(50);
const someSeats = (max: number) => fc.subarray(seatsInPlay, { minLength: 1, maxLength: max });

export const holdArbitrary: fc.Arbitrary<Step> = fc.record({ kind: fc.constant("hold" as const), user, seats: someSeats(limits.perBooking) });

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: holdArbitrary, weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant("pay" as const), pick }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant("clock" as const), minutes: fc.integer({ min: 1, max: 12 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("giveBack" as const), pick, mask: fc.nat(7) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("admit" as const), pick, seat: fc.nat(2) }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant("counterCancel" as const), pick, force: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("counterGiveBack" as const), pick, mask: fc.nat(7), force: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: "cancelShow" as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("block" as const), seats: someSeats(2) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("unblock" as const), seats: someSeats(2) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("join" as const), user, seats: fc.integer({ min: 1, max: limits.perBooking + 1 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("leave" as const), user }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("payOffer" as const), user }), weight: 6 },
);

const nth = <T>(items: T[], i: number) => (items.length === 0 ? undefined : items[i % items.length]);
const bookingsIn = (world: World, statuses: ModelBooking["status"][]) =>
  [...world.model.bookings.values()].filter((b) => statuses.includes(world.model.status(b)));
/** A proper, non-empty part of the booking's seats chosen by the bits of `mask`. */
const partOf = (seats: string[], mask: number) => {
  const part = seats.filter((_, i) => (mask >> i) & 1);
  return part.length > 0 && part.length < seats.length ? part : seats.slice(0, 1);
};

async function adoptPart(world: World, b: ModelBooking, seats: string[]) {
  const paymentRef = (await world.app.storage.bookings.get(b.id))!.paymentRef;
  const stored = await world.app.storage.bookings.listForUser(world.users[b.user]!.id);
  const part = stored.find((x) => x.status === "refunded" && x.paymentRef === paymentRef && !world.model.bookings.has(x.id) && x.seats.join() === seats.join());
  expect(part, `${world.log.at(-1)}: the given-back part is stored`).toBeTruthy();
  world.model.giveBack(b, seats, part!.id);
}

/** Pays a booking through its link as its customer would. */
async function pay(world: World, b: ModelBooking) {
  const { model } = world;
  const reply = await world.api.request("POST", `${new URL(b.paymentLink!, world.app.url).pathname}/pay`);
  expect(reply.status, world.log.at(-1)).toBe(303);
  const location = reply.headers.get("location") ?? "";
  if (b.charged) return;
  model.charge(b);
  const status = model.status(b);
  // A late payer gets the seats if nobody else took them meanwhile.
  const sells = !model.cancelled && (status === "held" || (status === "expired" && !b.seats.some((s) => model.occupied(b.id).has(s))));
  if (sells) {
    expect(location, world.log.at(-1)).toContain(`paid=${b.id}`);
    b.status = "paid";
    b.everPaid = true;
    await readTickets(world, b);
  } else {
    expect(location, world.log.at(-1)).toContain(`refunded=${b.id}`);
    model.refund(b);
  }
}

async function readTickets(world: World, b: ModelBooking) {
  const reply = await world.api.get(`/api/booking/${b.id}/tickets`, world.users[b.user]!.token);
  expectReply(world, reply, 200);
  world.model.tickets.set(b.id, new Map((reply.body.tickets as { seat: string; token: string }[]).map((t) => [t.seat, t.token])));
}

/** Runs one step against the real API and checks its answer against the model; returns what it did. */
export async function apply(world: World, step: Step): Promise<void> {
  const { api, model, showId, admin } = world;
  world.log.push(JSON.stringify(step));
  switch (step.kind) {
    case "hold": {
      const { token } = world.users[step.user]!;
      const reply = await api.post("/api/booking/create", { showId, selectedSeats: step.seats }, token);
      const taken = step.seats.filter((s) => model.occupied().has(s));
      const caps = model.overCaps(step.user, step.seats.length);
      if (model.cancelled) return expectReply(world, reply, 409, "show_cancelled");
      if (taken.length > 0 || caps) {
        expectReply(world, reply, 409, [...(taken.length ? ["seat_taken"] : []), ...(caps ? ["too_many_holds"] : [])]);
        if (reply.body.code === "seat_taken") expect(reply.body.details.takenSeats.slice().sort()).toEqual(taken.slice().sort());
        return;
      }
      expectReply(world, reply, 201);
      model.addHold(reply.body.bookingId as string, step.user, step.seats, reply.body.url);
      return;
    }
    case "pay": {
      const b = nth(bookingsIn(world, ["held", "expired", "cancelled", "paid"]).filter((x) => x.paymentLink), step.pick);
      if (b) await pay(world, b);
      return;
    }
    case "payOffer": {
      const entry = model.entryOf(step.user);
      const b = entry?.status === "offered" && entry.bookingId ? model.bookings.get(entry.bookingId) : undefined;
      if (b) await pay(world, b);
      return;
    }
    case "clock": {
      // Within the hour before the show: the door stays open and the cutoff comes near the end.
      if (model.now.getTime() + step.minutes * 60_000 > model.startsAt.getTime() - 5 * 60_000) return;
      world.app.clock.advanceMinutes(step.minutes);
      model.now = world.app.clock.now();
      return;
    }
    case "cancel":
    case "counterCancel": {
      const b = nth(bookingsIn(world, ["held", "expired", "paid"]), step.pick);
      if (!b) return;
      const counter = step.kind === "counterCancel";
      const reply = counter
        ? await api.post(`/api/admin/bookings/${b.id}/cancel`, { force: step.force }, admin)
        : await api.post(`/api/booking/${b.id}/cancel`, {}, world.users[b.user]!.token);
      return settleCancel(world, b, reply, counter && step.force, counter);
    }
    case "giveBack":
    case "counterGiveBack": {
      const b = nth(bookingsIn(world, ["paid"]).filter((x) => x.seats.length > 1), step.pick);
      if (!b) return;
      const seats = partOf(b.seats, step.mask);
      const counter = step.kind === "counterGiveBack";
      const force = counter && step.force;
      const reply = counter
        ? await api.post(`/api/admin/bookings/${b.id}/cancel`, { seats, force }, admin)
        : await api.post(`/api/booking/${b.id}/cancel`, { seats }, world.users[b.user]!.token);
      if (refused(world, b, seats, reply, force, counter)) return;
      expectReply(world, reply, 200);
      expect(reply.body.booking.bookedSeats).toEqual(b.seats.filter((s) => !seats.includes(s)));
      return adoptPart(world, b, seats);
    }
    case "admit": {
      const entry = nth([...model.tickets.entries()], step.pick);
      if (!entry) return;
      const [bookingId, tickets] = entry;
      const [seat, code] = nth([...tickets.entries()], step.seat)!;
      world.log[world.log.length - 1] += ` ${bookingId.slice(0, 8)} ${seat}`;
      const reply = await api.post("/api/checkin", { code, showId }, world.staff);
      const b = model.bookings.get(bookingId)!;
      if (model.status(b) !== "paid" || !b.seats.includes(seat)) return expectReply(world, reply, 410, "ticket_void");
      if (model.admitted.get(seat) === bookingId) return expectReply(world, reply, 409, "already_admitted");
      expectReply(world, reply, 200);
      model.admitted.set(seat, bookingId);
      return;
    }
    case "cancelShow": {
      const reply = await api.post(`/api/admin/shows/${showId}/cancel`, undefined, admin);
      expectReply(world, reply, 200);
      for (const b of model.bookings.values()) {
        if (model.status(b) === "paid") model.refund(b);
        else if (b.status === "held") b.status = "cancelled";
      }
      model.cancelled = true;
      return;
    }
    case "block": {
      const reply = await api.post(`/api/admin/shows/${showId}/blocked-seats`, { seats: step.seats }, admin);
      const taken = step.seats.filter((s) => model.occupied().has(s) && !model.blocked.has(s));
      if (taken.length > 0) return expectReply(world, reply, 409);
      expectReply(world, reply, 200);
      step.seats.forEach((s) => model.blocked.add(s));
      return;
    }
    case "unblock": {
      const reply = await api.post(`/api/admin/shows/${showId}/unblocked-seats`, { seats: step.seats }, admin);
      expectReply(world, reply, 200);
      step.seats.forEach((s) => model.blocked.delete(s));
      return;
    }
    case "join": {
      const reply = await api.post(`/api/show/${showId}/waitlist`, { seats: step.seats }, world.users[step.user]!.token);
      if (step.seats > limits.perBooking) return expectReply(world, reply, 400, "validation");
      if (model.cancelled) return expectReply(world, reply, 404);
      if (model.free().length >= step.seats || model.entryOf(step.user)) return expectReply(world, reply, 409, "conflict");
      expectReply(world, reply, 201);
      model.entries.push({ user: step.user, seats: step.seats, status: "waiting", bookingId: null, order: model.entries.length });
      return;
    }
    case "leave": {
      const reply = await api.request("DELETE", `/api/show/${showId}/waitlist`, { token: world.users[step.user]!.token });
      expectReply(world, reply, 200);
      const entry = model.entryOf(step.user);
      expect(reply.body.left, world.log.at(-1)).toBe(entry?.status === "waiting");
      if (entry?.status === "waiting") entry.status = "left";
      return;
    }
  }
}

/**
 * The refusals a cancel or give-back of `seats` meets, in order: seats let in at the door (unless
 * the counter forces it), then the customer's cutoff. True when the reply was such a refusal.
 */
function refused(world: World, b: ModelBooking, seats: string[], reply: Reply, force: boolean, counter: boolean) {
  const admitted = world.model.admittedOf(b.id, seats);
  if (admitted.length > 0 && !force) {
    expectReply(world, reply, 409, "already_admitted");
    expect(reply.body.details.seats).toEqual(admitted);
    return true;
  }
  if (!counter && !world.model.beforeCutoff()) {
    expectReply(world, reply, 409, "too_late");
    return true;
  }
  return false;
}

/** A whole cancellation, by the customer or at the counter (`force` refunds seats let in). */
async function settleCancel(world: World, b: ModelBooking, reply: Reply, force: boolean, counter: boolean) {
  const { model } = world;
  if (b.status === "held") {
    // Held in the store, live or lapsed: released.
    expectReply(world, reply, 200);
    b.status = "cancelled";
    return;
  }
  if (b.status !== "paid") return expectReply(world, reply, 409, "conflict");
  if (refused(world, b, b.seats, reply, force, counter)) return;
  expectReply(world, reply, 200);
  model.refund(b);
}
