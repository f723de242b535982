import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface StandInRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type StandInHandler = (req: StandInRequest, res: ServerResponse) => void | Promise<void>;

export interface StandIn {
  url: string;
  requests: StandInRequest[];
  /** Replaces the handler (e.g. to make the service fail for one test). */
  handle(handler: StandInHandler): void;
  close(): Promise<void>;
}

/** A loopback HTTP server standing in for a SaaS API; it records every request it is sent. */
export async function startStandIn(handler: StandInHandler): Promise<StandIn> {
  let current = handler;
  const requests: StandInRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => void (current = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
