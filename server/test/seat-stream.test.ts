import { seatsEventSchema } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireLapsedHolds } from "../src/bookings/release.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { eventually } from "./support/eventually.ts";
import { openEventStream, type EventStream } from "./support/sse.ts";

let app: TestApp;
let api: Client;
let admin: string;
let alice: string;
let bob: string;
const streams: EventStream[] = [];

beforeAll(async () => {
  // Heartbeats (which also re-read) stay out of the way: every change here must come from the bus.
  // Every stream here comes from one address (loopback), more of them than one client may usually hold.
  app = await startTestApp({ SEAT_STREAM_HEARTBEAT_SECONDS: "60", MAX_LIVE_HOLDS_PER_SHOW: "50", SEAT_STREAMS_PER_CLIENT: "100" });
  api = client(app.url);
  admin = await api.register("admin@example.test");
  alice = await api.register("alice@example.test");
  bob = await api.register("bob@example.test");
});
afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await app?.close();
});

let nextDay = 1;
const newShow = async () => (await addShows(api, admin, { slots: [localSlot(app.clock.now(), nextDay++, "20:00")] }))[0]!;
const stream = async (showId: string) => {
  const opened = await openEventStream(`${app.url}/api/booking/seats/${showId}/stream`);
  streams.push(opened);
  return opened;
};
const hold = (showId: string, seats: string[], token: string) => api.post("/api/booking/create", { showId, selectedSeats: seats }, token);
const sorted = (seats: string[] | undefined) => [...(seats ?? [])].sort();

describe(`the live seat stream on ${testDb}`, () => {
  it("sends the occupied seats at once, then the seats another buyer just held", async () => {
    const showId = await newShow();
    expect((await hold(showId, ["C1"], bob)).status).toBe(201);

    const seats = await stream(showId);
    expect(seats.res.status).toBe(200);
    expect(seats.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(seats.res.headers.get("cache-control")).toContain("no-cache");
    await seats.waitFor(() => expect(seats.seats()[0]).toEqual(["C1"]));
    expect(seatsEventSchema.safeParse(JSON.parse(seats.events[0]!.data)).success).toBe(true);

    expect((await hold(showId, ["D4", "D5"], alice)).status).toBe(201);
    await seats.waitFor(() => expect(sorted(seats.seats().at(-1))).toEqual(["C1", "D4", "D5"]));
    // The same answer as the JSON route, whose cache the hold dropped.
    expect(sorted((await api.get(`/api/booking/seats/${showId}`)).body.occupiedSeats)).toEqual(["C1", "D4", "D5"]);
  });

  it("frees the seats of a cancelled hold on the stream, and a lost race sends nothing new", async () => {
    const showId = await newShow();
    const held = await hold(showId, ["E1", "E2"], alice);
    const seats = await stream(showId);
    await seats.waitFor(() => expect(sorted(seats.seats().at(-1))).toEqual(["E1", "E2"]));

    expect((await hold(showId, ["E2"], bob)).status).toBe(409);
    expect((await api.post(`/api/booking/${held.body.bookingId}/cancel`, undefined, alice)).status).toBe(200);
    await seats.waitFor(() => expect(seats.seats().at(-1)).toEqual([]));
    // Snapshots are sent only when they differ: the refused hold changed nothing.
    expect(seats.seats()).toEqual([["E1", "E2"], []].map(sorted));
  });

  it("answers an unknown show with a JSON 404 and a malformed id with a 400, opening no stream", async () => {
    const unknown = await api.get("/api/booking/seats/00000000-0000-4000-8000-000000000000/stream");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, code: "not_found" });
    const malformed = await api.get("/api/booking/seats/not-a-show/stream");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ success: false, code: "validation" });
  });

  it("shares each read of a show among all its streams, however many holds arrive at once", async () => {
    const showId = await newShow();
    const bookings = app.storage.bookings;
    const read = bookings.occupiedSeats.bind(bookings);
    let reads = 0;
    bookings.occupiedSeats = (id, now) => {
      if (id === showId) reads++;
      return read(id, now);
    };
    try {
      const open = await Promise.all(Array.from({ length: 25 }, () => stream(showId)));
      const buyers = await Promise.all(Array.from({ length: 8 }, (_, i) => api.register(`burst${i}@example.test`)));
      const replies = await Promise.all(buyers.map((token, i) => hold(showId, [`F${i + 1}`], token)));
      expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
      const all = Array.from({ length: 8 }, (_, i) => `F${i + 1}`).sort();
      for (const s of open) await s.waitFor(() => expect(sorted(s.seats().at(-1))).toEqual(all));
      // One read per stream and event would be 25 + 25 × 8.
      expect(reads).toBeLessThan(open.length);
    } finally {
      bookings.occupiedSeats = read;
    }
  });

  // Last in this block: it moves the clock past every hold made so far.
  it("frees lapsed holds on the stream when the sweep expires them", async () => {
    const showId = await newShow();
    expect((await hold(showId, ["J7"], bob)).status).toBe(201);
    const seats = await stream(showId);
    await seats.waitFor(() => expect(seats.seats().at(-1)).toEqual(["J7"]));
    app.clock.advanceMinutes(11);
    expect(await expireLapsedHolds(app.running.deps)).not.toEqual([]);
    await seats.waitFor(() => expect(seats.seats().at(-1)).toEqual([]));
  });
});

