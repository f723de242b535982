import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFunctions } from "../src/jobs/functions.ts";
import { LocalJobsProvider } from "../src/providers/jobs/local.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { MailboxProvider } from "./support/mailbox.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let mailbox: MailboxProvider;
let jobs: ReturnType<typeof jobFunctions>;

beforeAll(async () => {
  mailbox = new MailboxProvider();
  // The app's own in-process runner delivers into the same mailbox, as it would in production.
  app = await startTestApp({ THEATER_TIMEZONE: "Europe/Paris", REMINDER_HOURS_BEFORE: "3" }, new Date("2031-01-10T08:00:00Z"), { mail: mailbox });
  api = client(app.url);
  jobs = jobFunctions(app.running.deps);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Fan", { newShowEmails: true });
  await api.register("quiet@example.test", "Quiet");
});
afterAll(() => app?.close());

async function paidBooking(showId: string, seats: string[]) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, fan);
  expect(created.status).toBe(201);
  await api.request("POST", `${created.body.url}/pay`);
  return created.body.bookingId as string;
}

describe("job functions (the same ones the Inngest functions wrap)", () => {
  it("sends one confirmation per paid booking, with the local time, seats and amount, however often it runs", async () => {
    const [showId] = await addShows(api, admin, { price: 9.5, slots: [{ date: "2031-01-12", time: "20:15" }] });
    const bookingId = await paidBooking(showId!, ["D4", "D5"]);
    // Run it again beside the runner's own run, as a retry or a second instance would.
    await Promise.all([jobs.sendBookingConfirmation({ bookingId }), jobs.sendBookingConfirmation({ bookingId })]);
    await jobs.sendBookingConfirmation({ bookingId });
    const mails = await eventually(() => {
      const found = mailbox.delivered.filter((m) => m.subject === "Your tickets for Nosferatu");
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mails[0]!.to).toBe("fan@example.test");
    expect(mails[0]!.text).toContain("Sunday 12 January 2031, 20:15");
    expect(mails[0]!.text).toContain("D4, D5");
    expect(mails[0]!.text).toContain("$19.00");
    expect(mails[0]!.html).toContain(bookingId);
  });

  it("does not confirm a booking that is not paid", async () => {
    const [showId] = await addShows(api, admin, { slots: [{ date: "2031-01-13", time: "20:15" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, fan);
    expect(await jobs.sendBookingConfirmation({ bookingId: created.body.bookingId })).toBe(false);
  });

  it("reminds paid bookings of shows within the window, once", async () => {
    const [soon] = await addShows(api, admin, { movieId: "19", slots: [{ date: "2031-01-10", time: "11:30" }] });
    const [later] = await addShows(api, admin, { movieId: "19", slots: [{ date: "2031-01-10", time: "19:00" }] });
    await paidBooking(soon!, ["A1"]);
    await paidBooking(later!, ["A2"]);
    // 08:00 UTC = 09:00 in Paris; 11:30 Paris is within three hours, 19:00 is not.
    expect(await jobs.sendShowReminders()).toBe(1);
    expect(await jobs.sendShowReminders()).toBe(0);
    // The runner may be draining the outbox at the same moment and send it instead: wait for it.
    const reminders = await eventually(() => {
      const found = mailbox.delivered.filter((m) => m.subject.startsWith("Reminder: Metropolis"));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(reminders[0]!.text).toContain("11:30");
  });

  it("tells only opted-in users about new shows, once per batch", async () => {
    const showIds = await addShows(api, admin, { movieId: "961", slots: [{ date: "2031-01-15", time: "18:00" }, { date: "2031-01-15", time: "21:00" }] });
    // Adding shows emitted show.added; the runner has mailed the subscriber. (Counted by subject:
    // confirmations of earlier tests may still be landing in the same mailbox.)
    const newShowMails = () => mailbox.delivered.filter((m) => m.subject === "New shows: The General");
    await eventually(() => expect(newShowMails()).toHaveLength(1));
    expect(await jobs.notifyNewShows({ movieId: "961", showIds })).toBe(0);
    const sent = newShowMails();
    expect(sent.map((m) => m.to)).toEqual(["fan@example.test"]);
    expect(sent[0]!.subject).toBe("New shows: The General");
  });

  it("expires a lapsed hold and frees its seats, and leaves a live one alone", async () => {
    const [showId] = await addShows(api, admin, { movieId: "19", slots: [{ date: "2031-01-20", time: "18:00" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["J1"] }, fan);
    expect(await jobs.releaseSeatsIfUnpaid({ bookingId: created.body.bookingId })).toBe(false);
    app.clock.advanceMinutes(10);
    expect(await jobs.releaseSeatsIfUnpaid({ bookingId: created.body.bookingId })).toBe(true);
    expect(await jobs.releaseSeatsIfUnpaid({ bookingId: created.body.bookingId })).toBe(false);
    expect((await app.storage.bookings.get(created.body.bookingId))?.status).toBe("expired");
    expect(await app.storage.bookings.occupiedSeats(showId!, app.clock.now())).toEqual([]);
  });

  it("keeps mail queued when the mail server fails, and sends it later", async () => {
    mailbox.failing = true;
    const token = await api.register("late-mail@example.test", "Late");
    expect(token).toBeTruthy();
    const user = await app.storage.users.findByEmail("late-mail@example.test");
    await jobs.welcomeUser({ userId: user!.id });
    const queued = await eventually(async () => {
      const item = (await app.storage.outbox.list()).find((m) => m.dedupeKey === `welcome:${user!.id}`)!;
      // Both the runner and this call tried; the message was attempted once and kept.
      expect(item).toMatchObject({ status: "pending", attempts: 1 });
      expect(item.lastError).toContain("451");
      return item;
    });
    expect(queued.sentAt).toBeNull();
    mailbox.failing = false;
    expect(await jobs.deliverDueMail()).toBe(0); // not due yet: backing off
    app.clock.advanceMinutes(2);
    // The welcome and the address confirmation sent at sign-up.
    expect(await jobs.deliverDueMail()).toBe(2);
    expect(mailbox.delivered.filter((m) => m.to === "late-mail@example.test").map((m) => m.subject).sort()).toEqual(["Confirm your email address", "Welcome to QuickShow"]);
  });
});

describe("job functions for users managed by an identity provider (Clerk)", () => {
  const profile = (id: string, name = "Ada Lovelace") => ({ id, name, email: `${id}@example.test`, image: "https://img.example/ada.png", role: "user" as const });

  it("creates the user once, then keeps it in step with the provider", async () => {
    expect(await jobs.syncUserProfile(profile("user_sync1"))).toEqual({ userId: "user_sync1", created: true });
    expect(await jobs.syncUserProfile(profile("user_sync1", "Ada King"))).toEqual({ userId: "user_sync1", created: false });
    expect(await app.storage.users.findById("user_sync1")).toMatchObject({ name: "Ada King", email: "user_sync1@example.test", role: "user" });
  });

  it("removal releases holds, drops favorites, keeps paid bookings, and a late update does not bring the user back", async () => {
    await jobs.syncUserProfile(profile("user_gone"));
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [{ date: "2031-01-28", time: "18:00" }] });
    const show = (await app.storage.shows.get(showId!))!;
    const now = app.clock.now();
    const hold = (seats: string[]) =>
      app.storage.bookings.hold({ id: randomUUID(), userId: "user_gone", showId: show.id, seats, amountMinor: show.priceMinor, currency: "usd", holdExpiresAt: new Date(now.getTime() + 600_000), now }, { holdsPerShow: 10, seatsAcrossShows: 100 });
    const paid = await hold(["K1"]);
    const held = await hold(["K2"]);
    if (!paid.ok || !held.ok) throw new Error("hold failed");
    await app.storage.bookings.sell({ bookingId: paid.booking.id, from: ["held"], paymentRef: "local_x", now });
    await app.storage.users.toggleFavorite("user_gone", "962");

    expect(await jobs.removeUser({ userId: "user_gone" })).toEqual({ removed: true, releasedBookings: 1 });
    expect(await jobs.removeUser({ userId: "user_gone" })).toEqual({ removed: false, releasedBookings: 0 });
    expect(await app.storage.users.findById("user_gone")).toBeNull();
    expect((await app.storage.bookings.get(held.booking.id))?.status).toBe("cancelled");
    expect((await app.storage.bookings.get(paid.booking.id))?.status).toBe("paid");
    expect(await app.storage.bookings.occupiedSeats(show.id, now)).toEqual(["K1"]);
    // Out-of-order delivery: an update that arrives after the deletion is ignored.
    expect(await jobs.syncUserProfile(profile("user_gone", "Back Again"))).toBeNull();
    expect(await app.storage.users.findById("user_gone")).toBeNull();
  });
});

describe("local in-process runner", () => {
  it("sends the confirmation after payment without anyone calling the job", async () => {
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [{ date: "2031-01-25", time: "18:00" }] });
    await paidBooking(showId!, ["B1"]);
    await eventually(() => expect(mailbox.delivered.filter((m) => m.subject === "Your tickets for The Gold Rush")).toHaveLength(1));
  });

  it("releases an unpaid hold when its time is up", async () => {
    const runner = new LocalJobsProvider(() => jobs, app.clock, app.running.deps.logger);
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [{ date: "2031-01-26", time: "18:00" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["C3"] }, fan);
    app.clock.advanceMinutes(11);
    // The hold lapsed on the clock: the runner schedules the release immediately.
    await runner.emit("booking.created", { bookingId: created.body.bookingId, holdExpiresAt: created.body.holdExpiresAt });
    await eventually(async () => expect((await app.storage.bookings.get(created.body.bookingId))?.status).toBe("expired"), 4_000);
    await runner.stop();
  });
});
