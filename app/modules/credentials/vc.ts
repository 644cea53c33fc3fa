import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { base58 } from "@scure/base";
import canonicalize from "canonicalize";
import { bitAt, isStatusPurpose, readStatusListCredential, type StatusPurpose } from "./status-list";

/*
 * Signed credentials, no I/O: W3C Verifiable Credentials 2.0 secured with an embedded
 * Data Integrity proof, cryptosuite "eddsa-jcs-2022" (W3C Data Integrity EdDSA
 * Cryptosuites v1.0, section 3.3):
 *
 *   proofConfig  = proof options (type, cryptosuite, created, verificationMethod,
 *                  proofPurpose) + "@context" of the document
 *   hashData     = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document without proof))
 *   proofValue   = "z" + base58btc(Ed25519(hashData))
 *
 * The key is an Ed25519 key built from a 32-byte seed; its public key is published as a
 * did:key (multicodec 0xed 0x01 + key, base58btc: "did:key:z6Mk…"), which is also the
 * issuer's id, so anyone can check a file offline with nothing but the file.
 */

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const CRYPTOSUITE = "eddsa-jcs-2022";

export type JsonObject = { [key: string]: unknown };

export type DataIntegrityProof = {
  type: "DataIntegrityProof";
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  "@context"?: unknown;
  proofValue: string;
};

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/** PKCS#8 DER of an Ed25519 private key, up to the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
/** SPKI DER of an Ed25519 public key, up to the 32-byte key. */
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
/** Multicodec "ed25519-pub" (0xed) as an unsigned varint. */
const ED25519_PUB_CODEC = Uint8Array.from([0xed, 0x01]);

export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error("An Ed25519 seed is exactly 32 bytes");
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** The raw 32-byte public key of a seed. */
export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const der = createPublicKey(privateKeyFromSeed(seed)).export({ format: "der", type: "spki" });
  return new Uint8Array(der.subarray(der.length - 32));
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: "der", type: "spki" });
}

/** "z6Mk…": the Multikey form of an Ed25519 public key. */
export function publicKeyMultibase(publicKey: Uint8Array): string {
  return `z${base58.encode(Uint8Array.from([...ED25519_PUB_CODEC, ...publicKey]))}`;
}

export function didKeyOf(publicKey: Uint8Array): string {
  return `did:key:${publicKeyMultibase(publicKey)}`;
}

/** The verification method of a did:key: "did:key:z6Mk…#z6Mk…". */
export function verificationMethodOf(publicKey: Uint8Array): string {
  const mb = publicKeyMultibase(publicKey);
  return `did:key:${mb}#${mb}`;
}

/** The public key named by a did:key (with or without fragment), or null. */
export function publicKeyFromDidKey(didOrMethod: string): Uint8Array | null {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(didOrMethod);
  if (!m || (m[2] && m[2] !== m[1])) return null;
  return publicKeyFromMultibase(m[1]);
}

export function publicKeyFromMultibase(value: string): Uint8Array | null {
  if (!value.startsWith("z")) return null;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(value.slice(1));
  } catch {
    return null;
  }
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_CODEC[0] || bytes[1] !== ED25519_PUB_CODEC[1]) return null;
  return bytes.slice(2);
}

/** The DID part of a verification method ("did:key:z…#z…" → "did:key:z…"). */
export function controllerOf(verificationMethod: string): string {
  return verificationMethod.split("#")[0];
}

// ---------------------------------------------------------------------------
// Sign and verify
// ---------------------------------------------------------------------------

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

