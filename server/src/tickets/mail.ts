import type { Deps } from "../deps.ts";
import type { BookingRecord, MailAttachment, UserRecord } from "../providers/storage/interface.ts";
import { calendarOf, issueTickets } from "./issue.ts";

/** The files that go with a paid booking's mail: the tickets as a PDF and the show as a calendar event. */
export async function ticketAttachments(deps: Pick<Deps, "storage" | "config" | "clock">, booking: BookingRecord, holder: Pick<UserRecord, "name">): Promise<MailAttachment[]> {
  const issued = await issueTickets(deps, booking);
  if (!issued) return [];
  // The PDF library is loaded with the first ticket mailed, not at every start.
  const { ticketsPdf } = await import("./pdf.ts");
  const pdf = await ticketsPdf({
    reference: issued.reference,
    movieTitle: issued.movieTitle,
    localStart: issued.localStart,
    holderName: holder.name,
    venue: issued.venue,
    tickets: issued.tickets,
    now: deps.clock.now(),
  });
  return [
    { filename: `tickets-${issued.reference}.pdf`, contentType: "application/pdf", contentBase64: Buffer.from(pdf).toString("base64") },
    { filename: `show-${issued.reference}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", contentBase64: Buffer.from(calendarOf(deps, issued)).toString("base64") },
  ];
}