describe("an idle seat stream", () => {
  let quick: TestApp;
  beforeAll(async () => {
    quick = await startTestApp({ SEAT_STREAM_HEARTBEAT_SECONDS: "1" });
  });
  afterAll(() => quick?.close());

  it("advises a reconnect delay and stays open with heartbeats, then ends when the server shuts down", async () => {
    const api = client(quick.url);
    const [showId] = await addShows(api, await api.register("admin@example.test"), { slots: [localSlot(quick.clock.now(), 1, "20:00")] });
    const seats = await openEventStream(`${quick.url}/api/booking/seats/${showId}/stream`);
    await seats.waitFor(() => expect(seats.retry).toBeGreaterThanOrEqual(1_000));
    await seats.waitFor(() => expect(seats.comments.filter((c) => c === "heartbeat").length).toBeGreaterThanOrEqual(2), 10_000);
    expect(seats.seats()).toEqual([[]]);
    await quick.running.close();
    await seats.waitFor(() => expect(seats.ended).toBe(true));
  });
});

describe("seat streams per client address", () => {
  let shared: TestApp;
  beforeAll(async () => {
    shared = await startTestApp({ TRUST_PROXY: "1", SEAT_STREAMS_PER_CLIENT: "3", SEAT_STREAMS_MAX: "10", SEAT_STREAM_HEARTBEAT_SECONDS: "60" });
  });
  afterAll(() => shared?.close());

  it("answers 429 to one address beyond SEAT_STREAMS_PER_CLIENT while another address still gets its streams", async () => {
    const api = client(shared.url);
    const [showId] = await addShows(api, await api.register("admin@example.test"), { slots: [localSlot(shared.clock.now(), 1, "20:00")] });
    const open: AbortController[] = [];
    const openFrom = async (address: string) => {
      const abort = new AbortController();
      const res = await fetch(`${shared.url}/api/booking/seats/${showId}/stream`, { signal: abort.signal, headers: { accept: "text/event-stream", "x-forwarded-for": address } });
      if (res.ok) {
        open.push(abort);
        return { status: res.status, body: null };
      }
      return { status: res.status, body: (await res.json()) as { code: string; message: string } };
    };
    try {
      const greedy = [];
      for (let i = 0; i < 5; i++) greedy.push(await openFrom("203.0.113.50"));
      expect(greedy.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      expect(greedy[3]!.body).toMatchObject({ code: "rate_limited" });
      const others = await Promise.all([openFrom("198.51.100.20"), openFrom("198.51.100.20")]);
      expect(others.map((r) => r.status)).toEqual([200, 200]);

      // A stream closed gives its address its slot back.
      open.shift()!.abort();
      await eventually(async () => expect((await openFrom("203.0.113.50")).status).toBe(200));
    } finally {
      for (const abort of open) abort.abort();
    }
  });
});
