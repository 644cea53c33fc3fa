import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import {
  apply,
  credentialDetail,
  credentialEvidence,
  issue,
  myCredentials,
  nominate,
  nominationPreview,
  recordExternal,
  reinstate,
  reject,
  renew,
  revoke,
  suspend,
  withdraw,
} from "~/modules/credentials/credentials.server";
import { personFacts } from "~/modules/credentials/facts.server";
import { displayStatus, parseShanghaiDate, parseType, typeConfigOf } from "~/modules/credentials/rules";
import { listTypes, saveType } from "~/modules/credentials/types.server";

const sh = (local: string) => new Date(`${local}+08:00`);
const day = (iso: string) => parseShanghaiDate(iso)!;
const NOW = sh("2026-06-01T10:00:00");

let officer: Actor;
let hrZj: Actor;
let hrJs: Actor;
let programAdmin: Actor;
let sysadmin: Actor;
let examId: string;
let classSeq = 0;

async function passExam(personId: string, at: Date, examType = "CREDENTIAL_INITIAL") {
  await write(async (tx) => {
    let exam = await tx.exam.findFirst({ where: { examType } });
    if (!exam) {
      const base = await tx.exam.findUniqueOrThrow({ where: { id: examId } });
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = base;
      exam = await tx.exam.create({ data: { ...rest, code: `T-${examType}`, examType } });
    }
    const number = (await tx.examAttempt.count({ where: { examId: exam.id, personId } })) + 1;
    await tx.examAttempt.create({
      data: { examId: exam.id, personId, number, seed: "s", status: "SUBMITTED", startedAt: at, deadlineAt: at, deviceId: "d", submittedAt: at, maxScore: 100, score: 80, complete: true, passed: true },
    });
  });
}

async function completeClass(personId: string, at: Date, type = "POST_INITIAL") {
  await write(async (tx) => {
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    const cls = await tx.trainingClass.create({
      data: { code: `T-CLS-${++classSeq}`, title: "岗位培训", level: "PROVINCE", type, unitId: unit.id, startDate: at, endDate: at, capacity: 10, creditHours: 24, status: "COMPLETED" },
    });
    await tx.classEnrolment.create({ data: { classId: cls.id, personId, status: "COMPLETED", via: "APPLY", completedAt: at } });
  });
}

async function creditHours(personId: string, year: number, hours: number) {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  await write((tx) =>
    tx.hoursYearSummary.upsert({
      where: { personId_year: { personId, year } },
      create: { personId, year, unitId: person.unitId, professionalRequired: 60, professionalCarriedIn: 0, professionalCredited: hours, politicalRequired: 0, politicalCredited: 0, pendingHours: 0, carryOut: 0, met: hours >= 60, ruleVersions: "{}", computedAt: new Date() },
      update: { professionalCredited: hours },
    }),
  );
}

beforeAll(async () => {
  await seed({ officers: 10 });
  [officer, hrZj, hrJs, programAdmin, sysadmin] = await Promise.all([cliActor("LE330101"), cliActor("HR330001"), cliActor("HR320001"), cliActor("PA100001"), cliActor("ADMIN001")]);
  examId = (await db.exam.findFirstOrThrow({ where: { examType: "CREDENTIAL_INITIAL" } })).id;
}, 120_000);

