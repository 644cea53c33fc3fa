import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseFile } from "./env.server";

/*
 * Images for question stems and explanations. Stored next to the database under their
 * SHA-256 (the same image uploaded twice is one file) and served from /media/<name>.
 * The type is decided from the file's first bytes, never from its name; SVG is refused
 * because it can carry script.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Lesson videos: local files only (county networks are slow and the internet is not assumed). */
export const MAX_VIDEO_BYTES = 100 * 1024 * 1024;

const VIDEO_TYPES: { ext: string; mime: string; magic: (b: Buffer) => boolean }[] = [
  // ISO base media (MP4): a box whose type is "ftyp" at offset 4.
  { ext: "mp4", mime: "video/mp4", magic: (b) => b.subarray(4, 8).toString("latin1") === "ftyp" },
  { ext: "webm", mime: "video/webm", magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
];

const TYPES: { ext: string; mime: string; magic: (b: Buffer) => boolean }[] = [
  { ext: "png", mime: "image/png", magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: "jpg", mime: "image/jpeg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: "gif", mime: "image/gif", magic: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  { ext: "webp", mime: "image/webp", magic: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

function folder() {
  const dir = join(dirname(databaseFile()), "media");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type SavedImage = { ok: true; name: string; url: string } | { ok: false; error: "media.errors.tooLarge" | "media.errors.notImage" };
export type SavedVideo = { ok: true; name: string; url: string } | { ok: false; error: "media.errors.videoTooLarge" | "media.errors.notVideo" };

function store(bytes: Buffer, ext: string) {
  const name = `${createHash("sha256").update(bytes).digest("hex")}.${ext}`;
  const file = join(folder(), name);
  if (!existsSync(file)) {
    // Write aside then rename: another server process never serves half a file.
    writeFileSync(`${file}.${process.pid}.tmp`, bytes);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return { ok: true as const, name, url: `/media/${name}` };
}

/** Image, video or neither, by the file's first bytes. */
export function mediaKind(bytes: Buffer): "image" | "video" | null {
  if (bytes.length <= 12) return null;
  if (TYPES.some((t) => t.magic(bytes))) return "image";
  if (VIDEO_TYPES.some((t) => t.magic(bytes))) return "video";
  return null;
}

export function saveVideo(bytes: Buffer): SavedVideo {
  if (bytes.length > MAX_VIDEO_BYTES) return { ok: false, error: "media.errors.videoTooLarge" };
  const type = VIDEO_TYPES.find((t) => bytes.length > 12 && t.magic(bytes));
  if (!type) return { ok: false, error: "media.errors.notVideo" };
  return store(bytes, type.ext);
}

export function saveImage(bytes: Buffer): SavedImage {
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: "media.errors.tooLarge" };
  const type = TYPES.find((t) => bytes.length > 12 && t.magic(bytes));
  if (!type) return { ok: false, error: "media.errors.notImage" };
  return store(bytes, type.ext);
}

/** The stored file and its type, or null for any name we did not write. */
export function readImage(name: string): { bytes: Buffer; mime: string } | null {
  const match = /^([0-9a-f]{64})\.(png|jpg|gif|webp|mp4|webm)$/.exec(name);
  if (!match) return null;
  const file = join(folder(), name);
  if (!existsSync(file)) return null;
  return { bytes: readFileSync(file), mime: [...TYPES, ...VIDEO_TYPES].find((t) => t.ext === match[2])!.mime };
}
