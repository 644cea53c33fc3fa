import { gunzipSync, gzipSync } from "node:zlib";
import { base64urlnopad } from "@scure/base";
import type { JsonObject } from "./vc";

const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/*
 * W3C Bitstring Status List v1.0, no I/O. Each issued credential has a fixed position
 * (Credential.statusIndex) in two lists: "revocation" (bit set = revoked) and "suspension"
 * (bit set = suspended now; cleared on reinstatement). A list is a bitstring of at least
 * 131,072 bits (16 KB, the specification's minimum, so one credential's position tells an
 * observer nothing), bit 0 the most significant bit of the first byte, GZIP-compressed and
 * multibase-encoded as base64url without padding ("u" prefix).
 */

export const STATUS_PURPOSES = ["revocation", "suspension"] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** The minimum length of a list, in bits. Lists grow in steps of this size. */
export const STATUS_LIST_BITS = 131_072;
/** A decoded list larger than this is refused (a gzip bomb is not a status list). */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export function isStatusPurpose(value: unknown): value is StatusPurpose {
  return typeof value === "string" && (STATUS_PURPOSES as readonly string[]).includes(value);
}

/** The bitstring with the given positions set; its length is the minimum or the next multiple of it. */
export function bitstringOf(setIndices: Iterable<number>, minBits = STATUS_LIST_BITS): Uint8Array {
  const indices = [...setIndices];
  for (const i of indices) if (!Number.isSafeInteger(i) || i < 0) throw new Error(`Not a status list index: ${i}`);
  const highest = indices.length ? Math.max(...indices) : -1;
  const bits = Math.max(minBits, Math.ceil((highest + 1) / STATUS_LIST_BITS) * STATUS_LIST_BITS);
  const bytes = new Uint8Array(bits / 8);
  for (const i of indices) bytes[i >> 3] |= 0x80 >> (i & 7);
  return bytes;
}

/** Whether position `index` is set (positions past the end read as unset). */
export function bitAt(bytes: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >> 3 >= bytes.length) return false;
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** "u" + base64url(gzip(bitstring)). */
export function encodeStatusList(setIndices: Iterable<number>, minBits = STATUS_LIST_BITS): string {
  // mtime 0 in the gzip header keeps the encoding a function of the bits alone.
  return `u${base64urlnopad.encode(gzipSync(bitstringOf(setIndices, minBits), { level: 9 }))}`;
}

/** The bitstring of an encoded list, or null when it is not one. */
export function decodeStatusList(encoded: unknown): Uint8Array | null {
  if (typeof encoded !== "string" || !encoded.startsWith("u")) return null;
  try {
    const bytes = gunzipSync(base64urlnopad.decode(encoded.slice(1)), { maxOutputLength: MAX_DECODED_BYTES });
    return new Uint8Array(bytes);
  } catch {
    return null;
  }
}

/** The `credentialStatus` entries of a credential at `index`, one per purpose. */
export function statusEntries(listUrls: Record<StatusPurpose, string>, index: number): JsonObject[] {
  return STATUS_PURPOSES.map((purpose) => ({
    id: `${listUrls[purpose]}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrls[purpose],
  }));
}

/** The (unsigned) BitstringStatusListCredential for one purpose. */
export function statusListCredential(input: { url: string; issuer: JsonObject; purpose: StatusPurpose; setIndices: Iterable<number>; validFrom: Date }): JsonObject {
  return {
    "@context": [VC_CONTEXT],
    id: input.url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: input.issuer,
    validFrom: input.validFrom.toISOString().replace(/\.\d{3}Z$/, "Z"),
    credentialSubject: {
      id: `${input.url}#list`,
      type: "BitstringStatusList",
      statusPurpose: input.purpose,
      encodedList: encodeStatusList(input.setIndices),
    },
  };
}

/** The parts of a status list credential a verifier needs, or null when it is not one. */
export function readStatusListCredential(doc: unknown): { id: string; purpose: StatusPurpose; bits: Uint8Array; issuerId: string | null } | null {
  if (typeof doc !== "object" || doc === null) return null;
  const d = doc as JsonObject;
  const types = ([] as unknown[]).concat(d.type ?? []);
  if (typeof d.id !== "string" || !types.includes("BitstringStatusListCredential")) return null;
  const subject = d.credentialSubject as JsonObject | undefined;
  if (!subject || subject.type !== "BitstringStatusList" || !isStatusPurpose(subject.statusPurpose)) return null;
  const bits = decodeStatusList(subject.encodedList);
  if (!bits) return null;
  const issuer = d.issuer;
  const issuerId = typeof issuer === "string" ? issuer : typeof (issuer as JsonObject | undefined)?.id === "string" ? ((issuer as JsonObject).id as string) : null;
  return { id: d.id, purpose: subject.statusPurpose, bits, issuerId };
}
