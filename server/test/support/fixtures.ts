import { DateTime } from "luxon";
import type { Client } from "./client.ts";

/** Local date and time `days` from `now` in the zone, for the admin's add-shows form. */
export function localSlot(now: Date, days: number, time: string, zone = "UTC") {
  return { date: DateTime.fromJSDate(now, { zone }).plus({ days }).toFormat("yyyy-MM-dd"), time };
}

/** Adds shows as the admin and returns their ids in time order. */
export async function addShows(
  api: Client,
  adminToken: string,
  input: { movieId?: string; slots: { date: string; time: string }[]; price?: number },
) {
  const byDate = new Map<string, string[]>();
  for (const s of input.slots) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s.time]);
  const res = await api.post(
    "/api/show/add",
    {
      movieId: input.movieId ?? "653",
      showsInput: [...byDate].map(([date, time]) => ({ date, time })),
      showPrice: input.price ?? 12.5,
    },
    adminToken,
  );
  if (res.status !== 201) throw new Error(`add shows failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.shows as { _id: string; showDateTime: string }[])
    .sort((a, b) => a.showDateTime.localeCompare(b.showDateTime))
    .map((s) => s._id);
}
