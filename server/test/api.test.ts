import {
  adminBookingsResponseSchema,
  allShowsResponseSchema,
  authResponseSchema,
  dashboardResponseSchema,
  movieShowsResponseSchema,
  nowPlayingResponseSchema,
  routes,
  showDetailResponseSchema,
  userBookingsResponseSchema,
} from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let alice: string;
let bob: string;
let carol: string;

beforeAll(async () => {
  app = await startTestApp({ THEATER_TIMEZONE: "America/New_York" }, new Date("2030-03-01T12:00:00Z"));
  api = client(app.url);
  admin = await api.register("admin@example.test", "Ada Admin");
  alice = await api.register("alice@example.test", "Alice");
  bob = await api.register("bob@example.test", "Bob");
  carol = await api.register("carol@example.test", "Carol");
});
afterAll(() => app?.close());

const withParams = (path: string) =>
  path.replace(":showId", "00000000-0000-4000-8000-000000000000").replace(":bookingId", "00000000-0000-4000-8000-000000000000").replace(":movieId", "653");

describe("accounts", () => {
  it("registers and signs in with a hashed password and a signed token", async () => {
    const login = await api.post("/api/auth/login", { email: "ALICE@example.test", password: "correct horse battery" });
    expect(login.status).toBe(200);
    const parsed = authResponseSchema.parse(login.body);
    expect(parsed.user.email).toBe("alice@example.test");
    expect(parsed.user.role).toBe("user");
    const me = await api.get("/api/user/me", parsed.token);
    expect(me.body.user._id).toBe(parsed.user._id);
  });

  it("rejects a wrong password and an unknown email alike with 401", async () => {
    const wrong = await api.post("/api/auth/login", { email: "alice@example.test", password: "nope-nope" });
    const unknown = await api.post("/api/auth/login", { email: "nobody@example.test", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ success: false, code: "unauthenticated" });
  });

  it("refuses a second account with the same email with 409", async () => {
    const res = await api.post("/api/auth/register", { name: "Alice 2", email: "Alice@Example.test", password: "another password" });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it("gives the admin role to emails listed in ADMIN_EMAILS", async () => {
    const me = await api.get("/api/user/me", admin);
    expect(me.body.user.role).toBe("admin");
  });
});

describe("authentication and authorisation on every route of the table", () => {
  const guarded = Object.entries(routes).filter(([, r]) => r.access !== "public");

  it.each(guarded)("%s answers 401 without a token", async (_name, route) => {
    const res = await api.request(route.method.toUpperCase(), withParams(route.path), route.method === "get" ? {} : { json: {} });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: "unauthenticated" });
  });

  it.each(guarded)("%s answers 401 with a forged token", async (_name, route) => {
    const forged = alice.slice(0, -4) + (alice.endsWith("AAAA") ? "BBBB" : "AAAA");
    const res = await api.request(route.method.toUpperCase(), withParams(route.path), { token: forged, json: route.method === "get" ? undefined : {} });
    expect(res.status).toBe(401);
  });

  const adminOnly = Object.entries(routes).filter(([, r]) => r.access === "admin");
  it.each(adminOnly)("%s answers 403 to a signed-in non-admin", async (_name, route) => {
    const res = await api.request(route.method.toUpperCase(), withParams(route.path), { token: alice, json: route.method === "get" ? undefined : {} });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: "forbidden" });
  });
});

