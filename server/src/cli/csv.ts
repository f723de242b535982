import { bookingStatuses } from "@quickshow/contracts";
import { toMajorUnits } from "../money.ts";
import type { Storage } from "../providers/storage/interface.ts";

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
export const csvCell = (value: string | number) => {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function bookingsCsv(storage: Storage, showId: string): Promise<string> {
  const bookings = await storage.bookings.listForShow(showId, bookingStatuses);
  const users = new Map((await storage.users.getMany([...new Set(bookings.map((b) => b.userId))])).map((u) => [u.id, u]));
  const header = ["booking_id", "status", "seats", "amount", "currency", "customer", "email", "created_at", "paid_at"];
  const rows = bookings.map((b) => [
    b.id,
    b.status,
    b.seats.join(" "),
    toMajorUnits(b.amountMinor, b.currency).toFixed(2),
    b.currency,
    users.get(b.userId)?.name ?? "",
    users.get(b.userId)?.email ?? "",
    b.createdAt.toISOString(),
    b.paidAt?.toISOString() ?? "",
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
