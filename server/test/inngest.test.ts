import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngestAppId, InngestJobsProvider } from "../src/providers/jobs/inngest.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows } from "./support/fixtures.ts";
import { MailboxProvider } from "./support/mailbox.ts";
import { sendJson, startStandIn, type StandIn } from "./support/stand-in.ts";

/** What the Inngest dev server is sent: events by `inngest.send`, and the app's registration. */
interface SentEvent {
  id?: string;
  name: string;
  data: Record<string, any>;
}

let devServer: StandIn;
let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let mailbox: MailboxProvider;
let jobs: InngestJobsProvider;

const sentEvents = (): SentEvent[] =>
  devServer.requests.filter((r) => r.method === "POST" && r.url.startsWith("/e/")).flatMap((r) => JSON.parse(r.body.toString()) as SentEvent[]);
const lastSent = (name: string, match: (e: SentEvent) => boolean = () => true) => sentEvents().filter((e) => e.name === name && match(e)).at(-1)!;

beforeAll(async () => {
  devServer = await startStandIn((req, res) => {
    if (req.url.startsWith("/e/")) {
      const events = JSON.parse(req.body.toString()) as unknown[];
      return sendJson(res, 200, { ids: events.map(() => randomUUID()), status: 200 });
    }
    if (req.url.startsWith("/fn/register")) return sendJson(res, 200, { status: 200, skipped: false, modified: true });
    return sendJson(res, 200, {});
  });
  mailbox = new MailboxProvider();
  app = await startTestApp(
    { INNGEST_DEV: devServer.url, THEATER_TIMEZONE: "Europe/Paris", REMINDER_HOURS_BEFORE: "3" },
    new Date("2031-02-10T08:00:00Z"),
    { mail: mailbox },
  );
  api = client(app.url);
  jobs = app.running.deps.jobs as InngestJobsProvider;
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Fan", { newShowEmails: true });
});
afterAll(async () => {
  await app?.close();
  await devServer?.close();
});

/** Runs one function the way Inngest would, steps and all; sleeps are mocked by step id. */
async function run(fn: InngestFunction.Any, event?: SentEvent, steps: InngestTestEngine.MockedStep[] = []) {
  const engine = new InngestTestEngine({ function: fn, ...(event ? { events: [{ name: event.name, data: event.data }] } : {}), steps });
  return engine.execute();
}

/** Fresh each run: the engine keeps state on the mocked steps it is given. */
const skipSleep = () => [{ id: "wait-for-hold-to-lapse", handler() {} }];

