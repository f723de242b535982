import type { ShowRecord } from "../providers/storage/interface.ts";
import { bestAvailable } from "../venues/best.ts";
import { companionsReleased } from "../venues/rules.ts";

/**
 * The seats to offer someone waiting for `count`: the best free ones by the venue's rules (side by
 * side when a row allows, no love seat split, wheelchair spaces and companion seats kept for those
 * who need them), of the category wished for if any. An offer strands a single seat only when nothing else fits: a freed seat should
 * reach someone in line rather than stay empty. Null when the wish does not fit.
 */
export function offerableSeats(
  show: Pick<ShowRecord, "layout" | "startsAt">,
  taken: ReadonlySet<string>,
  wish: { seats: number; category: string | null },
  now: Date,
  orphanRule: boolean,
): string[] | null {
  const request = { count: wish.seats, ...(wish.category ? { category: wish.category } : {}), companionsReleased: companionsReleased(show.layout, show.startsAt, now) };
  return bestAvailable(show.layout, taken, { ...request, orphanRule }) ?? (orphanRule ? bestAvailable(show.layout, taken, { ...request, orphanRule: false }) : null);
}
