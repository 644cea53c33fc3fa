import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.server";

describe("group commit", () => {
  it("writes the first item at once and batches what arrives while a write is under way", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const submit = groupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((n) => n * 10);
      },
      { maxBatch: 3 },
    );
    const first = submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4, 5].map(submit); // arrive while batch 1 is being written
    release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it("a failed write rejects only the items of its batch", async () => {
    let calls = 0;
    const submit = groupCommit<string, string>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error("disk full");
        return items;
      },
      { maxBatch: 10 },
    );
    const failed = submit("a");
    await expect(failed).rejects.toThrow("disk full");
    await expect(submit("b")).resolves.toBe("b");
  });
});