describe("shows", () => {
  let showIds: string[];
  beforeAll(async () => {
    showIds = await addShows(api, admin, {
      movieId: "19",
      price: 12.99,
      // 23:30 in New York on March 5th is 04:30 UTC on March 6th: it must stay on the 5th.
      slots: [localSlot(app.clock.now(), 4, "18:00", "America/New_York"), localSlot(app.clock.now(), 4, "23:30", "America/New_York")],
    });
  });

  it("lists now-playing movies from the catalog for admins", async () => {
    const res = await api.get("/api/show/now-playing", admin);
    expect(res.status).toBe(200);
    expect(res.body.movies.length).toBeGreaterThanOrEqual(20);
    expect(res.body.movies[0]).toHaveProperty("poster_path");
  });

  it("lists now-playing movies as TMDB's results with its numeric id, which adding shows accepts as it is", async () => {
    const movies = nowPlayingResponseSchema.parse((await api.get("/api/show/now-playing", admin)).body).movies;
    for (const movie of movies) {
      expect(movie.id).toBe(Number(movie._id));
      expect(movie.genre_ids).toEqual(movie.genres.map((g) => g.id));
    }
    // A movie the other tests here leave alone.
    const movie = movies.find((m) => !["19", "653", "961", "962"].includes(m._id))!;
    const added = await api.post("/api/show/add", { movieId: movie.id, showsInput: [{ date: localSlot(app.clock.now(), 4, "").date, time: ["11:00"] }], showPrice: 9 }, admin);
    expect(added.status).toBe(201);
    expect(added.body.shows[0].movie).toBe(movie._id);
  });

  it("stores the cinema's local time as a UTC instant and groups by the cinema's date", async () => {
    const res = await api.get("/api/show/19");
    expect(res.status).toBe(200);
    const body = movieShowsResponseSchema.parse(res.body);
    expect(Object.keys(body.dateTime)).toEqual(["2030-03-05"]);
    expect(body.dateTime["2030-03-05"]!.map((s) => s.time)).toEqual(["2030-03-05T23:00:00.000Z", "2030-03-06T04:30:00.000Z"]);
  });

  it("keeps the price exact in cents (no flooring to whole dollars)", async () => {
    const res = await api.get(`/api/show/detail/${showIds[0]}`);
    const body = showDetailResponseSchema.parse(res.body);
    expect(body.show.showPrice).toBe(12.99);
    expect(body.show.layout.rows).toHaveLength(10);
    expect(body.show.movie.title).toBe("Metropolis");
  });

  it("lists each movie with upcoming shows once", async () => {
    await addShows(api, admin, { movieId: "19", slots: [localSlot(app.clock.now(), 6, "15:00", "America/New_York")] });
    const body = allShowsResponseSchema.parse((await api.get("/api/show/all")).body);
    expect(body.shows.filter((m) => m._id === "19")).toHaveLength(1);
  });

  it("rejects an exact duplicate show with 409 and adds nothing", async () => {
    const before = (await api.get("/api/show/19")).body.dateTime["2030-03-05"].length;
    const res = await api.post(
      "/api/show/add",
      { movieId: "19", showsInput: [{ date: "2030-03-05", time: ["18:00", "20:00"] }], showPrice: 10 },
      admin,
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already has a show/);
    expect((await api.get("/api/show/19")).body.dateTime["2030-03-05"]).toHaveLength(before);
  });

  it("rejects shows in the past with 400", async () => {
    const res = await api.post("/api/show/add", { movieId: "19", showsInput: [{ date: "2030-02-28", time: ["18:00"] }], showPrice: 10 }, admin);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/in the past/);
  });

  it("rejects a local time that does not exist (clocks going forward) with 400", async () => {
    const res = await api.post("/api/show/add", { movieId: "19", showsInput: [{ date: "2030-03-10", time: ["02:30"] }], showPrice: 10 }, admin);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not a valid time/);
  });

  it("answers 404 for a movie that is not in the catalog", async () => {
    const res = await api.post("/api/show/add", { movieId: "999999999", showsInput: [{ date: "2030-03-05", time: ["10:00"] }], showPrice: 10 }, admin);
    expect(res.status).toBe(404);
  });

  it("answers 404 for a movie with no shows and for an unknown show", async () => {
    expect((await api.get("/api/show/961")).status).toBe(404);
    expect((await api.get("/api/show/detail/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("bookings", () => {
  let showId: string;
  beforeAll(async () => {
    [showId] = (await addShows(api, admin, { movieId: "653", price: 12.5, slots: [localSlot(app.clock.now(), 2, "20:00", "America/New_York")] })) as [string];
  });

  it("holds seats, shows them as occupied, and pays through the local checkout", async () => {
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["A1", "A2"] }, alice);
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(new RegExp(`^/checkout/local/${created.body.bookingId}/[\\w-]{43}$`));

    const seats = await api.get(`/api/booking/seats/${showId}`);
    expect(seats.body.occupiedSeats.sort()).toEqual(["A1", "A2"]);

    const page = await api.get(created.body.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Pay $25.00");

    const paid = await api.request("POST", `${created.body.url}/pay`);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`/my-bookings?paid=${created.body.bookingId}`);

    const mine = userBookingsResponseSchema.parse((await api.get("/api/user/bookings", alice)).body);
    const booking = mine.bookings.find((b) => b._id === created.body.bookingId)!;
    expect(booking).toMatchObject({ status: "paid", isPaid: true, amount: 25, bookedSeats: ["A1", "A2"] });
    expect(booking.show.movie.title).toBe("Nosferatu");
  });

  it("answers 409 naming the taken seats, and holds nothing of a partly taken request", async () => {
    const res = await api.post("/api/booking/create", { showId, selectedSeats: ["A2", "A3"] }, bob);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ success: false, code: "seat_taken" });
    expect(res.body.message).toContain("A2");
    expect(res.body.message).not.toContain("A3");
    const seats = await api.get(`/api/booking/seats/${showId}`);
    expect(seats.body.occupiedSeats).not.toContain("A3");
  });

  it("refuses the checkout page, payment and cancellation without the link's signature", async () => {
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["H8"] }, carol);
    const forged = `/checkout/local/${created.body.bookingId}/${"A".repeat(43)}`;
    for (const [method, path] of [["GET", forged], ["POST", `${forged}/pay`], ["POST", `${forged}/cancel`], ["GET", `/checkout/local/${created.body.bookingId}/`]] as const) {
      const res = await api.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await api.get(`/api/booking/${created.body.bookingId}`, carol)).body.booking.status).toBe("held");
    expect((await api.request("POST", `${created.body.url}/cancel`)).status).toBe(303);
    expect((await api.get(`/api/booking/${created.body.bookingId}`, carol)).body.booking.status).toBe("cancelled");
  });

  it("never shows one user's bookings to another", async () => {
    const bobs = await api.get("/api/user/bookings", bob);
    expect(bobs.body.bookings).toEqual([]);
    const alices = await api.get("/api/user/bookings", alice);
    const id = alices.body.bookings[0]._id;
    expect((await api.get(`/api/booking/${id}`, alice)).status).toBe(200);
    expect((await api.get(`/api/booking/${id}`, bob)).status).toBe(404);
    expect((await api.post(`/api/booking/${id}/cancel`, undefined, bob)).status).toBe(404);
  });

  it("lets the owner cancel an unpaid hold, which frees its seats", async () => {
    const created = await api.post("/api/booking/create", { showId, selectedSeats: ["J9"] }, bob);
    expect(created.status).toBe(201);
    const cancelled = await api.post(`/api/booking/${created.body.bookingId}/cancel`, undefined, bob);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe("cancelled");
    expect((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats).not.toContain("J9");
    expect((await api.post(`/api/booking/${created.body.bookingId}/cancel`, undefined, bob)).status).toBe(409);
  });

  it("refuses seats that are not on the map, repeated seats, and more than the maximum", async () => {
    const unknown = await api.post("/api/booking/create", { showId, selectedSeats: ["K1"] }, bob);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("K1");
    const repeated = await api.post("/api/booking/create", { showId, selectedSeats: ["B1", "B1"] }, bob);
    expect(repeated.status).toBe(400);
    const tooMany = await api.post("/api/booking/create", { showId, selectedSeats: ["C1", "C2", "C3", "C4", "C5", "C6"] }, bob);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/at most 5/);
  });

  it("refuses to book a show that has started", async () => {
    const [soon] = await addShows(api, admin, { movieId: "961", slots: [localSlot(app.clock.now(), 1, "09:00", "America/New_York")] });
    app.clock.advanceMinutes(3 * 24 * 60);
    try {
      const res = await api.post("/api/booking/create", { showId: soon, selectedSeats: ["A1"] }, bob);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/already started/);
    } finally {
      app.clock.advanceMinutes(-3 * 24 * 60);
    }
  });
});

