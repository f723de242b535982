import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../bus/interface.ts";
import { changeReportingStorage } from "./change-reporting.ts";
import type { Storage } from "./interface.ts";

/** Repositories that only answer with what a real adapter would return; the wrapper judges by that. */
function reporting(answers: Record<"bookings" | "shows" | "movies", Record<string, unknown>>) {
  const repo = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, async () => value]));
  const storage = { kind: "pglite", bookings: repo(answers.bookings), shows: repo(answers.shows), movies: repo(answers.movies) } as unknown as Storage;
  const reported: ChangeEvent[] = [];
  return { storage: changeReportingStorage(storage, (e) => reported.push(e)), reported };
}

const booking = { id: "b1", showId: "s1" };

describe("changeReportingStorage", () => {
  it("reports the show of each booking write that changed seats, and nothing for one that changed none", async () => {
    const { storage, reported } = reporting({
      bookings: { hold: { ok: true, booking }, sell: booking, release: null, oweRefund: booking, setPayment: undefined, finishInterruptedWrites: 0 },
      shows: {},
      movies: {},
    });
    await storage.bookings.hold({ showId: "s2" } as never, {} as never);
    await storage.bookings.sell({} as never);
    await storage.bookings.release({} as never);
    await storage.bookings.oweRefund({} as never);
    await storage.bookings.setPayment("b1", "", "");
    await storage.bookings.finishInterruptedWrites(new Date());
    expect(reported).toEqual([
      { kind: "seats", showId: "s2" },
      { kind: "seats", showId: "s1" },
      { kind: "seats", showId: "s1" },
    ]);
  });

  it("reports every show for a repair that names none, and listings for show and movie writes", async () => {
    const { storage, reported } = reporting({ bookings: { finishInterruptedWrites: 2 }, shows: { cancel: { id: "s1" } }, movies: { setImage: {} } });
    await storage.bookings.finishInterruptedWrites(new Date());
    await storage.shows.cancel("s1", new Date());
    await storage.movies.setImage("1", "poster", "");
    expect(reported).toEqual([{ kind: "all-seats" }, { kind: "listings" }, { kind: "listings" }]);
  });

  it("reports nothing for reads, whatever they return", async () => {
    const { storage, reported } = reporting({
      bookings: { page: [booking], lapsedHolds: ["b1"], sales: {}, listForShow: [booking], occupiedSeats: ["A1"], get: booking },
      shows: { pageWithOccupancy: [{}], idsOfMovie: ["s1"], countStartingAfter: 3 },
      movies: { listWithUpcomingShows: [{}] },
    });
    await Promise.all([
      storage.bookings.page({} as never),
      storage.bookings.lapsedHolds(new Date(), 10),
      storage.bookings.sales([], new Date(), 15),
      storage.bookings.listForShow("s1", []),
      storage.bookings.occupiedSeats("s1", new Date()),
      storage.bookings.get("b1"),
      storage.shows.pageWithOccupancy({} as never, new Date(), []),
      storage.shows.idsOfMovie("1"),
      storage.shows.countStartingAfter(new Date()),
      storage.movies.listWithUpcomingShows(new Date()),
    ]);
    expect(reported).toEqual([]);
  });
});
