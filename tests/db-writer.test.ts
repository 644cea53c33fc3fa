import { describe, expect, it } from "vitest";
import { db, write } from "~/lib/db.server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function event(objectId: string) {
  return { action: "test.write", objectType: "Test", objectId };
}

describe("write()", () => {
  it("keeps a concurrent write out of another transaction that rolls back", async () => {
    // The first transaction writes, waits (as if doing more work), then fails. The
    // second is started meanwhile on the same process; it must neither land inside the
    // first one's transaction nor be rolled back with it.
    const failing = write(async (tx) => {
      await tx.auditEvent.create({ data: event("rolled-back") });
      await sleep(50);
      throw new Error("boom");
    });
    const succeeding = write((tx) => tx.auditEvent.create({ data: event("committed") }));

    const [first, second] = await Promise.allSettled([failing, succeeding]);
    expect(first.status).toBe("rejected");
    expect((first as PromiseRejectedResult).reason).toMatchObject({ message: "boom" });
    expect(second.status).toBe("fulfilled");

    expect(await db.auditEvent.count({ where: { objectId: "committed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { objectId: "rolled-back" } })).toBe(0);
  });

  it("runs queued transactions one at a time, in the order they were started", async () => {
    const order: string[] = [];
    const slow = write(async (tx) => {
      order.push("slow:start");
      await tx.auditEvent.create({ data: event("slow") });
      await sleep(30);
      order.push("slow:end");
    });
    const fast = write(async (tx) => {
      order.push("fast:start");
      await tx.auditEvent.create({ data: event("fast") });
      order.push("fast:end");
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(["slow:start", "slow:end", "fast:start", "fast:end"]);
  });

  it("keeps working after a failed transaction", async () => {
    await expect(write(() => Promise.reject(new Error("first fails")))).rejects.toThrow("first fails");
    await expect(write((tx) => tx.auditEvent.create({ data: event("after-failure") }))).resolves.toMatchObject({ objectId: "after-failure" });
  });

  it("returns what the transaction returns, and the reader sees it once committed", async () => {
    const created = await write((tx) => tx.auditEvent.create({ data: event("visible") }));
    expect(created.id).toEqual(expect.any(Number));
    expect(await db.auditEvent.findUnique({ where: { id: created.id } })).toMatchObject({ objectId: "visible" });
  });

  it("rolls back every statement of a failed transaction", async () => {
    await expect(
      write(async (tx) => {
        await tx.auditEvent.create({ data: event("partial-1") });
        await tx.auditEvent.create({ data: event("partial-2") });
        throw new Error("late failure");
      }),
    ).rejects.toThrow("late failure");
    expect(await db.auditEvent.count({ where: { objectId: { startsWith: "partial-" } } })).toBe(0);
  });
});

describe("db (the reader)", () => {
  it("refuses writes", async () => {
    await expect(db.auditEvent.create({ data: event("through-reader") })).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { objectId: "through-reader" } })).toBe(0);
  });

  it("refuses raw writes too", async () => {
    await expect(db.$executeRawUnsafe(`INSERT INTO "Permission" ("key") VALUES ('sneaky')`)).rejects.toThrow();
    expect(await db.permission.count({ where: { key: "sneaky" } })).toBe(0);
  });
});
