import { z } from "zod";
import { isoInstantSchema, ok, safeTextSchema } from "./common.ts";

/**
 * A screen's seats as data. Each row is a sequence of cells: a seat, or `null` for a gap (an
 * aisle, a step, the room a wheelchair needs). A seat's id is its row label and number ("A7"),
 * so ids stay what bookings, tickets and QuickShow's clients already carry.
 */
export const categoryIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,29}$/, "must be lower-case letters, digits and dashes, such as premium");
export const seatCategorySchema = z.object({
  id: categoryIdSchema,
  name: safeTextSchema.trim().min(1).max(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #1f8a70"),
});
export type SeatCategory = z.infer<typeof seatCategorySchema>;

export const seatCellSchema = z.object({
  number: z.number().int().min(1).max(99),
  category: categoryIdSchema,
  /** A space for a wheelchair (no fixed seat). */
  wheelchair: z.boolean().optional(),
  /** The seat beside a wheelchair space, kept for a companion until the screen's release time. */
  companion: z.boolean().optional(),
  /**
   * A love seat: sold only with its partner. Partners are found by position: consecutive pair
   * seats of a row, taken two by two from the left.
   */
  pair: z.boolean().optional(),
});
export type SeatCell = z.infer<typeof seatCellSchema>;

export const rowLabelSchema = z.string().regex(/^[A-Z]{1,2}$/, "must be one or two capital letters");
export const seatRowSchema = z.object({
  row: rowLabelSchema,
  cells: z.array(seatCellSchema.nullable()).min(1).max(80),
  /** The map draws a walkway after this row. */
  aisleAfter: z.boolean().optional(),
});
export type SeatRow = z.infer<typeof seatRowSchema>;

const seatMapShape = z.object({
  categories: z.array(seatCategorySchema).min(1).max(12),
  rows: z.array(seatRowSchema).min(1).max(60),
  /** Companion seats go on general sale this many minutes before the show; null: never. */
  companionReleaseMinutes: z.number().int().min(0).max(7 * 24 * 60).nullable().default(null),
});

export const maxSeatsPerMap = 1200;

/** Rules a map must obey to be sellable; an admin's mistake is reported by seat. */
function checkSeatMap(map: z.infer<typeof seatMapShape>, ctx: z.RefinementCtx) {
  const problem = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
  const categoryIds = new Set<string>();
  map.categories.forEach((c, i) => {
    if (categoryIds.has(c.id)) problem(`category ${c.id} is listed twice`, ["categories", i, "id"]);
    categoryIds.add(c.id);
  });
  const labels = new Set<string>();
  let seats = 0;
  map.rows.forEach((row, r) => {
    if (labels.has(row.row)) problem(`row ${row.row} is listed twice`, ["rows", r, "row"]);
    labels.add(row.row);
    const numbers = new Set<number>();
    let pairRun = 0;
    const endPairRun = (c: number) => {
      if (pairRun % 2 === 1) problem(`row ${row.row}: pair seats come two by two; the run ending before cell ${c + 1} has an odd count`, ["rows", r, "cells", c]);
      pairRun = 0;
    };
    row.cells.forEach((cell, c) => {
      if (!cell?.pair) endPairRun(c);
      if (!cell) return;
      seats++;
      if (cell.pair) pairRun++;
      if (numbers.has(cell.number)) problem(`seat ${row.row}${cell.number} appears twice`, ["rows", r, "cells", c, "number"]);
      numbers.add(cell.number);
      if (!categoryIds.has(cell.category)) problem(`seat ${row.row}${cell.number} has unknown category ${cell.category}`, ["rows", r, "cells", c, "category"]);
      if (cell.pair && (cell.wheelchair || cell.companion)) problem(`seat ${row.row}${cell.number}: a pair seat cannot be a wheelchair or companion seat`, ["rows", r, "cells", c]);
    });
    endPairRun(row.cells.length);
  });
  if (seats === 0) problem("the map has no seat", ["rows"]);
  if (seats > maxSeatsPerMap) problem(`the map has ${seats} seats; at most ${maxSeatsPerMap}`, ["rows"]);
}

/** QuickShow's first layout: `rows` of `{row, seats}` with aisles after listed rows, all one category. */
const legacyLayoutSchema = z.object({
  rows: z.array(z.object({ row: z.string(), seats: z.number().int().min(1).max(99), category: z.string().optional() })),
  aisleAfterRows: z.array(z.string()).optional(),
});

export const standardCategory: SeatCategory = { id: "standard", name: "Standard", color: "#6b7280" };

/** Reads a layout written before seat maps had cells (shows scheduled then keep theirs). */
export function upgradeLegacyLayout(value: unknown): unknown {
  const legacy = legacyLayoutSchema.safeParse(value);
  if (!legacy.success || (value as { categories?: unknown }).categories !== undefined) return value;
  const aisles = new Set(legacy.data.aisleAfterRows ?? []);
  return {
    categories: [standardCategory],
    rows: legacy.data.rows.map((r) => ({
      row: r.row,
      cells: Array.from({ length: r.seats }, (_, i) => ({ number: i + 1, category: standardCategory.id })),
      ...(aisles.has(r.row) ? { aisleAfter: true } : {}),
    })),
    companionReleaseMinutes: null,
  };
}

export const seatLayoutSchema = z.preprocess(upgradeLegacyLayout, seatMapShape.superRefine(checkSeatMap));
export type SeatLayout = z.output<typeof seatMapShape>;
export type SeatLayoutInput = z.input<typeof seatMapShape>;

export const screenIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a screen id");
export const cinemaIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a cinema id");

/** A cinema of the chain; its screens' shows are scheduled and printed in its own time zone. */
export const cinemaSchema = z.object({
  _id: cinemaIdSchema,
  name: z.string(),
  address: z.string(),
  city: z.string(),
  timeZone: z.string(),
});
export type Cinema = z.infer<typeof cinemaSchema>;
/** Whether the runtime knows this IANA time zone (the server's config and cinemas both check it). */
export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
export const cinemaRequestSchema = z.object({
  name: safeTextSchema.trim().min(1).max(80),
  address: safeTextSchema.trim().max(200).default(""),
  city: safeTextSchema.trim().max(80).default(""),
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as America/New_York"),
});
export const cinemasResponseSchema = ok({ cinemas: z.array(cinemaSchema) });
export const cinemaResponseSchema = ok({ cinema: cinemaSchema });

export const screenSummarySchema = z.object({
  _id: screenIdSchema,
  name: z.string(),
  cinema: cinemaIdSchema,
  categories: z.array(seatCategorySchema),
  capacity: z.number().int(),
  version: z.number().int(),
  updatedAt: isoInstantSchema,
});
export const screenSchema = screenSummarySchema.extend({ layout: seatLayoutSchema });
export type Screen = z.infer<typeof screenSchema>;

export const screenRequestSchema = z.object({
  name: safeTextSchema.trim().min(1).max(60),
  /** The cinema the screen is in; the default cinema when absent. */
  cinema: cinemaIdSchema.optional(),
  layout: seatLayoutSchema,
  /** The version the editor started from: a save over someone else's newer edit is refused. */
  version: z.number().int().min(1).optional(),
});
export type ScreenRequest = z.infer<typeof screenRequestSchema>;

export const screensResponseSchema = ok({ screens: z.array(screenSummarySchema) });
export const screenResponseSchema = ok({ screen: screenSchema });

export const blockSeatsRequestSchema = z.object({
  seats: z.array(z.string().regex(/^[A-Z]{1,2}[1-9]\d?$/, "must be a seat such as A1")).min(1).max(200),
});
export const blockedSeatsResponseSchema = ok({ blockedSeats: z.array(z.string()) });

export const bestSeatsQuerySchema = z.object({
  count: z.coerce.number().int().min(1).max(20),
  category: categoryIdSchema.optional(),
  wheelchair: z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true").optional(),
});
export const bestSeatsResponseSchema = ok({ seats: z.array(z.string()) });
