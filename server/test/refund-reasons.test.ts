import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmBookingPayment } from "../src/bookings/payment.ts";
import { jobFunctions } from "../src/jobs/functions.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let other: string;
let jobs: ReturnType<typeof jobFunctions>;

beforeAll(async () => {
  app = await startTestApp({ HOLD_MINUTES: "10", MAX_LIVE_HOLDS_PER_SHOW: "50", MAX_HELD_SEATS_PER_ACCOUNT: "500" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Robin Fan");
  other = await api.register("other@example.test");
  jobs = jobFunctions(app.running.deps);
});
afterAll(() => app?.close());

async function paidBooking(showId: string, seats: string[]) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, fan);
  expect(created.status).toBe(201);
  expect((await api.request("POST", `${created.body.url}/pay`)).headers.get("location")).toContain("paid=");
  return created.body.bookingId as string;
}

const listed = async (bookingId: string) => ((await api.get("/api/user/bookings", fan)).body.bookings as { _id: string; status: string; refundReason: string | null }[]).find((b) => b._id === bookingId);

/** The refund mail of a booking, once the runner has delivered its refund. */
const refundMailOf = (bookingId: string) =>
  eventually(async () => {
    await jobs.deliverDueEffects();
    const mail = (await app.storage.outbox.list()).find((m) => m.dedupeKey === `refund:${bookingId}`);
    expect(mail).toBeDefined();
    return mail!;
  });

describe(`why a refund was made, in My bookings and in the mail (${testDb})`, () => {
  it("a show the cinema cancelled: the booking says so, and the mail says what comes back and when", async () => {
    const [showId] = await addShows(api, admin, { price: 9, slots: [localSlot(app.clock.now(), 2, "20:00")] });
    const bookingId = await paidBooking(showId!, ["B1", "B2"]);
    expect((await listed(bookingId))?.refundReason).toBeNull();
    expect((await api.post(`/api/admin/shows/${showId}/cancel`, {}, admin)).status).toBe(200);

    expect(await listed(bookingId)).toMatchObject({ status: "refunded", refundReason: "show_cancelled" });
    const mail = await refundMailOf(bookingId);
    expect(mail.subject).toContain("cancelled");
    expect(mail.text).toContain("the cinema has cancelled this show");
    expect(mail.text).toContain("the whole $18.00 goes back to the card you paid with");
    expect(mail.text).toContain("5 to 10 working days");
    expect(mail.text).not.toContain("this booking is cancelled");
  });

  it("a give-back, a whole cancellation and a late payment each name their own cause", async () => {
    const [showId] = await addShows(api, admin, { price: 9, slots: [localSlot(app.clock.now(), 3, "20:00")] });
    const kept = await paidBooking(showId!, ["C1", "C2"]);
    app.clock.advanceMinutes(1);
    const given = await api.post(`/api/booking/${kept}/cancel`, { seats: ["C2"] }, fan);
    expect(given.status).toBe(200);
    const part = ((await api.get("/api/user/bookings", fan)).body.bookings as { _id: string; bookedSeats: string[]; status: string; refundReason: string | null }[]).find(
      (b) => b.status === "refunded" && b.bookedSeats.join() === "C2",
    );
    expect(part?.refundReason).toBe("given_back");
    expect(await listed(kept)).toMatchObject({ status: "paid", refundReason: null });
    const partMail = await refundMailOf(part!._id);
    expect(partMail.text).toContain("you gave back seat C2");
    expect(partMail.text).toContain("The rest of your booking stays valid");

    const whole = await paidBooking(showId!, ["D1"]);
    expect((await api.post(`/api/booking/${whole}/cancel`, {}, fan)).status).toBe(200);
    expect((await listed(whole))?.refundReason).toBe("cancelled");

    const late = await api.post("/api/booking/create", { showId, selectedSeats: ["E1"] }, fan);
    app.clock.advanceMinutes(11);
    expect((await api.post("/api/booking/create", { showId, selectedSeats: ["E1"] }, other)).status).toBe(201);
    expect(await confirmBookingPayment(app.running.deps, { bookingId: late.body.bookingId, paymentRef: `local_${late.body.bookingId}` })).toBe("refund_required");
    expect((await listed(late.body.bookingId))?.refundReason).toBe("late_payment");
    expect((await refundMailOf(late.body.bookingId)).text).toContain("your payment arrived after the seats were no longer held for you");
  });
});
