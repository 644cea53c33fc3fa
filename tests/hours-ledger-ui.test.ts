import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { approvalQueue, approveMany, decide } from "~/modules/hours/approvals.server";
import { issueCertificate, verifyCertificate } from "~/modules/hours/certificate-pdf.server";
import { checkImport, commitImport, inspectImport } from "~/modules/hours/import.server";
import { correctEntry, voidEntry } from "~/modules/hours/ledger.server";
import { entryEvidence, myHours, personHours, submitEntry } from "~/modules/hours/officer.server";
import { shanghaiYear } from "~/modules/hours/rules";
import { expectNotFound } from "./support/helpers";

let officer: Actor; // LE330101, Hangzhou (330100)
let colleague: Actor; // TR330001, Zhejiang (330000): a trainer, no hours permissions
let hr: Actor; // HR330001, Zhejiang
let otherHr: Actor; // HR320001, Jiangsu
let admin: Actor; // ADMIN001, national sysadmin
const year = shanghaiYear(new Date());
const today = isoDateInShanghai(new Date());
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200, 0x20)]);

const entryInput = (overrides: Record<string, unknown> = {}) => ({
  title: "环境执法实战演练",
  activityDate: today,
  quantity: 4,
  category: "PROFESSIONAL_LEGAL" as const,
  source: "DRILL_COMPETITION" as const,
  ...overrides,
});

beforeAll(async () => {
  await seed({ officers: 10, questionBank: false });
  [officer, colleague, hr, otherHr, admin] = await Promise.all(["LE330101", "TR330001", "HR330001", "HR320001", "ADMIN001"].map((s) => cliActor(s)));
}, 120_000);

