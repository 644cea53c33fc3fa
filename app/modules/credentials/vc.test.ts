import { base58 } from "@scure/base";
import { describe, expect, it } from "vitest";
import { encodeStatusList, statusEntries, statusListCredential } from "./status-list";
import {
  checkCredentialFile,
  didKeyOf,
  identityHash,
  openBadgeCredential,
  publicKeyFromDidKey,
  publicKeyFromSeed,
  publicKeyMultibase,
  signCredential,
  verificationMethodOf,
  verifyCredential,
  type JsonObject,
} from "./vc";

// W3C Data Integrity EdDSA Cryptosuites v1.0, test vectors (TestVectors/keyPair.json and
// TestVectors/eddsa-jcs-2022/): the private key multibase is 0x8026 + the 32-byte seed.
const SPEC_PRIVATE_KEY = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
const SPEC_PUBLIC_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const SPEC_PROOF_VALUE = "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";
const specSeed = base58.decode(SPEC_PRIVATE_KEY.slice(1)).slice(2);
const specDoc = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  type: ["VerifiableCredential", "AlumniCredential"],
  name: "Alumni Credential",
  description: "A minimum viable example of an Alumni Credential.",
  issuer: "https://vc.example/issuers/5678",
  validFrom: "2023-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
};

const seed = new Uint8Array(32).map((_, i) => i + 1);
const publicKey = publicKeyFromSeed(seed);
const did = didKeyOf(publicKey);
const origin = "https://train.example.gov.cn";
const lists = { revocation: `${origin}/credentials/status/revocation`, suspension: `${origin}/credentials/status/suspension` };
const issuer = { id: did, type: ["Profile"], name: "生态环境执法培训平台" };

function badge(overrides: Partial<Parameters<typeof openBadgeCredential>[0]> = {}): JsonObject {
  return openBadgeCredential({
    id: `${origin}/verify/credential/ABCDEFGHJKMNPQRS`,
    issuer: { id: did, name: "生态环境执法培训平台", url: `${origin}/credentials/issuer` },
    achievement: { id: `${origin}/credentials/types/ENFORCEMENT`, name: "生态环境执法证", description: "执法证", narrative: "通过考试" },
    holder: { name: "张晓明", staffNoHash: identityHash("LE330101", "salt"), salt: "salt" },
    number: "ZF332600001",
    source: { id: `${origin}/units/330000`, name: "浙江省生态环境厅" },
    validFrom: new Date("2026-01-01T00:00:00+08:00"),
    validUntil: new Date("2031-01-02T00:00:00+08:00"),
    credentialStatus: statusEntries(lists, 7),
    ...overrides,
  });
}

describe("keys", () => {
  it("derives the spec's did:key from the spec's seed and reads it back", () => {
    const pub = publicKeyFromSeed(specSeed);
    expect(publicKeyMultibase(pub)).toBe(SPEC_PUBLIC_KEY);
    expect(verificationMethodOf(pub)).toBe(`did:key:${SPEC_PUBLIC_KEY}#${SPEC_PUBLIC_KEY}`);
    expect(publicKeyFromDidKey(`did:key:${SPEC_PUBLIC_KEY}#${SPEC_PUBLIC_KEY}`)).toEqual(pub);
    expect(publicKeyFromDidKey(`did:key:${SPEC_PUBLIC_KEY}`)).toEqual(pub);
    expect(did.startsWith("did:key:z6Mk")).toBe(true);
  });

  it("refuses what is not an Ed25519 did:key", () => {
    expect(publicKeyFromDidKey("did:web:example.com")).toBeNull();
    expect(publicKeyFromDidKey(`did:key:${SPEC_PUBLIC_KEY}#z6Mkother`)).toBeNull();
    expect(publicKeyFromDidKey("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")).toBeNull(); // secp256k1
    expect(publicKeyFromDidKey("did:key:z0OIl")).toBeNull();
    expect(() => publicKeyFromSeed(new Uint8Array(31))).toThrow();
  });
});

