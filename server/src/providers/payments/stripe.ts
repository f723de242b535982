import Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../logger.ts";
import {
  InvalidWebhookError,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentsProvider,
  type PaymentWebhook,
  type RefundRequest,
} from "./interface.ts";

/** Stripe refuses a Checkout Session that expires sooner than this, or later than a day. */
const minSessionMs = 30 * 60_000;
const maxSessionMs = 24 * 3600_000;
/** Room for the request's travel time and clock skew between us and Stripe. */
const marginMs = 2 * 60_000;

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another API host (a loopback stand-in in tests); Stripe's own when null. */
  api: { host: string; port: number; protocol: "http" | "https" } | null;
}

/**
 * When the Checkout Session closes. Our hold may be shorter than Stripe's 30-minute minimum:
 * the session then outlives the hold, the release job expires it when the hold lapses, and a
 * payment that slips in between is confirmed only if its seats are still free (refunded if not).
 */
export function sessionExpiry(holdExpiresAt: Date, now: Date): Date {
  const earliest = now.getTime() + minSessionMs + marginMs;
  const latest = now.getTime() + maxSessionMs - marginMs;
  return new Date(Math.min(Math.max(holdExpiresAt.getTime(), earliest), latest));
}

/** Card payments through Stripe Checkout; payments are confirmed by webhook (POST /api/stripe). */
export class StripePaymentsProvider implements PaymentsProvider {
  readonly kind = "stripe" as const;
  readonly webhook: PaymentWebhook;
  private readonly stripe: Stripe;

  constructor(
    settings: StripeSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.stripe = new Stripe(settings.secretKey, {
      // Retries reuse one idempotency key, so a retried create or refund never happens twice.
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(settings.api ?? {}),
    });
    this.webhook = {
      parse: (rawBody, headers) => this.parseWebhook(rawBody, headers, settings.webhookSecret),
    };
  }

  async createCheckout(request: CheckoutRequest) {
    const expiresAt = sessionExpiry(request.holdExpiresAt, this.clock.now());
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency,
              unit_amount: request.amountMinor,
              product_data: { name: request.description },
            },
          },
        ],
        customer_email: request.customerEmail,
        client_reference_id: request.bookingId,
        metadata: { bookingId: request.bookingId },
        payment_intent_data: { metadata: { bookingId: request.bookingId } },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        expires_at: Math.floor(expiresAt.getTime() / 1000),
      },
      { idempotencyKey: `checkout-${request.bookingId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { url: session.url, paymentRef: session.id };
  }

  async expireCheckout(paymentRef: string) {
    if (!paymentRef.startsWith("cs_")) return;
    try {
      await this.stripe.checkout.sessions.expire(paymentRef);
    } catch (error) {
      // Already completed or expired: nothing is open any more, which is what we wanted.
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        this.logger.info({ paymentRef, err: error.message }, "stripe: checkout session was no longer open");
        return;
      }
      throw error;
    }
  }

  async refund(request: RefundRequest) {
    const refund = await this.stripe.refunds.create(
      {
        ...(request.paymentRef.startsWith("pi_") ? { payment_intent: request.paymentRef } : { charge: request.paymentRef }),
        // Named, not left to Stripe's "all that remains": seats given back earlier were refunded
        // on their own, and this booking owes exactly its amount.
        amount: request.amountMinor,
        reason: "requested_by_customer",
        metadata: { bookingId: request.bookingId },
      },
      { idempotencyKey: `refund-${request.bookingId}` },
    );
    this.logger.warn({ bookingId: request.bookingId, refund: refund.id, status: refund.status }, "stripe: refund created");
  }

  private parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secret: string): PaymentEvent {
    const signature = headers["stripe-signature"];
    if (typeof signature !== "string" || signature === "") throw new InvalidWebhookError("Missing Stripe-Signature header");
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch (error) {
      throw new InvalidWebhookError(error instanceof Error ? error.message : "Invalid signature");
    }
    const base = { id: event.id, type: event.type };
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
      case "checkout.session.async_payment_failed":
      case "checkout.session.expired": {
        const session = event.data.object;
        const bookingId = session.metadata?.bookingId ?? session.client_reference_id;
        if (!bookingId) return { ...base, kind: "ignored" };
        if (event.type === "checkout.session.expired") return { ...base, kind: "checkout_expired", bookingId };
        if (event.type === "checkout.session.async_payment_failed") return { ...base, kind: "payment_failed", bookingId };
        // "no_payment_required" cannot happen for a priced line item, but it is not money either.
        if (session.payment_status !== "paid") return { ...base, kind: "awaiting_payment", bookingId };
        const intent = session.payment_intent;
        const paymentRef = typeof intent === "string" ? intent : (intent?.id ?? session.id);
        return { ...base, kind: "paid", bookingId, paymentRef };
      }
      case "charge.refunded":
      case "refund.created":
      case "refund.updated":
      case "refund.failed":
        this.noteRefundEvent(event);
        return { ...base, kind: "ignored" };
      default:
        return { ...base, kind: "ignored" };
    }
  }

  /**
   * A booking is marked refunded when the refund is owed, before Stripe is asked, so Stripe's
   * word on it changes nothing here; it is logged for whoever reconciles, loudly when the money
   * did not go back (then the refund has to be sorted out in the Stripe Dashboard).
   */
  private noteRefundEvent(event: Stripe.ChargeRefundedEvent | Stripe.RefundCreatedEvent | Stripe.RefundUpdatedEvent | Stripe.RefundFailedEvent) {
    const object = event.data.object;
    const intent = object.payment_intent;
    const note = {
      eventId: event.id,
      type: event.type,
      bookingId: object.metadata?.bookingId ?? null,
      paymentIntent: typeof intent === "string" ? intent : (intent?.id ?? null),
      status: object.status,
    };
    const failed = event.type === "refund.failed" || (object.object === "refund" && (object.status === "failed" || object.status === "canceled"));
    if (failed) this.logger.error(note, "stripe: a refund did not go through");
    else this.logger.info(note, "stripe: refund reported");
  }
}
