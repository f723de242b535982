import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import express, { type RequestHandler } from "express";
import type { Registry } from "prom-client";

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `GET /metrics` in Prometheus' text format, for a bearer of `token` when one is set. */
export function metricsHandler(registry: Registry, token: string | null): RequestHandler {
  return async (req, res) => {
    if (token !== null) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      if (!sameSecret(given, token)) {
        res.set("WWW-Authenticate", 'Bearer realm="metrics"').status(401).type("text/plain").send("A bearer token is required (METRICS_TOKEN)\n");
        return;
      }
    }
    res.set("Cache-Control", "no-store").type(registry.contentType).send(await registry.metrics());
  };
}

/** A separate listener that serves only `/metrics`, for a port kept off the public network. */
export async function startMetricsServer(handler: RequestHandler, port: number, host: string): Promise<Server> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", handler);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
