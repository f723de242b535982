import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";

let app: TestApp;
let api: Client;
let admin: string;
let soon: string;
let later: string;

const seat = (number: number, extra: Record<string, unknown> = {}) => ({ number, category: "standard", ...extra });
/** Row A: a wheelchair space, its companion seat, then four seats; companions go on sale 60 minutes before. */
const room = {
  categories: [{ id: "standard", name: "Standard", color: "#6b7280" }],
  rows: [{ row: "A", cells: [seat(1, { wheelchair: true }), seat(2, { companion: true }), seat(3), seat(4), seat(5), seat(6)] }],
  companionReleaseMinutes: 60,
};

beforeAll(async () => {
  const start = new Date();
  start.setUTCHours(10, 0, 0, 0);
  app = await startTestApp({ ORPHAN_SEAT_RULE: "true" }, start);
  api = client(app.url);
  admin = await api.register("admin@example.test");
  const screen = await api.post("/api/admin/screens", { name: "Access room", layout: room }, admin);
  expect(screen.status).toBe(201);
  const date = start.toISOString().slice(0, 10);
  const added = await api.post("/api/show/add", { movieId: "653", screenId: screen.body.screen._id, showsInput: [{ date, time: ["10:30", "20:00"] }], showPrice: 10 }, admin);
  expect(added.status).toBe(201);
  [soon, later] = (added.body.shows as { _id: string; showDateTime: string }[]).sort((a, b) => a.showDateTime.localeCompare(b.showDateTime)).map((s) => s._id) as [string, string];
});
afterAll(() => app?.close());

const problemsOf = async (showId: string, seats: string) => (await api.get(`/api/booking/check/${showId}?seats=${seats}`)).body.problems as { code: string; message: string; seats: string[] }[];

describe(`seat rules said in words (${testDb})`, () => {
  it("a companion seat picked alone beside its wheelchair space explains the companion rule, not a seat left alone", async () => {
    // Half an hour before the show: companion seats are on general sale, the stranded-seat rule still holds.
    const [problem] = await problemsOf(soon, "A2");
    expect(problem).toMatchObject({ code: "companion_seat", seats: ["A2"] });
    expect(problem!.message).toContain("companion seat of wheelchair space A1");
    expect(problem!.message).not.toContain("alone");
    const refused = await api.post("/api/booking/create", { showId: soon, selectedSeats: ["A2"] }, await api.register("fan@example.test"));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("companion_seat");
    expect(await problemsOf(soon, "A1,A2")).toEqual([]);
  });

  it("before companion seats go on sale, says whom they are kept for and until when", async () => {
    const [problem] = await problemsOf(later, "A2,A3");
    expect(problem).toMatchObject({ code: "companion_seat", seats: ["A2"] });
    expect(problem!.message).toContain("someone coming with a wheelchair user until 60 minutes before the show");
  });
});