describe("submit → approve → my hours", () => {
  it("an officer's entry is pending, shown apart and not counted until HR in scope approves it", async () => {
    const before = await myHours(officer, year);
    const submitted = await submitEntry(officer, entryInput(), { name: "证明.pdf", bytes: PDF });
    expect(submitted).toMatchObject({ ok: true, status: "PENDING" });
    const id = (submitted as { id: string }).id;

    const pending = await myHours(officer, year);
    expect(pending.professional.credited).toBe(before.professional.credited);
    expect(pending.professional.pending).toBe(4);
    expect(pending.pending.map((e) => e.id)).toContain(id);

    // Jiangsu's HR does not see it and cannot decide it; nothing changes.
    expect((await approvalQueue(otherHr, {})).items.map((e) => e.id)).not.toContain(id);
    expect(await decide(otherHr, id, "APPROVED")).toEqual({ ok: false, error: "hours.errors.notFound" });
    expect(await approveMany(otherHr, [id])).toEqual({ approved: 0, refused: [{ id, error: "hours.errors.notFound" }] });
    expect((await db.hoursEntry.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    // Zhejiang's HR sees it, oldest first, filterable by source and unit.
    const queue = await approvalQueue(hr, {});
    expect(queue.items.map((e) => e.id)).toContain(id);
    expect((await approvalQueue(hr, { source: "TEACHING" })).items.map((e) => e.id)).not.toContain(id);
    const jiangsu = await db.orgUnit.findUniqueOrThrow({ where: { code: "320000" } });
    expect((await approvalQueue(hr, { unitId: jiangsu.id })).total).toBe(0);

    expect(await decide(hr, id, "APPROVED", "材料齐全")).toEqual({ ok: true });
    const after = await myHours(officer, year);
    expect(after.professional.credited).toBe(before.professional.credited + 4);
    expect(after.professional.pending).toBe(0);
    expect(after.bySource.find((s) => s.source === "DRILL_COMPETITION")?.professional).toBe(4);
    const entry = after.entries.find((e) => e.id === id)!;
    expect(entry).toMatchObject({ status: "APPROVED", decidedBy: "陈晓燕", hasEvidence: true });
    const summary = await db.hoursYearSummary.findUniqueOrThrow({ where: { personId_year: { personId: officer.personId, year } } });
    expect(summary.professionalCredited).toBe(after.professional.credited);
  });

  it("batch approval approves the selected rows", async () => {
    const a = (await submitEntry(officer, entryInput({ title: "批量一", quantity: 1 }), null)) as { id: string };
    const b = (await submitEntry(officer, entryInput({ title: "批量二", quantity: 2 }), null)) as { id: string };
    expect(await approveMany(hr, [a.id, b.id])).toEqual({ approved: 2, refused: [] });
    expect((await db.hoursEntry.findMany({ where: { id: { in: [a.id, b.id] } } })).every((e) => e.status === "APPROVED")).toBe(true);
  });

  it("teaching and off-post entries convert under the rules in force and keep the quantity", async () => {
    const teaching = (await submitEntry(officer, entryInput({ title: "授课", source: "TEACHING", quantity: 3 }), null)) as { id: string };
    const offPost = (await submitEntry(officer, entryInput({ title: "脱产", source: "OFF_POST_TRAINING", quantity: 1.5 }), null)) as { id: string };
    const rows = await db.hoursEntry.findMany({ where: { id: { in: [teaching.id, offPost.id] } } });
    expect(rows.find((r) => r.id === teaching.id)).toMatchObject({ hours: 6, quantity: 3, quantityUnit: "HOURS" });
    expect(rows.find((r) => r.id === offPost.id)).toMatchObject({ hours: 9, quantity: 1.5, quantityUnit: "DAYS" });
  });

  it("refuses a future date and a file that is not PDF/JPG/PNG", async () => {
    expect(await submitEntry(officer, entryInput({ activityDate: `${year + 1}-01-01` }), null)).toEqual({ ok: false, errors: { activityDate: "ledger.errors.dateFuture" } });
    expect(await submitEntry(officer, entryInput(), { name: "x.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>") })).toEqual({
      ok: false,
      errors: { evidence: "ledger.errors.evidenceType" },
    });
  });

  it("HR enters hours for a person in scope (approved at once), never for one out of scope", async () => {
    const entered = await submitEntry(hr, entryInput({ staffNo: "LE330101", title: "HR 录入" }), null);
    expect(entered).toMatchObject({ ok: true, status: "APPROVED", personId: officer.personId });
    expect(await submitEntry(otherHr, entryInput({ staffNo: "LE330101" }), null)).toEqual({ ok: false, errors: { staffNo: "ledger.errors.staffNoNotFound" } });
    expect(await submitEntry(hr, entryInput({ staffNo: "NOSUCH" }), null)).toEqual({ ok: false, errors: { staffNo: "ledger.errors.staffNoNotFound" } });
    // An officer's staffNo field is ignored unless they hold hours.approve over that person.
    expect(await submitEntry(officer, entryInput({ staffNo: "TR330001" }), null)).toEqual({ ok: false, errors: { staffNo: "ledger.errors.staffNoNotFound" } });
  });
});

describe("who sees what", () => {
  it("an officer never sees another person's year, evidence or certificate", async () => {
    const mine = await myHours(officer, year);
    const ids = new Set((await db.hoursEntry.findMany({ where: { personId: officer.personId } })).map((e) => e.id));
    expect(mine.entries.every((e) => ids.has(e.id))).toBe(true);
    const withEvidence = mine.entries.find((e) => e.hasEvidence)!;

    await expectNotFound(personHours(colleague, officer.personId, year));
    await expectNotFound(entryEvidence(colleague, withEvidence.id));
    await expectNotFound(issueCertificate(colleague, { personId: officer.personId, year, locale: "zh-CN", origin: "https://x.test" }));
    await expectNotFound(personHours(otherHr, officer.personId, year));
    await expectNotFound(entryEvidence(otherHr, withEvidence.id));

    expect((await entryEvidence(officer, withEvidence.id)).mime).toBe("application/pdf");
    expect((await entryEvidence(hr, withEvidence.id)).bytes.equals(PDF)).toBe(true);
    expect((await personHours(hr, officer.personId, year)).canApprove).toBe(true);
    expect((await personHours(admin, officer.personId, year)).person.staffNo).toBe("LE330101");
  });
});

describe("void and correct", () => {
  it("keeps the voided entry beside its replacement, with the reason", async () => {
    const a = (await submitEntry(hr, entryInput({ staffNo: "LE330101", title: "待作废", quantity: 2 }), null)) as { id: string };
    const b = (await submitEntry(hr, entryInput({ staffNo: "LE330101", title: "待更正", quantity: 3 }), null)) as { id: string };
    const before = await myHours(officer, year);

    expect(await voidEntry(officer, a.id, "想作废")).toEqual({ ok: false, error: "hours.errors.notFound" });
    expect(await voidEntry(hr, a.id, "  ")).toEqual({ ok: false, error: "hours.errors.reasonRequired" });
    expect(await voidEntry(hr, a.id, "重复录入")).toEqual({ ok: true });
    const corrected = await correctEntry(hr, b.id, { hours: 1.5 }, "学时有误");
    expect(corrected.ok).toBe(true);

    const view = await personHours(hr, officer.personId, year);
    const voided = view.entries.find((e) => e.id === a.id)!;
    expect(voided).toMatchObject({ status: "VOIDED", voidReason: "重复录入", voidedBy: "陈晓燕", credited: 0 });
    expect(view.entries.find((e) => e.id === b.id)).toMatchObject({ status: "VOIDED", voidReason: "学时有误" });
    const replacement = view.entries.find((e) => e.correctsEntryId === b.id)!;
    expect(replacement).toMatchObject({ status: "APPROVED", hours: 1.5, title: "待更正" });
    expect(view.professional.credited).toBe(before.professional.credited - 2 - 3 + 1.5);
    expect(await db.hoursEntry.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });
});

async function csvFile(lines: string[]): Promise<Buffer> {
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

describe("import from another platform", () => {
  const mapping = { staffNo: 0, hours: 1, date: 2, title: 3, category: 4, note: 5 };

  it("validates the whole file, reports every error with its row number, writes nothing", async () => {
    const entriesBefore = await db.hoursEntry.count();
    const bytes = await csvFile([
      "工号,学时,日期,课程名称,类别,备注",
      `TR330001,2,${today},网络学院课程,,省网院`,
      `RV320001,1,${today},外省人员,,`,
      `NOSUCH,1,${today},查无此人,,`,
      `TR330001,0.3,${today},学时不对,,`,
      `TR330001,2,${today},网络学院课程,,重复`,
    ]);
    const inspected = await inspectImport(hr, "export.csv", bytes);
    if (!inspected.ok) throw new Error(inspected.error);
    expect(inspected.preview.headers).toEqual(["工号", "学时", "日期", "课程名称", "类别", "备注"]);
    expect(inspected.preview.mapping).toEqual(mapping);
    expect(inspected.preview.rowCount).toBe(5);

    const checked = await checkImport(hr, inspected.preview.token, mapping);
    expect(checked.ok).toBe(false);
    const errors = (checked as { errors: { row: number; message: string }[] }).errors.map((e) => [e.row, e.message]);
    expect(errors).toEqual([
      [3, "ledger.import.errors.unknownStaffNo"],
      [4, "ledger.import.errors.unknownStaffNo"],
      [5, "ledger.import.errors.hours"],
      [6, "ledger.import.errors.duplicate"],
    ]);
    const committed = await commitImport(hr, inspected.preview.token, mapping, "APPROVED");
    expect(committed.ok).toBe(false);
    expect(await db.hoursEntry.count()).toBe(entriesBefore);
    expect(await db.hoursImportBatch.count()).toBe(0);
    // Another account cannot use the uploader's file.
    expect(await checkImport(otherHr, inspected.preview.token, mapping)).toMatchObject({ ok: false, preview: null, errors: [{ message: "ledger.import.errors.expired" }] });
  });

  it("imports a clean .xlsx in one go, linked to a batch; importing it again is refused", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("导出");
    sheet.addRow(["人员编号", "课程", "获得学时", "完成日期", "学时类别"]);
    sheet.addRow(["TR330001", "固体废物污染防治法解读", 2.5, new Date(`${today}T00:00:00Z`)]);
    sheet.addRow(["TR330001", "党的二十大精神", 1, today, "政治理论"]);
    sheet.addRow(["LE330101", "排污许可执法", 3, today.replaceAll("-", "/")]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const trainerBefore = await personHours(hr, colleague.personId, year);

    const inspected = await inspectImport(hr, "平台导出.xlsx", bytes);
    if (!inspected.ok) throw new Error(inspected.error);
    expect(inspected.preview.mapping).toEqual({ staffNo: 0, title: 1, hours: 2, date: 3, category: 4 });
    const checked = await checkImport(hr, inspected.preview.token, inspected.preview.mapping);
    expect(checked).toMatchObject({ ok: true, summary: { rows: 3, people: 2, totalHours: 6.5, years: [year] } });

    const committed = await commitImport(hr, inspected.preview.token, inspected.preview.mapping, "APPROVED");
    if (!committed.ok) throw new Error(JSON.stringify(committed.errors));
    const batch = await db.hoursImportBatch.findUniqueOrThrow({ where: { id: committed.batchId } });
    expect(batch).toMatchObject({ rowCount: 3, totalHours: 6.5, status: "APPROVED", importedById: hr.userId });
    const entries = await db.hoursEntry.findMany({ where: { importBatchId: batch.id } });
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.source === "EXTERNAL_IMPORT" && e.status === "APPROVED" && e.refType === "HoursImportBatch")).toBe(true);
    const trainerAfter = await personHours(hr, colleague.personId, year);
    expect(trainerAfter.professional.credited).toBe(trainerBefore.professional.credited + 2.5);
    expect(trainerAfter.political.credited).toBe(trainerBefore.political.credited + 1);
    expect(await db.auditEvent.count({ where: { action: "hours.import", objectId: batch.id } })).toBe(1);

    // The same rows again: every row refused, nothing written.
    const again = await inspectImport(hr, "平台导出.xlsx", bytes);
    if (!again.ok) throw new Error(again.error);
    const refused = await commitImport(hr, again.preview.token, again.preview.mapping, "PENDING");
    expect(refused.ok).toBe(false);
    expect((refused as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual(Array(3).fill("ledger.import.errors.alreadyImported"));
    expect(await db.hoursImportBatch.count()).toBe(1);
  });

  it("may import as pending: the rows wait in the approvals queue", async () => {
    const bytes = await csvFile(["工号,学时,日期,课程名称", `LE330101,1.25,${today},待审导入`]);
    const inspected = await inspectImport(hr, "pending.csv", bytes);
    if (!inspected.ok) throw new Error(inspected.error);
    const committed = await commitImport(hr, inspected.preview.token, inspected.preview.mapping, "PENDING");
    expect(committed.ok).toBe(true);
    const entry = await db.hoursEntry.findFirstOrThrow({ where: { title: "待审导入" } });
    expect(entry.status).toBe("PENDING");
    expect((await approvalQueue(hr, { source: "EXTERNAL_IMPORT" })).items.map((e) => e.id)).toContain(entry.id);
  });

  it("refuses GBK .csv and old .xls files", async () => {
    expect(await inspectImport(hr, "gbk.csv", Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x0d, 0x0a, 0x31]))).toEqual({ ok: false, error: "ledger.import.errors.notUtf8" });
    expect(await inspectImport(hr, "old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ ok: false, error: "ledger.import.errors.oldXls" });
  });
});

describe("certificates", () => {
  it("records a snapshot with an unguessable code; the public check shows it with the name masked", async () => {
    const view = await myHours(officer, year);
    const issued = await issueCertificate(officer, { year, locale: "zh-CN", origin: "https://train.example.cn" });
    expect(issued.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(issued.code).toMatch(/^[2-9A-HJKMNP-Z]{20}$/);
    const row = await db.hoursCertificate.findUniqueOrThrow({ where: { code: issued.code } });
    expect(row.personId).toBe(officer.personId);

    const verified = await verifyCertificate(issued.code.toLowerCase());
    expect(verified).toMatchObject({
      code: issued.code,
      name: "张*",
      year,
      professional: { credited: view.professional.credited, required: view.professional.required },
      met: view.professional.met && view.political.met,
    });
    expect(JSON.stringify(verified)).not.toContain("LE330101");
    expect(await verifyCertificate("ZZZZZZZZZZZZZZZZZZZZ")).toBeNull();
    expect(await verifyCertificate("../../etc")).toBeNull();

    // HR in scope may issue one for the person; each download is its own record.
    const forPerson = await issueCertificate(hr, { personId: officer.personId, year, locale: "en", origin: "https://train.example.cn" });
    expect(forPerson.code).not.toBe(issued.code);
    expect(await db.hoursCertificate.count({ where: { personId: officer.personId } })).toBe(2);
  });
});
