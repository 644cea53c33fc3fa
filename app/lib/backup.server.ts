import Database from "better-sqlite3";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { databaseFile } from "./env.server";

/*
 * Online backup and restore with SQLite's backup API: pages are copied while the app
 * keeps serving, and the copy is a consistent snapshot of one moment.
 */

export type BackupReport = { file: string; bytes: number; pages: number; seconds: number };

function integrityProblem(file: string): string | null {
  const check = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") return String(result);
    const migrations = check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '_prisma_migrations'").get() as { n: number };
    if (migrations.n !== 1) return "not an application database (no _prisma_migrations table)";
    return null;
  } finally {
    check.close();
  }
}

export async function backupDatabase(target: string, source = databaseFile()): Promise<BackupReport> {
  const started = Date.now();
  const out = resolve(target);
  if (existsSync(out)) throw new Error(`${out} already exists; backups never overwrite a file`);
  mkdirSync(dirname(out), { recursive: true });
  const live = new Database(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const progress = await live.backup(out);
    const problem = integrityProblem(out);
    if (problem) {
      rmSync(out, { force: true });
      throw new Error(`backup failed its integrity check: ${problem}`);
    }
    const { size } = statSync(out);
    return { file: out, bytes: size, pages: progress.totalPages, seconds: (Date.now() - started) / 1000 };
  } finally {
    live.close();
  }
}

/**
 * Replaces the live database with a backup. The backup is checked first, and the
 * current database is itself backed up beside it (`*.before-restore-<time>`), so a
 * restore can be undone. Stop the server first (connections keep cached state);
 * afterwards run `migrate` in case the backup predates newer migrations.
 */
export async function restoreDatabase(backupFile: string, target = databaseFile()): Promise<{ safetyCopy: string | null }> {
  const source = resolve(backupFile);
  const problem = integrityProblem(source);
  if (problem) throw new Error(`refusing to restore ${source}: ${problem}`);
  let safetyCopy: string | null = null;
  if (existsSync(target)) {
    safetyCopy = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await backupDatabase(safetyCopy, target);
  } else {
    mkdirSync(dirname(target), { recursive: true });
  }
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target);
  } finally {
    from.close();
  }
  return { safetyCopy };
}

