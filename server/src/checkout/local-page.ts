import type { BookingRecord, MovieRecord, ShowRecord } from "../providers/storage/interface.ts";
import { formatMoney } from "../money.ts";
import { formatLocal } from "../shows/local-time.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · QuickShow</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#09090b;color:#f4f4f5;display:flex;min-height:100vh;align-items:center;justify-content:center;padding:16px;box-sizing:border-box}
main{width:100%;max-width:440px;background:#18181b;border:1px solid #27272a;border-radius:16px;padding:28px;box-sizing:border-box}
h1{font-size:20px;margin:0 0 4px}p.sub{color:#a1a1aa;margin:0 0 20px;font-size:14px}
dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px;margin:0 0 24px}dt{color:#a1a1aa}dd{margin:0;font-weight:600}
.total{font-size:22px;color:#F84565}
button{width:100%;padding:12px;border-radius:999px;border:0;font-size:16px;font-weight:600;cursor:pointer;margin-top:10px}
.pay{background:#F84565;color:#fff}.cancel{background:transparent;color:#d4d4d8;border:1px solid #3f3f46}
.note{font-size:12px;color:#71717a;margin-top:16px}.badge{display:inline-block;padding:2px 10px;border-radius:999px;background:#27272a;font-size:13px}
a{color:#F84565}
</style></head><body><main>${body}</main></body></html>`;

export function checkoutPage(input: {
  booking: BookingRecord;
  show: ShowRecord;
  movie: MovieRecord | null;
  timeZone: string;
  live: boolean;
  /** The signed address of this page; the forms post to it. */
  action: string;
}) {
  const { booking, show, movie, timeZone, live, action } = input;
  const title = movie?.title ?? "Your booking";
  const details = `<dl>
<dt>Movie</dt><dd>${escapeHtml(title)}</dd>
<dt>When</dt><dd>${escapeHtml(formatLocal(show.startsAt, timeZone))}</dd>
<dt>Seats</dt><dd>${escapeHtml(booking.seats.join(", "))}</dd>
<dt>Total</dt><dd class="total">${escapeHtml(formatMoney(booking.amountMinor, booking.currency))}</dd>
</dl>`;
  if (!live) {
    return page(
      "Checkout",
      `<h1>${escapeHtml(title)}</h1><p class="sub">This booking can no longer be paid <span class="badge">${escapeHtml(booking.status)}</span></p>${details}<a href="/my-bookings">Go to my bookings</a>`,
    );
  }
  const expires = booking.holdExpiresAt ? formatLocal(booking.holdExpiresAt, timeZone) : "";
  return page(
    "Checkout",
    `<h1>Checkout</h1><p class="sub" role="note">Demo checkout: no money is taken. Paying here confirms the booking without charging anything.</p>${details}
<form method="post" action="${escapeHtml(action)}/pay"><button class="pay" type="submit">Pay ${escapeHtml(formatMoney(booking.amountMinor, booking.currency))}</button></form>
<form method="post" action="${escapeHtml(action)}/cancel"><button class="cancel" type="submit">Cancel</button></form>
<p class="note">Your seats are held until ${escapeHtml(expires)}.</p>`,
  );
}
