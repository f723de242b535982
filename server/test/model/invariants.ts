import { expect } from "vitest";
import { limits } from "./state.ts";
import { settle, type World } from "./world.ts";

const everyStatus = ["held", "paid", "expired", "cancelled", "refunded"] as const;

/**
 * Offers the runner made since the last step become bookings of the model, each checked against
 * the rules (someone waiting, free seats, within the caps); and nobody still waits whose wish the
 * free seats and their caps would fit.
 */
async function adoptOffers(world: World) {
  const { model, app } = world;
  const stored = await app.storage.waitlist.ofShow(world.showId, ["waiting", "offered", "accepted", "lapsed", "left"], 1_000);
  for (const entry of model.entries.filter((e) => e.status === "waiting" || e.status === "offered")) {
    const mine = stored.filter((s) => s.userId === world.users[entry.user]!.id).at(-1);
    expect(mine, "every entry in the model is in the line").toBeTruthy();
    if (mine!.status === "offered" && entry.status === "waiting") {
      const booking = (await app.storage.bookings.get(mine!.bookingId!))!;
      expect(booking.seats, "an offer holds the seats wished for").toHaveLength(entry.seats);
      const free = model.free();
      expect(booking.seats.every((s) => free.includes(s)), `offer of ${booking.seats} to seats the model has free (${free})`).toBe(true);
      expect(model.overCaps(entry.user, entry.seats), "an offer within the account's caps").toBeNull();
      model.addHold(booking.id, entry.user, booking.seats, booking.paymentLink, booking.holdExpiresAt!);
      entry.status = "offered";
      entry.bookingId = booking.id;
    } else if (entry.status === "offered" && mine!.status !== "offered") {
      expect(["accepted", "lapsed"]).toContain(mine!.status);
      entry.status = mine!.status as "accepted" | "lapsed";
    }
  }
  if (model.cancelled || model.now >= model.startsAt) return;
  for (const entry of model.entries.filter((e) => e.status === "waiting")) {
    const fits = model.free().length >= entry.seats && model.overCaps(entry.user, entry.seats) === null;
    expect(fits, `${entry.seats} free seats were not offered to the one waiting for them`).toBe(false);
  }
}

/** After every step: the rules that must hold together, read from the database and the API. */
export async function checkInvariants(world: World) {
  const { model, app, api, showId } = world;
  await settle(world);
  await adoptOffers(world);
  const now = app.clock.now();
  const stored = await app.storage.bookings.listForShow(showId, everyStatus);
  const live = stored.filter((b) => b.status === "paid" || (b.status === "held" && b.holdExpiresAt! > now));

  // 1. One owner per seat: a live hold, a sale, a block, or an admitted seat refunded by force.
  const owners = new Map<string, string[]>();
  for (const b of live) for (const s of b.seats) owners.set(s, [...(owners.get(s) ?? []), b.id]);
  for (const s of (await app.storage.bookings.listBlockedSeats(showId)).filter((x) => /^A[1-6]$/.test(x))) owners.set(s, [...(owners.get(s) ?? []), "blocked"]);
  for (const s of model.stuck) owners.set(s, [...(owners.get(s) ?? []), "admitted"]);
  for (const [seat, who] of owners) expect(who, `owners of ${seat}`).toHaveLength(1);

  // 6. The API, the database and the model agree on what is taken and on every booking.
  const inPlay = (seats: string[]) => seats.filter((s) => /^A[1-6]$/.test(s)).sort();
  const fromApi = inPlay((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats);
  expect(fromApi, "occupied seats: API vs owners").toEqual([...owners.keys()].sort());
  expect(fromApi, "occupied seats: API vs model").toEqual([...model.occupied()].sort());
  expect(stored.map((b) => b.id).sort(), "the show's bookings: stored vs model").toEqual([...model.bookings.keys()].sort());
  for (const b of stored) {
    const m = model.bookings.get(b.id)!;
    const status = b.status === "held" && b.holdExpiresAt! <= now ? "expired" : b.status;
    expect({ status, seats: b.seats, amountMinor: b.amountMinor }, `booking ${b.id}`).toEqual({ status: model.status(m), seats: m.seats, amountMinor: m.amountMinor });
  }

  // 2. An admitted seat is stored as admitted, and stays with its booking or taken for good.
  const admissions = await app.storage.tickets.countAdmitted([showId]);
  expect(admissions.get(showId) ?? 0, "admissions: stored vs model").toBe(model.admitted.size);
  for (const [seat, bookingId] of model.admitted) {
    const b = model.bookings.get(bookingId)!;
    const stays = (model.status(b) === "paid" && b.seats.includes(seat)) || model.stuck.has(seat);
    expect(stays, `admitted ${seat} still taken`).toBe(true);
  }

  // 3 and 4. Money: charged − refunded = the price of what is still valid; each refund once, the right amount.
  const refunds = app.payments.refunds.filter((r) => model.bookings.has(r.bookingId));
  for (const b of model.bookings.values()) {
    const mine = refunds.filter((r) => r.bookingId === b.id);
    expect(mine.map((r) => r.amountMinor), `refunds of ${b.id} (${b.status})`).toEqual(b.status === "refunded" ? [b.amountMinor] : []);
  }
  for (const [ref, charged] of model.charges) {
    const refunded = refunds.filter((r) => model.bookings.get(r.bookingId)!.ref === ref).reduce((n, r) => n + r.amountMinor, 0);
    const valid = [...model.bookings.values()].filter((b) => b.ref === ref && b.status === "paid").reduce((n, b) => n + b.amountMinor, 0);
    expect(charged - refunded, `payment ${ref}: charged ${charged}, refunded ${refunded}`).toBe(valid);
  }
  const mail = await app.storage.outbox.list();
  for (const b of model.bookings.values()) {
    expect(mail.filter((m) => m.dedupeKey === `confirmation:${b.id}`), `confirmations of ${b.id}`).toHaveLength(b.everPaid ? 1 : 0);
  }

  // 5. Nobody holds more than the caps allow, by booking or by offer.
  for (const [i, u] of world.users.entries()) {
    const held = live.filter((b) => b.userId === u.id && b.status === "held");
    expect(held.length, `live holds of user ${i}`).toBeLessThanOrEqual(limits.holdsPerShow);
    expect(held.reduce((n, b) => n + b.seats.length, 0), `held seats of user ${i}`).toBeLessThanOrEqual(limits.seatsAcrossShows);
  }
}