describe("Inngest provider", () => {
  it("is chosen by INNGEST_DEV and serves its functions at /api/inngest for the dev server to sync", async () => {
    expect(jobs.kind).toBe("inngest");
    const introspection = await api.get("/api/inngest");
    expect(introspection.status).toBe(200);
    expect(introspection.body).toMatchObject({ function_count: 12, mode: "dev" });

    // The dev server (or `npx inngest-cli dev -u …/api/inngest`) syncs with a PUT.
    const before = devServer.requests.length;
    const sync = await api.request("PUT", "/api/inngest");
    expect(sync.status).toBe(200);
    const register = devServer.requests.slice(before).find((r) => r.url.startsWith("/fn/register"))!;
    expect(register).toBeDefined();
    const body = JSON.parse(register.body.toString()) as {
      appName: string;
      url: string;
      functions: { id: string; triggers: ({ event: string } | { cron: string })[] }[];
    };
    expect(body.appName).toBe(inngestAppId);
    expect(body.url).toBe(`${app.url}/api/inngest`);
    const triggers = Object.fromEntries(body.functions.map((f) => [f.id.replace(`${inngestAppId}-`, ""), f.triggers[0]]));
    expect(triggers).toEqual({
      "sync-user-from-clerk": { event: "clerk/user.created" },
      "update-user-from-clerk": { event: "clerk/user.updated" },
      "delete-user-with-clerk": { event: "clerk/user.deleted" },
      "release-seats-delete-booking": { event: "app/booking.created" },
      "send-booking-confirmation-email": { event: "app/booking.paid" },
      "deliver-booking-effects": { cron: "* * * * *" },
      "make-waitlist-offers": { event: "app/show.seats_freed" },
      "send-show-reminders": { cron: "*/15 * * * *" },
      "send-new-show-notifications": { event: "app/show.added" },
      "send-welcome-mail": { event: "app/user.created" },
      "deliver-mail-outbox": { cron: "* * * * *" },
      "expire-lapsed-holds": { cron: "*/10 * * * *" },
    });
  });

  it("domain events are sent to Inngest with ids that make a repeat a no-op", async () => {
    const fanUser = await app.storage.users.findByEmail("fan@example.test");
    expect(lastSent("app/user.created", (e) => e.data.userId === fanUser!.id).id).toBe(`user.created:${fanUser!.id}`);
    const [showId] = await addShows(api, admin, { slots: [{ date: "2031-02-12", time: "20:15" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A1"] }, fan);
    expect(created.status).toBe(201);
    const event = lastSent("app/booking.created");
    expect(event).toEqual({
      id: `booking.created:${created.body.bookingId}`,
      name: "app/booking.created",
      data: { bookingId: created.body.bookingId, holdExpiresAt: created.body.holdExpiresAt },
      ts: expect.any(Number),
    });
  });

  it("release-seats sleeps until the hold lapses, then releases it only if still unpaid", async () => {
    const [showId] = await addShows(api, admin, { slots: [{ date: "2031-02-13", time: "20:15" }] });
    const unpaid = await api.post("/api/booking/create", { showId, selectedSeats: ["B1"] }, fan);
    const paid = await api.post("/api/booking/create", { showId, selectedSeats: ["B2"] }, fan);
    await api.request("POST", `${paid.body.url}/pay`);
    const unpaidEvent = lastSent("app/booking.created", (e) => e.data.bookingId === unpaid.body.bookingId);
    const paidEvent = lastSent("app/booking.created", (e) => e.data.bookingId === paid.body.bookingId);

    app.clock.advanceMinutes(11);
    const first = await run(jobs.functions.releaseSeats, unpaidEvent, skipSleep());
    expect(first.result).toBe(true);
    expect(first.ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-hold-to-lapse", new Date(new Date(unpaid.body.holdExpiresAt).getTime() + 1000));
    expect((await app.storage.bookings.get(unpaid.body.bookingId))?.status).toBe("expired");
    // Inngest retries, or the run happening twice, change nothing.
    expect((await run(jobs.functions.releaseSeats, unpaidEvent, skipSleep())).result).toBe(false);
    expect((await run(jobs.functions.releaseSeats, paidEvent, skipSleep())).result).toBe(false);
    expect((await app.storage.bookings.get(paid.body.bookingId))?.status).toBe("paid");
    expect(await app.storage.bookings.occupiedSeats(showId!, app.clock.now())).toEqual(["B2"]);
  });

  it("send-booking-confirmation-email mails the paid booking once, however often it and the effect cron run", async () => {
    const [showId] = await addShows(api, admin, { movieId: "19", price: 9.5, slots: [{ date: "2031-02-14", time: "21:00" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["C1", "C2"] }, fan);
    await api.request("POST", `${created.body.url}/pay`);
    const event = lastSent("app/booking.paid", (e) => e.data.bookingId === created.body.bookingId);
    expect(event.id).toBe(`booking.paid:${created.body.bookingId}`);

    // The payment recorded the mail as an effect; two runs racing for it deliver it once.
    expect((await app.storage.effects.open()).map((e) => e.id)).toContain(`booking.paid:${created.body.bookingId}`);
    await Promise.all([run(jobs.functions.sendBookingConfirmation, event), run(jobs.functions.sendBookingConfirmation, event)]);
    await run(jobs.functions.deliverEffects, { name: "inngest/scheduled.timer", data: {} });
    expect((await app.storage.effects.open()).map((e) => e.id)).not.toContain(`booking.paid:${created.body.bookingId}`);
    const mails = mailbox.delivered.filter((m) => m.subject === "Your tickets for Metropolis");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Friday 14 February 2031, 21:00");
    expect(mails[0]!.text).toContain("C1, C2");
    expect(mails[0]!.text).toContain("$19.00");
    expect(mails[0]!.text).toContain(created.body.bookingId);
  });

  it("send-new-show-notifications and send-welcome-mail run their job functions", async () => {
    const showIds = await addShows(api, admin, { movieId: "961", slots: [{ date: "2031-02-20", time: "18:00" }] });
    const event = lastSent("app/show.added", (e) => e.data.showIds.includes(showIds[0]));
    expect((await run(jobs.functions.sendNewShowNotifications, event)).result).toBe(1);
    expect((await run(jobs.functions.sendNewShowNotifications, event)).result).toBe(0);
    expect(mailbox.delivered.filter((m) => m.subject === "New shows: The General").map((m) => m.to)).toEqual(["fan@example.test"]);

    const welcome = lastSent("app/user.created");
    expect((await run(jobs.functions.sendWelcomeMail, welcome)).result).toBe(true);
    expect((await run(jobs.functions.sendWelcomeMail, welcome)).result).toBe(false);
  });

  it("the cron functions: reminders, the hold sweep and outbox delivery", async () => {
    const [soon] = await addShows(api, admin, { movieId: "962", slots: [{ date: "2031-02-15", time: "11:00" }] });
    app.clock.set(new Date("2031-02-15T08:00:00Z")); // 09:00 in Paris
    const created = await api.post("/api/booking/create", { showId: soon, selectedSeats: ["D1"] }, fan);
    await api.request("POST", `${created.body.url}/pay`);
    const held = await api.post("/api/booking/create", { showId: soon, selectedSeats: ["D2"] }, fan);

    expect((await run(jobs.functions.sendShowReminders)).result).toBe(1);
    expect((await run(jobs.functions.sendShowReminders)).result).toBe(0);
    expect(mailbox.delivered.filter((m) => m.subject === "Reminder: The Gold Rush starts soon")).toHaveLength(1);

    app.clock.advanceMinutes(11);
    expect((await run(jobs.functions.expireLapsedHolds)).result).toContain(held.body.bookingId);
    expect((await app.storage.bookings.get(held.body.bookingId))?.status).toBe("expired");

    mailbox.failing = true;
    const showIds = await addShows(api, admin, { movieId: "653", slots: [{ date: "2031-02-25", time: "18:00" }] });
    await run(jobs.functions.sendNewShowNotifications, lastSent("app/show.added", (e) => e.data.showIds.includes(showIds[0])));
    mailbox.failing = false;
    expect((await run(jobs.functions.deliverMail)).result).toBe(0); // backing off
    app.clock.advanceMinutes(2);
    expect((await run(jobs.functions.deliverMail)).result).toBe(1);
  });
});

describe("Clerk user sync through Inngest", () => {
  const clerkUser = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    object: "user",
    first_name: "Grace",
    last_name: "Hopper",
    username: null,
    image_url: "https://img.clerk.com/grace.png",
    primary_email_address_id: "idn_2",
    email_addresses: [
      { id: "idn_1", email_address: "old@example.test" },
      { id: "idn_2", email_address: "Grace@Example.test" },
    ],
    private_metadata: {},
    ...overrides,
  });

  it("clerk/user.created creates the user and welcomes it once; user.updated keeps it in step", async () => {
    const created = { name: "clerk/user.created", data: clerkUser("user_grace") };
    const first = await run(jobs.functions.syncUserCreation, created);
    expect(first.result).toEqual({ userId: "user_grace", created: true });
    expect(await app.storage.users.findById("user_grace")).toMatchObject({ name: "Grace Hopper", email: "grace@example.test", role: "user" });
    expect((await run(jobs.functions.syncUserCreation, created)).result).toEqual({ userId: "user_grace", created: false });
    // Welcomed through app/user.created, emitted once for the user it created.
    const welcome = lastSent("app/user.created", (e) => e.data.userId === "user_grace");
    expect(welcome.id).toBe("user.created:user_grace");
    await run(jobs.functions.sendWelcomeMail, welcome);
    expect(mailbox.delivered.filter((m) => m.to === "grace@example.test" && m.subject === "Welcome to QuickShow")).toHaveLength(1);

    const updated = { name: "clerk/user.updated", data: clerkUser("user_grace", { last_name: "Murray Hopper", private_metadata: { role: "admin" } }) };
    expect((await run(jobs.functions.syncUserUpdation, updated)).result).toEqual({ userId: "user_grace", created: false });
    expect(await app.storage.users.findById("user_grace")).toMatchObject({ name: "Grace Murray Hopper", role: "admin" });
  });

  it("a payload without an email fails at once, without retries", async () => {
    const { error } = await run(jobs.functions.syncUserCreation, { name: "clerk/user.created", data: clerkUser("user_nomail", { email_addresses: [] }) });
    expect(error).toMatchObject({ name: "NonRetriableError" });
    expect(await app.storage.users.findById("user_nomail")).toBeNull();
  });

  it("clerk/user.deleted releases holds, keeps paid bookings and anonymises; a late update does not resurrect", async () => {
    await run(jobs.functions.syncUserCreation, { name: "clerk/user.created", data: clerkUser("user_leaving", { email_addresses: [{ id: "idn_2", email_address: "leaving@example.test" }] }) });
    const [showId] = await addShows(api, admin, { movieId: "19", slots: [{ date: "2031-03-01", time: "20:00" }] });
    const now = app.clock.now();
    const hold = (seats: string[]) =>
      app.storage.bookings.hold({ id: randomUUID(), userId: "user_leaving", showId: showId!, seats, amountMinor: 1250, currency: "usd", holdExpiresAt: new Date(now.getTime() + 600_000), now }, { holdsPerShow: 10, seatsAcrossShows: 100 });
    const paid = await hold(["E1"]);
    const held = await hold(["E2"]);
    if (!paid.ok || !held.ok) throw new Error("hold failed");
    await app.storage.bookings.sell({ bookingId: paid.booking.id, from: ["held"], paymentRef: "local_p", now });
    await app.storage.users.toggleFavorite("user_leaving", "19");

    const deleted = { name: "clerk/user.deleted", data: { id: "user_leaving", object: "user", deleted: true } };
    expect((await run(jobs.functions.syncUserDeletion, deleted)).result).toEqual({ removed: true, releasedBookings: 1 });
    expect((await run(jobs.functions.syncUserDeletion, deleted)).result).toEqual({ removed: false, releasedBookings: 0 });
    expect(await app.storage.users.findById("user_leaving")).toBeNull();
    expect(await app.storage.users.findByEmail("leaving@example.test")).toBeNull();
    expect((await app.storage.bookings.get(paid.booking.id))?.status).toBe("paid");
    expect((await app.storage.bookings.get(held.booking.id))?.status).toBe("cancelled");
    expect(await app.storage.bookings.occupiedSeats(showId!, now)).toEqual(["E1"]);

    const late = { name: "clerk/user.updated", data: clerkUser("user_leaving") };
    expect((await run(jobs.functions.syncUserUpdation, late)).result).toBeNull();
    expect(await app.storage.users.findById("user_leaving")).toBeNull();
  });
});
