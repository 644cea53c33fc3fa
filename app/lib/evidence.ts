/*
 * Evidence files (a scan of a certificate, proof of an activity): PDF, JPEG or PNG up to
 * 5 MB, the type decided by the file's first bytes, never its name. Shared by the hours
 * ledger and credentials, each of which reports problems with its own dictionary keys.
 * Pure (the form pages use the size limit too); storing and serving is evidence.server.ts.
 */

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

const EVIDENCE_TYPES = [
  { ext: "pdf", mime: "application/pdf", magic: (b: Uint8Array) => ascii(b, 0, 5) === "%PDF-" },
  { ext: "png", mime: "image/png", magic: (b: Uint8Array) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { ext: "jpg", mime: "image/jpeg", magic: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
] as const;
export type EvidenceExt = (typeof EVIDENCE_TYPES)[number]["ext"];

function ascii(b: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...b.subarray(from, from + length));
}

/** The evidence type decided by the file's first bytes (never its name), or null. */
export function evidenceType(bytes: Uint8Array): { ext: EvidenceExt; mime: string } | null {
  if (bytes.length < 8) return null;
  const type = EVIDENCE_TYPES.find((t) => t.magic(bytes));
  return type ? { ext: type.ext, mime: type.mime } : null;
}

export function evidenceMime(ext: string): string | null {
  return EVIDENCE_TYPES.find((t) => t.ext === ext)?.mime ?? null;
}

/** Size and type check of an upload; `errors` are the caller's dictionary keys for the two refusals. */
export function checkEvidence<Key extends string>(bytes: Uint8Array, errors: { tooLarge: Key; type: Key }): { ok: true; ext: EvidenceExt; mime: string } | { ok: false; error: Key } {
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, error: errors.tooLarge };
  const type = evidenceType(bytes);
  if (!type) return { ok: false, error: errors.type };
  return { ok: true, ...type };
}

/** The uploaded name without any folder or control characters, at most 120 characters. */
export function evidenceDisplayName(name: string, ext: EvidenceExt): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, "").trim() ?? "";
  return (base || `evidence.${ext}`).slice(-120);
}