describe("the credential lifecycle", () => {
  let id: string;

  it("an officer applies; eligibility is computed with every unmet reason", async () => {
    const applied = await apply(officer, "ENFORCEMENT", NOW);
    expect(applied.ok).toBe(true);
    id = (applied as { id: string }).id;
    expect(await apply(officer, "ENFORCEMENT", NOW)).toEqual({ ok: false, error: "credentials.errors.alreadyLive" });
    expect(await apply(officer, "LEGAL_PROFESSIONAL", NOW)).toEqual({ ok: false, error: "credentials.errors.externalType" });
    expect(await apply(officer, "NOPE", NOW)).toEqual({ ok: false, error: "credentials.errors.typeNotFound" });
    const detail = await credentialDetail(officer, id, NOW);
    expect(detail.credential.displayStatus).toBe("APPLIED");
    expect(detail.eligibility?.unmet.map((u) => u.code)).toEqual(["EXAM", "POST_TRAINING"]);
    expect(detail.events.map((e) => e.action)).toEqual(["APPLIED"]);
    expect(await db.auditEvent.count({ where: { action: "credential.applied", objectId: id } })).toBe(1);
  });

  it("HR may not issue to an ineligible person and is told why; other provinces see nothing", async () => {
    const refused = await issue(hrZj, id, {}, NOW);
    expect(refused).toMatchObject({ ok: false, error: "credentials.errors.notEligible" });
    expect((refused as { unmet: { code: string }[] }).unmet.map((u) => u.code)).toEqual(["EXAM", "POST_TRAINING"]);
    expect(await issue(hrJs, id, {}, NOW)).toEqual({ ok: false, error: "credentials.errors.notFound" });
    expect(await issue(officer, id, {}, NOW)).toEqual({ ok: false, error: "credentials.errors.notFound" });
    await expect(credentialDetail(hrJs, id, NOW)).rejects.toMatchObject({ status: 404 });
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).status).toBe("APPLIED");
  });

  it("reads exam passes (ExamAttempt.passed) and completed classes as facts", async () => {
    await passExam(officer.personId, sh("2025-06-01T10:00:00")); // exactly 12 months before NOW
    await completeClass(officer.personId, sh("2026-04-20T17:00:00"));
    const facts = (await personFacts([officer.personId], NOW)).get(officer.personId)!;
    expect(facts.examPasses).toEqual([{ examType: "CREDENTIAL_INITIAL", at: sh("2025-06-01T10:00:00") }]);
    expect(facts.classCompletions).toEqual([{ classType: "POST_INITIAL", at: sh("2026-04-20T17:00:00") }]);
    // A minute later the exam is more than 12 months old.
    const later = await nominationPreview(hrZj, "LE330101", "ENFORCEMENT", new Date(NOW.getTime() + 60_000));
    expect(later.ok && later.eligibility.unmet.map((u) => u.code)).toEqual(["EXAM"]);
  });

  it("HR issues: number per province pattern, verification code, status index, validity, one event", async () => {
    expect(await issue(hrZj, id, { validFrom: day("2026-06-01") }, NOW)).toEqual({ ok: true, id });
    const c = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "ACTIVE", number: "ZF332600001", validFrom: day("2026-06-01"), validUntil: day("2031-06-01"), issuedAt: NOW });
    expect(c.verifyCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{20}$/);
    expect(c.statusIndex).toBe(0);
    const zj = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    expect(c.issuingUnitId).toBe(zj.id);
    expect(await db.credentialNumberSeq.findUnique({ where: { key: "ENFORCEMENT:33:2026" } })).toMatchObject({ next: 2 });
    const events = await db.credentialEvent.findMany({ where: { credentialId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["APPLIED", "ISSUED"]);
    expect(JSON.parse(events[1].data)).toMatchObject({ number: "ZF332600001" });
    expect(await db.auditEvent.count({ where: { action: "credential.issued", objectId: id } })).toBe(1);
    expect(await issue(hrZj, id, {}, NOW)).toEqual({ ok: false, error: "credentials.errors.wrongStatus" });
  });

  it("the database keeps the number and refuses a second live credential and deletes", async () => {
    await expect(write((tx) => tx.$executeRawUnsafe(`UPDATE "Credential" SET "number" = 'X' WHERE "id" = ?`, id))).rejects.toThrow(/never changes/);
    await expect(write((tx) => tx.$executeRawUnsafe(`DELETE FROM "Credential" WHERE "id" = ?`, id))).rejects.toThrow(/never deleted/);
    const type = await db.credentialType.findUniqueOrThrow({ where: { code: "ENFORCEMENT" } });
    await expect(write((tx) => tx.credential.create({ data: { typeId: type.id, personId: officer.personId, status: "APPLIED" } }))).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { originalMessage: expect.stringMatching(/already has/) } } } });
  });

  it("suspends with reason and date, reinstates; the status follows", async () => {
    expect(await suspend(hrZj, id, "", null, NOW)).toEqual({ ok: false, error: "errors.reasonRequired" });
    expect(await suspend(hrZj, id, "涉嫌违纪", day("2026-06-02"), NOW)).toEqual({ ok: false, error: "credentials.errors.effectiveInFuture" });
    expect(await suspend(hrJs, id, "涉嫌违纪", null, NOW)).toEqual({ ok: false, error: "credentials.errors.notFound" });
    expect(await suspend(hrZj, id, "涉嫌违纪，暂停执法", day("2026-05-30"), NOW)).toEqual({ ok: true, id });
    const suspended = await db.credential.findUniqueOrThrow({ where: { id }, include: { type: true } });
    expect(displayStatus(suspended, parseType(suspended.type), NOW)).toBe("SUSPENDED");
    expect(await renew(hrZj, id, NOW)).toEqual({ ok: false, error: "credentials.errors.wrongStatus" });
    expect(await reinstate(hrZj, id, "调查结束", NOW)).toEqual({ ok: true, id });
    const ev = await db.credentialEvent.findMany({ where: { credentialId: id }, orderBy: { at: "asc" } });
    expect(ev.map((e) => [e.action, e.reason])).toEqual([
      ["APPLIED", null],
      ["ISSUED", null],
      ["SUSPENDED", "涉嫌违纪，暂停执法"],
      ["REINSTATED", "调查结束"],
    ]);
    expect(ev[2].effectiveDate).toEqual(day("2026-05-30"));
    // The holder was told of each decision (the application was their own: no notice for it).
    const notices = await db.notice.findMany({ where: { personId: officer.personId, kind: { startsWith: "credentials." } } });
    expect(notices.map((n) => [n.kind, JSON.parse(n.params).reason]).sort()).toEqual([
      ["credentials.issued", ""],
      ["credentials.reinstated", "调查结束"],
      ["credentials.suspended", "涉嫌违纪，暂停执法"],
    ]);
    expect(new Set(notices.map((n) => n.link))).toEqual(new Set([`/credentials/${id}`]));
  });

  it("renews only in the window with the conditions met, from the old expiry date", async () => {
    const early = await renew(hrZj, id, sh("2030-11-30T10:00:00"));
    expect(early).toMatchObject({ ok: false, error: "credentials.errors.renewalNotReady" });
    const inWindow = sh("2031-01-10T10:00:00");
    const notYet = await renew(hrZj, id, inWindow);
    expect((notYet as { unmet: { code: string }[] }).unmet.map((u) => u.code)).toEqual(["POST_TRAINING", "HOURS"]);
    await completeClass(officer.personId, sh("2029-09-01T17:00:00"), "POST_RENEWAL");
    await creditHours(officer.personId, 2030, 61);
    const c = await db.credential.findUniqueOrThrow({ where: { id }, include: { type: true } });
    expect(displayStatus(c, parseType(c.type), inWindow)).toBe("EXPIRING");
    expect(await renew(hrZj, id, inWindow)).toEqual({ ok: true, id });
    const renewed = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(renewed.validUntil).toEqual(day("2036-06-01"));
    expect(renewed.number).toBe("ZF332600001");
    const event = await db.credentialEvent.findFirstOrThrow({ where: { credentialId: id, action: "RENEWED" } });
    expect(JSON.parse(event.data)).toMatchObject({ oldValidUntil: day("2031-06-01").toISOString(), newValidUntil: day("2036-06-01").toISOString() });
  });

  it("the officer's page shows the credential, what renewal needs and what else they may apply for", async () => {
    const mine = await myCredentials(officer, NOW);
    expect(mine.credentials.map((c) => [c.type.code, c.displayStatus, c.number])).toEqual([["ENFORCEMENT", "ACTIVE", "ZF332600001"]]);
    expect(mine.credentials[0].renewal?.unmet.map((u) => u.code)).toContain("WINDOW_NOT_OPEN");
    const monitoring = mine.available.find((a) => a.type.code === "MONITORING_ONSITE")!;
    expect(monitoring.canApply).toBe(true);
    expect(monitoring.eligibility.unmet.map((u) => u.code)).toEqual(["EXAM", "POST_TRAINING"]);
    expect(mine.available.find((a) => a.type.code === "LEGAL_PROFESSIONAL")).toMatchObject({ canApply: false });
  });

  it("revokes for good; a new application is then possible", async () => {
    const NOW = sh("2031-02-01T10:00:00");
    expect(await revoke(hrZj, id, "x", NOW)).toEqual({ ok: false, error: "errors.reasonRequired" });
    expect(await revoke(hrZj, id, "严重违纪", NOW)).toEqual({ ok: true, id });
    expect(await reinstate(hrZj, id, "误操作", NOW)).toEqual({ ok: false, error: "credentials.errors.wrongStatus" });
    const detail = await credentialDetail(officer, id, NOW);
    expect(detail.credential.displayStatus).toBe("REVOKED");
    expect(detail.actions).toEqual([]);
    expect(detail.events.map((e) => e.action)).toEqual(["APPLIED", "ISSUED", "SUSPENDED", "REINSTATED", "RENEWED", "REVOKED"]);
    const again = await apply(officer, "ENFORCEMENT", NOW);
    expect(again.ok).toBe(true);
    expect(await withdraw(hrJs, (again as { id: string }).id, NOW)).toEqual({ ok: false, error: "credentials.errors.notFound" });
    expect(await withdraw(officer, (again as { id: string }).id, NOW)).toEqual({ ok: true, id: (again as { id: string }).id });
  });
});

