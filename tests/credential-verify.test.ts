import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { credentialCertificate } from "~/modules/credentials/certificate-pdf.server";
import { reinstate, revoke, suspend } from "~/modules/credentials/credentials.server";
import { generateVerifyCode } from "~/modules/credentials/evidence";
import { addDays, addMonths, expiresAt, graceEndsAt, shanghaiDayStart } from "~/modules/credentials/rules";
import { bitAt, readStatusListCredential } from "~/modules/credentials/status-list";
import { issuerKey, issuerProfile, statusListIndices, statusListVc, verifyCredentialFile, credentialVc } from "~/modules/credentials/vc.server";
import { credentialForDocuments, credentialVerification, VERIFY_RATE_LIMIT, verifyRequest } from "~/modules/credentials/verify.server";
import { expectNotFound } from "./support/helpers";

const origin = "https://train.example.gov.cn";
let officer: Actor; // LE330101 张伟, Hangzhou
let trainer: Actor; // TR330001 李志刚, Zhejiang: no credential permissions
let hr: Actor; // HR330001, Zhejiang
let otherHr: Actor; // HR320001, Jiangsu

/** An issued (ACTIVE) credential written directly, as the core's issue() would leave it. */
async function issued(staffNo: string, typeCode = "ENFORCEMENT", validFrom = shanghaiDayStart(new Date())) {
  const person = await db.person.findUniqueOrThrow({ where: { staffNo }, select: { id: true } });
  const type = await db.credentialType.findUniqueOrThrow({ where: { code: typeCode } });
  const province = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
  return write(async (tx) => {
    const max = await tx.credential.aggregate({ _max: { statusIndex: true } });
    const statusIndex = (max._max.statusIndex ?? -1) + 1;
    const created = await tx.credential.create({
      data: {
        typeId: type.id,
        personId: person.id,
        status: "ACTIVE",
        number: `ZF3326${String(90000 + statusIndex).padStart(5, "0")}`,
        verifyCode: generateVerifyCode(),
        statusIndex,
        issuingUnitId: province.id,
        issuedAt: new Date(),
        validFrom,
        validUntil: addMonths(validFrom, type.validityMonths ?? 60),
      },
    });
    await tx.credentialEvent.create({ data: { credentialId: created.id, action: "ISSUED", effectiveDate: validFrom, actorId: hr.userId } });
    return created;
  });
}

beforeAll(async () => {
  await seed({ officers: 10, questionBank: false });
  [officer, trainer, hr, otherHr] = await Promise.all(["LE330101", "TR330001", "HR330001", "HR320001"].map((s) => cliActor(s)));
}, 120_000);

