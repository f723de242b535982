import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";

/**
 * Documents exactly as the original MERN tutorial app wrote them (ObjectId ids, a user id string
 * per sold seat in `occupiedSeats`, `isPaid` without a status, prices in major units, no seat
 * layout), seeded straight through the driver and then used through the HTTP API.
 */
let app: TestApp;
let api: Client;
let admin: string;
let buyer: string;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: "false" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  buyer = await api.register("buyer@example.test");
});
afterAll(() => app?.close());

describe("data written by the original tutorial app (mongo)", () => {
  let showId: string;
  let paidLegacyId: string;
  let unpaidLegacyId: string;

  beforeAll(async () => {
    const { default: mongoose } = await import("mongoose");
    const connection = await mongoose.createConnection(app.database.url!).asPromise();
    try {
      const db = connection.db!;
      const now = app.clock.now();
      const showOid = new mongoose.Types.ObjectId();
      const paidOid = new mongoose.Types.ObjectId();
      const unpaidOid = new mongoose.Types.ObjectId();
      showId = showOid.toHexString();
      paidLegacyId = paidOid.toHexString();
      unpaidLegacyId = unpaidOid.toHexString();
      await db.collection<{ _id: string }>("users").insertOne({ _id: "user_2legacyClerkId", name: "Legacy Fan", email: "legacy@example.test", image: "https://img.clerk.com/legacy.png" } as never);
      await db.collection<{ _id: string }>("movies").insertOne({
        _id: "424242",
        title: "A Tutorial Movie",
        overview: "Stored by the original app.",
        poster_path: "https://image.tmdb.org/t/p/original/poster.jpg",
        backdrop_path: "https://image.tmdb.org/t/p/original/backdrop.jpg",
        release_date: "2025-05-01",
        original_language: "en",
        tagline: "",
        genres: [{ id: 18, name: "Drama" }],
        casts: [{ name: "An Actor", profile_path: "https://image.tmdb.org/t/p/original/actor.jpg" }],
        vote_average: 7.4,
        runtime: 118,
        createdAt: now,
        updatedAt: now,
        __v: 0,
      } as never);
      await db.collection("shows").insertOne({
        _id: showOid,
        movie: "424242",
        showDateTime: new Date(now.getTime() + 2 * 24 * 3600_000),
        showPrice: 12.5,
        occupiedSeats: { A1: "user_2legacyClerkId", A2: "user_2legacyClerkId" },
        __v: 0,
      });
      const at = new Date(now.getTime() - 3600_000);
      await db.collection("bookings").insertMany([
        { _id: paidOid, user: "user_2legacyClerkId", show: showId, amount: 25, bookedSeats: ["A1", "A2"], isPaid: true, paymentLink: "https://checkout.stripe.com/c/pay/cs_test_legacy", createdAt: at, updatedAt: at, __v: 0 },
        // Unpaid: the tutorial's job had already given B1 back and would have deleted this.
        { _id: unpaidOid, user: "user_2legacyClerkId", show: showId, amount: 12.5, bookedSeats: ["B1"], isPaid: false, createdAt: at, updatedAt: at, __v: 0 },
      ]);
    } finally {
      await connection.close();
    }
  });

  it("lists the movie and its show, with the price in major units and the default seat map", async () => {
    const all = await api.get("/api/show/all");
    expect(all.body.shows.map((m: { _id: string }) => m._id)).toContain("424242");
    const detail = await api.get(`/api/show/detail/${showId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.show).toMatchObject({ _id: showId, showPrice: 12.5, movie: { _id: "424242", title: "A Tutorial Movie" } });
    expect(detail.body.show.layout.rows).toHaveLength(10);
    expect(detail.body.show.layout.rows.every((r: { cells: unknown[] }) => r.cells.length === 9)).toBe(true);
  });

  it("reads the tutorial's occupied seats as sold, and sells the rest once", async () => {
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats.sort()).toEqual(["A1", "A2"]);
    const clash = await api.post("/api/booking/create", { showId, selectedSeats: ["A2", "A3"] }, buyer);
    expect(clash.status).toBe(409);
    expect(clash.body.details.takenSeats).toEqual(["A2"]);
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A3"] }, buyer);
    expect(created.status).toBe(201);
    expect((await api.request("POST", `${created.body.url}/pay`)).status).toBe(303);
    const mine = await api.get("/api/user/bookings", buyer);
    expect(mine.body.bookings[0]).toMatchObject({ _id: created.body.bookingId, status: "paid", amount: 12.5 });
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats.sort()).toEqual(["A1", "A2", "A3"]);
  });

  it("counts the tutorial's paid booking in the admin views, and its unpaid one as lapsed", async () => {
    const bookings = (await api.get("/api/admin/all-bookings", admin)).body.bookings as { _id: string; status: string; amount: number; isPaid: boolean; user: { name: string } }[];
    expect(bookings.find((b) => b._id === paidLegacyId)).toMatchObject({ status: "paid", amount: 25, isPaid: true, user: { name: "Legacy Fan" } });
    expect(bookings.find((b) => b._id === unpaidLegacyId)).toMatchObject({ status: "expired", isPaid: false });
    const dashboard = (await api.get("/api/admin/dashboard", admin)).body.dashboardData;
    expect(dashboard).toMatchObject({ totalBookings: 2, totalRevenue: 37.5 });
    const shows = (await api.get("/api/admin/all-shows", admin)).body.shows as { _id: string; seatsSold: number; earnings: number }[];
    expect(shows.find((s) => s._id === showId)).toMatchObject({ seatsSold: 3, earnings: 37.5 });
  });
});
