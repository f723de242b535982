import type { BookingStatus } from "@quickshow/contracts";
import type { BookingRecord, MovieRecord, ShowRecord } from "../providers/storage/interface.ts";
import { formatMoney } from "../money.ts";

/** Times as the site writes them (web/src/lib/format.ts), always naming the cinema's zone: this page cannot know the viewer's. */
const formatLocal = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(instant);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Where the page's countdown script is served (the CSP allows no inline script). */
export const countdownScriptPath = "/checkout/local/countdown.js";

// White on #d12b4b is 5:1; the site's lighter pink is kept for accents on the dark background.
const page = (title: string, body: string, script = false) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · QuickShow</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#09090b;color:#f4f4f5;display:flex;min-height:100vh;align-items:center;justify-content:center;padding:16px;box-sizing:border-box}
main{width:100%;max-width:440px;background:#18181b;border:1px solid #27272a;border-radius:16px;padding:28px;box-sizing:border-box}
h1{font-size:20px;margin:0 0 4px}p.sub{color:#a1a1aa;margin:0 0 20px;font-size:14px}
dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px;margin:0 0 24px}dt{color:#a1a1aa}dd{margin:0;font-weight:600}
.total{font-size:22px;color:#f84565}
button,.button{display:block;box-sizing:border-box;text-align:center;text-decoration:none;width:100%;min-height:48px;padding:12px;border-radius:999px;border:0;font-size:16px;font-weight:600;cursor:pointer;margin-top:10px}
.pay,.button{background:#d12b4b;color:#fff}.cancel{background:transparent;color:#d4d4d8;border:1px solid #3f3f46}
button:disabled{opacity:.5;cursor:not-allowed}
.note{font-size:14px;color:#a1a1aa;margin-top:16px}.timer{font-variant-numeric:tabular-nums;color:#f4f4f5;font-weight:600}
.good{color:#4ade80}.ended{color:#fca5a5}
a{color:#f84565;text-decoration:underline}
</style>${script ? `<script src="${countdownScriptPath}" defer></script>` : ""}</head><body><main>${body}</main></body></html>`;

/** What a booking that can no longer be paid tells its buyer, by status. */
const endedText: Record<Exclude<BookingStatus, "held" | "paid">, string> = {
  expired: "The time to pay for these seats ran out, so they were released.",
  cancelled: "This checkout was cancelled and the seats were released.",
  refunded: "This booking was refunded.",
};

export function checkoutPage(input: {
  booking: BookingRecord;
  /** The booking's status now (a lapsed hold reads as expired). */
  status: BookingStatus;
  show: ShowRecord;
  movie: MovieRecord | null;
  timeZone: string;
  /** The signed address of this page; the forms post to it. */
  action: string;
  /** The show's seat map with these seats picked, to try again after the hold ended. */
  seatMap: string;
  now: Date;
}) {
  const { booking, status, show, movie, timeZone, action, seatMap, now } = input;
  const title = movie?.title ?? "Your booking";
  const details = `<dl>
<dt>Movie</dt><dd>${escapeHtml(title)}</dd>
<dt>When</dt><dd>${escapeHtml(formatLocal(show.startsAt, timeZone))}</dd>
<dt>Seats</dt><dd>${escapeHtml(booking.seats.join(", "))}</dd>
<dt>Total</dt><dd class="total">${escapeHtml(formatMoney(booking.amountMinor, booking.currency))}</dd>
</dl>`;
  if (status === "paid") {
    return page(
      "Already paid",
      `<h1 class="good">Already paid: you're all set</h1><p class="sub">This booking is paid; nothing more to do here.</p>${details}
<a class="button" href="/my-bookings?paid=${encodeURIComponent(booking.id)}">See your booking</a>`,
    );
  }
  if (status !== "held" || !booking.holdExpiresAt) {
    const why = status === "held" ? endedText.expired : endedText[status];
    return page(
      "Checkout ended",
      `<h1 class="ended">This checkout has ended</h1><p class="sub">${escapeHtml(why)} Nothing was charged.</p>${details}
<a class="button" href="${escapeHtml(seatMap)}">Pick seats again</a><p class="note"><a href="/my-bookings">Go to my bookings</a></p>`,
    );
  }
  const expires = booking.holdExpiresAt;
  const remainingS = Math.max(0, Math.ceil((expires.getTime() - now.getTime()) / 1000));
  const clock = `${Math.floor(remainingS / 60)}:${String(remainingS % 60).padStart(2, "0")}`;
  return page(
    "Checkout",
    `<h1>Checkout</h1><p class="sub" role="note">Demo checkout: no money is taken. Paying here confirms the booking without charging anything.</p>${details}
<p class="note" id="hold">Your seats are held for <span class="timer" role="timer" data-expires="${expires.toISOString()}">${clock}</span> more (until ${escapeHtml(formatLocal(expires, timeZone))}).</p>
<p class="note ended" id="hold-ended" role="alert" hidden>Your hold has ended and the seats were released. Nothing was charged. <a href="${escapeHtml(seatMap)}">Pick seats again</a></p>
<form method="post" action="${escapeHtml(action)}/pay"><button class="pay" type="submit">Pay ${escapeHtml(formatMoney(booking.amountMinor, booking.currency))}</button></form>
<form method="post" action="${escapeHtml(action)}/cancel"><button class="cancel" type="submit">Cancel</button></form>`,
    true,
  );
}

/**
 * Counts the hold down every second from the instant the server gave (not from when the page
 * loaded, so a page restored from the back/forward cache is right too) and takes Pay away at zero.
 */
export const countdownScript = `(() => {
  const timer = document.querySelector("[data-expires]");
  if (!timer) return;
  const ends = Date.parse(timer.getAttribute("data-expires"));
  const tick = () => {
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
    timer.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left > 0) return;
    clearInterval(id);
    document.getElementById("hold").hidden = true;
    document.getElementById("hold-ended").hidden = false;
    for (const b of document.querySelectorAll("form button")) { b.disabled = true; b.closest("form").hidden = true; }
  };
  const id = setInterval(tick, 1000);
  tick();
})();
`;
