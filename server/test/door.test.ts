import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSibling, startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";

/**
 * The door's rules beside each other: its window around each show, a group let in by its
 * booking reference, void tickets typed by hand, and each cinema's own day in the attendance.
 * The clock is set to the instants each rule turns on; the cinema's zone is UTC unless named.
 */
let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let staff: string;

const utc = (iso: string) => new Date(`${iso}Z`);
const inLosAngeles = (local: string) => DateTime.fromISO(local, { zone: "America/Los_Angeles" }).toJSDate();

beforeAll(async () => {
  app = await startTestApp({ MAX_LIVE_HOLDS_PER_SHOW: "50", MAX_HELD_SEATS_PER_ACCOUNT: "500", MAX_SEATS_PER_BOOKING: "5" }, utc("2027-03-09T09:00"));
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Robin Fan");
  staff = await api.register("door@example.test", "Sam Door");
  const staffId = (await api.get("/api/user/me", staff)).body.user._id;
  expect((await api.post(`/api/admin/users/${staffId}/role`, { role: "staff" }, admin)).status).toBe(200);
});
afterAll(() => app?.close());

async function addShow(date: string, time: string, screenId?: string) {
  const added = await api.post("/api/show/add", { movieId: "653", showsInput: [{ date, time: [time] }], showPrice: 10, ...(screenId ? { screenId } : {}) }, admin);
  expect(added.status).toBe(201);
  return added.body.shows[0]._id as string;
}

async function paidBooking(showId: string, seats: string[]) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, fan);
  expect(created.status).toBe(201);
  const paid = await api.request("POST", `${created.body.url}/pay`);
  expect(paid.headers.get("location")).toContain("paid=");
  const tickets = (await api.get(`/api/booking/${created.body.bookingId}/tickets`, fan)).body;
  return { bookingId: created.body.bookingId as string, reference: tickets.reference as string, tokens: Object.fromEntries(tickets.tickets.map((t: { seat: string; token: string }) => [t.seat, t.token])) as Record<string, string> };
}

const checkIn = (code: string, extra: Record<string, unknown> = {}) => api.post("/api/checkin", { code, ...extra }, staff);
const attendanceRow = async (showId: string) => (await api.get("/api/checkin/attendance", staff)).body.shows.find((s: { _id: string }) => s._id === showId);

