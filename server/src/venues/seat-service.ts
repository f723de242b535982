import { seatRuleCodes } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { ShowRecord } from "../providers/storage/interface.ts";
import { announceFreedSeats } from "../bookings/release.ts";
import { bestAvailable } from "./best.ts";
import { brokenPairs, companionsAwayFromTheirSpace, companionsReleased, lockedCompanionSeats, orphanSeatViolation, strandedByReturning } from "./rules.ts";
import { unknownSeats } from "./seat-map.ts";

const listed = (seats: string[]) => seats.join(", ");

/**
 * The seat rules a booking must pass before its seats are claimed. The claim itself stays the
 * storage's atomic step; these rules judge the choice against the seats taken a moment ago, so
 * two buyers racing may still leave a single seat between them (never the same seat twice).
 */
function checkSeatChoice(show: ShowRecord, occupied: ReadonlySet<string>, seats: string[], now: Date, options: { orphanRule: boolean }) {
  const unknown = unknownSeats(show.layout, seats);
  if (unknown.length > 0) throw badRequest(`selectedSeats: ${listed(unknown)} not on this screen's seat map`);
  const broken = brokenPairs(show.layout, seats);
  if (broken.length > 0) {
    throw new AppError("pair_seat", `${listed(broken)} ${broken.length === 1 ? "is a love seat" : "are love seats"}, sold only with ${broken.length === 1 ? "its" : "their"} partner`, { seats: broken });
  }
  const locked = lockedCompanionSeats(show.layout, seats, companionsReleased(show.layout, show.startsAt, now));
  if (locked.length > 0) {
    const release = show.layout.companionReleaseMinutes;
    const until = release === null ? "" : ` until ${release} minutes before the show, when any seat left goes on general sale`;
    throw new AppError(
      "companion_seat",
      `${listed(locked)} ${locked.length === 1 ? "is a companion seat" : "are companion seats"}: kept for someone coming with a wheelchair user${until}. Book ${locked.length === 1 ? "it" : "them"} together with a wheelchair space, or pick another seat`,
      { seats: locked },
    );
  }
  if (options.orphanRule) {
    const stranded = orphanSeatViolation(show.layout, occupied, seats);
    const [besideSpace] = companionsAwayFromTheirSpace(show.layout, seats, stranded);
    if (besideSpace) {
      const { companion, space } = besideSpace;
      throw new AppError(
        "companion_seat",
        `${companion} is the companion seat of wheelchair space ${space}: it goes to whoever comes with the person using ${space}. Book it together with ${space}, or pick another seat`,
        { seats: [companion] },
      );
    }
    if (stranded.length > 0) {
      throw new AppError("orphan_seat", `This choice would leave ${listed(stranded)} alone, which nobody could book beside anyone; move your seats over or take ${stranded.length === 1 ? "it" : "them"} too`, { seats: stranded });
    }
  }
}

/**
 * `checkSeatChoice` against the show's seats taken now, read only when a rule needs them (the
 * stranded-seat rule).
 */
export async function judgeSeatChoice(deps: Pick<Deps, "storage" | "config">, show: ShowRecord, seats: string[], now: Date) {
  const { orphanSeatRule } = deps.config;
  const occupied = orphanSeatRule ? new Set(await deps.storage.bookings.occupiedSeats(show.id, now)) : new Set<string>();
  checkSeatChoice(show, occupied, seats, now, { orphanRule: orphanSeatRule });
}

/**
 * The seat rules a give-back must pass: a love seat goes back only with its partner, and (with the
 * stranded-seat rule on) no seat given back may be left alone between taken seats, gaps or the
 * row's end. `occupied` are the seats taken now, the ones given back among them.
 */
export function checkSeatReturn(show: ShowRecord, occupied: ReadonlySet<string>, seats: string[], options: { orphanRule: boolean }) {
  const broken = brokenPairs(show.layout, seats);
  if (broken.length > 0) {
    throw new AppError("pair_seat", `${listed(broken)} ${broken.length === 1 ? "is a love seat" : "are love seats"}, given back only with ${broken.length === 1 ? "its" : "their"} partner`, { seats: broken });
  }
  if (options.orphanRule) {
    const stranded = strandedByReturning(show.layout, occupied, seats);
    if (stranded.length > 0) {
      throw new AppError("orphan_seat", `Giving back ${listed(seats)} would leave ${listed(stranded)} alone, which nobody could book beside anyone; give back the seats next to ${stranded.length === 1 ? "it" : "them"} too, or the whole booking`, { seats: stranded });
    }
  }
}

const isSeatRule = (code: string): code is (typeof seatRuleCodes)[number] => (seatRuleCodes as readonly string[]).includes(code);
const seatsOfDetails = (details: unknown) => {
  const seats = (details as { seats?: unknown } | undefined)?.seats;
  return Array.isArray(seats) ? seats.filter((s): s is string => typeof s === "string") : [];
};

export function seatService(deps: Pick<Deps, "storage" | "clock" | "config" | "jobs" | "logger">) {
  const { storage, clock, config } = deps;

  async function showOf(showId: string) {
    const show = await storage.shows.get(showId);
    if (!show) throw notFound("Show");
    return show;
  }

  return {
    async best(showId: string, request: { count: number; category?: string | undefined; wheelchair?: boolean | undefined }) {
      const show = await showOf(showId);
      if (request.category && !show.layout.categories.some((c) => c.id === request.category)) throw badRequest(`category: ${request.category} is not a category of this screen`);
      const now = clock.now();
      const occupied = new Set(await storage.bookings.occupiedSeats(show.id, now));
      const seats = bestAvailable(show.layout, occupied, {
        count: request.count,
        ...(request.category ? { category: request.category } : {}),
        wheelchair: request.wheelchair ?? false,
        companionsReleased: companionsReleased(show.layout, show.startsAt, now),
        orphanRule: config.orphanSeatRule,
      });
      return seats ?? [];
    },

    /** The seat rules' verdict on a choice, as the hold would give it, without holding anything. */
    async check(showId: string, seats: string[]) {
      const show = await showOf(showId);
      const now = clock.now();
      try {
        await judgeSeatChoice(deps, show, [...new Set(seats)], now);
        return [];
      } catch (error) {
        if (error instanceof AppError && isSeatRule(error.code)) {
          return [{ code: error.code, message: error.message, seats: seatsOfDetails(error.details) }];
        }
        throw error;
      }
    },

    async blocked(showId: string) {
      await showOf(showId);
      return (await storage.bookings.listBlockedSeats(showId)).sort();
    },

    async block(showId: string, seats: string[]) {
      const show = await showOf(showId);
      const unknown = unknownSeats(show.layout, seats);
      if (unknown.length > 0) throw badRequest(`seats: ${listed(unknown)} not on this show's seat map`);
      const result = await storage.bookings.blockSeats({ showId: show.id, seats: [...new Set(seats)], now: clock.now() });
      if (!result.ok) {
        throw new AppError("seat_taken", `${listed(result.takenSeats)} ${result.takenSeats.length === 1 ? "is" : "are"} sold or held; a seat can be blocked only while free`, { takenSeats: result.takenSeats });
      }
      return (await storage.bookings.listBlockedSeats(show.id)).sort();
    },

    async unblock(showId: string, seats: string[]) {
      const show = await showOf(showId);
      // Seats back on sale may be owed to someone on the show's waitlist.
      if ((await storage.bookings.unblockSeats({ showId: show.id, seats: [...new Set(seats)] })) > 0) await announceFreedSeats(deps, show.id);
      return (await storage.bookings.listBlockedSeats(show.id)).sort();
    },
  };
}