describe("nomination, numbering and rejection", () => {
  it("HR nominates in scope only; the national unit numbers with 00; sequence continues", async () => {
    const zjPerson = await db.person.findFirstOrThrow({
      where: { unit: { code: { startsWith: "33" } }, category: "ENFORCEMENT", status: "ACTIVE", inEnforcementSystem: true, staffNo: { not: "LE330101" } },
    });
    expect(await nominate(hrJs, zjPerson.staffNo, "ENFORCEMENT", NOW)).toEqual({ ok: false, error: "credentials.errors.personNotFound" });
    const nominated = await nominate(hrZj, zjPerson.staffNo, "ENFORCEMENT", NOW);
    expect(nominated.ok).toBe(true);
    const nid = (nominated as { id: string }).id;
    await passExam(zjPerson.id, sh("2026-05-01T10:00:00"));
    await completeClass(zjPerson.id, sh("2026-05-10T10:00:00"));
    expect(await issue(hrZj, nid, {}, NOW)).toEqual({ ok: true, id: nid });
    expect((await db.credential.findUniqueOrThrow({ where: { id: nid } })).number).toBe("ZF332600002");
    expect((await db.credential.findUniqueOrThrow({ where: { id: nid } })).validFrom).toEqual(day("2026-06-01"));

    // 周建国 (national unit, leadership) — nominated and issued by the system administrator.
    const national = await nominate(sysadmin, "PA100001", "ENFORCEMENT", NOW);
    expect(national.ok).toBe(true);
    await passExam(programAdmin.personId, sh("2026-05-01T10:00:00"));
    await completeClass(programAdmin.personId, sh("2026-05-10T10:00:00"));
    expect(await issue(sysadmin, (national as { id: string }).id, {}, NOW)).toMatchObject({ ok: true });
    expect((await db.credential.findUniqueOrThrow({ where: { id: (national as { id: string }).id } })).number).toBe("ZF002600001");
  });

  it("refuses people outside the holder rule and rejects with a reason", async () => {
    // HR330001 is category OTHER: may not hold the enforcement credential.
    expect(await nominate(hrZj, "HR330001", "ENFORCEMENT", NOW)).toEqual({ ok: false, error: "credentials.errors.notHolder" });
    const monitoringPerson = await db.person.findFirstOrThrow({ where: { unit: { code: { startsWith: "33" } }, category: { in: ["MONITORING", "ENFORCEMENT"] }, status: "ACTIVE", inEnforcementSystem: true } });
    const n = await nominate(hrZj, monitoringPerson.staffNo, "MONITORING_ONSITE", NOW);
    expect(n.ok).toBe(true);
    const nid = (n as { id: string }).id;
    expect(await reject(hrZj, nid, "", NOW)).toEqual({ ok: false, error: "errors.reasonRequired" });
    expect(await reject(hrZj, nid, "未参加联合培训", NOW)).toEqual({ ok: true, id: nid });
    expect((await db.credential.findUniqueOrThrow({ where: { id: nid } })).status).toBe("REJECTED");
  });
});

