import Database from "better-sqlite3";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "~/cli/seed/seed.server";
import { backupDatabase, restoreDatabase } from "~/lib/backup.server";
import { db, write } from "~/lib/db.server";
import { audit, SYSTEM_ACTOR } from "~/lib/audit.server";

const dir = path.resolve("tests/.tmp");
const stamp = `${process.pid}-${Date.now()}`;
const backupFile = path.join(dir, `backup-${stamp}.db`);
const otherFile = path.join(dir, `restore-target-${stamp}.db`);

beforeAll(async () => {
  await seed({ officers: 20, questionBank: false });
});

afterAll(() => {
  for (const f of [backupFile, otherFile]) for (const s of ["", "-wal", "-shm"]) rmSync(f + s, { force: true });
});

describe("online backup and restore", () => {
  it("copies the live database while it is open, and the copy passes its integrity check", async () => {
    const people = await db.person.count();
    const report = await backupDatabase(backupFile);
    expect(report.bytes).toBeGreaterThan(0);
    const copy = new Database(backupFile, { readonly: true });
    expect((copy.prepare("SELECT count(*) AS n FROM Person").get() as { n: number }).n).toBe(people);
    copy.close();
  });

  it("never overwrites an existing file", async () => {
    await expect(backupDatabase(backupFile)).rejects.toThrow(/already exists/);
  });

  it("restores a backup over another database and keeps a safety copy of what was there", async () => {
    // Build a different database, then restore the backup onto it.
    await write((tx) => audit(tx, SYSTEM_ACTOR, { action: "test.after-backup", objectType: "Database", objectId: "x" }));
    await backupDatabase(otherFile);
    const { safetyCopy } = await restoreDatabase(backupFile, otherFile);
    expect(safetyCopy && existsSync(safetyCopy)).toBeTruthy();
    const restored = new Database(otherFile, { readonly: true });
    const marker = restored.prepare("SELECT count(*) AS n FROM AuditEvent WHERE action = 'test.after-backup'").get() as { n: number };
    restored.close();
    expect(marker.n).toBe(0);
    if (safetyCopy) rmSync(safetyCopy, { force: true });
  });

  it("refuses to restore a file that is not an application database", async () => {
    const junk = new Database(path.join(dir, `junk-${stamp}.db`));
    junk.exec("CREATE TABLE t (x)");
    junk.close();
    await expect(restoreDatabase(path.join(dir, `junk-${stamp}.db`), otherFile)).rejects.toThrow(/not an application database/);
    rmSync(path.join(dir, `junk-${stamp}.db`), { force: true });
  });
});
