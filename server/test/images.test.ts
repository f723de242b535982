import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { movieImageResponseSchema } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sniffImage } from "../src/media/sniff.ts";
import type { LocalDiskImagesProvider } from "../src/providers/images/local-disk.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";
import { addShows, localSlot } from "./support/fixtures.ts";
import { sendJson, startStandIn, type StandIn, type StandInRequest } from "./support/stand-in.ts";

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0rest-of-a-jpeg")]);
const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 rest")]);
const gif = Buffer.from("GIF89a\x01\x00\x01\x00rest", "latin1");
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

function upload(app: TestApp, token: string | null, movieId: string, parts: { kind?: string; file?: Buffer; name?: string; type?: string; field?: string }) {
  const form = new FormData();
  if (parts.kind !== undefined) form.append("kind", parts.kind);
  if (parts.file) form.append(parts.field ?? "image", new Blob([new Uint8Array(parts.file)], { type: parts.type ?? "image/png" }), parts.name ?? "poster.png");
  return fetch(`${app.url}/api/admin/movies/${movieId}/image`, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
}

describe("sniffing the image type from its bytes", () => {
  it("knows PNG, JPEG, WebP and GIF, and nothing else", () => {
    expect([png, jpeg, webp, gif].map(sniffImage)).toEqual(["png", "jpg", "webp", "gif"]);
    for (const other of [svg, Buffer.from("%PDF-1.7"), Buffer.from("MZ\x90\x00"), Buffer.alloc(0), Buffer.from("RIFF\0\0\0\0WAVE")]) {
      expect(sniffImage(other)).toBeNull();
    }
  });
});

describe("admin image upload, stored on local disk (no Cloudinary keys)", () => {
  let app: TestApp;
  let api: Client;
  let admin: string;
  let user: string;
  const uploads = () => {
    try {
      return readdirSync((app.running.deps.images as LocalDiskImagesProvider).directory);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    app = await startTestApp({ IMAGE_UPLOAD_MAX_MB: "0.01" });
    api = client(app.url);
    admin = await api.register("admin@example.test");
    user = await api.register("user@example.test");
    await addShows(api, admin, { movieId: "653", slots: [localSlot(app.clock.now(), 1, "20:00")] });
  });
  afterAll(() => app?.close());

  it("a new poster shows everywhere the movie does, and is served from /media/uploads", async () => {
    const res = await upload(app, admin, "653", { kind: "poster", file: png, name: "nosferatu.txt", type: "text/plain" });
    expect(res.status).toBe(200);
    const body = movieImageResponseSchema.parse(res.body);
    expect(body.url).toMatch(/^\/media\/uploads\/[\w-]+\.png$/);
    expect(body.movie.poster_path).toBe(body.url);
    expect((await api.get("/api/show/653")).body.movie.poster_path).toBe(body.url);
    expect((await api.get("/api/show/all")).body.shows[0].poster_path).toBe(body.url);
    const served = await fetch(app.url + body.url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const backdrop = await upload(app, admin, "653", { kind: "backdrop", file: jpeg, name: "wide.png" });
    expect(backdrop.body.url).toMatch(/\.jpg$/);
    expect((await api.get("/api/show/653")).body.movie).toMatchObject({ poster_path: body.url, backdrop_path: backdrop.body.url });
  });

  it("refuses a non-image, an SVG, an oversized file and bad fields with 400, storing nothing", async () => {
    const files = uploads();
    const poster = (await api.get("/api/show/653")).body.movie.poster_path;
    const cases = [
      { kind: "poster", file: Buffer.from("just text, named like an image"), name: "fake.png", type: "image/png" },
      { kind: "poster", file: svg, name: "x.svg", type: "image/svg+xml" },
      { kind: "poster", file: Buffer.concat([png, Buffer.alloc(20_000)]) },
      { kind: "cover", file: png },
      { file: png },
      { kind: "poster" },
      { kind: "poster", file: png, field: "photo" },
      { kind: "poster", file: Buffer.alloc(0) },
    ];
    for (const parts of cases) {
      const res = await upload(app, admin, "653", parts);
      expect(res.status, JSON.stringify({ ...parts, file: parts.file?.length })).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: "validation" });
    }
    expect((await upload(app, admin, "653", { kind: "poster", file: Buffer.concat([png, Buffer.alloc(20_000)]) })).body.message).toMatch(/larger than/);
    const json = await api.post("/api/admin/movies/653/image", { kind: "poster" }, admin);
    expect(json.status).toBe(400);
    expect(uploads()).toEqual(files);
    expect((await api.get("/api/show/653")).body.movie.poster_path).toBe(poster);
  });

  it("is for admins only, and only for stored movies", async () => {
    const files = uploads();
    expect((await upload(app, null, "653", { kind: "poster", file: png })).status).toBe(401);
    expect((await upload(app, user, "653", { kind: "poster", file: png })).status).toBe(403);
    expect((await upload(app, admin, "19", { kind: "poster", file: png })).status).toBe(404);
    expect((await upload(app, admin, "abc", { kind: "poster", file: png })).status).toBe(400);
    expect(uploads()).toEqual(files);
  });

  it("without Clerk keys there is no Clerk webhook", async () => {
    expect((await api.request("POST", "/api/clerk/webhook", { raw: "{}" })).status).toBe(404);
  });
});

