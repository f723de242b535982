export interface CheckoutRequest {
  bookingId: string;
  amountMinor: number;
  currency: string;
  description: string;
  customerEmail: string;
  holdExpiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

export interface RefundRequest {
  bookingId: string;
  paymentRef: string;
  amountMinor: number;
  currency: string;
}

/**
 * A verified notification from the payment provider, in the domain's terms. `id` is the
 * provider's event id: the same id arriving twice is a replay.
 */
export type PaymentEvent =
  | { id: string; type: string; kind: "paid"; bookingId: string; paymentRef: string }
  /** Checkout finished but the money is still on its way (bank debits): wait for a later event. */
  | { id: string; type: string; kind: "awaiting_payment"; bookingId: string }
  /** The payment failed or the checkout lapsed: the hold can be released. */
  | { id: string; type: string; kind: "payment_failed" | "checkout_expired"; bookingId: string }
  /** Not about a QuickShow booking, or a type we do not act on. */
  | { id: string; type: string; kind: "ignored" };

export interface PaymentWebhook {
  /** Verifies the signature over the raw body; throws InvalidWebhookError when it does not hold. */
  parse(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}

export class InvalidWebhookError extends Error {
  override name = "InvalidWebhookError";
}

export interface PaymentsProvider {
  readonly kind: "local" | "stripe";
  /** Starts a payment; `url` is where the customer pays, `paymentRef` the provider's id for it. */
  createCheckout(request: CheckoutRequest): Promise<{ url: string; paymentRef: string }>;
  /**
   * Closes a checkout whose hold was released, so it can no longer be paid. Best effort: a
   * payment that still arrives is confirmed only if its seats are free, refunded otherwise.
   */
  expireCheckout(paymentRef: string): Promise<void>;
  /**
   * Gives a payment back. Usually called once per booking, but again after a crash between the
   * call and its record: a provider refunds one booking at most once (Stripe by idempotency key).
   */
  refund(request: RefundRequest): Promise<void>;
  /** Present when the provider reports payments by webhook (Stripe at POST /api/stripe). */
  readonly webhook?: PaymentWebhook;
}