function jcs(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error("The document cannot be canonicalised");
  return out;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hashData(document: JsonObject, proofConfig: JsonObject): Buffer {
  return Buffer.concat([sha256(jcs(proofConfig)), sha256(jcs(document))]);
}

/** XML Schema dateTime without fractions, as the proof's `created`. */
export function xsdDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Adds an eddsa-jcs-2022 DataIntegrityProof to a copy of `doc` (any existing `proof` is
 * replaced). `created` is a Date or an XML Schema dateTime string.
 */
export function signCredential<T extends JsonObject>(doc: T, seed: Uint8Array, verificationMethod: string, created: Date | string): T & { proof: DataIntegrityProof } {
  const { proof: _ignored, ...unsecured } = doc as JsonObject;
  const options: JsonObject = {
    type: "DataIntegrityProof",
    cryptosuite: CRYPTOSUITE,
    created: typeof created === "string" ? created : xsdDateTime(created),
    verificationMethod,
    proofPurpose: "assertionMethod",
  };
  if (unsecured["@context"] !== undefined) options["@context"] = unsecured["@context"];
  const signature = sign(null, hashData(unsecured, options), privateKeyFromSeed(seed));
  return { ...(unsecured as T), proof: { ...options, proofValue: `z${base58.encode(signature)}` } as DataIntegrityProof };
}

export type VerifyFailure =
  | "NOT_AN_OBJECT"
  | "NO_PROOF"
  | "UNSUPPORTED_PROOF"
  | "CONTEXT_MISMATCH"
  | "BAD_PROOF_VALUE"
  | "BAD_KEY"
  | "BAD_SIGNATURE";

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/**
 * Checks the eddsa-jcs-2022 proof of `doc` against `publicKey` (raw 32 bytes). Any change
 * to any field of the document or of the proof options makes it fail.
 */
export function verifyCredential(doc: unknown, publicKey: Uint8Array): VerifyResult {
  if (!isObject(doc)) return { ok: false, reason: "NOT_AN_OBJECT" };
  const { proof, ...unsecured } = doc;
  if (!isObject(proof)) return { ok: false, reason: "NO_PROOF" };
  const { proofValue, ...options } = proof;
  if (options.type !== "DataIntegrityProof" || options.cryptosuite !== CRYPTOSUITE) return { ok: false, reason: "UNSUPPORTED_PROOF" };
  if (options.created !== undefined && (typeof options.created !== "string" || Number.isNaN(Date.parse(options.created)))) {
    return { ok: false, reason: "UNSUPPORTED_PROOF" };
  }
  if (options["@context"] !== undefined) {
    // The document's context must start with the proof's, in order; then the proof's is what was signed.
    const proofContext = ([] as unknown[]).concat(options["@context"]);
    const docContext = ([] as unknown[]).concat(unsecured["@context"] ?? []);
    if (!proofContext.every((value, i) => jcs(value) === (docContext[i] === undefined ? undefined : jcs(docContext[i])))) {
      return { ok: false, reason: "CONTEXT_MISMATCH" };
    }
    unsecured["@context"] = options["@context"];
  }
  if (typeof proofValue !== "string" || !proofValue.startsWith("z")) return { ok: false, reason: "BAD_PROOF_VALUE" };
  let signature: Uint8Array;
  try {
    signature = base58.decode(proofValue.slice(1));
  } catch {
    return { ok: false, reason: "BAD_PROOF_VALUE" };
  }
  if (signature.length !== 64) return { ok: false, reason: "BAD_PROOF_VALUE" };
  let key: KeyObject;
  try {
    if (publicKey.length !== 32) throw new Error("bad key");
    key = publicKeyObject(publicKey);
  } catch {
    return { ok: false, reason: "BAD_KEY" };
  }
  let data: Buffer;
  try {
    data = hashData(unsecured, options);
  } catch {
    return { ok: false, reason: "NOT_AN_OBJECT" };
  }
  return verify(null, data, key, signature) ? { ok: true } : { ok: false, reason: "BAD_SIGNATURE" };
}

// ---------------------------------------------------------------------------
// Holder identifiers (Open Badges 3.0 IdentityObject)
// ---------------------------------------------------------------------------

/** "sha256$<hex>" of value + salt, as Open Badges 3.0 hashes a recipient identifier. */
export function identityHash(value: string, salt: string): string {
  return `sha256$${createHash("sha256").update(value + salt, "utf8").digest("hex")}`;
}

// ---------------------------------------------------------------------------
// The Open Badges 3.0 credential of one credential (unsigned)
// ---------------------------------------------------------------------------

export type BadgeInput = {
  /** The credential's URI (its public verification address). */
  id: string;
  issuer: { id: string; name: string; url?: string };
  achievement: { id: string; name: string; description: string; narrative: string };
  holder: { name: string; staffNoHash: string; salt: string };
  /** The credential number, as Open Badges' licenseNumber. */
  number: string | null;
  /** The unit that issued it, as the AchievementSubject's source. */
  source: { id: string; name: string } | null;
  validFrom: Date | null;
  /** The instant it stops being valid (end of the last valid day), or null. */
  validUntil: Date | null;
  credentialStatus: JsonObject[];
};

export function openBadgeCredential(input: BadgeInput): JsonObject {
  const doc: JsonObject = {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: input.achievement.name,
    issuer: { id: input.issuer.id, type: ["Profile"], name: input.issuer.name, ...(input.issuer.url ? { url: input.issuer.url } : {}) },
  };
  if (input.validFrom) doc.validFrom = xsdDateTime(input.validFrom);
  if (input.validUntil) doc.validUntil = xsdDateTime(input.validUntil);
  doc.credentialSubject = {
    type: ["AchievementSubject"],
    // No ID-card number: the name as printed on the certificate, and the staff number only as a salted hash.
    identifier: [
      { type: "IdentityObject", identityType: "name", hashed: false, identityHash: input.holder.name },
      { type: "IdentityObject", identityType: "identifier", hashed: true, identityHash: input.holder.staffNoHash, salt: input.holder.salt },
    ],
    ...(input.number ? { licenseNumber: input.number } : {}),
    ...(input.source ? { source: { id: input.source.id, type: ["Profile"], name: input.source.name } } : {}),
    achievement: {
      id: input.achievement.id,
      type: ["Achievement"],
      achievementType: "License",
      name: input.achievement.name,
      description: input.achievement.description,
      criteria: { narrative: input.achievement.narrative },
    },
  };
  doc.credentialStatus = input.credentialStatus;
  return doc;
}

// ---------------------------------------------------------------------------
// Checking a credential file offline
// ---------------------------------------------------------------------------

export type StatusCheck = { purpose: StatusPurpose; result: "set" | "clear" | "unchecked"; reason?: "NO_LIST" | "LIST_SIGNATURE" | "LIST_ISSUER" };

export type FileCheck = {
  signature: "ok" | "failed";
  /** Why the signature failed. */
  signatureReason?: VerifyFailure | "NOT_JSON" | "UNKNOWN_KEY" | "ISSUER_MISMATCH";
  /** Whether the signing key is one of the trusted keys given (null when none were given). */
  issuerTrusted: boolean | null;
  /** From the status lists given: revoked, suspended, active (every list checked and clear), or unknown. */
  status: "active" | "revoked" | "suspended" | "unknown";
  statusChecks: StatusCheck[];
  issuer: { id: string | null; name: string | null };
  holder: string | null;
  achievement: string | null;
  number: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** validUntil has passed (or validFrom is still ahead) at `now`. */
  outsideValidity: boolean;
};

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The signer's key of a document, if it names a did:key that is also the document's issuer. */
function signerKey(doc: JsonObject): { key: Uint8Array } | { error: "UNKNOWN_KEY" | "ISSUER_MISMATCH" } {
  const proof = isObject(doc.proof) ? doc.proof : null;
  const method = str(proof?.verificationMethod);
  const key = method ? publicKeyFromDidKey(method) : null;
  if (!method || !key) return { error: "UNKNOWN_KEY" };
  const issuer = doc.issuer;
  const issuerId = typeof issuer === "string" ? issuer : isObject(issuer) ? str(issuer.id) : null;
  if (issuerId !== controllerOf(method)) return { error: "ISSUER_MISMATCH" };
  return { key };
}

/**
 * Checks a credential file with no network: the proof against the did:key that signed it
 * (which must be the issuer's id), and — when status list credentials are given, each
 * itself signed by the same issuer — its revocation and suspension bits.
 */
export function checkCredentialFile(json: unknown, statusLists: unknown[] = [], options: { trustedKeys?: Uint8Array[]; now?: Date } = {}): FileCheck {
  const doc = parseJson(json);
  const now = options.now ?? new Date();
  const d = isObject(doc) ? doc : {};
  const issuer = isObject(d.issuer) ? d.issuer : {};
  const subject = isObject(d.credentialSubject) ? d.credentialSubject : {};
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier.filter(isObject) : [];
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const result: FileCheck = {
    signature: "failed",
    issuerTrusted: null,
    status: "unknown",
    statusChecks: [],
    issuer: { id: typeof d.issuer === "string" ? d.issuer : str(issuer.id), name: str(issuer.name) },
    holder: str(identifiers.find((i) => i.identityType === "name" && i.hashed === false)?.identityHash),
    achievement: str(achievement.name),
    number: str(subject.licenseNumber),
    validFrom: str(d.validFrom),
    validUntil: str(d.validUntil),
    outsideValidity: false,
  };
  const from = result.validFrom ? Date.parse(result.validFrom) : NaN;
  const until = result.validUntil ? Date.parse(result.validUntil) : NaN;
  result.outsideValidity = (!Number.isNaN(until) && now.getTime() >= until) || (!Number.isNaN(from) && now.getTime() < from);

  if (!isObject(doc)) return { ...result, signatureReason: "NOT_JSON" };
  const signer = signerKey(doc);
  if ("error" in signer) return { ...result, signatureReason: signer.error };
  const verified = verifyCredential(doc, signer.key);
  if (!verified.ok) return { ...result, signatureReason: verified.reason };
  result.signature = "ok";
  if (options.trustedKeys) result.issuerTrusted = options.trustedKeys.some((k) => Buffer.from(k).equals(Buffer.from(signer.key)));

  // Status: each entry against the list it names, when that list was given and verifies.
  const entries = ([] as unknown[]).concat(d.credentialStatus ?? []).filter(isObject).filter((e) => e.type === "BitstringStatusListEntry" && isStatusPurpose(e.statusPurpose));
  const lists = statusLists.map(parseJson).filter(isObject);
  for (const entry of entries) {
    const purpose = entry.statusPurpose as StatusPurpose;
    const index = Number(entry.statusListIndex);
    const listDoc = lists.find((l) => l.id === entry.statusListCredential && readStatusListCredential(l)?.purpose === purpose);
    if (!listDoc || !Number.isSafeInteger(index)) {
      result.statusChecks.push({ purpose, result: "unchecked", reason: "NO_LIST" });
      continue;
    }
    const listSigner = signerKey(listDoc);
    if ("error" in listSigner || !Buffer.from(listSigner.key).equals(Buffer.from(signer.key))) {
      result.statusChecks.push({ purpose, result: "unchecked", reason: "LIST_ISSUER" });
      continue;
    }
    if (!verifyCredential(listDoc, listSigner.key).ok) {
      result.statusChecks.push({ purpose, result: "unchecked", reason: "LIST_SIGNATURE" });
      continue;
    }
    const list = readStatusListCredential(listDoc)!;
    result.statusChecks.push({ purpose, result: bitAt(list.bits, index) ? "set" : "clear" });
  }
  const check = (purpose: StatusPurpose) => result.statusChecks.find((c) => c.purpose === purpose)?.result;
  if (check("revocation") === "set") result.status = "revoked";
  else if (check("suspension") === "set") result.status = "suspended";
  else if (entries.length > 0 && result.statusChecks.every((c) => c.result === "clear")) result.status = "active";
  return result;
}
