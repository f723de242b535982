import { AppError } from "../../../errors.ts";
import type { NewShow } from "../interface.ts";
import { ScreenBusyError } from "../errors.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import type { Models, ScheduleSlot, ScreenScheduleDoc, ShowDoc } from "./models.ts";

const maxRounds = 100;
/** A slot whose show is still missing after this long was left by a crash between the two writes. */
const unwrittenShowGraceMs = 60_000;

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  new Date(a.startsAt) < new Date(b.endsAt) && new Date(b.startsAt) < new Date(a.endsAt);

/**
 * Which shows occupy each screen, without transactions: one document per screen lists its slots
 * and a version, and is changed only by an update that matches the version it was read at. Two
 * admins scheduling overlapping shows at once both read the same version; one write matches, the
 * other reads again, finds the overlap and is refused. Slots are taken before the shows are
 * written: a crash in between leaves a slot without a show, which stops counting after a minute.
 * A cancelled show's slot stops counting at once.
 */
export function screenSchedules({ ScreenSchedule, Show }: Models) {
  /** Applies `change` to the screen's schedule by a versioned write, reading again when another write came first. */
  async function rewrite(screenId: string, change: (slots: ScheduleSlot[]) => Promise<ScheduleSlot[] | null>) {
    for (let round = 0; round < maxRounds; round++) {
      const doc = await ScreenSchedule.findOne({ _id: screenId }).lean<ScreenScheduleDoc>();
      if (!doc) {
        try {
          await ScreenSchedule.create({ _id: screenId, version: 0, slots: [] });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        continue;
      }
      const slots = await change(doc.slots ?? []);
      if (slots === null) return;
      const written = await ScreenSchedule.updateOne({ _id: screenId, version: doc.version }, { $set: { slots, version: doc.version + 1 } });
      if (written.matchedCount === 1) return;
    }
    throw new AppError("conflict", "The screen's schedule is being changed by someone else right now; try again in a moment");
  }

  /** The slots that still hold their time: a show on sale, or one being written right now. */
  async function stillHeld(slots: ScheduleSlot[], now: Date) {
    if (slots.length === 0) return [];
    const shows = await Show.find({ _id: { $in: slots.map((s) => s.show) } }, { cancelledAt: 1 }).lean<ShowDoc[]>();
    const state = new Map(shows.map((s) => [String(s._id), s.cancelledAt ? "cancelled" : "on sale"]));
    return slots.filter((slot) => {
      const show = state.get(slot.show);
      if (show) return show === "on sale";
      return now.getTime() - new Date(slot.takenAt).getTime() < unwrittenShowGraceMs;
    });
  }

  return {
    /** Takes the screen's time for the shows, or throws ScreenBusyError naming a show in the way. */
    async take(screenId: string, shows: (NewShow & { endsAt: Date })[]) {
      const now = new Date();
      const wanted: ScheduleSlot[] = shows.map((s) => ({ show: s.id, startsAt: s.startsAt, endsAt: s.endsAt, takenAt: now }));
      for (const [i, a] of wanted.entries()) {
        const clash = wanted.slice(i + 1).find((b) => overlaps(a, b));
        if (clash) throw new ScreenBusyError("");
      }
      await rewrite(screenId, async (slots) => {
        const overlapping = slots.filter((slot) => wanted.some((w) => overlaps(slot, w)));
        const held = await stillHeld(overlapping, now);
        if (held.length > 0) throw new ScreenBusyError(held[0]!.show);
        const stale = new Set(overlapping.map((s) => s.show));
        return [...slots.filter((s) => !stale.has(s.show)), ...wanted];
      });
    },

    /** Gives back the slots of shows that were not written after all. */
    async giveBack(screenId: string, showIds: string[]) {
      const ids = new Set(showIds);
      await rewrite(screenId, async (slots) => (slots.some((s) => ids.has(s.show)) ? slots.filter((s) => !ids.has(s.show)) : null));
    },
  };
}
