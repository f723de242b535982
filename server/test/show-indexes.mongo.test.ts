import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../src/providers/storage/interface.ts";
import { filmToMovie } from "../src/providers/catalog/local/catalog.ts";
import { films } from "../src/providers/catalog/local/films.ts";
import { defaultLayout } from "../src/shows/layout.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";

let database: TestDatabase;
let storage: Storage;

// A database an earlier version made: its unique (movie, time) index refused one film on two screens.
beforeAll(async () => {
  database = await createTestDatabase();
  const connection = await mongoose.createConnection(database.url!, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    await connection.db!.collection("shows").createIndex({ movie: 1, showDateTime: 1 }, { unique: true, name: "shows_movie_starts_key" });
  } finally {
    await connection.close();
  }
  storage = await database.open();
  await storage.movies.insertIfAbsent(filmToMovie(films[0]!));
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("show indexes of an earlier version (mongo)", () => {
  it("are replaced at start: one film plays on two screens at once, a film without a screen stays unique at its time", async () => {
    const startsAt = new Date("2031-07-01T19:00:00Z");
    const endsAt = new Date("2031-07-01T21:00:00Z");
    const movieId = String(films[0]!.id);
    const on = (screenId: string | null) => ({
      id: randomUUID(),
      movieId,
      startsAt,
      priceMinor: 900,
      layout: defaultLayout,
      screen: screenId ? { id: screenId, name: screenId, cinemaId: "main" } : null,
      endsAt: screenId ? endsAt : null,
    });
    await storage.shows.createMany([on("hall-1")]);
    await expect(storage.shows.createMany([on("hall-2")])).resolves.toHaveLength(1);
    await storage.shows.createMany([on(null)]);
    await expect(storage.shows.createMany([on(null)])).rejects.toMatchObject({ code: "conflict" });
    expect(await storage.shows.count()).toBe(3);
  });
});
