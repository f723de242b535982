import { routes } from "@quickshow/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { client, type Client } from "./support/client.ts";

let app: TestApp;
let api: Client;

beforeAll(async () => {
  app = await startTestApp();
  api = client(app.url);
});
afterAll(() => app?.close());

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the running Express app answers under /api, found by walking its router. */
function mountedApiRoutes(): string[] {
  const express = app.running.server.listeners("request")[0] as unknown as { router: { stack: Layer[] } };
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            if (typeof path === "string" && path.startsWith("/api/")) found.push(`${method} ${path}`);
          }
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(express.router.stack);
  return found;
}

describe("OpenAPI", () => {
  it("documents every API route the app mounts, and only those", async () => {
    const doc = (await api.get("/api/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    // The documentation endpoints themselves are not API operations.
    const undocumented = ["get /api/openapi.json", "get /api/docs", "get /api/docs/app.js"];
    const mounted = mountedApiRoutes().filter((r) => !undocumented.includes(r));
    expect(mounted.length).toBeGreaterThanOrEqual(Object.keys(routes).length);
    expect([...new Set(mounted)].sort()).toEqual([...new Set(documented)].sort());
  });

  it("describes bodies, responses, errors and who may call", async () => {
    const doc = (await api.get("/api/openapi.json")).body;
    const create = doc.paths["/api/booking/create"].post;
    expect(create.security).toEqual([{ bearerAuth: [] }]);
    expect(create.requestBody.content["application/json"].schema.required).toEqual(["showId", "selectedSeats"]);
    expect(create.responses["201"].content["application/json"].schema.properties).toHaveProperty("url");
    expect(create.responses["409"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
    expect(doc.paths["/api/show/all"].get.security).toBeUndefined();
    expect(doc.paths["/api/admin/dashboard"].get["x-access"]).toBe("admin");
  });

  it("serves an interactive page whose script comes from the same origin", async () => {
    const page = await fetch(`${app.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/app.js">');
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const script = await fetch(`${app.url}/api/docs/app.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toContain("/api/openapi.json");
  });
});
