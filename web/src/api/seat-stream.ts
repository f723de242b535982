import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { routes, seatsEventSchema } from "@quickshow/contracts";
import { buildPath } from "./client.ts";
import { keys } from "./queries.ts";

/** "live" while the stream delivers; otherwise the caller polls. */
export type SeatFeed = "connecting" | "live" | "polling";

const firstRetryMs = 1_000;
const maxRetryMs = 30_000;

/**
 * Exponential backoff with full jitter: after a server restart thousands of seat maps come back
 * spread over the whole window instead of all at once.
 */
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const retryDelay = (failures: number) => Math.random() * Math.min(maxRetryMs, firstRetryMs * 2 ** failures) + 500;

/**
 * Follows a show's seat stream and writes every snapshot into the occupied-seats query, so the
 * seat map updates as soon as anyone takes or frees a seat. When the stream cannot be opened or
 * drops, it says "polling" (the caller's query then refreshes on a timer) and tries again later.
 */
export function useSeatStream(showId: string): SeatFeed {
  const queryClient = useQueryClient();
  const [feed, setFeed] = useState<SeatFeed>(typeof EventSource === "undefined" ? "polling" : "connecting");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let failures = 0;
    let stopped = false;

    const connect = () => {
      source = new EventSource(buildPath(routes.seatStream.path, { showId }));
      source.addEventListener("seats", (message) => {
        const parsed = seatsEventSchema.safeParse(parseJson((message as MessageEvent<string>).data));
        if (!parsed.success) return;
        failures = 0;
        setFeed("live");
        queryClient.setQueryData(keys.occupied(showId), { success: true as const, ...parsed.data });
      });
      // The browser's own reconnect uses one fixed delay for everyone; ours backs off with jitter.
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        setFeed("polling");
        retry = window.setTimeout(connect, retryDelay(failures++));
      };
    };
    connect();
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(retry);
    };
  }, [showId, queryClient]);

  return feed;
}
