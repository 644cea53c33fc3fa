/*
 * Evidence of a credential recorded from outside (a scan of the certificate): PDF, JPEG or
 * PNG up to 5 MB, the type decided by the file's first bytes, never its name. And the
 * public verification code given at issue. Pure.
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

export function evidenceMimeOf(ext: string): string | null {
  return EVIDENCE_TYPES.find((t) => t.ext === ext)?.mime ?? null;
}

export function checkCredentialEvidence(
  bytes: Uint8Array,
): { ok: true; ext: EvidenceExt; mime: string } | { ok: false; error: "credentials.errors.evidenceTooLarge" | "credentials.errors.evidenceType" } {
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, error: "credentials.errors.evidenceTooLarge" };
  const type = bytes.length >= 8 ? EVIDENCE_TYPES.find((t) => t.magic(bytes)) : undefined;
  if (!type) return { ok: false, error: "credentials.errors.evidenceType" };
  return { ok: true, ext: type.ext, mime: type.mime };
}

/** The uploaded name without any folder or control characters, at most 120 characters. */
export function evidenceDisplayName(name: string, ext: EvidenceExt): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, "").trim() ?? "";
  return (base || `evidence.${ext}`).slice(-120);
}

/** Verification codes: 20 characters of an unambiguous alphabet (no 0/O, 1/I/L), about 99 bits. */
export const VERIFY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const VERIFY_CODE_LENGTH = 20;

/** Random bytes → a code; rejection sampling keeps every character equally likely. Null if the bytes run out. */
export function verifyCodeFrom(random: Uint8Array): string | null {
  const limit = 256 - (256 % VERIFY_CODE_ALPHABET.length);
  let code = "";
  for (const byte of random) {
    if (byte >= limit) continue;
    code += VERIFY_CODE_ALPHABET[byte % VERIFY_CODE_ALPHABET.length];
    if (code.length === VERIFY_CODE_LENGTH) return code;
  }
  return null;
}

export function isVerifyCode(value: string): boolean {
  return value.length === VERIFY_CODE_LENGTH && [...value].every((c) => VERIFY_CODE_ALPHABET.includes(c));
}

/** A fresh verification code (Web Crypto: works in Node and the browser; used on the server). */
export function generateVerifyCode(): string {
  for (;;) {
    const code = verifyCodeFrom(globalThis.crypto.getRandomValues(new Uint8Array(64)));
    if (code) return code;
  }
}