describe("external credentials", () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);

  it("records a legal qualification with evidence, ACTIVE and without expiry", async () => {
    const input = { staffNo: "LE330101", typeCode: "LEGAL_PROFESSIONAL", externalNumber: "A20193301000123", issuedAt: day("2019-12-20") };
    expect(await recordExternal(hrZj, { ...input, typeCode: "ENFORCEMENT" }, NOW)).toEqual({ ok: false, error: "credentials.errors.notExternalType" });
    expect(await recordExternal(hrZj, { ...input, evidence: { name: "x.exe", bytes: Buffer.from("MZ....not a picture") } }, NOW)).toEqual({ ok: false, error: "credentials.errors.evidenceType" });
    expect(await recordExternal(hrZj, { ...input, evidence: { name: "big.png", bytes: Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]) } }, NOW)).toEqual({ ok: false, error: "credentials.errors.evidenceTooLarge" });
    expect(await recordExternal(hrZj, { ...input, issuedAt: day("2026-06-02") }, NOW)).toEqual({ ok: false, error: "credentials.errors.issuedInFuture" });
    expect(await recordExternal(hrJs, input, NOW)).toEqual({ ok: false, error: "credentials.errors.personNotFound" });
    const recorded = await recordExternal(hrZj, { ...input, evidence: { name: "C:\\scans\\证书.png", bytes: png } }, NOW);
    expect(recorded.ok).toBe(true);
    const rid = (recorded as { id: string }).id;
    const c = await db.credential.findUniqueOrThrow({ where: { id: rid }, include: { type: true } });
    expect(c).toMatchObject({ status: "ACTIVE", number: null, externalNumber: "A20193301000123", validFrom: day("2019-12-20"), validUntil: null, evidenceName: "证书.png" });
    expect(c.verifyCode).toHaveLength(20);
    expect(displayStatus(c, parseType(c.type), sh("2040-01-01T00:00:00"))).toBe("ACTIVE");
    expect((await db.credentialEvent.findFirstOrThrow({ where: { credentialId: rid } })).action).toBe("RECORDED");
    const file = await credentialEvidence(officer, rid);
    expect(file).toMatchObject({ mime: "image/png", name: "证书.png" });
    expect(file.bytes.equals(png)).toBe(true);
    await expect(credentialEvidence(hrJs, rid)).rejects.toMatchObject({ status: 404 });
    expect(await recordExternal(hrZj, input, NOW)).toEqual({ ok: false, error: "credentials.errors.alreadyLive" });
  });
});