describe("eddsa-jcs-2022", () => {
  it("reproduces the W3C test vector exactly (fixed seed)", () => {
    const pub = publicKeyFromSeed(specSeed);
    const signed = signCredential(specDoc, specSeed, verificationMethodOf(pub), "2023-02-24T23:36:38Z");
    expect(signed.proof).toEqual({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      created: "2023-02-24T23:36:38Z",
      verificationMethod: `did:key:${SPEC_PUBLIC_KEY}#${SPEC_PUBLIC_KEY}`,
      proofPurpose: "assertionMethod",
      "@context": specDoc["@context"],
      proofValue: SPEC_PROOF_VALUE,
    });
    expect(verifyCredential(signed, pub)).toEqual({ ok: true });
  });

  it("round-trips, and is independent of key order and of the JSON text", () => {
    const signed = signCredential(badge(), seed, verificationMethodOf(publicKey), new Date("2026-03-01T08:00:00.123Z"));
    expect(signed.proof.created).toBe("2026-03-01T08:00:00Z");
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(verifyCredential(signed, publicKey)).toEqual({ ok: true });
    const reordered = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(signed, null, 2))).reverse());
    expect(verifyCredential(reordered, publicKey)).toEqual({ ok: true });
    // Signing again replaces the proof rather than signing over it.
    const resigned = signCredential(signed, seed, verificationMethodOf(publicKey), "2026-03-01T08:00:00Z");
    expect(resigned.proof.proofValue).toBe(signed.proof.proofValue);
  });

  it("fails when any field is changed, the proof options included, or with another key", () => {
    const signed = signCredential(badge(), seed, verificationMethodOf(publicKey), "2026-03-01T08:00:00Z");
    const tamper = (edit: (d: JsonObject & { proof: JsonObject }) => void) => {
      const copy = structuredClone(signed) as JsonObject & { proof: JsonObject };
      edit(copy);
      return verifyCredential(copy, publicKey);
    };
    const bad = { ok: false, reason: "BAD_SIGNATURE" };
    expect(tamper((d) => (d.validUntil = "2099-01-01T00:00:00Z"))).toEqual(bad);
    expect(tamper((d) => ((d.credentialSubject as JsonObject).licenseNumber = "ZF332600002"))).toEqual(bad);
    expect(tamper((d) => (((d.credentialSubject as JsonObject).identifier as JsonObject[])[0].identityHash = "李四"))).toEqual(bad);
    expect(tamper((d) => ((d.issuer as JsonObject).name = "别的平台"))).toEqual(bad);
    expect(tamper((d) => ((d.credentialStatus as JsonObject[])[0].statusListIndex = "8"))).toEqual(bad);
    expect(tamper((d) => delete d.validUntil)).toEqual(bad);
    expect(tamper((d) => (d.extra = true))).toEqual(bad);
    expect(tamper((d) => (d.proof.created = "2026-03-02T08:00:00Z"))).toEqual(bad);
    expect(tamper((d) => (d.proof.proofPurpose = "authentication"))).toEqual(bad);
    expect(tamper((d) => (d["@context"] = ["https://www.w3.org/ns/credentials/v2"]))).toEqual({ ok: false, reason: "CONTEXT_MISMATCH" });
    expect(tamper((d) => (d.proof.cryptosuite = "eddsa-rdfc-2022"))).toEqual({ ok: false, reason: "UNSUPPORTED_PROOF" });
    expect(tamper((d) => (d.proof.proofValue = "z1111"))).toEqual({ ok: false, reason: "BAD_PROOF_VALUE" });
    expect(tamper((d) => (d.proof.proofValue = (d.proof.proofValue as string).slice(1)))).toEqual({ ok: false, reason: "BAD_PROOF_VALUE" });
    expect(tamper((d) => delete (d as JsonObject).proof)).toEqual({ ok: false, reason: "NO_PROOF" });
    expect(verifyCredential(signed, publicKeyFromSeed(specSeed))).toEqual(bad);
    expect(verifyCredential("not json", publicKey)).toEqual({ ok: false, reason: "NOT_AN_OBJECT" });
  });
});

