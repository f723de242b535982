import { describe, expect, it } from "vitest";
import { memoizeMany } from "./memo.ts";

describe("memoizeMany", () => {
  it("reads only the keys it does not remember, in one call, and forgets them after their time", async () => {
    let clock = 0;
    const calls: string[][] = [];
    const records = new Map([["a", { id: "a", v: 1 }], ["b", { id: "b", v: 2 }], ["c", { id: "c", v: 3 }]]);
    const lookup = memoizeMany(
      async (ids) => {
        calls.push(ids);
        return ids.flatMap((id) => (records.has(id) ? [{ ...records.get(id)! }] : []));
      },
      (r) => r.id,
      { max: 10, ttlMs: 100, now: () => clock },
    );
    expect((await lookup(["a", "b", "a"])).map((r) => r.id).sort()).toEqual(["a", "b"]);
    expect((await lookup(["b", "c", "missing"])).map((r) => r.id).sort()).toEqual(["b", "c"]);
    expect(calls).toEqual([["a", "b"], ["c", "missing"]]);
    records.set("a", { id: "a", v: 10 });
    expect((await lookup(["a"]))[0]?.v).toBe(1);
    clock = 101;
    expect((await lookup(["a"]))[0]?.v).toBe(10);
    expect(calls).toHaveLength(3);
  });
});
