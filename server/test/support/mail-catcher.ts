import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface MailCatcher {
  /** SMTP_* variables that make a server deliver here. */
  env: Record<string, string>;
  /** Plain-text bodies of the messages received for the address, oldest first. */
  textsTo(address: string): string[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives, for servers running in their own process. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const received: { to: string[]; text: string }[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), text: mail.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  // A server killed mid-message resets its connection; that is the test's doing, not a failure here.
  smtp.on("error", () => {});
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  // A test that kills its server without stopping it must not be kept alive by this.
  smtp.server.unref();
  const { port } = smtp.server.address() as AddressInfo;
  return {
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SENDER_EMAIL: "QuickShow <tickets@quickshow.test>" },
    textsTo: (address) => received.filter((m) => m.to.includes(address.toLowerCase())).map((m) => m.text),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
