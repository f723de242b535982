import { AppError } from "../../../errors.ts";
import type { HoldCaps, HoldResult, NewHold } from "../interface.ts";
import type { HoldLedgerEntry, Models, UserDoc } from "./models.ts";

const maxRounds = 100;

/**
 * The caps on what one user may hold, without transactions: the user's document keeps a ledger
 * of its holds and a version, and the ledger is written only by an update that matches the
 * version it was read at. Of concurrent holds by one user, one write wins each round and the
 * others count again, so the caps hold whatever the concurrency. A hold enters the ledger once
 * its seats are claimed, so a buyer who loses the seats is never counted against the caps.
 */
export function holdLedger({ User }: Models) {
  return {
    /** Adds the hold to the ledger if it fits the caps; otherwise says which cap refused it. */
    async enter(hold: NewHold, caps: HoldCaps): Promise<Extract<HoldResult, { reason: "holds_per_show" | "seats_across_shows" }> | null> {
      for (let round = 0; round < maxRounds; round++) {
        const user = await User.findOne({ _id: String(hold.userId) }, { holdLedger: 1, holdLedgerVersion: 1 }).lean<UserDoc>();
        if (!user) throw new AppError("conflict", "Your account was removed while booking; sign in again");
        const live = (user.holdLedger ?? []).filter((e) => new Date(e.expiresAt) > hold.now);
        const onShow = live.filter((e) => e.show === String(hold.showId)).length;
        if (onShow >= caps.holdsPerShow) return { ok: false, reason: "holds_per_show", live: onShow };
        const seats = live.reduce((n, e) => n + e.seats, 0);
        if (seats + hold.seats.length > caps.seatsAcrossShows) return { ok: false, reason: "seats_across_shows", live: seats };
        const entry: HoldLedgerEntry = { booking: String(hold.id), show: String(hold.showId), seats: hold.seats.length, expiresAt: hold.holdExpiresAt };
        const version = user.holdLedgerVersion;
        const written = await User.updateOne(
          { _id: String(hold.userId), holdLedgerVersion: version === undefined ? { $exists: false } : version },
          { $set: { holdLedger: [...live, entry], holdLedgerVersion: (version ?? 0) + 1 } },
        );
        if (written.matchedCount === 1) return null;
      }
      throw new AppError("conflict", "Too many bookings are being made on this account at once; try again in a moment");
    },

    /** Drops a booking's entry once it no longer holds (paid, released, refused), by the same versioned update. */
    async leave(userId: string, bookingId: string) {
      for (let round = 0; round < maxRounds; round++) {
        const user = await User.findOne({ _id: String(userId) }, { holdLedger: 1, holdLedgerVersion: 1 }).lean<UserDoc>();
        const ledger = user?.holdLedger ?? [];
        if (!user || !ledger.some((e) => e.booking === String(bookingId))) return;
        const version = user.holdLedgerVersion;
        const written = await User.updateOne(
          { _id: String(userId), holdLedgerVersion: version === undefined ? { $exists: false } : version },
          { $set: { holdLedger: ledger.filter((e) => e.booking !== String(bookingId)), holdLedgerVersion: (version ?? 0) + 1 } },
        );
        if (written.matchedCount === 1) return;
      }
    },
  };
}
