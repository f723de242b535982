import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { jobFunctions } from "../src/jobs/functions.ts";
import { bookingReference } from "../src/tickets/reference.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { eventually } from "./support/eventually.ts";
import { addShows } from "./support/fixtures.ts";

interface Received {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  mail: ParsedMail;
}

let smtp: SMTPServer;
let received: Received[] = [];
let refusing = false;
let dataAttempts = 0;
let app: TestApp;
let api: Client;
let admin: string;
let fan: string;

beforeAll(async () => {
  // A real SMTP server on loopback: plain text (no STARTTLS offered), AUTH checked.
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "relay-user" && auth.password === "relay-pass") return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      dataAttempts++;
      if (refusing) {
        stream.resume();
        stream.on("end", () => {
          const error = new Error("Requested action aborted: local error in processing") as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
        });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;

  app = await startTestApp(
    {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(port),
      SMTP_USER: "relay-user",
      SMTP_PASS: "relay-pass",
      SENDER_EMAIL: "QuickShow <tickets@quickshow.test>",
      THEATER_TIMEZONE: "Europe/Paris",
      CURRENCY: "eur",
    },
    new Date("2031-03-01T08:00:00Z"),
  );
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Fan");
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const messagesTo = (address: string, subject: string) => received.filter((r) => r.to.includes(address) && r.mail.subject === subject);

describe("SMTP mail", () => {
  it("is chosen by SMTP_HOST and hands messages to the server, authenticated, with the configured sender", async () => {
    expect(app.running.deps.mail.kind).toBe("smtp");
    const [welcome] = await eventually(() => {
      const found = messagesTo("fan@example.test", "Welcome to QuickShow");
      expect(found).toHaveLength(1);
      return found;
    });
    expect(welcome!.user).toBe("relay-user");
    expect(welcome!.from).toBe("tickets@quickshow.test");
    expect(welcome!.mail.from?.value).toEqual([{ address: "tickets@quickshow.test", name: "QuickShow" }]);
    expect(welcome!.mail.text).toContain("Hi Fan, your account is ready");
    expect(welcome!.mail.html).toContain("Welcome to QuickShow");
  });

  it("sends the booking confirmation with movie, local time, seats, amount and booking reference, in text and HTML, with the tickets attached", async () => {
    const [showId] = await addShows(api, admin, { price: 11, slots: [{ date: "2031-03-04", time: "20:30" }] });
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["F7", "F8"] }, fan);
    await api.request("POST", `${created.body.url}/pay`);
    const [confirmation] = await eventually(() => {
      const found = messagesTo("fan@example.test", "Your tickets for Nosferatu");
      expect(found).toHaveLength(1);
      return found;
    });
    const { text, html } = confirmation!.mail;
    for (const body of [text, html]) {
      expect(body).toContain("Nosferatu");
      expect(body).toContain("Tuesday 4 March 2031, 20:30");
      expect(body).toContain("F7, F8");
      expect(body).toContain("€22.00");
      expect(body).toContain(bookingReference(created.body.bookingId));
    }
    const reference = bookingReference(created.body.bookingId);
    const files = confirmation!.mail.attachments.map((a) => [a.filename, a.contentType]);
    expect(files).toEqual([
      [`tickets-${reference}.pdf`, "application/pdf"],
      [`show-${reference}.ics`, "text/calendar"],
    ]);
    const pdf = await PDFDocument.load(confirmation!.mail.attachments[0]!.content);
    expect(pdf.getPageCount()).toBe(2);
    expect(confirmation!.mail.attachments[1]!.content.toString()).toContain("DTSTART:20310304T193000Z");
    // Running the job again (a retry, a second instance) sends nothing more.
    await jobFunctions(app.running.deps).sendBookingConfirmation({ bookingId: created.body.bookingId });
    expect(messagesTo("fan@example.test", "Your tickets for Nosferatu")).toHaveLength(1);
  });

  it("a server answering 451 leaves the mail queued; it is sent on a later attempt, once", async () => {
    refusing = true;
    const attemptsBefore = dataAttempts;
    await api.register("later@example.test", "Later");
    const user = await app.storage.users.findByEmail("later@example.test");
    const key = `welcome:${user!.id}`;
    const item = await eventually(async () => {
      const found = (await app.storage.outbox.list()).find((m) => m.dedupeKey === key)!;
      expect(found).toMatchObject({ status: "pending", attempts: 1 });
      expect(found.lastError).toMatch(/451/);
      return found;
    });
    expect(item.sentAt).toBeNull();
    expect(dataAttempts).toBeGreaterThan(attemptsBefore);
    expect(messagesTo("later@example.test", "Welcome to QuickShow")).toHaveLength(0);

    refusing = false;
    const jobs = jobFunctions(app.running.deps);
    expect(await jobs.deliverDueMail()).toBe(0); // backing off: not due yet
    app.clock.advanceMinutes(2);
    // The welcome and the address confirmation sent at sign-up.
    expect(await jobs.deliverDueMail()).toBe(2);
    expect(await jobs.deliverDueMail()).toBe(0);
    expect(messagesTo("later@example.test", "Welcome to QuickShow")).toHaveLength(1);
    expect((await app.storage.outbox.list()).find((m) => m.dedupeKey === key)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
