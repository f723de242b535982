import type { MailProvider, OutgoingMail } from "../../src/providers/mail/interface.ts";

/** A mail provider that keeps what it is given, and can be told to fail. */
export class MailboxProvider implements MailProvider {
  readonly kind = "log" as const;
  readonly delivered: OutgoingMail[] = [];
  failing = false;
  async send(mail: OutgoingMail) {
    if (this.failing) throw new Error("SMTP server said 451 try again later");
    this.delivered.push(mail);
  }
}