describe("public verification page data", () => {
  it("shows type, masked holder, unit, status and validity — valid, then suspended since the date, reinstated, revoked", async () => {
    const c = await issued("LE330101");
    const view = await credentialVerification(c.verifyCode!);
    expect(view).toEqual({
      type: { code: "ENFORCEMENT", name: "生态环境执法证", nameEn: "Enforcement credential" },
      holder: "张*",
      unitName: expect.any(String),
      status: "VALID",
      statusSince: null,
      validFrom: c.validFrom!.toISOString(),
      validUntil: c.validUntil!.toISOString(),
    });
    const json = JSON.stringify(view);
    expect(json).not.toContain("LE330101");
    expect(json).not.toContain(c.number!);
    expect(json).not.toContain("张伟");
    // Codes are read case-insensitively (typed by hand), and unknown or malformed codes find nothing.
    expect((await credentialVerification(c.verifyCode!.toLowerCase()))?.status).toBe("VALID");
    expect(await credentialVerification("ZZZZZZZZZZZZZZZZZZZZ")).toBeNull();
    expect(await credentialVerification("../../etc/passwd")).toBeNull();

    const day = shanghaiDayStart(new Date());
    expect(await suspend(hr, c.id, "涉嫌违规执法，暂停使用")).toEqual({ ok: true, id: c.id });
    expect(await credentialVerification(c.verifyCode!)).toMatchObject({ status: "SUSPENDED", statusSince: day.toISOString() });

    expect(await reinstate(hr, c.id, "调查结束，恢复使用")).toEqual({ ok: true, id: c.id });
    expect(await credentialVerification(c.verifyCode!)).toMatchObject({ status: "VALID", statusSince: null });

    expect(await revoke(hr, c.id, "严重违纪，撤销证件")).toEqual({ ok: true, id: c.id });
    expect(await credentialVerification(c.verifyCode!)).toMatchObject({ status: "REVOKED", statusSince: day.toISOString() });
  });

  it("reads expiring in the renewal window, expired from the day after the last valid day (grace included)", async () => {
    const c = await issued("TR330001");
    expect((await credentialVerification(c.verifyCode!))?.holder).toBe("李*刚");
    const until = c.validUntil!;
    const at = async (when: Date) => (await credentialVerification(c.verifyCode!, when))?.status;
    expect(await at(addMonths(until, -7))).toBe("VALID");
    expect(await at(addMonths(until, -6))).toBe("EXPIRING"); // window of 6 months opens
    expect(await at(new Date(expiresAt(until).getTime() - 1))).toBe("EXPIRING"); // the last valid day
    expect(await at(expiresAt(until))).toBe("EXPIRED"); // grace: renewable, not valid
    expect(await at(addDays(graceEndsAt(until, 90), 1))).toBe("EXPIRED");
  });

  it("rate-limits verification per IP: 429-style answer after the limit, with Retry-After; other IPs unaffected", async () => {
    const c = await issued("LE330101", "MONITORING_ONSITE");
    for (let i = 0; i < VERIFY_RATE_LIMIT.capacity; i++) expect((await verifyRequest(c.verifyCode!, "203.0.113.7")).kind).toBe("found");
    const limited = await verifyRequest(c.verifyCode!, "203.0.113.7");
    expect(limited).toEqual({ kind: "limited", retryAfterSeconds: expect.any(Number) });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Unknown codes count too (no enumeration past the limit).
    expect((await verifyRequest("ZZZZZZZZZZZZZZZZZZZZ", "203.0.113.7")).kind).toBe("limited");
    expect((await verifyRequest("ZZZZZZZZZZZZZZZZZZZZ", "203.0.113.8")).kind).toBe("notFound");
    expect((await verifyRequest(c.verifyCode!, "203.0.113.8")).kind).toBe("found");
  });
});