describe("admin image upload to Cloudinary, through the official SDK, against a loopback stand-in", () => {
  const apiKey = "614335564976464";
  const apiSecret = "test-api-secret-value";
  let cloudinary: StandIn;
  let app: TestApp;
  let api: Client;
  let admin: string;

  const uploadHandler = async (req: StandInRequest, res: import("node:http").ServerResponse) => {
    if (req.method !== "POST" || req.url !== "/v1_1/demo-cloud/image/upload") return sendJson(res, 404, { error: { message: "no such route" } });
    const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    // Cloudinary's signature: the sorted parameters (less file, api_key, resource_type, cloud_name) then the secret, SHA-1.
    const signed = Object.entries(fields)
      .filter(([k]) => !["file", "api_key", "resource_type", "cloud_name", "signature"].includes(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const expected = createHash("sha1").update(signed + apiSecret).digest("hex");
    if (fields.api_key !== apiKey || fields.signature !== expected) return sendJson(res, 401, { error: { message: "Invalid Signature" } });
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 3600) return sendJson(res, 400, { error: { message: "Stale request" } });
    const file = form.get("file") as Blob;
    const publicId = `${fields.folder}/${fields.public_id}`;
    sendJson(res, 200, {
      asset_id: "3515c6000a548515f1134043f9785c2f",
      public_id: publicId,
      version: 1_732_000_000,
      version_id: "7d2cc533bee9ff39f7da7414b61fce7e",
      signature: "d0b1009e3271a942836c25756ce3e04d205bf754",
      width: 1,
      height: 1,
      format: "png",
      resource_type: "image",
      created_at: new Date().toISOString(),
      tags: [],
      bytes: file.size,
      type: "upload",
      etag: "0b5a4ee1c5c1fa1b4e2b12b5d3a1d2a6",
      placeholder: false,
      url: `http://res.cloudinary.com/demo-cloud/image/upload/v1732000000/${publicId}.png`,
      secure_url: `https://res.cloudinary.com/demo-cloud/image/upload/v1732000000/${publicId}.png`,
      folder: fields.folder,
      original_filename: "file",
    });
  };

  beforeAll(async () => {
    cloudinary = await startStandIn(uploadHandler);
    // The SDK reads CLOUDINARY_URL (and whether to use http) when it is first imported.
    process.env.CLOUDINARY_URL = `cloudinary://${apiKey}:${apiSecret}@demo-cloud?upload_prefix=${encodeURIComponent(cloudinary.url)}`;
    app = await startTestApp({ CLOUDINARY_URL: process.env.CLOUDINARY_URL, CLOUDINARY_FOLDER: "quickshow-test" });
    api = client(app.url);
    admin = await api.register("admin@example.test");
    await addShows(api, admin, { movieId: "653", slots: [localSlot(app.clock.now(), 1, "20:00")] });
  });
  afterAll(async () => {
    await app?.close();
    await cloudinary?.close();
    delete process.env.CLOUDINARY_URL;
  });

  it("sends a signed upload and shows the secure URL it gets back", async () => {
    const res = await upload(app, admin, "653", { kind: "poster", file: png });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.url).toMatch(/^https:\/\/res\.cloudinary\.com\/demo-cloud\/image\/upload\/v1732000000\/quickshow-test\/movie-653-poster-[0-9a-f]+\.png$/);
    expect((await api.get("/api/show/653")).body.movie.poster_path).toBe(res.body.url);
    const sent = cloudinary.requests.at(-1)!;
    const form = await new Response(new Uint8Array(sent.body), { headers: { "content-type": String(sent.headers["content-type"]) } }).formData();
    expect(Buffer.from(await (form.get("file") as Blob).arrayBuffer()).equals(png)).toBe(true);
    expect(form.get("folder")).toBe("quickshow-test");
    expect(form.get("api_secret")).toBeNull();
  });

  it("a non-image never reaches Cloudinary", async () => {
    const before = cloudinary.requests.length;
    expect((await upload(app, admin, "653", { kind: "poster", file: Buffer.from("not an image") })).status).toBe(400);
    expect(cloudinary.requests.length).toBe(before);
  });

  it("a Cloudinary failure is a 503 and the movie keeps its image", async () => {
    const poster = (await api.get("/api/show/653")).body.movie.poster_path;
    cloudinary.handle((_req, res) => sendJson(res, 500, { error: { message: "General Error" } }));
    try {
      const res = await upload(app, admin, "653", { kind: "poster", file: png });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("unavailable");
    } finally {
      cloudinary.handle(uploadHandler);
    }
    expect((await api.get("/api/show/653")).body.movie.poster_path).toBe(poster);
  });
});