describe("object-level authorisation on every customer route of the table that names a booking", () => {
  // Admin routes name any booking by design; only admins reach them (checked with every admin route).
  const byId = Object.entries(routes).filter(([, r]) => r.access === "user" && r.path.includes(":bookingId"));

  it("covers at least reading and cancelling", () => {
    expect(byId.map(([name]) => name)).toEqual(expect.arrayContaining(["getBooking", "cancelBooking"]));
  });

  it.each(byId)("%s answers another user's booking exactly like a missing one, and changes nothing", async (_name, route) => {
    const [showId] = await addShows(api, admin, { movieId: "962", slots: [localSlot(app.clock.now(), 5, `1${byId.findIndex(([n]) => n === _name)}:00`, "America/New_York")] });
    const own = await api.post("/api/booking/create", { showId, selectedSeats: ["E1"] }, alice);
    const path = route.path.replace(":bookingId", own.body.bookingId);
    const missing = route.path.replace(":bookingId", "00000000-0000-4000-8000-0000000000aa");
    const asBob = await api.request(route.method.toUpperCase(), path, { token: bob, json: route.method === "get" ? undefined : {} });
    const asNobody = await api.request(route.method.toUpperCase(), missing, { token: bob, json: route.method === "get" ? undefined : {} });
    expect(asBob.status).toBe(404);
    expect(asBob.body).toEqual(asNobody.body);
    const after = await api.get(`/api/booking/${own.body.bookingId}`, alice);
    expect(after.body.booking.status).toBe("held");
  });
});

