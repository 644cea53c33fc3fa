import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  applyMigrations,
  checkMigrations,
  createEmptyMigration,
  createMigration,
} from "./migrations";

let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-test-"));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A private copy of the repo's migrations, so tests can add folders to it. */
async function copyOfMigrations(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

/** The repo's schema plus one model nobody has a migration for. */
async function schemaWithExtraModel(): Promise<string> {
  const schema = await fs.readFile(DEFAULT_SCHEMA_PATH, "utf8");
  const file = path.join(tmp, `extra-${Date.now()}.prisma`);
  await fs.writeFile(file, `${schema}\nmodel DriftProbe {\n  id    Int    @id @default(autoincrement())\n  label String\n}\n`);
  return file;
}

describe("applyMigrations", () => {
  it("creates the database, its folder and the tables, and records each migration", async () => {
    const file = path.join(tmp, "apply", "nested", "app.db");
    const applied = await applyMigrations(`file:${file}`);

    const folders = (await fs.readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(applied).toEqual(folders);

    const db = new Database(file);
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => (row as { name: string }).name);
      expect(tables).toEqual(expect.arrayContaining(["OrgUnit", "Person", "User", "Session", "AuditEvent"]));

      // Stock `prisma migrate deploy` treats a row as applied when the name matches and
      // finished_at is set; it compares the checksum (sha256 of migration.sql) too.
      const rows = db
        .prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name")
        .all() as { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null }[];
      expect(rows.map((row) => row.migration_name)).toEqual(folders);
      for (const row of rows) {
        const sql = await fs.readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }

      // The engine takes an EXCLUSIVE lock on its connection; writing from here proves
      // that connection was closed.
      db.prepare(`INSERT INTO "Permission" ("key") VALUES ('probe')`).run();
    } finally {
      db.close();
    }
  });

  it("is idempotent", async () => {
    const url = `file:${path.join(tmp, "idempotent.db")}`;
    expect((await applyMigrations(url)).length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("stops at a failing migration and refuses to continue past it, like migrate deploy", async () => {
    const dir = await copyOfMigrations("failing");
    const url = `file:${path.join(tmp, "failing.db")}`;
    await createEmptyMigration("broken", "THIS IS NOT SQL;", { migrationsDir: dir });
    await expect(applyMigrations(url, dir)).rejects.toThrow(/syntax error/);
    await expect(applyMigrations(url, dir)).rejects.toThrow(/failed migrations/);
  });
});

describe("checkMigrations", () => {
  it("reports the repository's migrations in sync with prisma/schema.prisma", async () => {
    const result = await checkMigrations();
    expect(result.script).toBe("");
    expect(result.inSync).toBe(true);
  });

  it("reports a model without a migration as drift", async () => {
    const result = await checkMigrations({ schemaPath: await schemaWithExtraModel() });
    expect(result.inSync).toBe(false);
    expect(result.script).toContain('CREATE TABLE "DriftProbe"');
  });

  it("does not count triggers or inserted rows from hand-written migrations as drift", async () => {
    const dir = await copyOfMigrations("handwritten");
    // Names and rows the repository's own migrations do not already use.
    await createEmptyMigration(
      "login attempts append only",
      [
        `CREATE TRIGGER "LoginAttempt_no_update" BEFORE UPDATE ON "LoginAttempt"`,
        `BEGIN SELECT RAISE(ABORT, 'LoginAttempt is append-only'); END;`,
        `INSERT INTO "Role" ("key", "sortOrder") VALUES ('driftProbe', 99);`,
      ].join("\n"),
      { migrationsDir: dir },
    );
    expect(await checkMigrations({ migrationsDir: dir })).toEqual({ inSync: true, script: "" });
  });
});

describe("createMigration", () => {
  it("writes the missing change as a new, later migration and then has nothing left to do", async () => {
    const dir = await copyOfMigrations("create");
    const schemaPath = await schemaWithExtraModel();
    const before = (await fs.readdir(dir)).filter((entry) => /^\d{14}_/.test(entry));

    const folder = await createMigration("add drift probe", { schemaPath, migrationsDir: dir });
    expect(folder).not.toBeNull();
    const name = path.basename(folder!);
    expect(name).toMatch(/^\d{14}_add_drift_probe$/);
    // Folder order is apply order: the new one must sort after every existing one.
    expect([...before, name].sort().at(-1)).toBe(name);
    expect(await fs.readFile(path.join(folder!, "migration.sql"), "utf8")).toContain('CREATE TABLE "DriftProbe"');

    expect(await checkMigrations({ schemaPath, migrationsDir: dir })).toEqual({ inSync: true, script: "" });
    expect(await createMigration("again", { schemaPath, migrationsDir: dir })).toBeNull();
  });

  it("starts a migrations folder from nothing, with Prisma's lockfile", async () => {
    const dir = path.join(tmp, "fresh-migrations");
    const folder = await createMigration("init", { migrationsDir: dir });
    expect(folder).not.toBeNull();
    expect(await fs.readFile(path.join(dir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
    // A second hand-written migration in the same second still sorts after the first.
    const second = await createEmptyMigration("seed", "SELECT 1;", { migrationsDir: dir });
    expect(path.basename(second) > path.basename(folder!)).toBe(true);
  });
});