describe("credential types", () => {
  it("only national credential.manage edits; each save is audited; issued credentials keep their dates", async () => {
    await expect(listTypes(hrZj)).rejects.toMatchObject({ status: 404 });
    const listed = await listTypes(programAdmin);
    expect(listed.canEdit).toBe(true);
    expect(listed.types.map((x) => x.code)).toEqual(["ENFORCEMENT", "LEGAL_PROFESSIONAL", "MONITORING_ONSITE"]);
    const row = await db.credentialType.findUniqueOrThrow({ where: { code: "ENFORCEMENT" } });
    const config = { ...typeConfigOf(parseType(row)), validityMonths: 36 };
    expect(await saveType(hrZj, "ENFORCEMENT", config)).toEqual({ ok: false, error: "credentials.errors.notAllowed" });
    expect(await saveType(programAdmin, "ENFORCEMENT", { ...config, renewal: { ...config.renewal, windowMonths: 48 } })).toEqual({
      ok: false,
      errors: { "renewal.windowMonths": "credentials.errors.windowLongerThanValidity" },
    });
    expect(await saveType(programAdmin, "ENFORCEMENT", { ...config, numberPattern: "ZF{yy}" })).toMatchObject({ ok: false, errors: { numberPattern: "credentials.errors.numberPattern" } });
    const before = await db.credential.findMany({ where: { typeId: row.id }, select: { id: true, validUntil: true } });
    expect(await saveType(programAdmin, "ENFORCEMENT", config)).toEqual({ ok: true, code: "ENFORCEMENT" });
    expect((await db.credentialType.findUniqueOrThrow({ where: { code: "ENFORCEMENT" } })).validityMonths).toBe(36);
    expect(await db.credential.findMany({ where: { typeId: row.id }, select: { id: true, validUntil: true } })).toEqual(before);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "credentialType.update", objectId: row.id } });
    expect(JSON.parse(audit.before!)).toMatchObject({ validityMonths: 60 });
    expect(JSON.parse(audit.after!)).toMatchObject({ validityMonths: 36 });
  });
});
