import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { failing } from "./support/failing.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock.ts";
import { jobFunctions } from "../src/jobs/functions.ts";
import { StripePaymentsProvider } from "../src/providers/payments/stripe.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { eventually } from "./support/eventually.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { MailboxProvider } from "./support/mailbox.ts";
import {
  checkoutEvent,
  signedStripeEvent,
  startStripeMock,
  stripeEvent,
  stripeFixture,
  stripeSecretKey,
  stripeWebhookSecret,
  type StripeMock,
} from "./support/stripe.ts";

let stripe: StripeMock;
let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let rival: string;
let mailbox: MailboxProvider;
let showDay = 1;

beforeAll(async () => {
  stripe = await startStripeMock();
  mailbox = new MailboxProvider();
  app = await startTestApp(
    {
      STRIPE_SECRET_KEY: stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      STRIPE_API_BASE: stripe.url,
      THEATER_TIMEZONE: "Europe/Paris",
      PUBLIC_URL: "https://tickets.example.test",
    },
    new Date(),
    { mail: mailbox },
  );
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Fan");
  rival = await api.register("rival@example.test", "Rival");
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
});
// Every request the server sent must be one Stripe's published API accepts.
afterEach(() => {
  stripe.clearFaults();
  expect(stripe.refused().map((c) => `${c.method} ${c.path}: ${JSON.stringify(c.upstream.body)}`)).toEqual([]);
});

async function newShow(price = 12.5) {
  const [showId] = await addShows(api, admin, { price, slots: [localSlot(app.clock.now(), showDay++, "20:15", "Europe/Paris")] });
  return showId!;
}

async function book(showId: string, seats: string[], token = fan) {
  const created = await api.post("/api/booking/create", { showId, selectedSeats: seats }, token);
  expect(created.status).toBe(201);
  const session = stripe.sessionFor(created.body.bookingId)!;
  expect(session).toBeDefined();
  return { bookingId: created.body.bookingId as string, url: created.body.url as string, session };
}