describe("the Open Badges 3.0 document", () => {
  it("has the contexts, types, subject and two status entries, and no ID number or plain staff number", () => {
    const doc = badge();
    expect(doc["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    expect(doc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(doc.issuer).toMatchObject({ id: did, type: ["Profile"] });
    expect(doc.validUntil).toBe("2031-01-01T16:00:00Z");
    const subject = doc.credentialSubject as JsonObject;
    expect(subject.type).toEqual(["AchievementSubject"]);
    expect(subject.achievement).toMatchObject({ type: ["Achievement"], name: "生态环境执法证", criteria: { narrative: "通过考试" } });
    expect(doc.credentialStatus).toEqual([
      { id: `${lists.revocation}#7`, type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: "7", statusListCredential: lists.revocation },
      { id: `${lists.suspension}#7`, type: "BitstringStatusListEntry", statusPurpose: "suspension", statusListIndex: "7", statusListCredential: lists.suspension },
    ]);
    expect(JSON.stringify(doc)).not.toContain("LE330101");
    expect(identityHash("LE330101", "salt")).toMatch(/^sha256\$[0-9a-f]{64}$/);
  });
});

describe("checking a file offline", () => {
  const created = "2026-03-01T08:00:00Z";
  const vm = verificationMethodOf(publicKey);
  const signed = signCredential(badge(), seed, vm, created);
  const list = (purpose: "revocation" | "suspension", set: number[]) =>
    signCredential(statusListCredential({ url: lists[purpose], issuer, purpose, setIndices: set, validFrom: new Date(created) }), seed, vm, created);
  const now = new Date("2027-01-01T00:00:00Z");

  it("reports a good signature, the holder and issuer, and status unknown without lists", () => {
    const result = checkCredentialFile(JSON.stringify(signed), [], { now, trustedKeys: [publicKey] });
    expect(result).toMatchObject({
      signature: "ok",
      issuerTrusted: true,
      status: "unknown",
      issuer: { id: did, name: "生态环境执法培训平台" },
      holder: "张晓明",
      number: "ZF332600001",
      outsideValidity: false,
    });
    expect(result.statusChecks.map((c) => c.result)).toEqual(["unchecked", "unchecked"]);
    expect(checkCredentialFile(signed, [], { now: new Date("2031-01-02T00:00:00+08:00") }).outsideValidity).toBe(true);
    expect(checkCredentialFile(signed, [], { trustedKeys: [publicKeyFromSeed(specSeed)] }).issuerTrusted).toBe(false);
  });

  it("reads active, suspended and revoked from signed lists", () => {
    expect(checkCredentialFile(signed, [list("revocation", [3]), list("suspension", [])], { now }).status).toBe("active");
    expect(checkCredentialFile(signed, [list("revocation", []), list("suspension", [7])], { now }).status).toBe("suspended");
    expect(checkCredentialFile(signed, [list("revocation", [7]), list("suspension", [7])], { now }).status).toBe("revoked");
    // Only one list given: a clear revocation bit alone does not make it active.
    expect(checkCredentialFile(signed, [list("revocation", [])], { now }).status).toBe("unknown");
  });

  it("ignores a status list that is forged or signed by another key", () => {
    const tampered = structuredClone(list("revocation", [7])) as JsonObject;
    (tampered.credentialSubject as JsonObject).encodedList = encodeStatusList([]);
    const result = checkCredentialFile(signed, [tampered, list("suspension", [])], { now });
    expect(result.status).toBe("unknown");
    expect(result.statusChecks).toContainEqual({ purpose: "revocation", result: "unchecked", reason: "LIST_SIGNATURE" });
    const otherPub = publicKeyFromSeed(specSeed);
    const foreign = signCredential(
      statusListCredential({ url: lists.revocation, issuer: { ...issuer, id: didKeyOf(otherPub) }, purpose: "revocation", setIndices: [], validFrom: new Date() }),
      specSeed,
      verificationMethodOf(otherPub),
      created,
    );
    expect(checkCredentialFile(signed, [foreign], { now }).statusChecks).toContainEqual({ purpose: "revocation", result: "unchecked", reason: "LIST_ISSUER" });
  });

  it("fails a tampered file, a key that is not the issuer's, and what is not JSON", () => {
    const tampered = { ...signed, validUntil: "2099-01-01T00:00:00Z" };
    expect(checkCredentialFile(tampered, [], { now })).toMatchObject({ signature: "failed", signatureReason: "BAD_SIGNATURE", status: "unknown" });
    const otherPub = publicKeyFromSeed(specSeed);
    const impostor = signCredential(badge(), specSeed, verificationMethodOf(otherPub), created); // issuer.id still names our did
    expect(checkCredentialFile(impostor, [], { now })).toMatchObject({ signature: "failed", signatureReason: "ISSUER_MISMATCH" });
    expect(checkCredentialFile("{", [])).toMatchObject({ signature: "failed", signatureReason: "NOT_JSON" });
    expect(checkCredentialFile({ ...signed, proof: { ...signed.proof, verificationMethod: "https://x.example/key" } }, [])).toMatchObject({ signatureReason: "UNKNOWN_KEY" });
  });
});
