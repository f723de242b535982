import type { Logger } from "../../logger.ts";
import type { MailProvider, OutgoingMail } from "./interface.ts";

/**
 * Writes each message to the log; the outbox table keeps the full text. On a developer's machine
 * (`showLinks`) the message's links are logged too, so the email-confirmation and password-reset
 * links can be followed without a mail server; never in production, where they would be secrets in
 * the log.
 */
export class LogMailProvider implements MailProvider {
  readonly kind = "log" as const;
  constructor(
    private readonly logger: Logger,
    private readonly options: { showLinks: boolean } = { showLinks: false },
  ) {}
  async send(mail: OutgoingMail) {
    const links = this.options.showLinks ? mail.text.match(/https?:\/\/\S+/g) ?? [] : undefined;
    // The attachments stay in the outbox with the message; the log names them.
    const attachments = mail.attachments?.map((a) => `${a.filename} (${Math.round((a.contentBase64.length * 3) / 4 / 1024)} KB)`);
    this.logger.info({ to: mail.to, subject: mail.subject, ...(links ? { links } : {}), ...(attachments ? { attachments } : {}) }, "mail sent (log provider)");
  }
}