describe("documents: certificate PDF and signed credential", () => {
  let credentialId: string;
  beforeAll(async () => {
    credentialId = (await issued("TR330001", "MONITORING_ONSITE")).id;
  });

  it("the holder and HR in scope get them; others, another province's HR and pending credentials answer 404", async () => {
    expect((await credentialForDocuments(trainer, credentialId)).holder.staffNo).toBe("TR330001");
    expect((await credentialForDocuments(hr, credentialId)).publicStatus).toBe("VALID");
    await expectNotFound(credentialForDocuments(officer, credentialId));
    await expectNotFound(credentialForDocuments(otherHr, credentialId));
    await expectNotFound(credentialForDocuments(hr, "nosuchcredential"));
    await expectNotFound(credentialForDocuments(hr, "../x"));
    const person = await db.person.findUniqueOrThrow({ where: { staffNo: "LE330101" } });
    const type = await db.credentialType.findUniqueOrThrow({ where: { code: "LEGAL_PROFESSIONAL" } });
    const applied = await write((tx) => tx.credential.create({ data: { typeId: type.id, personId: person.id, status: "APPLIED" } }));
    await expectNotFound(credentialForDocuments(officer, applied.id));
    await expectNotFound(credentialVc(officer, applied.id, origin));
  });

  it("renders the certificate PDF, valid or not", async () => {
    const valid = await credentialCertificate(trainer, credentialId, { origin, locale: "zh-CN" });
    expect(valid.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(valid.fileName).toMatch(/^电子证书-ZF3326\d{5}-TR330001\.pdf$/);
    const english = await credentialCertificate(hr, credentialId, { origin, locale: "en" });
    expect(english.fileName.startsWith("certificate-")).toBe(true);
    const c = await issued("LE330101", "ENFORCEMENT");
    await suspend(hr, c.id, "暂停测试用");
    const suspended = await credentialCertificate(officer, c.id, { origin, locale: "zh-CN" });
    expect(suspended.pdf.length).toBeGreaterThan(1000);
  });

  it("the signed credential verifies offline; the status lists flip with suspension and revocation", async () => {
    const { json, fileName } = await credentialVc(trainer, credentialId, origin);
    expect(fileName).toMatch(/^ZF3326\d{5}-TR330001\.json$/);
    const text = JSON.stringify(json);
    expect(text).not.toContain("TR330001");
    expect(text).not.toMatch(/idCard|\d{17}[\dX]/);
    expect(json).toMatchObject({
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: issuerKey().did, type: ["Profile"] },
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", verificationMethod: issuerKey().verificationMethod },
    });
    const row = await db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(json.id).toBe(`${origin}/verify/credential/${row.verifyCode}`);

    const lists = async () => [await statusListVc("revocation", origin), await statusListVc("suspension", origin)];
    const file = JSON.parse(JSON.stringify(json));
    expect(verifyCredentialFile(file, await lists())).toMatchObject({
      signature: "ok",
      issuerTrusted: true,
      status: "active",
      holder: "李志刚",
      number: row.number,
      achievement: "现场监测上岗证",
    });
    expect(verifyCredentialFile({ ...file, validUntil: "2099-12-31T16:00:00Z" }).signature).toBe("failed");

    expect(await suspend(hr, credentialId, "暂停测试")).toMatchObject({ ok: true });
    expect(await statusListIndices("suspension")).toContain(row.statusIndex);
    const suspendedList = readStatusListCredential(await statusListVc("suspension", origin))!;
    expect(bitAt(suspendedList.bits, row.statusIndex!)).toBe(true);
    expect(verifyCredentialFile(file, await lists()).status).toBe("suspended");

    expect(await reinstate(hr, credentialId, "恢复测试")).toMatchObject({ ok: true });
    expect(bitAt(readStatusListCredential(await statusListVc("suspension", origin))!.bits, row.statusIndex!)).toBe(false);
    expect(verifyCredentialFile(file, await lists()).status).toBe("active");

    expect(await revoke(hr, credentialId, "撤销测试")).toMatchObject({ ok: true });
    const revocation = await statusListVc("revocation", origin);
    expect(bitAt(readStatusListCredential(revocation)!.bits, row.statusIndex!)).toBe(true);
    expect(verifyCredentialFile(file, await lists())).toMatchObject({ signature: "ok", status: "revoked" });
    // The file downloaded after revocation still verifies, and still says where to look.
    expect(verifyCredentialFile(JSON.stringify((await credentialVc(hr, credentialId, origin)).json), [revocation]).status).toBe("revoked");
  });

  it("publishes the issuer profile with the did:key and the status list addresses", () => {
    const profile = issuerProfile(origin);
    const key = issuerKey();
    expect(key.did).toMatch(/^did:key:z6Mk/);
    expect(profile).toMatchObject({
      id: key.did,
      type: ["Profile"],
      url: `${origin}/credentials/issuer`,
      verificationMethod: [{ id: key.verificationMethod, type: "Multikey", controller: key.did, publicKeyMultibase: key.publicKeyMultibase }],
      statusLists: { revocation: `${origin}/credentials/status/revocation`, suspension: `${origin}/credentials/status/suspension` },
    });
    // Derived from the master key: the same on every call (and every process sharing the key).
    expect(issuerKey().did).toBe(key.did);
  });
});
