import { checkEvidence } from "~/lib/evidence";

/*
 * Evidence of a credential recorded from outside (a scan of the certificate), checked by
 * ~/lib/evidence with the credentials' dictionary keys; and the public verification code
 * given at issue. Pure.
 */

/** Size and type check of an evidence upload, refused with the credentials' dictionary keys. */
export function checkCredentialEvidence(bytes: Uint8Array) {
  return checkEvidence(bytes, { tooLarge: "credentials.errors.evidenceTooLarge", type: "credentials.errors.evidenceType" });
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
