import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { sendJson, startStandIn, type StandIn, type StandInRequest } from "./stand-in.ts";

export const stripeWebhookSecret = "whsec_quickshow_test_secret";
export const stripeSecretKey = "sk_test_quickshow_offline";

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

export interface StripeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

export interface StripeStandIn {
  url: string;
  calls: StripeCall[];
  /** Session objects as created, by id. */
  sessions: Map<string, Record<string, unknown>>;
  /** The next session creation fails with Stripe's error shape. */
  failNextCreate(): void;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for the three Stripe endpoints QuickShow calls, answering in their
 * documented shapes and keeping just enough state: sessions can be expired once, and it
 * refuses an `expires_at` sooner than 30 minutes as Stripe does.
 */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const calls: StripeCall[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  let failCreate = false;
  const invalid = (res: Parameters<typeof sendJson>[0], message: string, param?: string) =>
    sendJson(res, 400, { error: { type: "invalid_request_error", message, ...(param ? { param } : {}) } });

  const standIn: StandIn = await startStandIn((req: StandInRequest, res) => {
    const url = new URL(req.url, "http://stripe.local");
    const params = new URLSearchParams(req.body.toString("utf8"));
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    calls.push({ method: req.method, path: url.pathname, params, idempotencyKey: header("idempotency-key"), authorization: header("authorization") });

    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      if (failCreate) {
        failCreate = false;
        return invalid(res, "Your account cannot currently make live charges.");
      }
      const expiresAt = Number(params.get("expires_at"));
      if (!(expiresAt >= Math.floor(Date.now() / 1000) + 30 * 60)) {
        return invalid(res, "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
      }
      const sessionId = id("cs");
      const session = {
        id: sessionId,
        object: "checkout.session",
        mode: params.get("mode"),
        status: "open",
        payment_status: "unpaid",
        amount_total: Number(params.get("line_items[0][price_data][unit_amount]")) * Number(params.get("line_items[0][quantity]")),
        currency: params.get("line_items[0][price_data][currency]"),
        client_reference_id: params.get("client_reference_id"),
        customer_email: params.get("customer_email"),
        metadata: { bookingId: params.get("metadata[bookingId]") },
        expires_at: expiresAt,
        success_url: params.get("success_url"),
        cancel_url: params.get("cancel_url"),
        payment_intent: null,
        url: `https://checkout.stripe.com/c/pay/${sessionId}`,
      };
      sessions.set(sessionId, session);
      return sendJson(res, 200, session);
    }

    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname);
    if (req.method === "POST" && expire) {
      const session = sessions.get(expire[1]!);
      if (!session) return sendJson(res, 404, { error: { type: "invalid_request_error", message: "No such checkout.session" } });
      if (session.status !== "open") return invalid(res, `Only Checkout Sessions with a status in ["open"] can be expired.`);
      session.status = "expired";
      return sendJson(res, 200, { ...session, url: null });
    }

    if (req.method === "POST" && url.pathname === "/v1/refunds") {
      return sendJson(res, 200, {
        id: id("re"),
        object: "refund",
        payment_intent: params.get("payment_intent"),
        charge: params.get("charge"),
        amount: 0,
        status: "succeeded",
        metadata: { bookingId: params.get("metadata[bookingId]") },
      });
    }

    return sendJson(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
  });

  return {
    url: standIn.url,
    calls,
    sessions,
    failNextCreate: () => void (failCreate = true),
    close: () => standIn.close(),
  };
}

/** Signs a webhook payload as Stripe does, with the SDK's own test helper. */
export function signedStripeEvent(event: Record<string, unknown>, secret = stripeWebhookSecret) {
  const payload = JSON.stringify(event);
  const signature = new Stripe(stripeSecretKey).webhooks.generateTestHeaderString({ payload, secret });
  return { payload, signature };
}

/** A `checkout.session.*` event in the documented envelope. */
export function checkoutEvent(
  type: "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.async_payment_failed" | "checkout.session.expired",
  session: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: id("evt"),
    object: "event",
    api_version: "2025-01-27.acacia",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: { ...session, ...overrides } },
  };
}