async function deliver(event: Record<string, unknown>, options: { secret?: string; signature?: string | null; payload?: string } = {}) {
  const signed = signedStripeEvent(event, options.secret);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? signed.signature : options.signature;
  if (signature !== null) headers["stripe-signature"] = signature;
  const res = await fetch(`${app.url}/api/stripe`, { method: "POST", headers, body: options.payload ?? signed.payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const paid = (session: Record<string, unknown>, paymentIntent = `pi_test_${randomBytes(8).toString("hex")}`) =>
  checkoutEvent("checkout.session.completed", session, { status: "complete", payment_status: "paid", payment_intent: paymentIntent });

const jobs = () => jobFunctions(app.running.deps);
const refundCallsFor = (bookingId: string) => stripe.calls.filter((c) => c.path === "/v1/refunds" && c.params.get("metadata[bookingId]") === bookingId);
const expireCallsFor = (session: Record<string, unknown>) => stripe.calls.filter((c) => c.path === `/v1/checkout/sessions/${session.id as string}/expire`);
const confirmationsFor = (bookingId: string) => mailbox.delivered.filter((m) => m.subject.startsWith("Your tickets") && m.text.includes(bookingId));
const status = async (bookingId: string) => (await app.storage.bookings.get(bookingId))?.status;

describe("Stripe Checkout", () => {
  it("creates a session for the booking: one line item priced in cents, the booking id, 30+ minutes to pay, URLs back to the site", async () => {
    const showId = await newShow(12.5);
    const before = Math.floor(Date.now() / 1000);
    const { bookingId, url, session } = await book(showId, ["A1", "A2"]);
    expect(url).toBe(session.url);
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect((await app.storage.bookings.get(bookingId))?.paymentRef).toBe(session.id);

    const call = stripe.calls.find((c) => c.path === "/v1/checkout/sessions" && c.params.get("metadata[bookingId]") === bookingId)!;
    const p = call.params;
    expect(call.authorization).toBe(`Bearer ${stripeSecretKey}`);
    expect(call.idempotencyKey).toBe(`checkout-${bookingId}`);
    expect(p.get("mode")).toBe("payment");
    expect(p.get("line_items[0][quantity]")).toBe("1");
    expect(p.get("line_items[0][price_data][unit_amount]")).toBe("2500");
    expect(p.get("line_items[0][price_data][currency]")).toBe("usd");
    const name = p.get("line_items[0][price_data][product_data][name]")!;
    expect(name).toContain("Nosferatu");
    expect(name).toMatch(/20:15/);
    expect(name).toContain("A1, A2");
    expect(p.get("line_items[1][quantity]")).toBeNull();
    expect(p.get("client_reference_id")).toBe(bookingId);
    expect(p.get("payment_intent_data[metadata][bookingId]")).toBe(bookingId);
    expect(p.get("customer_email")).toBe("fan@example.test");
    expect(Number(p.get("expires_at"))).toBeGreaterThanOrEqual(before + 30 * 60);
    // My bookings confirms this booking on arrival; Cancel comes back to the same seats, saying so.
    expect(p.get("success_url")).toBe(`https://tickets.example.test/my-bookings?paid=${bookingId}`);
    expect(p.get("cancel_url")).toMatch(new RegExp(`^https://tickets\\.example\\.test/movies/653/\\d{4}-\\d\\d-\\d\\d\\?show=${showId}&seats=A1,A2&cancelled=1$`));
    expect(await status(bookingId)).toBe("held");
  });

  it("a paid checkout.session.completed confirms the booking and sends one confirmation", async () => {
    const showId = await newShow();
    const { bookingId, session } = await book(showId, ["B1"]);
    const event = paid(session, "pi_test_happy");
    expect(await deliver(event)).toEqual({ status: 200, body: { success: true, received: true, outcome: "paid" } });
    const booking = await app.storage.bookings.get(bookingId);
    expect(booking).toMatchObject({ status: "paid", paymentRef: "pi_test_happy" });
    expect(await app.storage.bookings.occupiedSeats(showId, new Date(Date.now() + 365 * 24 * 3600_000))).toEqual(["B1"]);
    await eventually(() => expect(confirmationsFor(bookingId)).toHaveLength(1));
  });

  it("an event whose handling failed is acted on when Stripe retries it, even if the database could not forget it", async () => {
    const showId = await newShow();
    const { bookingId, session } = await book(showId, ["C5"]);
    const event = paid(session);
    // The sale and then the clean-up both fail, as when the database goes away mid-request.
    const undo = [failing(app.running.deps.storage.bookings, "sell"), failing(app.running.deps.storage.events, "forget")];
    try {
      expect((await deliver(event)).status).toBeGreaterThanOrEqual(500);
    } finally {
      for (const restore of undo) restore();
    }
    expect((await app.storage.bookings.get(bookingId))?.status).toBe("held");
    expect((await deliver(event)).body.outcome).toBe("paid");
    expect((await app.storage.bookings.get(bookingId))?.status).toBe("paid");
    expect((await deliver(event)).body.outcome).toBe("replay");
  });

  it("a replayed event (20 times, some at once) changes nothing and sends no second mail", async () => {
    const showId = await newShow();
    const { bookingId, session } = await book(showId, ["C1", "C2"]);
    const event = paid(session);
    expect((await deliver(event)).body.outcome).toBe("paid");
    const replies = [
      ...(await Promise.all(Array.from({ length: 10 }, () => deliver(event)))),
      ...(await (async () => {
        const out = [];
        for (let i = 0; i < 10; i++) out.push(await deliver(event));
        return out;
      })()),
    ];
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(replies.map((r) => r.body.outcome))).toEqual(new Set(["replay"]));
    // The same payment told by another event is recognised as already paid.
    expect((await deliver(checkoutEvent("checkout.session.async_payment_succeeded", session, { payment_status: "paid", payment_intent: "pi_x" }))).body.outcome).toBe("already_paid");

    await eventually(() => expect(confirmationsFor(bookingId)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 200));
    expect(confirmationsFor(bookingId)).toHaveLength(1);
    const queued = (await app.storage.outbox.list()).filter((m) => m.dedupeKey === `confirmation:${bookingId}`);
    expect(queued).toHaveLength(1);
    expect(refundCallsFor(bookingId)).toHaveLength(0);
  });

  it("a missing, forged or tampered signature is refused with 400 and changes nothing", async () => {
    const showId = await newShow();
    const { bookingId, session } = await book(showId, ["D1"]);
    const event = paid(session);
    const genuine = signedStripeEvent(event);

    const missing = await deliver(event, { signature: null });
    const forged = await deliver(event, { secret: "whsec_not_the_right_secret" });
    const tampered = await deliver(event, {
      signature: genuine.signature,
      payload: genuine.payload.replace(`"payment_status":"paid"`, `"payment_status":"paid","amount_total":1`),
    });
    const garbage = await deliver(event, { signature: "t=1,v1=deadbeef" });
    for (const reply of [missing, forged, tampered, garbage]) {
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ success: false, code: "validation" });
      expect(String(reply.body.message)).toMatch(/signature/i);
    }
    expect(await status(bookingId)).toBe("held");
    expect(confirmationsFor(bookingId)).toHaveLength(0);
    // Nothing was recorded either: the genuine delivery of the same event still counts.
    expect((await deliver(event)).body.outcome).toBe("paid");
  });

  it("a completed checkout still waiting for the money keeps the hold; a failed async payment releases it", async () => {
    const showId = await newShow();
    const pending = await book(showId, ["E1"]);
    const completed = checkoutEvent("checkout.session.completed", pending.session, { status: "complete", payment_status: "unpaid" });
    expect((await deliver(completed)).body.outcome).toBe("awaiting_payment");
    expect(await status(pending.bookingId)).toBe("held");
    expect((await deliver(checkoutEvent("checkout.session.async_payment_failed", pending.session))).body.outcome).toBe("released");
    expect(await status(pending.bookingId)).toBe("cancelled");
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual([]);

    const slow = await book(showId, ["E2"]);
    await deliver(checkoutEvent("checkout.session.completed", slow.session, { payment_status: "unpaid" }));
    expect((await deliver(checkoutEvent("checkout.session.async_payment_succeeded", slow.session, { payment_status: "paid", payment_intent: "pi_slow" }))).body.outcome).toBe("paid");
    expect(await status(slow.bookingId)).toBe("paid");
  });

  it("an expired session releases the seats", async () => {
    const showId = await newShow();
    const { bookingId, session } = await book(showId, ["F1", "F2"]);
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual(expect.arrayContaining(["F1", "F2"]));
    const expired = checkoutEvent("checkout.session.expired", session, { status: "expired" });
    expect((await deliver(expired)).body.outcome).toBe("released");
    expect((await deliver(expired)).body.outcome).toBe("replay");
    expect(await status(bookingId)).toBe("cancelled");
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual([]);
    // The seats are for sale again.
    await book(showId, ["F1"], rival);
  });

  it("a payment arriving after the hold lapsed and the seats were re-sold is refunded once, never double-sold", async () => {
    const showId = await newShow();
    const late = await book(showId, ["G1", "G2"]);
    app.clock.advanceMinutes(11);
    const resold = await book(showId, ["G2"], rival);

    const event = paid(late.session, "pi_test_late");
    expect((await deliver(event)).body.outcome).toBe("refund_required");
    for (let i = 0; i < 5; i++) expect((await deliver(event)).body.outcome).toBe("replay");
    const another = checkoutEvent("checkout.session.async_payment_succeeded", late.session, { payment_status: "paid", payment_intent: "pi_test_late" });
    expect((await deliver(another)).body.outcome).toBe("refund_required");

    await eventually(async () => {
      await jobs().deliverDueEffects();
      expect(refundCallsFor(late.bookingId)).toHaveLength(1);
    });
    const refunds = refundCallsFor(late.bookingId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.upstream).toMatchObject({ status: 200, body: { object: "refund", payment_intent: "pi_test_late" } });
    expect(refunds[0]!.params.get("payment_intent")).toBe("pi_test_late");
    expect(refunds[0]!.params.get("metadata[bookingId]")).toBe(late.bookingId);
    expect(refunds[0]!.idempotencyKey).toBe(`refund-${late.bookingId}`);
    expect(await status(late.bookingId)).toBe("refunded");
    expect(await status(resold.bookingId)).toBe("held");
    expect((await app.storage.bookings.occupiedSeats(showId, app.clock.now())).sort()).toEqual(["G2"]);
    expect(confirmationsFor(late.bookingId)).toHaveLength(0);
  });

  it("a lapsed or cancelled hold expires its Checkout Session so it can no longer be paid", async () => {
    const showId = await newShow();
    const lapsing = await book(showId, ["H1"]);
    app.clock.advanceMinutes(11);
    expect(await jobs().releaseSeatsIfUnpaid({ bookingId: lapsing.bookingId })).toBe(true);
    expect(expireCallsFor(lapsing.session)).toEqual([expect.objectContaining({ method: "POST", status: 200 })]);

    const cancelling = await book(showId, ["H2"]);
    expect((await api.post(`/api/booking/${cancelling.bookingId}/cancel`, {}, fan)).status).toBe(200);
    expect(expireCallsFor(cancelling.session)).toEqual([expect.objectContaining({ method: "POST", status: 200 })]);
    // Stripe then reports the expiry: nothing is left to release.
    expect((await deliver(checkoutEvent("checkout.session.expired", cancelling.session))).body.outcome).toBe("not_held");
  });

  it("when Stripe refuses to start a checkout, the seats are released and the buyer is told", async () => {
    const showId = await newShow();
    stripe.failNext("/v1/checkout/sessions", { status: 400, type: "invalid_request_error", message: "Your account cannot currently make live charges." });
    const res = await api.post("/api/booking/create", { showId, selectedSeats: ["J1"] }, fan);
    const refusedCreate = stripe.calls.at(-1)!;
    expect(refusedCreate).toMatchObject({ path: "/v1/checkout/sessions", status: 400, upstream: { status: 200 } });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ success: false, code: "unavailable" });
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual([]);
  });

  it("events that are not about a QuickShow booking are acknowledged and ignored", async () => {
    const other = checkoutEvent("checkout.session.completed", { id: "cs_other", object: "checkout.session", metadata: {}, payment_status: "paid" });
    expect((await deliver(other)).body.outcome).toBe("ignored");
    const unrelated = { ...checkoutEvent("checkout.session.completed", {}), type: "customer.created", data: { object: { id: "cus_1", object: "customer" } } };
    expect((await deliver(unrelated)).body.outcome).toBe("ignored");
  });
});