describe("favorites", () => {
  it("toggles a favorite and lists the movies", async () => {
    const added = await api.post("/api/user/update-favorite", { movieId: "653" }, bob);
    expect(added.body).toMatchObject({ message: "Added to favorites", favorites: ["653"] });
    expect((await api.get("/api/user/favorites", bob)).body.movies.map((m: { _id: string }) => m._id)).toEqual(["653"]);
    const removed = await api.post("/api/user/update-favorite", { movieId: "653" }, bob);
    expect(removed.body.favorites).toEqual([]);
    expect((await api.get("/api/user/favorites", bob)).body.movies).toEqual([]);
  });

  it("answers 404 for a movie we do not show", async () => {
    expect((await api.post("/api/user/update-favorite", { movieId: "4242" }, bob)).status).toBe(404);
  });
});

describe("admin", () => {
  // Other tests of this file book and pay too, so the totals are checked as the change one paid booking makes.
  const dashboard = async () => dashboardResponseSchema.parse((await api.get("/api/admin/dashboard", admin)).body).dashboardData;
  const revenueOn = (data: Awaited<ReturnType<typeof dashboard>>, date: string) =>
    data.revenueByDay.find((d) => d.date === date) ?? { date, revenue: 0, bookings: 0 };
  let showId: string;
  let buyer: string;
  let before: Awaited<ReturnType<typeof dashboard>>;

  beforeAll(async () => {
    before = await dashboard();
    buyer = await api.register("dora@example.test", "Dora");
    [showId] = (await addShows(api, admin, { movieId: "962", price: 9, slots: [localSlot(app.clock.now(), 3, "21:00", "America/New_York")] })) as [string];
    const paid = await api.post("/api/booking/create", { showId, selectedSeats: ["C4", "C5"] }, buyer);
    expect((await api.request("POST", `${paid.body.url}/pay`)).status).toBe(303);
    const held = await api.post("/api/booking/create", { showId, selectedSeats: ["D1"] }, buyer);
    expect(held.status).toBe(201);
  });

  it("reports totals over paid bookings only", async () => {
    const after = await dashboard();
    expect(after.totalBookings).toBe(before.totalBookings + 1);
    expect(after.totalRevenue).toBe(before.totalRevenue + 18);
    expect(after.totalUser).toBe(before.totalUser + 1);
    expect(after.activeShows).toBe(before.activeShows + 1);
    // The clock stands at 07:00 on March 1st in New York, the cinema's zone.
    const today = revenueOn(before, "2030-03-01");
    expect(revenueOn(after, "2030-03-01")).toEqual({ date: "2030-03-01", revenue: today.revenue + 18, bookings: today.bookings + 1 });
  });

  it("lists upcoming shows with occupancy and all bookings with their users", async () => {
    const shows = (await api.get("/api/admin/all-shows", admin)).body.shows;
    expect(shows.find((s: { _id: string }) => s._id === showId)).toMatchObject({ capacity: 90, seatsSold: 2, earnings: 18 });
    const bookings = adminBookingsResponseSchema.parse((await api.get("/api/admin/all-bookings", admin)).body).bookings;
    const dora = bookings.filter((b) => b.user.email === "dora@example.test");
    expect(dora.map((b) => b.status).sort()).toEqual(["held", "paid"]);
    expect(dora[0]?.user).toMatchObject({ name: "Dora", email: "dora@example.test" });
  });
});

describe("platform", () => {
  it("reports storage health", async () => {
    const res = await api.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.storage.reachable).toBe(true);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await api.get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, code: "not_found" });
  });

  it("tags every response with a request id", async () => {
    const res = await api.get("/api/show/all");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("media", () => {
  it("serves the catalog's posters, backdrops and cast portraits as SVG", async () => {
    const movie = (await api.get("/api/show/19")).body.movie;
    for (const url of [movie.poster_path, movie.backdrop_path, movie.casts[0].profile_path]) {
      const res = await fetch(app.url + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/image\/svg\+xml/);
      expect(await res.text()).toMatch(/^<svg/);
    }
    expect((await fetch(`${app.url}/media/catalog/cast/nobody-at-all.svg`)).status).toBe(404);
  });
});
