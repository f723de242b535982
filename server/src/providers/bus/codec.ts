import type { ChangeEvent } from "./interface.ts";

const everyShow = "seats:*";

/** A change event as a short string: a NOTIFY payload on PostgreSQL, a document key on MongoDB. */
export function encodeEvent(event: ChangeEvent): string {
  if (event.kind === "seats") return `seats:${event.showId}`;
  return event.kind === "all-seats" ? everyShow : event.kind;
}

/** Null for anything this version does not know (another version of the app may send it). */
export function decodeEvent(text: string): ChangeEvent | null {
  if (text === everyShow) return { kind: "all-seats" };
  if (text === "listings") return { kind: "listings" };
  if (text === "users") return { kind: "users" };
  const showId = /^seats:([\w-]{1,64})$/.exec(text)?.[1];
  return showId ? { kind: "seats", showId } : null;
}