describe("Stripe refunds when the customer cancels", () => {
  async function paidBooking(seats: string[], paymentIntent: string) {
    const showId = await newShow(9.5);
    const booking = await book(showId, seats);
    expect((await deliver(paid(booking.session, paymentIntent))).body.outcome).toBe("paid");
    return { ...booking, showId };
  }
  const refundMailsFor = async (bookingId: string) => (await app.storage.outbox.list()).filter((m) => m.dedupeKey === `refund:${bookingId}`);

  it("a paid booking cancelled by its customer sends one refunds.create on its payment intent, however often the cancel is replayed and the effects delivered", async () => {
    const paymentIntent = `pi_test_${randomBytes(8).toString("hex")}`;
    const { bookingId, showId } = await paidBooking(["A1", "A2"], paymentIntent);

    const cancels = await Promise.all(Array.from({ length: 5 }, () => api.post(`/api/booking/${bookingId}/cancel`, {}, fan)));
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(cancels.find((c) => c.status === 200)!.body.booking).toMatchObject({ status: "refunded" });
    expect((await api.post(`/api/booking/${bookingId}/cancel`, {}, fan)).status).toBe(409);
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual([]);

    await Promise.all([jobs().deliverDueEffects(), jobs().deliverDueEffects()]);
    await eventually(async () => {
      await jobs().deliverDueEffects();
      expect(refundCallsFor(bookingId)).toHaveLength(1);
    });
    await jobs().deliverDueEffects();

    const [refund] = refundCallsFor(bookingId);
    expect(refund!.idempotencyKey).toBe(`refund-${bookingId}`);
    expect(refund!.authorization).toBe(`Bearer ${stripeSecretKey}`);
    expect(Object.fromEntries(refund!.params)).toEqual({
      payment_intent: paymentIntent,
      amount: "1900",
      reason: "requested_by_customer",
      "metadata[bookingId]": bookingId,
    });
    expect(refund!.upstream).toMatchObject({ status: 200, body: { object: "refund", payment_intent: paymentIntent } });
    expect(await status(bookingId)).toBe("refunded");
    await eventually(async () => expect(await refundMailsFor(bookingId)).toHaveLength(1));
  });

  it("seats given back are refunded on the same payment intent for their price only, each part under its own idempotency key", async () => {
    const paymentIntent = `pi_test_${randomBytes(8).toString("hex")}`;
    const { bookingId } = await paidBooking(["H1", "H2", "H3"], paymentIntent);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["H2"] }, fan)).body.booking).toMatchObject({ status: "paid", bookedSeats: ["H1", "H3"] });
    expect((await api.post(`/api/booking/${bookingId}/cancel`, { seats: ["H2"] }, fan)).status).toBe(200);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, {}, fan)).body.booking).toMatchObject({ status: "refunded", bookedSeats: ["H1", "H3"] });
    const part = (await app.storage.bookings.listForUser((await app.storage.bookings.get(bookingId))!.userId)).find(
      (b) => b.paymentRef === paymentIntent && b.id !== bookingId,
    )!;
    expect(part).toMatchObject({ status: "refunded", seats: ["H2"], amountMinor: 950 });

    await eventually(async () => {
      await jobs().deliverDueEffects();
      expect(refundCallsFor(part.id)).toHaveLength(1);
      expect(refundCallsFor(bookingId)).toHaveLength(1);
    });
    const [partRefund, restRefund] = [refundCallsFor(part.id)[0]!, refundCallsFor(bookingId)[0]!];
    expect(partRefund.idempotencyKey).toBe(`refund-${part.id}`);
    expect(Object.fromEntries(partRefund.params)).toMatchObject({ payment_intent: paymentIntent, amount: "950" });
    expect(Object.fromEntries(restRefund.params)).toMatchObject({ payment_intent: paymentIntent, amount: "1900" });
    for (const call of [partRefund, restRefund]) expect(call.upstream).toMatchObject({ status: 200, body: { object: "refund" } });
  });

  it("a refund whose answer is lost is retried, by the SDK and then by a later delivery, always under the booking's one idempotency key", async () => {
    const paymentIntent = `pi_test_${randomBytes(8).toString("hex")}`;
    const { bookingId } = await paidBooking(["B1"], paymentIntent);
    // stripe-mock still receives each attempt; the server only sees Stripe failing. Three
    // failures use up the SDK's own retries, so the effect is left for a later round.
    stripe.failNext("/v1/refunds", { status: 500, type: "api_error", message: "An unknown error occurred" }, 3);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, {}, fan)).status).toBe(200);
    await eventually(async () => {
      await jobs().deliverDueEffects();
      const owed = (await app.storage.effects.open()).filter((e) => e.bookingId === bookingId && e.kind === "refund.owed");
      expect(owed).toEqual([expect.objectContaining({ attempts: 1, lastError: expect.stringContaining("unknown error") })]);
    });
    expect(refundCallsFor(bookingId).map((c) => c.status)).toEqual([500, 500, 500]);

    app.clock.advanceMinutes(1);
    await eventually(async () => {
      await jobs().deliverDueEffects();
      expect(refundCallsFor(bookingId).map((c) => c.status)).toEqual([500, 500, 500, 200]);
    });
    await jobs().deliverDueEffects();
    const calls = refundCallsFor(bookingId);
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`refund-${bookingId}`]));
    expect(new Set(calls.map((c) => c.params.toString()))).toHaveProperty("size", 1);
    expect((await app.storage.effects.open()).filter((e) => e.bookingId === bookingId)).toEqual([]);
    await eventually(async () => expect(await refundMailsFor(bookingId)).toHaveLength(1));
  });

  it("Stripe's refund events (charge.refunded, refund.created, refund.updated) are acknowledged and change nothing, also when replayed", async () => {
    const paymentIntent = `pi_test_${randomBytes(8).toString("hex")}`;
    const { bookingId, showId } = await paidBooking(["C1"], paymentIntent);
    expect((await api.post(`/api/booking/${bookingId}/cancel`, {}, fan)).status).toBe(200);
    await eventually(async () => {
      await jobs().deliverDueEffects();
      expect(refundCallsFor(bookingId)).toHaveLength(1);
    });
    await eventually(async () => expect(await refundMailsFor(bookingId)).toHaveLength(1));

    // The objects as Stripe documents them: the refund stripe-mock answered, and its charge fixture.
    const refund: Record<string, unknown> = { ...refundCallsFor(bookingId)[0]!.upstream.body, metadata: { bookingId } };
    const charge = {
      ...(await stripeFixture("charges", refund.charge as string)),
      payment_intent: paymentIntent,
      amount: 950,
      amount_refunded: 950,
      refunded: true,
      metadata: { bookingId },
    };
    const events = [
      stripeEvent("refund.created", refund, { status: "pending" }),
      stripeEvent("charge.refunded", charge),
      stripeEvent("refund.updated", refund, { status: "succeeded" }),
    ];
    const before = await app.storage.bookings.get(bookingId);
    for (const event of [...events, ...events, events[1]!]) {
      expect(await deliver(event)).toEqual({ status: 200, body: { success: true, received: true, outcome: "ignored" } });
    }
    await jobs().deliverDueEffects();
    expect(await app.storage.bookings.get(bookingId)).toEqual(before);
    expect(before?.status).toBe("refunded");
    expect(refundCallsFor(bookingId)).toHaveLength(1);
    expect(await refundMailsFor(bookingId)).toHaveLength(1);
    expect(await app.storage.bookings.occupiedSeats(showId, app.clock.now())).toEqual([]);
  });
});

