import type { Logger } from "../../logger.ts";
import type { CheckoutRequest, PaymentsProvider, RefundRequest } from "./interface.ts";

/**
 * Pays on a page of our own server. Paying there goes through the same confirmation
 * code that a Stripe webhook uses; refunds are only recorded.
 */
export class LocalPaymentsProvider implements PaymentsProvider {
  readonly kind = "local" as const;
  readonly refunds: RefundRequest[] = [];

  constructor(private readonly logger: Logger) {}

  async createCheckout(request: CheckoutRequest) {
    return { url: `/checkout/local/${request.bookingId}`, paymentRef: `local_${request.bookingId}` };
  }

  async expireCheckout() {
    // The local page reads the booking's status: a released hold cannot be paid there.
  }

  async refund(request: RefundRequest) {
    this.refunds.push(request);
    this.logger.warn({ refund: request }, "local payments: refund recorded (no money moves locally)");
  }
}
