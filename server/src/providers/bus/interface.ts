/**
 * What changed, kept as small as a notification payload: which show's seats (or every show's, for
 * a write that names no show), the show listings, or some account (a role, a password, sessions
 * ended), which every instance must stop answering from memory.
 */
export type ChangeEvent = { kind: "seats"; showId: string } | { kind: "all-seats" } | { kind: "listings" } | { kind: "users" };

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Carries change events to every server instance, this one included. Delivery is prompt but not a
 * record: a listener that may have missed events (a dropped connection) is sent `all-seats`,
 * `listings` and `users` once it is back, and readers re-read the database rather than trust the event.
 */
export interface ChangeBus {
  readonly kind: "in-process" | "postgres-notify" | "mongo-change-stream" | "mongo-polling";
  /** Never waits for the network and never throws, so a booking is neither slowed nor failed by it. */
  publish(event: ChangeEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}
