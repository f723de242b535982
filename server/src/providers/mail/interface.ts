import type { MailAttachment } from "../storage/interface.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface MailProvider {
  readonly kind: "log" | "smtp";
  /** Throws when the message could not be handed over; the outbox retries it. */
  send(mail: OutgoingMail): Promise<void>;
}
