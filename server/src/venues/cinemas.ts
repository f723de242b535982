import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import type { CinemaRecord } from "../providers/storage/interface.ts";
import { memoize } from "../memo.ts";
import { defaultCinemaId } from "./default-screens.ts";
import { slugOf } from "./slug.ts";

type CinemaDeps = Pick<Deps, "storage" | "config">;

export const presentCinema = (c: CinemaRecord) => ({ _id: c.id, name: c.name, address: c.address, city: c.city, timeZone: c.timeZone });

/** THEATER_TIMEZONE is the default cinema's zone, whatever was stored when it was created. */
const withConfiguredZone = (cinema: CinemaRecord, config: CinemaDeps["config"]) =>
  cinema.id === defaultCinemaId ? { ...cinema, timeZone: config.theaterTimeZone } : cinema;

/** The cinema QuickShow always had, created the first time anything needs it. */
export async function defaultCinema({ storage, config }: CinemaDeps): Promise<CinemaRecord> {
  const existing = await storage.cinemas.get(defaultCinemaId);
  if (existing) return withConfiguredZone(existing, config);
  await storage.cinemas.insertIfAbsent({ id: defaultCinemaId, name: "QuickShow Cinema", address: "", city: "", timeZone: config.theaterTimeZone });
  return withConfiguredZone((await storage.cinemas.get(defaultCinemaId))!, config);
}

async function readCinemas(deps: CinemaDeps): Promise<CinemaRecord[]> {
  await defaultCinema(deps);
  return (await deps.storage.cinemas.list()).map((c) => withConfiguredZone(c, deps.config));
}

// Cinemas change a few times a year but are read for every booking's checkout and every show
// listing: a storage's list is kept for ten seconds (a new cinema's zone is seen within them).
const remembered = new WeakMap<CinemaDeps["storage"], (key: string) => Promise<CinemaRecord[] | null>>();

/** Every cinema with the zone its shows are read in. */
export async function allCinemas(deps: CinemaDeps): Promise<CinemaRecord[]> {
  let lookup = remembered.get(deps.storage);
  if (!lookup) {
    lookup = memoize(() => readCinemas(deps), { max: 1, ttlMs: 10_000 });
    remembered.set(deps.storage, lookup);
  }
  return (await lookup("all")) ?? [];
}

/** Forgets the remembered list after this instance changed a cinema. */
const forget = (deps: CinemaDeps) => remembered.delete(deps.storage);

/** The time zone of a cinema (the default cinema's for a show from before cinemas). */
export function zoneLookup(cinemas: CinemaRecord[], fallback: string) {
  const zones = new Map(cinemas.map((c) => [c.id, c.timeZone]));
  return (cinemaId: string | null | undefined) => zones.get(cinemaId ?? defaultCinemaId) ?? fallback;
}

/** The zone a show's dates and times are read in: its own cinema's. */
export async function zoneOfShow(deps: CinemaDeps, show: { screen: { cinemaId: string } | null }) {
  return zoneLookup(await allCinemas(deps), deps.config.theaterTimeZone)(show.screen?.cinemaId);
}

type CinemaInput = Omit<CinemaRecord, "id">;

export function cinemaService(deps: CinemaDeps) {
  const { storage, config } = deps;
  return {
    list: async () => (await allCinemas(deps)).map(presentCinema),

    async create(input: CinemaInput) {
      const base = slugOf(input.name, "cinema");
      for (let n = 1; n < 50; n++) {
        const id = n === 1 ? base : `${base}-${n}`;
        if (await storage.cinemas.insertIfAbsent({ id, ...input })) {
          forget(deps);
          return presentCinema((await storage.cinemas.get(id))!);
        }
      }
      throw new AppError("conflict", `Too many cinemas are named like ${input.name}; pick another name`);
    },

    async update(id: string, input: CinemaInput) {
      if (id === defaultCinemaId) {
        await defaultCinema(deps);
        if (input.timeZone !== config.theaterTimeZone) throw badRequest(`timeZone: the default cinema's zone is THEATER_TIMEZONE (${config.theaterTimeZone}); change that setting instead`);
      }
      const updated = await storage.cinemas.update({ id, ...input });
      if (!updated) throw notFound("Cinema");
      forget(deps);
      return presentCinema(withConfiguredZone(updated, config));
    },
  };
}

/** A cinema that exists, for a screen to belong to. */
export async function existingCinema(deps: CinemaDeps, id: string | undefined) {
  if (id === undefined || id === defaultCinemaId) return defaultCinema(deps);
  const cinema = await deps.storage.cinemas.get(id);
  if (!cinema) throw badRequest(`cinema: there is no cinema ${id}`);
  return cinema;
}
