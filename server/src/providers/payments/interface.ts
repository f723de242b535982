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

export interface PaymentsProvider {
  readonly kind: "local" | "stripe";
  /** Starts a payment; `url` is where the customer pays, `paymentRef` the provider's id for it. */
  createCheckout(request: CheckoutRequest): Promise<{ url: string; paymentRef: string }>;
  /** Gives a payment back; called at most once per booking. */
  refund(request: RefundRequest): Promise<void>;
}
