import { eventually } from "./eventually.ts";

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client for tests: keeps every event, comment and `retry:` line it reads,
 * and `waitFor` polls them until one matches.
 */
export async function openEventStream(url: string) {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let retry: number | null = null;
  let ended = false;
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("retry:")) retry = Number(line.slice(6));
            else if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) events.push({ event, data: data.join("\n") });
        }
      }
    } catch {
      /* aborted by close() */
    }
    ended = true;
  })();
  return {
    res,
    events,
    comments,
    get retry() {
      return retry;
    },
    get ended() {
      return ended;
    },
    /** The occupied seats of every `seats` event so far. */
    seats: () => events.filter((e) => e.event === "seats").map((e) => (JSON.parse(e.data) as { occupiedSeats: string[] }).occupiedSeats),
    waitFor<T>(check: () => T, timeoutMs = 5_000) {
      return eventually(check, timeoutMs);
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

export type EventStream = Awaited<ReturnType<typeof openEventStream>>;
