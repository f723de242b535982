import { Resvg } from "@resvg/resvg-js";
import { CompactSign, compactVerify, generateKeyPair, importJWK } from "jose";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobFunctions } from "../src/jobs/functions.ts";
import { startSibling, startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let staff: string;
let stranger: string;
let jobs: ReturnType<typeof jobFunctions>;
let tonight: string;
let tomorrow: string;

// Ten in the morning, cinema time (UTC here), so "tonight" is later the same local day.
const morning = new Date();
morning.setUTCHours(10, 0, 0, 0);

beforeAll(async () => {
  app = await startTestApp({ MAX_LIVE_HOLDS_PER_SHOW: "50", MAX_HELD_SEATS_PER_ACCOUNT: "500", MAX_SEATS_PER_BOOKING: "5" }, morning);
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Robin Fan");
  staff = await api.register("door@example.test", "Sam Door");
  stranger = await api.register("stranger@example.test");
  jobs = jobFunctions(app.running.deps);
  const staffId = (await api.get("/api/user/me", staff)).body.user._id;
  const granted = await api.post(`/api/admin/users/${staffId}/role`, { role: "staff" }, admin);
  expect(granted.status).toBe(200);
  [tonight, tomorrow] = await addShows(api, admin, { slots: [localSlot(app.clock.now(), 0, "20:00"), localSlot(app.clock.now(), 1, "20:00")] }) as [string, string];
});
afterAll(() => app?.close());
// Bookings are made in the morning; the door admits tonight's tickets from 18:30, 90 minutes before the show.
beforeEach(() => app.clock.set(morning));
const tonightAtTheDoor = () => app.clock.set(new Date(morning.getTime() + (9 * 60 + 45) * 60_000));

async function paidBooking(showId: string, seats: string[], token = fan) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, token);
  expect(created.status).toBe(201);
  const paid = await api.request("POST", `${created.body.url}/pay`);
  expect(paid.headers.get("location")).toContain("paid=");
  return created.body.bookingId as string;
}

/** What a phone camera would read: the served SVG rasterised and decoded by a QR reader. */
function decodeQr(svg: string) {
  const image = new Resvg(svg, { fitTo: { mode: "width", value: 480 } }).render();
  const found = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
  if (!found) throw new Error("no QR code found in the served SVG");
  return found.data;
}

const ticketsOf = async (bookingId: string, token = fan) => {
  const reply = await api.get(`/api/booking/${bookingId}/tickets`, token);
  expect(reply.status).toBe(200);
  return reply.body as { reference: string; show: { _id: string; localStart: string; timeZone: string }; tickets: { seat: string; token: string; qrSvg: string; admittedAt: string | null }[]; calendar: string };
};

const checkIn = (code: string, extra: Record<string, unknown> = {}, token = staff) => api.post("/api/checkin", { code, ...extra }, token);

