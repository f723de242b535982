import type { RefundReason } from "@quickshow/contracts";
import type { MailMessage } from "../providers/storage/interface.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Section {
  heading: string;
  intro: string;
  rows: [label: string, value: string][];
  link?: { label: string; url: string };
}

/** One layout for every message, as HTML and as plain text with the same content. */
function render(section: Section): Pick<MailMessage, "text" | "html"> {
  const text = [
    section.heading,
    "",
    section.intro,
    "",
    ...section.rows.map(([label, value]) => `${label}: ${value}`),
    ...(section.link ? ["", `${section.link.label}: ${section.link.url}`] : []),
    "",
    "QuickShow",
  ].join("\n");
  const rows = section.rows
    .map(([label, value]) => `<tr><td style="padding:4px 12px 4px 0;color:#888">${escapeHtml(label)}</td><td style="padding:4px 0"><strong>${escapeHtml(value)}</strong></td></tr>`)
    .join("");
  const link = section.link
    ? `<p><a href="${escapeHtml(section.link.url)}" style="background:#F84565;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(section.link.label)}</a></p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;background:#09090b;color:#eee;padding:24px"><div style="max-width:560px;margin:auto;background:#18181b;padding:24px;border-radius:12px"><h1 style="color:#F84565;font-size:22px">${escapeHtml(section.heading)}</h1><p>${escapeHtml(section.intro)}</p><table>${rows}</table>${link}<p style="color:#777;font-size:12px">QuickShow</p></div></body></html>`;
  return { text, html };
}

export interface TicketFacts {
  bookingId: string;
  /** The short reference printed on the tickets and read out at the door. */
  reference?: string;
  userName: string;
  movieTitle: string;
  when: string;
  seats: string[];
  amount: string;
  bookingsUrl: string;
}

export const confirmationMail = (to: string, t: TicketFacts): MailMessage => ({
  dedupeKey: `confirmation:${t.bookingId}`,
  kind: "confirmation",
  to,
  subject: `Your tickets for ${t.movieTitle}`,
  ...render({
    heading: "Booking confirmed",
    intro: `Hi ${t.userName}, your seats are booked. Your tickets are attached (PDF, one page per seat) with a calendar event; show a ticket's QR code at the door. Enjoy the show!`,
    rows: [["Movie", t.movieTitle], ["When", t.when], ["Seats", t.seats.join(", ")], ["Paid", t.amount], ["Booking", t.reference ?? t.bookingId]],
    // The ticket view shows the QR codes too, for a phone that has no PDF viewer at hand.
    link: { label: "Show my tickets", url: `${t.bookingsUrl}/${t.bookingId}/tickets` },
  }),
});

/** Banks, not QuickShow, decide when a refund shows on a statement; this is what card refunds usually take. */
const refundArrives = "Banks usually take 5 to 10 working days to show it on your statement; you need to do nothing.";

/** What the refund mail says, for each reason a booking is refunded (server/src/bookings/refund-reason.ts). */
const refundWords: Record<RefundReason, (t: TicketFacts) => { subject: string; heading: string; intro: string }> = {
  show_cancelled: (t) => ({
    subject: `${t.movieTitle} is cancelled: your refund`,
    heading: "The cinema cancelled this show",
    intro: `Hi ${t.userName}, we are sorry: the cinema has cancelled this show. Your booking is cancelled and the whole ${t.amount} goes back to the card you paid with. ${refundArrives}`,
  }),
  late_payment: (t) => ({
    subject: `Refund for ${t.movieTitle}`,
    heading: "Your payment is refunded",
    intro: `Hi ${t.userName}, your payment arrived after the seats were no longer held for you, so nothing was booked. The whole ${t.amount} goes back to the card you paid with. ${refundArrives}`,
  }),
  given_back: (t) => ({
    subject: `Refund for the seats you gave back (${t.movieTitle})`,
    heading: "Seats given back and refunded",
    intro: `Hi ${t.userName}, you gave back seat${t.seats.length === 1 ? "" : "s"} ${t.seats.join(", ")}: ${t.amount} goes back to the card you paid with. The rest of your booking stays valid. ${refundArrives}`,
  }),
  cancelled: (t) => ({
    subject: `Refund for ${t.movieTitle}`,
    heading: "Booking cancelled and refunded",
    intro: `Hi ${t.userName}, this booking is cancelled and its whole ${t.amount} goes back to the card you paid with. ${refundArrives}`,
  }),
};

