import { randomUUID } from "node:crypto";
import { amountOf, effectiveStatus, holdCaps, holdExpiry } from "../bookings/lifecycle.ts";
import { startCheckout } from "../bookings/checkout.ts";
import { releaseHold } from "../bookings/release.ts";
import type { Deps } from "../deps.ts";
import { waitlistOfferMail } from "../mail/templates.ts";
import { formatMoney } from "../money.ts";
import type { ShowRecord, WaitlistRecord } from "../providers/storage/interface.ts";
import { seatsOf } from "../shows/layout.ts";
import { formatLocal } from "../shows/local-time.ts";
import { offerableSeats } from "./seats.ts";
import { zoneOfShow } from "../venues/cinemas.ts";

type OfferDeps = Pick<Deps, "storage" | "clock" | "config" | "payments" | "jobs" | "logger" | "mail" | "metrics">;

/** One maker of offers per show at a time, so offers go strictly in the order of the line. */
const leaseMs = 30_000;

/**
 * Brings a show's line up to date: offers that were paid are accepted, offers that lapsed go, and
 * free seats are offered to the first person in line whose wish fits, each as a hold made for
 * them. The line and the holds are the durable record: any instance, after any restart, picks up
 * where another stopped. Returns how many offers it made.
 */
export async function makeOffers(deps: OfferDeps, showId: string): Promise<number> {
  const { storage, clock } = deps;
  const now = clock.now();
  if (!(await storage.waitlist.lease(showId, now, new Date(now.getTime() + leaseMs)))) return 0;
  try {
    await settleOffers(deps, showId, now);
    const show = await storage.shows.get(showId);
    if (!show || show.cancelledAt || show.startsAt <= now) return 0;
    let made = 0;
    // Those whose own holds already fill their caps: passed over this time, kept in line.
    const passed = new Set<string>();
    for (let round = 0; round < 100; round++) {
      const at = clock.now();
      const taken = new Set(await storage.bookings.occupiedSeats(showId, at));
      if (seatsOf(show.layout).every((s) => taken.has(s))) break;
      // First come, first served: the first in line whose wish the free seats fit.
      let next: { entry: WaitlistRecord; seats: string[] } | null = null;
      for (const entry of await storage.waitlist.ofShow(showId, ["waiting"], 100)) {
        if (passed.has(entry.id)) continue;
        const seats = offerableSeats(show, taken, entry, at, deps.config.orphanSeatRule);
        if (seats) {
          next = { entry, seats };
          break;
        }
      }
      if (!next) break;
      const outcome = await offer(deps, show, next.entry, next.seats);
      if (outcome === "made") made++;
      if (outcome === "over_caps") passed.add(next.entry.id);
    }
    return made;
  } finally {
    await storage.waitlist.unlease(showId);
  }
}

/** Offers that were paid are accepted; lapsed or cancelled ones end. */
async function settleOffers({ storage }: OfferDeps, showId: string, now: Date) {
  for (const entry of await storage.waitlist.ofShow(showId, ["offered"], 1_000)) {
    const booking = entry.bookingId ? await storage.bookings.get(entry.bookingId) : null;
    if (booking?.status === "paid") await storage.waitlist.move(entry.id, "offered", "accepted");
    else if (!booking || effectiveStatus(booking, now) !== "held") await storage.waitlist.move(entry.id, "offered", "lapsed");
  }
}

async function offer(deps: OfferDeps, show: ShowRecord, entry: WaitlistRecord, seats: string[]): Promise<"made" | "missed" | "over_caps"> {
  const { storage, clock, config, logger } = deps;
  const now = clock.now();
  const bookingId = randomUUID();
  const held = await storage.bookings.hold(
    { id: bookingId, userId: entry.userId, showId: show.id, seats, amountMinor: amountOf(show, seats), currency: config.currency, holdExpiresAt: holdExpiry(now, config.waitlistOfferMinutes), now },
    // An offer is a hold like any other: the account's caps count it.
    holdCaps(config),
  );
  if (!held.ok && (held.reason === "holds_per_show" || held.reason === "seats_across_shows")) {
    logger.info({ showId: show.id, entryId: entry.id, reason: held.reason }, "waitlist offer over the account's caps; the next in line gets it");
    return "over_caps";
  }
  // A seat went to a buyer between reading and holding: the next round reads the seats again.
  if (!held.ok) return "missed";
  // Only this maker holds the line (the lease), so the entry can only have left it meanwhile: then the seats go back.
  if (!(await storage.waitlist.move(entry.id, "waiting", "offered", bookingId))) {
    await releaseHold(deps, bookingId, "cancelled");
    return "missed";
  }
  const [user, movie] = await Promise.all([storage.users.findById(entry.userId), storage.movies.get(show.movieId)]);
  if (user) {
    const url = await startCheckout(deps, { user, show, booking: held.booking, title: movie?.title });
    const zone = await zoneOfShow(deps, show);
    const mail = waitlistOfferMail(user.email, {
      bookingId,
      userName: user.name,
      movieTitle: movie?.title ?? "your movie",
      when: formatLocal(show.startsAt, zone),
      seats,
      amount: formatMoney(held.booking.amountMinor, held.booking.currency),
      bookingsUrl: `${config.publicUrl}/my-bookings`,
      payUrl: url.startsWith("/") ? `${config.publicUrl}${url}` : url,
      until: formatLocal(held.booking.holdExpiresAt!, zone),
    });
    await storage.outbox.enqueue(mail, clock.now());
  }
  logger.info({ showId: show.id, entryId: entry.id, bookingId, seats }, "waitlist offer made");
  return "made";
}

/** Every show with a line: the periodic round behind the prompt one after each release. */
export async function makeAllOffers(deps: OfferDeps) {
  let made = 0;
  for (const showId of await deps.storage.waitlist.showsWith(["waiting", "offered"], 1_000)) made += await makeOffers(deps, showId);
  return made;
}
