import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseFile } from "./env.server";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { EVIDENCE_MAX_BYTES, evidenceMime, type EvidenceExt } from "./evidence";

/*
 * Evidence files live next to the database in a folder per module (hours: evidence/,
 * credentials: evidence/credentials/), named by 32 random hex characters (never by
 * anything the uploader chose), written aside and renamed so another server process never
 * serves half a file. A file written for a change whose transaction then fails is left
 * behind unreferenced: harmless, and never served. Who may read a file is the module's
 * decision; this only stores, reads and serves.
 */

export type EvidenceFile = { bytes: Buffer; mime: string; name: string };

/** `folder` is relative to the database's folder, e.g. "evidence" or "evidence/credentials". */
function evidenceFolder(folder: string) {
  const dir = join(dirname(databaseFile()), folder);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const EVIDENCE_FILE = /^[0-9a-f]{32}\.(pdf|jpg|png)$/;

/** Stores the bytes (already checked) and returns the stored file name to keep on the row. */
export function storeEvidence(folder: string, bytes: Buffer, ext: EvidenceExt): string {
  const name = `${randomBytes(16).toString("hex")}.${ext}`;
  const file = join(evidenceFolder(folder), name);
  writeFileSync(`${file}.${process.pid}.tmp`, bytes);
  renameSync(`${file}.${process.pid}.tmp`, file);
  return name;
}

/** The stored file named on a row, or null when there is none (or the name is not one this wrote). */
export function readEvidence(folder: string, file: string | null, displayName: string | null): EvidenceFile | null {
  const match = file ? EVIDENCE_FILE.exec(file) : null;
  if (!file || !match) return null;
  const path = join(evidenceFolder(folder), file);
  if (!existsSync(path)) return null;
  return { bytes: readFileSync(path), mime: evidenceMime(match[1])!, name: displayName || file };
}

/** The response serving an evidence file (the routes check access through their module first). */
export function evidenceResponse(file: EvidenceFile): Response {
  const pdf = file.mime === "application/pdf";
  const headers: Record<string, string> = {
    "Content-Type": file.mime,
    // PDFs download (a sandboxed PDF does not render in Chromium); images show inline, sandboxed.
    "Content-Disposition": `${pdf ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Content-Length": String(file.bytes.length),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (!pdf) headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
  return new Response(new Uint8Array(file.bytes), { headers });
}

/**
 * A form with an optional evidence file: null when a part is over the limit (the page
 * says "too large"). The parser's limit is a little over the evidence limit, so the file
 * check, not the parser, names a file that is just too large.
 */
export async function evidenceForm(request: Request): Promise<{ form: FormData; evidence: { name: string; bytes: Buffer } | null } | null> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: EVIDENCE_MAX_BYTES + 1024 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
  const file = form.get("evidence");
  const evidence = file instanceof File && file.size > 0 ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
  return { form, evidence };
}
