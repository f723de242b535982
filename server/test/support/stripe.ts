import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import Stripe from "stripe";
import { startStandIn, type StandIn, type StandInRequest } from "./stand-in.ts";

export const stripeWebhookSecret = "whsec_quickshow_test_secret";
// stripe-mock takes any test key of letters and digits after the prefix.
export const stripeSecretKey = "sk_test_QuickShowOffline";

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

export interface StripeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  /** What stripe-mock answered: a 4xx means Stripe's published API refuses the request. */
  upstream: { status: number; body: Record<string, unknown> };
  /** What the server got back: stripe-mock's answer, or the error a test injected instead. */
  status: number;
}

export interface StripeError {
  status: number;
  type: "invalid_request_error" | "api_error" | "card_error";
  message: string;
}

export interface StripeMock {
  url: string;
  /** Every request the server sent, with what stripe-mock made of it, in order. */
  calls: StripeCall[];
  /** Calls stripe-mock refused as not matching Stripe's API; a test expects none. */
  refused(): StripeCall[];
  /**
   * The Checkout Session created for a booking as Stripe would hold it: stripe-mock's answer
   * (it keeps nothing, so the fields it does not echo come from the request).
   */
  sessionFor(bookingId: string): Record<string, unknown> | undefined;
  /**
   * The next `times` requests to `path` still reach stripe-mock (and are still validated), but
   * the server is answered with this error instead, as when Stripe refuses or fails.
   */
  failNext(path: string | RegExp, error: StripeError, times?: number): void;
  /** Drops the injected errors not used up, so they cannot leak into the next test. */
  clearFaults(): void;
  close(): Promise<void>;
}

export function stripeMockUrl() {
  const url = process.env.TEST_STRIPE_MOCK_URL;
  if (!url) {
    throw new Error(
      "TEST_STRIPE_MOCK_URL is not set: `npm test` builds and starts stripe-mock; to run this file alone, " +
        "`GOBIN=$PWD/tools/bin go install github.com/stripe/stripe-mock@latest && tools/bin/stripe-mock -http-addr 127.0.0.1:12111 -https-addr 127.0.0.1:12112 &` " +
        "then set TEST_STRIPE_MOCK_URL=http://127.0.0.1:12111",
    );
  }
  return url;
}

/** Sends a request on to stripe-mock exactly as it came. */
function forward(target: URL, req: StandInRequest) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    upstream.on("error", reject);
    upstream.end(req.body);
  });
}

/**
 * A recording proxy in front of stripe-mock, Stripe's own API mock: every request the server
 * sends goes on to stripe-mock unchanged, which validates it against Stripe's OpenAPI spec and
 * answers in the documented shapes. The proxy only remembers what went through (stripe-mock
 * keeps no state) and can turn an answer into an error on purpose.
 */
export async function startStripeMock(): Promise<StripeMock> {
  const target = new URL(stripeMockUrl());
  const calls: StripeCall[] = [];
  const faults: { path: string | RegExp; error: StripeError; left: number }[] = [];
  const matches = (rule: string | RegExp, path: string) => (typeof rule === "string" ? rule === path : rule.test(path));

  const proxy: StandIn = await startStandIn(async (req, res) => {
    const path = new URL(req.url, "http://stripe.local").pathname;
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const answer = await forward(target, req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>;
    } catch {
      body = { unparsable: answer.body.toString("utf8") };
    }
    const fault = faults.find((f) => f.left > 0 && matches(f.path, path));
    if (fault) fault.left--;
    calls.push({
      method: req.method,
      path,
      params: new URLSearchParams(req.body.toString("utf8")),
      idempotencyKey: header("idempotency-key"),
      authorization: header("authorization"),
      upstream: { status: answer.status, body },
      status: fault ? fault.error.status : answer.status,
    });
    if (fault) {
      res.writeHead(fault.error.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: fault.error.type, message: fault.error.message } }));
      return;
    }
    const headers = { ...answer.headers };
    delete headers["transfer-encoding"];
    delete headers["content-length"];
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  });

  return {
    url: proxy.url,
    calls,
    refused: () => calls.filter((c) => c.upstream.status >= 400),
    sessionFor(bookingId) {
      const created = calls.find((c) => c.path === "/v1/checkout/sessions" && c.status === 200 && c.params.get("metadata[bookingId]") === bookingId);
      if (!created) return undefined;
      return { ...created.upstream.body, metadata: { bookingId }, client_reference_id: created.params.get("client_reference_id") };
    },
    failNext: (path, error, times = 1) => void faults.push({ path, error, left: times }),
    clearFaults: () => void faults.splice(0),
    close: () => proxy.close(),
  };
}

/** A Stripe object as stripe-mock's fixtures have it (GET /v1/<resource>/<id>), for webhook payloads. */
export async function stripeFixture(resource: "charges" | "refunds", objectId: string) {
  const res = await fetch(`${stripeMockUrl()}/v1/${resource}/${objectId}`, { headers: { authorization: `Bearer ${stripeSecretKey}` } });
  if (!res.ok) throw new Error(`stripe-mock answered ${res.status} for ${resource}/${objectId}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Signs a webhook payload as Stripe does, with the SDK's own test helper. */
export function signedStripeEvent(event: Record<string, unknown>, secret = stripeWebhookSecret) {
  const payload = JSON.stringify(event);
  const signature = new Stripe(stripeSecretKey).webhooks.generateTestHeaderString({ payload, secret });
  return { payload, signature };
}

type CheckoutEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";
type RefundEventType = "charge.refunded" | "refund.created" | "refund.updated" | "refund.failed";

/** An event in Stripe's documented envelope, about `object` (a Checkout Session, a Charge or a Refund). */
export function stripeEvent(type: CheckoutEventType | RefundEventType, object: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    id: id("evt"),
    object: "event",
    api_version: "2025-01-27.acacia",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: { ...object, ...overrides } },
  };
}

/** A `checkout.session.*` event in the documented envelope. */
export const checkoutEvent = (type: CheckoutEventType, session: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  stripeEvent(type, session, overrides);
