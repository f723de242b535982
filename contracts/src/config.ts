import { z } from "zod";
import { ok } from "./common.ts";

/** What the web client needs to know about this deployment; nothing secret. */
export const publicConfigResponseSchema = ok({
  currency: z.string(),
  theaterTimeZone: z.string(),
  maxSeatsPerBooking: z.number().int(),
  holdMinutes: z.number(),
  auth: z.discriminatedUnion("provider", [
    z.object({ provider: z.literal("local"), requireEmailVerification: z.boolean() }),
    z.object({ provider: z.literal("clerk"), publishableKey: z.string() }),
  ]),
});
export type PublicConfig = z.infer<typeof publicConfigResponseSchema>;

export const healthResponseSchema = ok({
  status: z.literal("ok"),
  storage: z.object({ kind: z.string(), reachable: z.boolean() }),
});