export const refundMail = (to: string, t: TicketFacts & { reason: RefundReason }): MailMessage => {
  const words = refundWords[t.reason](t);
  return {
    dedupeKey: `refund:${t.bookingId}`,
    kind: "refund",
    to,
    subject: words.subject,
    ...render({
      heading: words.heading,
      intro: words.intro,
      rows: [["Movie", t.movieTitle], ["When", t.when], ["Seats", t.seats.join(", ")], ["Refunded", t.amount], ["Booking", t.reference ?? t.bookingId]],
      link: { label: "My bookings", url: t.bookingsUrl },
    }),
  };
};

export const waitlistOfferMail = (to: string, t: TicketFacts & { payUrl: string; until: string }): MailMessage => ({
  dedupeKey: `waitlist_offer:${t.bookingId}`,
  kind: "waitlist_offer",
  to,
  subject: `Seats for ${t.movieTitle} are yours to take`,
  ...render({
    heading: "Your turn on the waitlist",
    intro: `Hi ${t.userName}, seats came free and we are holding them for you until ${t.until}. After that they go to the next person in line.`,
    rows: [["Movie", t.movieTitle], ["When", t.when], ["Seats", t.seats.join(", ")], ["Total", t.amount]],
    link: { label: "Pay for your seats", url: t.payUrl },
  }),
});

export const reminderMail = (to: string, t: TicketFacts): MailMessage => ({
  dedupeKey: `reminder:${t.bookingId}`,
  kind: "reminder",
  to,
  subject: `Reminder: ${t.movieTitle} starts soon`,
  ...render({
    heading: "Your show starts soon",
    intro: `Hi ${t.userName}, this is a reminder of your booking.`,
    rows: [["Movie", t.movieTitle], ["When", t.when], ["Seats", t.seats.join(", ")], ["Booking", t.bookingId]],
    link: { label: "My bookings", url: t.bookingsUrl },
  }),
});

export const newShowMail = (
  to: string,
  input: { key: string; userName: string; movieTitle: string; times: string[]; movieUrl: string },
): MailMessage => ({
  dedupeKey: input.key,
  kind: "new_show",
  to,
  subject: `New shows: ${input.movieTitle}`,
  ...render({
    heading: `${input.movieTitle} is on`,
    intro: `Hi ${input.userName}, new shows were just added.`,
    rows: input.times.slice(0, 10).map((t, i) => [i === 0 ? "Shows" : "", t]),
    link: { label: "Book seats", url: input.movieUrl },
  }),
});

export const welcomeMail = (to: string, input: { userId: string; userName: string; siteUrl: string }): MailMessage => ({
  dedupeKey: `welcome:${input.userId}`,
  kind: "welcome",
  to,
  subject: "Welcome to QuickShow",
  ...render({
    heading: "Welcome to QuickShow",
    intro: `Hi ${input.userName}, your account is ready. Pick a movie and a seat whenever you like.`,
    rows: [],
    link: { label: "See what's on", url: input.siteUrl },
  }),
});

export const verifyEmailMail = (to: string, input: { key: string; userName: string; url: string; hours: number }): MailMessage => ({
  dedupeKey: input.key,
  kind: "verify_email",
  to,
  subject: "Confirm your email address",
  ...render({
    heading: "Confirm your email address",
    intro: `Hi ${input.userName}, please confirm that this address is yours so you can book seats. The link works for ${input.hours} hours. If you did not sign up for QuickShow, ignore this message.`,
    rows: [],
    link: { label: "Confirm my address", url: input.url },
  }),
});

export const passwordResetMail = (to: string, input: { key: string; userName: string; url: string; minutes: number }): MailMessage => ({
  dedupeKey: input.key,
  kind: "password_reset",
  to,
  subject: "Reset your QuickShow password",
  ...render({
    heading: "Reset your password",
    intro: `Hi ${input.userName}, someone (hopefully you) asked to reset your password. The link works for ${input.minutes} minutes and only once. If it wasn't you, ignore this message: your password stays as it is.`,
    rows: [],
    link: { label: "Choose a new password", url: input.url },
  }),
});
