import type { ScreenRequest } from "@quickshow/contracts";
import type { Deps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { ScreenRecord } from "../providers/storage/interface.ts";
import { defaultCinemaId, defaultLayout, defaultScreenId, demoScreens } from "./default-screens.ts";
import { defaultCinema, existingCinema } from "./cinemas.ts";
import { capacityOf } from "./seat-map.ts";
import { slugOf } from "./slug.ts";

type ScreenDeps = Pick<Deps, "storage" | "clock" | "config">;

export const presentScreenSummary = (s: ScreenRecord) => ({
  _id: s.id,
  name: s.name,
  cinema: s.cinemaId,
  categories: s.layout.categories,
  capacity: capacityOf(s.layout),
  version: s.version,
  updatedAt: s.updatedAt.toISOString(),
});

export const presentScreen = (s: ScreenRecord) => ({ ...presentScreenSummary(s), layout: s.layout });

const newScreen = (id: string, name: string, layout: ScreenRecord["layout"], now: Date, cinemaId = defaultCinemaId): ScreenRecord => ({
  id,
  name,
  cinemaId,
  layout,
  version: 1,
  updatedAt: now,
});

/** The screen QuickShow always had (rows A–J of nine), created the first time anything needs it. */
export async function defaultScreen(deps: ScreenDeps): Promise<ScreenRecord> {
  const { storage, clock } = deps;
  await defaultCinema(deps);
  const existing = await storage.screens.get(defaultScreenId);
  if (existing) return existing;
  await storage.screens.insertIfAbsent(newScreen(defaultScreenId, "Screen 1", defaultLayout, clock.now()));
  return (await storage.screens.get(defaultScreenId))!;
}

/** The demo's other screens: other shapes, premium rows, wheelchair spaces and love seats. */
export async function ensureDemoScreens(deps: ScreenDeps): Promise<ScreenRecord[]> {
  const screens = [await defaultScreen(deps)];
  for (const demo of demoScreens) {
    await deps.storage.screens.insertIfAbsent(newScreen(demo.id, demo.name, demo.layout, deps.clock.now()));
    screens.push((await deps.storage.screens.get(demo.id))!);
  }
  return screens;
}

export function screenService(deps: ScreenDeps) {
  const { storage, clock } = deps;
  return {
    async list() {
      await defaultScreen(deps);
      return (await storage.screens.list()).map(presentScreenSummary);
    },

    async get(id: string) {
      if (id === defaultScreenId) return presentScreen(await defaultScreen(deps));
      const screen = await storage.screens.get(id);
      if (!screen) throw notFound("Screen");
      return presentScreen(screen);
    },

    async create(input: ScreenRequest) {
      const cinema = await existingCinema(deps, input.cinema);
      const base = slugOf(input.name, "screen");
      for (let n = 1; n < 50; n++) {
        const id = n === 1 ? base : `${base}-${n}`;
        if (await storage.screens.insertIfAbsent(newScreen(id, input.name, input.layout, clock.now(), cinema.id))) return presentScreen((await storage.screens.get(id))!);
      }
      throw new AppError("conflict", `Too many screens are named like ${input.name}; pick another name`);
    },

    /** Replaces the screen's map; shows already scheduled keep the copy they were scheduled with. */
    async update(id: string, input: ScreenRequest) {
      if (id === defaultScreenId) await defaultScreen(deps);
      const current = await storage.screens.get(id);
      if (!current) throw notFound("Screen");
      const cinemaId = input.cinema === undefined ? current.cinemaId : (await existingCinema(deps, input.cinema)).id;
      const updated = await storage.screens.update(id, { name: input.name, cinemaId, layout: input.layout, updatedAt: clock.now() }, input.version);
      if (!updated) throw new AppError("conflict", "Someone saved this screen after you opened it; reload it and make your changes again", { screenId: id });
      return presentScreen(updated);
    },
  };
}