describe("Stripe refund events in the logs", () => {
  function providerWithLog() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        done();
      },
    });
    const provider = new StripePaymentsProvider({ secretKey: stripeSecretKey, webhookSecret: stripeWebhookSecret, api: null }, systemClock, pino({ level: "info" }, sink));
    const parse = (event: Record<string, unknown>) => {
      const signed = signedStripeEvent(event);
      return provider.webhook.parse(Buffer.from(signed.payload), { "stripe-signature": signed.signature });
    };
    return { lines, parse };
  }

  it("a refund Stripe reports as done is logged with its booking; one that failed is logged as an error; neither is acted on", async () => {
    const { lines, parse } = providerWithLog();
    const refund = { ...(await stripeFixture("refunds", "re_test_logged")), payment_intent: "pi_test_logged", metadata: { bookingId: "booking-1" } };
    const charge = { ...(await stripeFixture("charges", "ch_test_logged")), payment_intent: "pi_test_logged", refunded: true, metadata: { bookingId: "booking-1" } };

    expect(parse(stripeEvent("refund.updated", refund, { status: "succeeded" }))).toMatchObject({ kind: "ignored", type: "refund.updated" });
    expect(parse(stripeEvent("charge.refunded", charge))).toMatchObject({ kind: "ignored", type: "charge.refunded" });
    expect(parse(stripeEvent("refund.failed", refund, { status: "failed", failure_reason: "expired_or_canceled_card" }))).toMatchObject({ kind: "ignored" });

    await eventually(() => expect(lines).toHaveLength(3));
    const [updated, chargeRefunded, failed] = lines;
    expect(updated).toMatchObject({ level: 30, msg: "stripe: refund reported", bookingId: "booking-1", paymentIntent: "pi_test_logged", status: "succeeded" });
    expect(chargeRefunded).toMatchObject({ level: 30, type: "charge.refunded", bookingId: "booking-1", paymentIntent: "pi_test_logged" });
    expect(failed).toMatchObject({ level: 50, msg: "stripe: a refund did not go through", bookingId: "booking-1", status: "failed" });
  });
});
