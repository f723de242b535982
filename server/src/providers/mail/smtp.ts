import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "../../logger.ts";
import type { MailProvider, OutgoingMail } from "./interface.ts";

export interface SmtpSettings {
  host: string;
  port: number;
  user?: string | undefined;
  pass?: string | undefined;
  /** The From address: `tickets@example.com` or `QuickShow <tickets@example.com>`. */
  from: string;
}

/**
 * Hands mail to an SMTP relay (Brevo, SES, Postmark, your own) through nodemailer. Port 465
 * speaks TLS from the start; other ports upgrade with STARTTLS when the server offers it. A
 * refusal (4xx/5xx) or a network error throws, and the outbox tries again later.
 */
export class SmtpMailProvider implements MailProvider {
  readonly kind = "smtp" as const;
  private readonly transport: Transporter;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly logger: Logger,
  ) {
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.port === 465,
      auth: settings.user ? { user: settings.user, pass: settings.pass ?? "" } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail) {
    const info = await this.transport.sendMail({
      from: this.settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.attachments
        ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, "base64") })) }
        : {}),
    });
    const rejected = info.rejected ?? [];
    if (rejected.length > 0) throw new Error(`SMTP server rejected ${rejected.join(", ")}: ${info.response}`);
    this.logger.info({ to: mail.to, subject: mail.subject, messageId: info.messageId }, "mail sent (smtp)");
  }
}
