import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { qrModules } from "./qr.ts";

export interface PrintedTicket {
  seat: string;
  token: string;
}

export interface PrintedBooking {
  reference: string;
  movieTitle: string;
  /** The show's local date, time and zone, as the customer reads it. */
  localStart: string;
  holderName: string;
  /** The cinema that admits the holder (not the brand that sold the ticket), its address and the screen. */
  venue: { cinemaName: string; address: string; screen: string | null };
  tickets: PrintedTicket[];
  now: Date;
}

const brand = rgb(0.973, 0.271, 0.396);
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.42, 0.42, 0.46);
// A6 portrait, in points: a ticket-sized page that prints fine on A4 or Letter too.
const width = 297.64;
const height = 419.53;
const margin = 22;

/**
 * The standard PDF fonts only know Latin-1 (WinAnsi): accents are kept where the letter exists
 * there, and anything else (a title in another script) is shown as "?" rather than failing.
 */
const printable = (s: string) =>
  s
    .normalize("NFC")
    .replace(/[^\x20-\x7e\xa0-\xff]/g, (c) => c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "?"));

function wrap(text: string, font: PDFFont, size: number, maxWidth: number, maxLines: number) {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) lines.splice(maxLines - 1, Infinity, `${lines[maxLines - 1]}...`);
  return lines;
}

/** Dark modules drawn as one rectangle per horizontal run, which keeps the page small. */
function drawQr(page: PDFPage, token: string, x: number, y: number, side: number) {
  const { size, isDark } = qrModules(token);
  const quiet = 4;
  const module = side / (size + 2 * quiet);
  page.drawRectangle({ x, y, width: side, height: side, color: rgb(1, 1, 1) });
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; ) {
      if (!isDark(row, column)) {
        column++;
        continue;
      }
      let end = column;
      while (end < size && isDark(row, end)) end++;
      page.drawRectangle({
        x: x + (quiet + column) * module,
        y: y + side - (quiet + row + 1) * module,
        width: (end - column) * module,
        height: module,
        color: rgb(0, 0, 0),
      });
      column = end;
    }
  }
}

/** One A6 page per ticket: movie, time, seat, reference and the QR code to scan at the door. */
export async function ticketsPdf(booking: PrintedBooking): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(printable(`Tickets ${booking.reference} - ${booking.movieTitle}`));
  doc.setCreator("QuickShow");
  doc.setProducer("QuickShow");
  doc.setCreationDate(booking.now);
  doc.setModificationDate(booking.now);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const title = printable(booking.movieTitle);

  booking.tickets.forEach((ticket, index) => {
    const page = doc.addPage([width, height]);
    page.drawRectangle({ x: 0, y: height - 40, width, height: 40, color: brand });
    const counter = `Ticket ${index + 1} of ${booking.tickets.length}`;
    const counterWidth = regular.widthOfTextAtSize(counter, 9);
    // The header names the cinema the holder walks into; the brand only when no cinema name is known.
    const [cinemaLine = ""] = wrap(printable(booking.venue.cinemaName || "QuickShow"), bold, 14, width - 3 * margin - counterWidth, 1);
    page.drawText(cinemaLine, { x: margin, y: height - 26, size: 14, font: bold, color: rgb(1, 1, 1) });
    page.drawText(counter, { x: width - margin - counterWidth, y: height - 25, size: 9, font: regular, color: rgb(1, 1, 1) });
    if (booking.venue.address) {
      const [addressLine = ""] = wrap(printable(booking.venue.address), regular, 8, width - 2 * margin, 1);
      page.drawText(addressLine, { x: margin, y: height - 52, size: 8, font: regular, color: muted });
    }

    let y = height - 72;
    for (const line of wrap(title, bold, 15, width - 2 * margin, 2)) {
      page.drawText(line, { x: margin, y, size: 15, font: bold, color: ink });
      y -= 18;
    }
    const when = booking.venue.screen ? `${booking.localStart} - ${booking.venue.screen}` : booking.localStart;
    for (const line of wrap(printable(when), regular, 9.5, width - 2 * margin, 1)) page.drawText(line, { x: margin, y: y - 2, size: 9.5, font: regular, color: ink });
    y -= 30;
    page.drawText("SEAT", { x: margin, y: y + 12, size: 7.5, font: regular, color: muted });
    page.drawText(ticket.seat, { x: margin, y: y - 10, size: 24, font: bold, color: ink });
    const refX = width / 2;
    page.drawText("BOOKING", { x: refX, y: y + 12, size: 7.5, font: regular, color: muted });
    page.drawText(booking.reference, { x: refX, y: y - 6, size: 16, font: bold, color: ink });

    const side = 200;
    drawQr(page, ticket.token, (width - side) / 2, 52, side);
    const holder = printable(`${booking.holderName} - valid for one entry`);
    page.drawText(holder, { x: (width - regular.widthOfTextAtSize(holder, 8.5)) / 2, y: 36, size: 8.5, font: regular, color: muted });
    const hint = `At the door: show this code, or say ${booking.reference} ${ticket.seat}`;
    page.drawText(hint, { x: (width - regular.widthOfTextAtSize(hint, 7.5)) / 2, y: 22, size: 7.5, font: regular, color: muted });
  });
  return doc.save();
}
