import net from "node:net";

export interface FreezableProxy {
  port: number;
  /** From now on nothing passes in either direction, and new connections are accepted but never answered, like a stopped server process. */
  freeze(): void;
  /** Delivers what was held back and forwards again. */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a database, so a test can freeze "the database" for its
 * own server without touching the machine's PostgreSQL or the shared MongoDB test server.
 */
export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on("data", (chunk) => (frozen ? held.push(() => to.write(chunk)) : to.write(chunk)));
    from.on("close", () => to.destroy());
    from.on("error", () => to.destroy());
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    const connectUpstream = () => {
      if (client.destroyed) return;
      const upstream = net.connect(target);
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      forward(client, upstream);
      forward(upstream, client);
    };
    if (frozen) {
      // Bytes the client sends before thawing are kept by the socket until a reader appears.
      client.pause();
      held.push(() => (connectUpstream(), client.resume()));
    } else connectUpstream();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => void (frozen = true),
    thaw() {
      frozen = false;
      for (const deliver of held.splice(0)) deliver();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