describe(`tickets and check-in (${testDb})`, () => {
  it("a paid booking has one ticket per seat whose QR code, decoded from the served image, admits once", async () => {
    const bookingId = await paidBooking(tonight, ["A1", "A2"]);
    const view = await ticketsOf(bookingId);
    tonightAtTheDoor();
    expect(view.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(view.show).toMatchObject({ _id: tonight, timeZone: "UTC" });
    expect(view.show.localStart).toContain("20:00 UTC");
    expect(view.tickets.map((t) => t.seat)).toEqual(["A1", "A2"]);
    expect(view.calendar).toContain("BEGIN:VEVENT");

    const scanned = decodeQr(view.tickets[0]!.qrSvg);
    expect(scanned).toBe(view.tickets[0]!.token);
    // The token names booking, seat and show, and nothing about the holder.
    const claims = JSON.parse(Buffer.from(scanned.split(".")[1]!, "base64url").toString());
    expect(claims).toEqual({ b: bookingId, s: "A1", x: tonight });

    const first = await checkIn(scanned, { device: "door 1" });
    expect(first.status).toBe(200);
    expect(first.body.admission).toMatchObject({ bookingId, seat: "A1", reference: view.reference, holderFirstName: "Robin", show: { _id: tonight } });

    const again = await checkIn(scanned, { device: "door 2" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("already_admitted");
    expect(again.body.details).toMatchObject({ seat: "A1", admittedBy: "Sam Door", device: "door 1", admittedAt: first.body.admission.admittedAt });
    expect((await ticketsOf(bookingId)).tickets.map((t) => t.admittedAt !== null)).toEqual([true, false]);
  });

  it("the reference and seat typed by hand admit a ticket, however they are typed", async () => {
    const bookingId = await paidBooking(tonight, ["B3"]);
    const { reference } = await ticketsOf(bookingId);
    tonightAtTheDoor();
    const sloppy = `${reference.replace("-", "").toLowerCase().replace(/0/g, "o").replace(/1/g, "l")} b3`;
    const first = await checkIn(sloppy);
    expect(first.status).toBe(200);
    expect(first.body.admission).toMatchObject({ bookingId, seat: "B3" });
    expect((await checkIn(`${reference} B3`)).body.code).toBe("already_admitted");
    expect((await checkIn(`${reference} B4`)).status).toBe(404);
  });

  it("unknown, altered and foreign codes are refused with 404", async () => {
    const bookingId = await paidBooking(tonight, ["C1"]);
    const [ticket] = (await ticketsOf(bookingId)).tickets;
    tonightAtTheDoor();
    const [header, , signature] = ticket!.token.split(".");
    const otherSeat = Buffer.from(JSON.stringify({ b: bookingId, s: "C2", x: tonight })).toString("base64url");
    expect((await checkIn(`${header}.${otherSeat}.${signature}`)).status).toBe(404);
    const { privateKey } = await generateKeyPair("Ed25519");
    const foreign = await new CompactSign(new TextEncoder().encode(JSON.stringify({ b: bookingId, s: "C1", x: tonight })))
      .setProtectedHeader({ alg: "Ed25519" })
      .sign(privateKey);
    expect((await checkIn(foreign)).status).toBe(404);
    expect((await checkIn("ZZZZ-ZZZZ A1")).status).toBe(404);
    expect((await checkIn("hello")).status).toBe(404);
    // None of them used the real ticket.
    expect((await checkIn(ticket!.token)).status).toBe(200);
  });

  it("a ticket for another show or another day is refused with 422 wrong_show naming the right one", async () => {
    const bookingId = await paidBooking(tomorrow, ["D1"]);
    const [ticket] = (await ticketsOf(bookingId)).tickets;
    const today = await checkIn(ticket!.token);
    expect(today.status).toBe(422);
    expect(today.body.code).toBe("wrong_show");
    expect(today.body.details.show._id).toBe(tomorrow);
    const atTonightsDoor = await checkIn(ticket!.token, { showId: tonight });
    expect(atTonightsDoor.body).toMatchObject({ code: "wrong_show", details: { show: { _id: tomorrow } } });
    // Tomorrow, at that show's door.
    app.clock.set(new Date(morning.getTime() + (24 + 9.75) * 3600_000));
    expect((await checkIn(ticket!.token, { showId: tomorrow })).status).toBe(200);
  });

  it("a cancelled and refunded booking's tickets stop opening the door at once", async () => {
    const bookingId = await paidBooking(tonight, ["E1", "E2"]);
    const tokens = (await ticketsOf(bookingId)).tickets.map((t) => t.token);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, {}, fan)).body.booking.status).toBe("refunded");
    tonightAtTheDoor();
    const refused = await checkIn(tokens[0]!);
    expect(refused.status).toBe(410);
    expect(refused.body.code).toBe("ticket_void");
    expect((await api.get(`/api/booking/${bookingId}/tickets`, fan)).status).toBe(409);
  });

  it("a seat given back voids its ticket at once; the seats kept still open the door", async () => {
    const bookingId = await paidBooking(tonight, ["E7", "E8"]);
    const tokens = Object.fromEntries((await ticketsOf(bookingId)).tickets.map((t) => [t.seat, t.token]));
    const gaveBack = await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["E8"] }, fan);
    expect(gaveBack.status).toBe(200);
    tonightAtTheDoor();
    const refused = await checkIn(tokens.E8!);
    expect(refused.status).toBe(410);
    expect(refused.body.message).toContain("given back");
    expect((await checkIn(tokens.E7!)).status).toBe(200);
    expect((await ticketsOf(bookingId)).tickets.map((t) => t.seat)).toEqual(["E7"]);
  });

  it("50 devices scanning one ticket at the same moment: exactly one is admitted", async () => {
    const bookingId = await paidBooking(tonight, ["F5"]);
    const [ticket] = (await ticketsOf(bookingId)).tickets;
    tonightAtTheDoor();
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => checkIn(ticket!.token, { device: `scanner ${i}` })));
    const admitted = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status === 409);
    expect(admitted).toHaveLength(1);
    expect(refused).toHaveLength(49);
    // Every refusal names the one device that got in.
    const winner = `scanner ${replies.findIndex((r) => r.status === 200)}`;
    expect(refused.every((r) => r.body.code === "already_admitted" && r.body.details.device === winner)).toBe(true);
    expect((await app.storage.tickets.listAdmissionsOf(bookingId)).map((a) => a.device)).toEqual([winner]);
  });

  it("only staff and admins check in; staff see today's attendance and nothing else of the admin panel", async () => {
    const bookingId = await paidBooking(tonight, ["G1"]);
    const [ticket] = (await ticketsOf(bookingId)).tickets;
    tonightAtTheDoor();
    expect((await checkIn(ticket!.token, {}, stranger)).status).toBe(403);
    expect((await checkIn(ticket!.token, {}, fan)).status).toBe(403);
    expect((await api.get("/api/admin/dashboard", staff)).status).toBe(403);
    expect((await api.get("/api/admin/users", staff)).status).toBe(403);
    expect((await checkIn(ticket!.token, {}, admin)).status).toBe(200);

    const attendance = await api.get("/api/checkin/attendance", staff);
    expect(attendance.status).toBe(200);
    const row = attendance.body.shows.find((s: { _id: string }) => s._id === tonight);
    const admissions = await app.storage.tickets.countAdmitted([tonight]);
    const sold = (await app.storage.bookings.listForShow(tonight, ["paid"])).reduce((n, b) => n + b.seats.length, 0);
    expect(row).toMatchObject({ admitted: admissions.get(tonight), sold });
    expect(row.admitted).toBeGreaterThanOrEqual(5);
    expect(attendance.body.shows.some((s: { _id: string }) => s._id === tomorrow)).toBe(false);

    const listed = (await api.get("/api/admin/all-shows?limit=10", admin)).body.shows.find((s: { _id: string }) => s._id === tonight);
    expect(listed).toMatchObject({ admitted: row.admitted, seatsSold: sold });
  });

  it("door devices verify tokens offline with the published key, which every instance on the database shares", async () => {
    const bookingId = await paidBooking(tonight, ["H1"]);
    const [ticket] = (await ticketsOf(bookingId)).tickets;
    tonightAtTheDoor();
    const published = await api.get("/api/checkin/key");
    expect(published.status).toBe(200);
    const [jwk] = published.body.keys;
    expect(jwk).not.toHaveProperty("d");
    const { payload } = await compactVerify(ticket!.token, await importJWK(jwk, "Ed25519"));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ b: bookingId, s: "H1" });

    const sibling = await startSibling(app, {});
    try {
      expect((await client(sibling.url).get("/api/checkin/key")).body.keys).toEqual(published.body.keys);
      expect((await client(sibling.url).post("/api/checkin", { code: ticket!.token }, staff)).status).toBe(200);
    } finally {
      await sibling.close();
    }
  });

  it("the confirmation mail carries the tickets as a PDF (a page per seat) and the show as an .ics event", async () => {
    const bookingId = await paidBooking(tonight, ["J1", "J2", "J3"]);
    const mail = await eventually(async () => {
      await jobs.deliverDueEffects();
      const found = (await app.storage.outbox.list()).find((m) => m.dedupeKey === `confirmation:${bookingId}`);
      expect(found).toBeDefined();
      return found!;
    });
    const { reference } = await ticketsOf(bookingId);
    expect(mail.text).toContain(reference);
    const pdf = mail.attachments?.find((a) => a.contentType === "application/pdf");
    const ics = mail.attachments?.find((a) => a.contentType.startsWith("text/calendar"));
    expect(pdf?.filename).toBe(`tickets-${reference}.pdf`);
    const doc = await PDFDocument.load(Buffer.from(pdf!.contentBase64, "base64"));
    expect(doc.getPageCount()).toBe(3);
    const calendar = Buffer.from(ics!.contentBase64, "base64").toString();
    const show = (await app.storage.shows.get(tonight))!;
    expect(calendar).toContain(`DTSTART:${show.startsAt.toISOString().replace(/[-:]/g, "").replace(".000", "")}`);
    expect(calendar).toContain(`Booking ${reference}`);
  });

  it("tickets can be mailed again, once per resend window", async () => {
    const bookingId = await paidBooking(tonight, ["A7"]);
    const first = await api.post(`/api/booking/${bookingId}/tickets/resend`, {}, fan);
    expect(first.status).toBe(202);
    const second = await api.post(`/api/booking/${bookingId}/tickets/resend`, {}, fan);
    expect(second.status).toBe(429);
    expect(second.body.code).toBe("rate_limited");
    expect((await api.post(`/api/booking/${bookingId}/tickets/resend`, {}, stranger)).status).toBe(404);
    app.clock.advanceMinutes(10);
    expect((await api.post(`/api/booking/${bookingId}/tickets/resend`, {}, fan)).status).toBe(202);
    const resent = (await app.storage.outbox.list()).filter((m) => m.dedupeKey.startsWith(`tickets:${bookingId}:`));
    expect(resent).toHaveLength(2);
    expect(resent.every((m) => m.attachments?.some((a) => a.filename.endsWith(".pdf")))).toBe(true);
  });

  it("the admin finds accounts, grants and removes the staff role, and cannot demote an admin", async () => {
    const found = await api.get("/api/admin/users?q=DOOR@", admin);
    expect(found.body.users).toEqual([expect.objectContaining({ email: "door@example.test", role: "staff", isAdmin: false })]);
    const staffList = await api.get("/api/admin/users", admin);
    expect(staffList.body.users.map((u: { email: string }) => u.email)).toEqual(["door@example.test"]);
    const adminId = (await api.get("/api/user/me", admin)).body.user._id;
    expect((await api.post(`/api/admin/users/${adminId}/role`, { role: "staff" }, admin)).status).toBe(409);
    expect((await api.get("/api/admin/users?q=%25", admin)).body.users).toEqual([]);

    const strangerId = (await api.get("/api/user/me", stranger)).body.user._id;
    expect((await api.post(`/api/admin/users/${strangerId}/role`, { role: "staff" }, admin)).body.user.role).toBe("staff");
    expect((await api.get("/api/checkin/attendance", stranger)).status).toBe(200);
    expect((await api.post(`/api/admin/users/${strangerId}/role`, { role: "user" }, admin)).body.user.role).toBe("user");
    // A role change on this instance drops its remembered users at once.
    expect((await api.get("/api/checkin/attendance", stranger)).status).toBe(403);
  });
});
