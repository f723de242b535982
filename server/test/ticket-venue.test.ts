import { inflateSync } from "node:zlib";
import { PDFDocument, PDFRawStream, PDFArray, PDFName, type PDFPage } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFunctions } from "../src/jobs/functions.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { testDb } from "./support/database.ts";
import { eventually } from "./support/eventually.ts";
import { localSlot } from "./support/fixtures.ts";

let app: TestApp;
let api: Client;
let admin: string;
let fan: string;
let show: string;

const morning = new Date();
morning.setUTCHours(10, 0, 0, 0);

beforeAll(async () => {
  app = await startTestApp({}, morning);
  api = client(app.url);
  admin = await api.register("admin@example.test");
  fan = await api.register("fan@example.test", "Robin Fan");
  const renamed = await api.request("PUT", "/api/admin/cinemas/main", {
    json: { name: "Rialto Picture House", address: "12 Market Street", city: "Springfield", timeZone: "UTC" },
    token: admin,
  });
  expect(renamed.status).toBe(200);
  expect((await api.get("/api/admin/screens", admin)).status).toBe(200);
  const added = await api.post("/api/show/add", { movieId: "653", screenId: "screen-1", showsInput: [{ ...localSlot(app.clock.now(), 0, "20:00"), time: ["20:00"] }], showPrice: 10 }, admin);
  expect(added.status).toBe(201);
  show = added.body.shows[0]._id;
});
afterAll(() => app?.close());

/** The text a page draws: pdf-lib writes standard-font strings as hex in (deflated) content streams. */
function pageText(page: PDFPage) {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) return "";
      const filter = stream.dict.get(PDFName.of("Filter"));
      const bytes = filter ? inflateSync(stream.contents) : Buffer.from(stream.contents);
      return [...bytes.toString("latin1").matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1")).join("\n");
    })
    .join("\n");
}

describe(`where the ticket says the show is (${testDb})`, () => {
  it("the PDF names the cinema, its address and the screen, and the .ics gives them as LOCATION", async () => {
    const created = await api.post("/api/booking/create", { showId: show, selectedSeats: ["C1"] }, fan);
    expect(created.status).toBe(201);
    expect((await api.request("POST", `${created.body.url}/pay`)).headers.get("location")).toContain("paid=");
    const bookingId = created.body.bookingId as string;
    const mail = await eventually(async () => {
      await jobFunctions(app.running.deps).deliverDueEffects();
      const found = (await app.storage.outbox.list()).find((m) => m.dedupeKey === `confirmation:${bookingId}`);
      expect(found).toBeDefined();
      return found!;
    });
    const screen = (await app.storage.shows.get(show))!.screen!.name;
    const pdf = mail.attachments!.find((a) => a.contentType === "application/pdf")!;
    const doc = await PDFDocument.load(Buffer.from(pdf.contentBase64, "base64"));
    const text = pageText(doc.getPage(0));
    expect(text).toContain("Rialto Picture House");
    expect(text).toContain("12 Market Street, Springfield");
    expect(text).toContain(screen);
    expect(text).not.toContain("QuickShow");

    const ics = Buffer.from(mail.attachments!.find((a) => a.contentType.startsWith("text/calendar"))!.contentBase64, "base64").toString().replace(/\r\n /g, "");
    expect(ics).toContain(`LOCATION:Rialto Picture House\\, 12 Market Street\\, Springfield (${screen})\r\n`);
    const view = await api.get(`/api/booking/${bookingId}/tickets`, fan);
    expect(view.body.calendar.replace(/\r\n /g, "")).toContain("LOCATION:Rialto Picture House");
  });
});
