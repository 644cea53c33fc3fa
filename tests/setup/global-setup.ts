import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../app/cli/migrations";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** Hash of every migration file: the template is rebuilt whenever one changes. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  const dir = path.resolve("prisma/migrations");
  for (const entry of readdirSync(dir).sort()) {
    const file = path.join(dir, entry, "migration.sql");
    if (existsSync(file)) hash.update(entry).update(readFileSync(file));
  }
  return hash.digest("hex");
}

/** Builds one migrated SQLite file; each test file gets its own copy (setup-env.ts). */
export default async function globalSetup() {
  mkdirSync(TMP_DIR, { recursive: true });
  const stamp = path.join(TMP_DIR, "template.hash");
  const hash = migrationsHash();
  if (existsSync(TEMPLATE_DB) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE_DB + suffix, { force: true });
  await applyMigrations(`file:${TEMPLATE_DB}`);
  writeFileSync(stamp, hash);
}
