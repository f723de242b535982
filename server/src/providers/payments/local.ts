import { createHmac, timingSafeEqual } from "node:crypto";
import type { Logger } from "../../logger.ts";
import type { CheckoutRequest, PaymentsProvider, RefundRequest } from "./interface.ts";

/**
 * Pays on a page of our own server. Paying there goes through the same confirmation
 * code that a Stripe webhook uses; refunds are only recorded. The page's address carries a
 * signature of the booking id, so, like a Stripe Checkout link, only the customer who was given
 * it can pay or cancel: knowing a booking id is not enough.
 */
export class LocalPaymentsProvider implements PaymentsProvider {
  readonly kind = "local" as const;
  readonly refunds: RefundRequest[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly secret: string,
  ) {}

  private signatureOf(bookingId: string) {
    return createHmac("sha256", this.secret).update(`checkout:${bookingId}`).digest("base64url");
  }

  /** True when `signature` is the one this server gave out for the booking. */
  verify(bookingId: string, signature: string) {
    const expected = Buffer.from(this.signatureOf(bookingId));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async createCheckout(request: CheckoutRequest) {
    return {
      url: `/checkout/local/${request.bookingId}/${this.signatureOf(request.bookingId)}`,
      paymentRef: `local_${request.bookingId}`,
    };
  }

  async expireCheckout() {
    // The local page reads the booking's status: a released hold cannot be paid there.
  }

  async refund(request: RefundRequest) {
    if (this.refunds.some((r) => r.bookingId === request.bookingId)) return;
    this.refunds.push(request);
    this.logger.warn({ refund: request }, "local payments: refund recorded (no money moves locally)");
  }
}
