import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { purposeMac } from "~/lib/secrets.server";
import { expiresAt } from "./rules";
import { STATUS_PURPOSES, statusEntries, statusListCredential, type StatusPurpose } from "./status-list";
import {
  checkCredentialFile,
  CRYPTOSUITE,
  didKeyOf,
  identityHash,
  OB_CONTEXT,
  openBadgeCredential,
  publicKeyFromSeed,
  publicKeyMultibase,
  signCredential,
  VC_CONTEXT,
  verificationMethodOf,
  type FileCheck,
  type JsonObject,
} from "./vc";
import { credentialForDocuments, verifyUrl } from "./verify.server";

/*
 * The platform's signing key and the signed documents: each issued credential as an
 * Open Badges 3.0 credential, the two status lists, and the issuer profile that
 * publishes the public key.
 *
 * Key: CREDENTIAL_SIGNING_KEY (base64 of a 32-byte Ed25519 seed) or, when absent, a seed
 * derived from the master key (APP_SECRET_KEY / data/secret.key) — so the key survives
 * restarts and is backed up with the master key. Changing either changes the issuer's
 * did:key: credentials signed before keep verifying against the old key, which verifiers
 * must be told about (docs/credentials-verification.md).
 */

let cachedSeed: { source: string; seed: Uint8Array } | undefined;

export function signingSeed(): Uint8Array {
  const configured = env().CREDENTIAL_SIGNING_KEY;
  const source = configured ?? "derived";
  if (cachedSeed?.source !== source) {
    const seed = configured ? Buffer.from(configured, "base64") : Buffer.from(purposeMac("credential-signing-key", "v1"), "base64url");
    if (seed.length !== 32) throw new Error("CREDENTIAL_SIGNING_KEY must be base64 of exactly 32 bytes (an Ed25519 seed)");
    cachedSeed = { source, seed: new Uint8Array(seed) };
  }
  return cachedSeed.seed;
}

export function issuerKey() {
  const publicKey = publicKeyFromSeed(signingSeed());
  return { publicKey, did: didKeyOf(publicKey), verificationMethod: verificationMethodOf(publicKey), publicKeyMultibase: publicKeyMultibase(publicKey) };
}

const base = (origin: string) => origin.replace(/\/$/, "");

export function issuerUrl(origin: string): string {
  return `${base(origin)}/credentials/issuer`;
}

export function statusListUrls(origin: string): Record<StatusPurpose, string> {
  return { revocation: `${base(origin)}/credentials/status/revocation`, suspension: `${base(origin)}/credentials/status/suspension` };
}

/** Signed documents speak Chinese: they are official records, not pages. */
const zh = () => translator("zh-CN");

function issuerOf(origin: string): JsonObject {
  return { id: issuerKey().did, type: ["Profile"], name: zh()("common.appName"), url: issuerUrl(origin) };
}

/** GET /credentials/issuer: the issuer's profile with its public key and status lists. */
export function issuerProfile(origin: string): JsonObject {
  const key = issuerKey();
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT, "https://w3id.org/security/multikey/v1"],
    ...issuerOf(origin),
    verificationMethod: [{ id: key.verificationMethod, type: "Multikey", controller: key.did, publicKeyMultibase: key.publicKeyMultibase }],
    assertionMethod: [key.verificationMethod],
    cryptosuite: CRYPTOSUITE,
    statusLists: statusListUrls(origin),
  };
}

/** The signed Open Badges 3.0 credential of one credential (holder or credential.view in scope; 404 otherwise). */
export async function credentialVc(actor: Actor, id: string, origin: string, now = new Date()): Promise<{ json: JsonObject; fileName: string }> {
  const c = await credentialForDocuments(actor, id, now);
  const t = zh();
  // A salt of its own per credential, stable across downloads, so the staff-number hash links nothing.
  const salt = purposeMac("credential-subject-salt", c.id).slice(0, 22);
  const key = issuerKey();
  const doc = openBadgeCredential({
    id: verifyUrl(origin, c.verifyCode),
    issuer: { id: key.did, name: t("common.appName"), url: issuerUrl(origin) },
    achievement: {
      id: `${base(origin)}/credentials/types/${c.type.code}`,
      name: c.type.name,
      description: t("verify.vc.description", { type: c.type.name }),
      narrative: t("verify.vc.narrative", { type: c.type.name }),
    },
    holder: { name: c.holder.name, staffNoHash: identityHash(c.holder.staffNo, salt), salt },
    number: c.number,
    source: c.issuingUnit ? { id: `${issuerUrl(origin)}#unit-${c.issuingUnit.code}`, name: c.issuingUnit.name } : null,
    validFrom: c.validFrom,
    validUntil: c.validUntil ? expiresAt(c.validUntil) : null,
    credentialStatus: statusEntries(statusListUrls(origin), c.statusIndex),
  });
  const json = signCredential(doc, signingSeed(), key.verificationMethod, now);
  return { json, fileName: `${c.number ?? c.verifyCode}-${c.holder.staffNo}.json` };
}

/** The credentials whose bit is set in a list: revoked ones, or suspended ones right now. */
export async function statusListIndices(purpose: StatusPurpose): Promise<number[]> {
  const rows = await db.credential.findMany({
    where: { status: purpose === "revocation" ? "REVOKED" : "SUSPENDED", statusIndex: { not: null } },
    select: { statusIndex: true },
  });
  return rows.map((r) => r.statusIndex!);
}

/** GET /credentials/status/<purpose>: the signed BitstringStatusListCredential as of now. */
export async function statusListVc(purpose: StatusPurpose, origin: string, now = new Date()): Promise<JsonObject> {
  const doc = statusListCredential({ url: statusListUrls(origin)[purpose], issuer: issuerOf(origin), purpose, setIndices: await statusListIndices(purpose), validFrom: now });
  return signCredential(doc, signingSeed(), issuerKey().verificationMethod, now);
}

export function isPurpose(value: string | undefined): value is StatusPurpose {
  return (STATUS_PURPOSES as readonly string[]).includes(value ?? "");
}

/**
 * Checks a credential file (and optionally status list files) offline, as the command line
 * `credentials:verify <file> [--status <file>]` does: the signature against the did:key that
 * signed it, whether that key is this platform's, and the status bits of the lists given.
 */
export function verifyCredentialFile(json: unknown, statusLists: unknown[] = [], now = new Date()): FileCheck {
  return checkCredentialFile(json, statusLists, { trustedKeys: [issuerKey().publicKey], now });
}