describe(`the door (${testDb})`, () => {
  it("admits a show's tickets from CHECKIN_OPENS_MINUTES before it starts until the film and the cleaning are over", async () => {
    app.clock.set(utc("2027-03-09T09:00"));
    const showId = await addShow("2027-03-09", "20:00");
    const { tokens } = await paidBooking(showId, ["A1", "A2", "A3"]);
    const runtime = (await app.storage.movies.get("653"))!.runtime;
    const endsAt = new Date(utc("2027-03-09T20:00").getTime() + (runtime + 15) * 60_000);

    app.clock.set(utc("2027-03-09T18:29"));
    const early = await checkIn(tokens.A1!, { showId });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: "too_early", details: { opensAt: "2027-03-09T18:30:00.000Z" } });
    expect(early.body.message).toContain("18:30");
    // The show's payload at the door carries its window, for devices that check offline.
    expect(await attendanceRow(showId)).toMatchObject({ opensAt: "2027-03-09T18:30:00.000Z", endsAt: endsAt.toISOString() });
    // Another instance told to open the door later refuses what this one would admit.
    app.clock.set(utc("2027-03-09T19:00"));
    const later = await startSibling(app, { CHECKIN_OPENS_MINUTES: "30" });
    try {
      expect((await client(later.url).post("/api/checkin", { code: tokens.A1, showId }, staff)).body).toMatchObject({ code: "too_early", details: { opensAt: "2027-03-09T19:30:00.000Z" } });
    } finally {
      await later.close();
    }

    app.clock.set(utc("2027-03-09T18:30"));
    const opened = await checkIn(tokens.A1!, { showId });
    expect(opened.status).toBe(200);
    expect(opened.body.admission.show).toMatchObject({ opensAt: "2027-03-09T18:30:00.000Z", endsAt: endsAt.toISOString() });

    app.clock.set(endsAt);
    expect((await checkIn(tokens.A2!, { showId })).status).toBe(200);
    app.clock.set(new Date(endsAt.getTime() + 60_000));
    const over = await checkIn(tokens.A3!, { showId });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe("show_over");
    // A scan queued offline while the door was open still counts when it arrives after the show.
    expect((await checkIn(tokens.A3!, { showId, scannedAt: new Date(endsAt.getTime() - 60_000).toISOString() })).status).toBe(200);
  });

  it("a booking reference typed alone lets in every seat not yet in, and says which were in already", async () => {
    app.clock.set(utc("2027-03-10T09:00"));
    const showId = await addShow("2027-03-10", "20:00");
    const tomorrow = await addShow("2027-03-11", "20:00");
    const group = await paidBooking(showId, ["B1", "B2", "B3", "B4"]);
    const later = await paidBooking(tomorrow, ["B1"]);
    app.clock.set(utc("2027-03-10T19:40"));
    expect((await checkIn(group.tokens.B2!, { device: "door 1" })).status).toBe(200);
    const first = (await app.storage.tickets.listAdmissionsOf(group.bookingId))[0]!;
    app.clock.set(utc("2027-03-10T19:45"));

    const all = await checkIn(group.reference.toLowerCase().replace("-", " "), { showId, device: "door 2" });
    expect(all.status).toBe(200);
    expect(all.body.admission).toMatchObject({
      bookingId: group.bookingId,
      reference: group.reference,
      seats: ["B1", "B3", "B4"],
      alreadyIn: [{ seat: "B2", admittedAt: first.admittedAt.toISOString() }],
      holderFirstName: "Robin",
      show: { _id: showId },
    });
    expect((await app.storage.tickets.listAdmissionsOf(group.bookingId)).map((a) => a.seat)).toEqual(["B1", "B2", "B3", "B4"]);

    const again = await checkIn(group.reference, { showId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "already_admitted", details: { bookingId: group.bookingId, reference: group.reference, seat: "B2", device: "door 1" } });
    expect(again.body.details.seats).toEqual(["B1", "B2", "B3", "B4"]);
    expect((await checkIn(later.reference, { showId })).body).toMatchObject({ code: "wrong_show", details: { show: { _id: tomorrow } } });
  });

  it("a seat given back answers 410 typed as when scanned; a seat the booking never held names its seats", async () => {
    app.clock.set(utc("2027-03-12T09:00"));
    const showId = await addShow("2027-03-12", "20:00");
    const { bookingId, reference, tokens } = await paidBooking(showId, ["F8", "F9"]);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["F9"] }, fan)).status).toBe(200);
    app.clock.set(utc("2027-03-12T19:30"));

    const scanned = await checkIn(tokens.F9!, { showId });
    expect(scanned.status).toBe(410);
    const typed = await checkIn(`${reference} F9`, { showId });
    expect(typed.status).toBe(410);
    expect(typed.body).toMatchObject({ code: "ticket_void", details: { seat: "F9", reference } });
    expect(typed.body.message).toContain("given back");

    const stranger = await checkIn(`${reference} F10`, { showId });
    expect(stranger.status).toBe(404);
    expect(stranger.body.details).toEqual({ reference, seats: ["F8"] });
    expect(stranger.body.message).toContain("F8");
    expect((await checkIn(`${reference} F8`, { showId })).status).toBe(200);
  });

  it("counts each cinema's shows on its own local day", async () => {
    app.clock.set(utc("2027-02-13T09:00"));
    const cinema = await api.post("/api/admin/cinemas", { name: "West Side", address: "9 Sunset Blvd", city: "Los Angeles", timeZone: "America/Los_Angeles" }, admin);
    expect(cinema.status).toBe(201);
    const { layout } = (await api.get("/api/admin/screens/screen-1", admin)).body.screen;
    const screen = (await api.post("/api/admin/screens", { name: "West 1", cinema: cinema.body.cinema._id, layout }, admin)).body.screen;
    // 20:00 on the 13th in Los Angeles is 04:00 UTC on the 14th; 16:30 on the 14th there is 00:30 UTC on the 15th.
    const westOnThe13th = await addShow("2027-02-13", "20:00", screen._id);
    const westOnThe14th = await addShow("2027-02-14", "16:30", screen._id);
    const hereOnThe14th = await addShow("2027-02-14", "22:00");
    expect((await app.storage.shows.get(westOnThe14th))!.startsAt).toEqual(utc("2027-02-15T00:30"));
    const { tokens } = await paidBooking(westOnThe14th, ["C1"]);

    // 15:30 on the 14th in Los Angeles, 23:30 UTC: the 14th in both cinemas.
    app.clock.set(inLosAngeles("2027-02-14T15:30"));
    expect((await checkIn(tokens.C1!)).status).toBe(200);
    const attendance = await api.get("/api/checkin/attendance", staff);
    const ids = attendance.body.shows.map((s: { _id: string }) => s._id);
    expect(ids).toContain(westOnThe14th);
    expect(ids).toContain(hereOnThe14th);
    expect(ids).not.toContain(westOnThe13th);
    expect(attendance.body.shows.find((s: { _id: string }) => s._id === westOnThe14th)).toMatchObject({ admitted: 1, sold: 1 });
  });

  it("a door device fetches the tickets of a show admitted so far; only staff may", async () => {
    app.clock.set(utc("2027-03-15T09:00"));
    const showId = await addShow("2027-03-15", "20:00");
    const { bookingId, reference, tokens } = await paidBooking(showId, ["D1", "D2"]);
    app.clock.set(utc("2027-03-15T19:00"));
    expect((await api.get(`/api/checkin/admitted/${showId}`, staff)).body.admissions).toEqual([]);
    expect((await checkIn(tokens.D2!, { showId, device: "door 4" })).status).toBe(200);
    expect((await api.get(`/api/checkin/admitted/${showId}`, staff)).body.admissions).toEqual([
      { bookingId, reference, seat: "D2", admittedAt: "2027-03-15T19:00:00.000Z", admittedBy: "Sam Door", device: "door 4" },
    ]);
    expect((await api.get(`/api/checkin/admitted/${showId}`, fan)).status).toBe(403);
    expect((await api.get("/api/checkin/admitted/not-a-show", staff)).status).toBe(400);
  });
});
