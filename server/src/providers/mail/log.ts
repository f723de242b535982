import type { Logger } from "../../logger.ts";
import type { MailProvider, OutgoingMail } from "./interface.ts";

/** Writes each message to the log; the outbox table keeps the full text. */
export class LogMailProvider implements MailProvider {
  readonly kind = "log" as const;
  constructor(private readonly logger: Logger) {}
  async send(mail: OutgoingMail) {
    this.logger.info({ to: mail.to, subject: mail.subject }, "mail sent (log provider)");
  }
}
