import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseFile } from "./env.server";

/*
 * Holds an uploaded file between "check" and "confirm" (a two-step import), so the
 * person does not have to choose the file again. Files live next to the database,
 * belong to the uploader, and expire after an hour.
 */
const TTL_MS = 60 * 60 * 1000;

function folder() {
  const dir = join(dirname(databaseFile()), "uploads");
  mkdirSync(dir, { recursive: true });
  return dir;
}

function sweep(dir: string) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (now - statSync(file).mtimeMs > TTL_MS) rmSync(file, { force: true });
  }
}

export function stashUpload(ownerId: string, fileName: string, bytes: Buffer): string {
  const dir = folder();
  sweep(dir);
  const token = randomBytes(16).toString("hex");
  writeFileSync(join(dir, `${token}.bin`), bytes);
  writeFileSync(join(dir, `${token}.json`), JSON.stringify({ ownerId, fileName }));
  return token;
}

/** The stashed file, if it exists, has not expired and belongs to `ownerId`. */
export function readUpload(ownerId: string, token: string): { fileName: string; bytes: Buffer } | null {
  if (!/^[0-9a-f]{32}$/.test(token)) return null;
  const dir = folder();
  try {
    const meta = JSON.parse(readFileSync(join(dir, `${token}.json`), "utf8")) as { ownerId: string; fileName: string };
    const bin = join(dir, `${token}.bin`);
    if (meta.ownerId !== ownerId || Date.now() - statSync(bin).mtimeMs > TTL_MS) return null;
    return { fileName: meta.fileName, bytes: readFileSync(bin) };
  } catch {
    return null;
  }
}

export function discardUpload(token: string) {
  if (!/^[0-9a-f]{32}$/.test(token)) return;
  const dir = folder();
  for (const ext of [".bin", ".json"]) rmSync(join(dir, token + ext), { force: true });
}
