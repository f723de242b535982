import { createHash } from "node:crypto";
import type { SeatLayout } from "@quickshow/contracts";
import { isDuplicateKey } from "./driver-errors.ts";
import type { Models, SeatMapDoc, ShowDoc } from "./models.ts";

/** Seat maps kept in memory by id; their content never changes, so an entry is never stale. */
const maxRemembered = 2_000;

/**
 * Shows' seat maps, stored once per distinct map in `seat_maps` under a hash of their content and
 * referenced by `layoutId`: every seat claim is a conditional update of the show document, and
 * MongoDB-compatible stores (FerretDB) rewrite the whole document on each one, so the show
 * document keeps only what claims need. A show keeps its map either way: the hash names one map
 * forever. Shows written before this (and the tutorial's) carry `layout` inline.
 */
export function seatMaps({ SeatMap }: Models) {
  const remembered = new Map<string, SeatLayout>();
  const remember = (id: string, layout: SeatLayout) => {
    if (remembered.size >= maxRemembered) remembered.delete(remembered.keys().next().value!);
    remembered.set(id, layout);
  };

  return {
    /** Stores the map unless stored already; returns its id. */
    async save(layout: SeatLayout): Promise<string> {
      const id = createHash("sha256").update(JSON.stringify(layout)).digest("base64url");
      if (remembered.has(id)) return id;
      try {
        await SeatMap.updateOne({ _id: id }, { $setOnInsert: { layout } }, { upsert: true });
      } catch (error) {
        // Two writers upserting the same new map: the other one stored it.
        if (!isDuplicateKey(error)) throw error;
      }
      remember(id, layout);
      return id;
    },

    /** The maps the documents refer to, by id (each read once, then from memory). */
    async of(docs: Pick<ShowDoc, "layoutId">[]): Promise<Map<string, SeatLayout>> {
      const ids = [...new Set(docs.map((d) => d.layoutId).filter((id): id is string => !!id))];
      const missing = ids.filter((id) => !remembered.has(id));
      if (missing.length > 0) {
        for (const doc of await SeatMap.find({ _id: { $in: missing } }).lean<SeatMapDoc[]>()) remember(doc._id, doc.layout);
      }
      return new Map(ids.flatMap((id) => (remembered.has(id) ? [[id, remembered.get(id)!] as const] : [])));
    },
  };
}
