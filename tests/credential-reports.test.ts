import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { importCredentialsFile } from "~/modules/credentials/import.server";
import { jointHolding } from "~/modules/credentials/joint.server";
import { sendRenewalReminders } from "~/modules/credentials/reminders.server";
import { expiringCredentials, lapsedOnEnforcementPosts, recomputeEligibility, searchCredentials, searchWorkbook } from "~/modules/credentials/reports.server";
import { addDays, shanghaiDayStart } from "~/modules/credentials/rules";

/*
 * HR credential views on a small known dataset: only the demo accounts (officers: 0) plus
 * people and credentials written here with Prisma (no dependence on the seed's credentials
 * or on the lifecycle functions).
 */

let hrZj: Actor;
let hrJs: Actor;
let admin: Actor;
const now = new Date();
const today = shanghaiDayStart(now);
const inDays = (n: number) => addDays(today, n);
const unit = async (code: string) => db.orgUnit.findUniqueOrThrow({ where: { code } });

let seq = 0;
async function person(staffNo: string, unitCode: string, category: string, extra: { inEnforcementSystem?: boolean; status?: string } = {}) {
  const u = await unit(unitCode);
  return write((tx) =>
    tx.person.create({ data: { staffNo, name: `测试${staffNo}`, unitId: u.id, category, post: "岗位", inEnforcementSystem: extra.inEnforcementSystem ?? true, status: extra.status ?? "ACTIVE" } }),
  );
}

async function credential(personId: string, typeCode: string, status: string, validUntil: Date | null) {
  seq++;
  return write(async (tx) => {
    const type = await tx.credentialType.findUniqueOrThrow({ where: { code: typeCode } });
    const issuedAt = addDays(today, -400);
    const c = await tx.credential.create({
      data: {
        typeId: type.id,
        personId,
        status,
        number: `TEST${String(seq).padStart(5, "0")}`,
        verifyCode: `testverifycode${String(seq).padStart(6, "0")}`,
        statusIndex: 10_000 + seq,
        issuedAt,
        validFrom: issuedAt,
        validUntil,
      },
    });
    await tx.credentialEvent.create({ data: { credentialId: c.id, action: "ISSUED", data: "{}" } });
    return c;
  });
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  await seed({ officers: 0, questionBank: false });
  [hrZj, hrJs, admin] = await Promise.all([cliActor("HR330001"), cliActor("HR320001"), cliActor("PA100001")]);

  // Monitoring staff in 杭州·西湖区: M1 valid, M2 expiring (counts), M3 in grace (does not);
  // M4 outside the enforcement system and M5 retired are not counted at all.
  const m1 = await person("M1", "330106", "MONITORING");
  const m2 = await person("M2", "330106", "MONITORING");
  const m3 = await person("M3", "330106", "MONITORING");
  const m4 = await person("M4", "330106", "MONITORING", { inEnforcementSystem: false });
  const m5 = await person("M5", "330106", "MONITORING", { status: "RETIRED" });
  ids.m1 = (await credential(m1.id, "ENFORCEMENT", "ACTIVE", inDays(1000))).id;
  ids.m2 = (await credential(m2.id, "ENFORCEMENT", "ACTIVE", inDays(10))).id;
  ids.m3 = (await credential(m3.id, "ENFORCEMENT", "ACTIVE", inDays(-10))).id;
  await credential(m4.id, "ENFORCEMENT", "ACTIVE", inDays(1000));
  await credential(m5.id, "ENFORCEMENT", "ACTIVE", inDays(1000));

  // Enforcement officers in 宁波: E1 holds the monitoring credential, E2's is suspended;
  // E3 enforcement credential expired past grace, E4 revoked, E5 valid, E6 in grace.
  // The demo accounts TR330001 (province), LE330101 (杭州) and LE330102 (西湖区, 杭州) are enforcement officers without any.
  const e = await Promise.all(["E1", "E2", "E3", "E4", "E5", "E6"].map((s) => person(s, "330203", "ENFORCEMENT")));
  await credential(e[0].id, "MONITORING_ONSITE", "ACTIVE", inDays(800));
  await credential(e[1].id, "MONITORING_ONSITE", "SUSPENDED", inDays(800));
  ids.e3 = (await credential(e[2].id, "ENFORCEMENT", "ACTIVE", inDays(-200))).id;
  await credential(e[3].id, "ENFORCEMENT", "REVOKED", inDays(500));
  await credential(e[4].id, "ENFORCEMENT", "ACTIVE", inDays(500));
  await credential(e[5].id, "ENFORCEMENT", "ACTIVE", inDays(-10));

  // Edges of the expiry windows: leaders (not counted in joint holding) with enforcement credentials
  // whose last valid day is today + n.
  for (const n of [29, 30, 59, 60, 89, 90]) {
    const p = await person(`X${n}`, "330108", "LEADERSHIP");
    ids[`x${n}`] = (await credential(p.id, "ENFORCEMENT", "ACTIVE", inDays(n))).id;
  }

  // Legal qualification: one active holder in 杭州; a retired one in 宁波 and a revoked one in 温州 do not count.
  const l1 = await person("L1", "330106", "OTHER", { inEnforcementSystem: false });
  const l2 = await person("L2", "330203", "OTHER", { status: "RETIRED" });
  const l3 = await person("L3", "330302", "OTHER");
  await credential(l1.id, "LEGAL_PROFESSIONAL", "ACTIVE", null);
  await credential(l2.id, "LEGAL_PROFESSIONAL", "ACTIVE", null);
  await credential(l3.id, "LEGAL_PROFESSIONAL", "REVOKED", null);

  // 江苏: one monitoring person with a valid enforcement credential.
  const j1 = await person("J1", "320100", "MONITORING");
  ids.j1 = (await credential(j1.id, "ENFORCEMENT", "ACTIVE", inDays(20))).id;
}, 120_000);

describe("joint holding", () => {
  it("counts monitoring staff with the enforcement credential and officers with the monitoring credential", async () => {
    const view = await jointHolding(hrZj, null, now);
    expect(view.unit.code).toBe("330000");
    expect(view.totals.monitoringWithEnforcement).toEqual({ staff: 3, holding: 2, rate: 2 / 3 });
    // TR330001, LE330101, LE330102, E1–E6; only E1 holds a valid monitoring credential.
    expect(view.totals.enforcementWithMonitoring).toEqual({ staff: 9, holding: 1, rate: 1 / 9 });
    const row = (code: string, self = false) => view.units.find((u) => u.code === code && u.self === self)!;
    expect(row("330100").monitoringWithEnforcement).toMatchObject({ staff: 3, holding: 2 });
    expect(row("330100").enforcementWithMonitoring).toMatchObject({ staff: 2, holding: 0, rate: 0 });
    expect(row("330200").enforcementWithMonitoring).toMatchObject({ staff: 6, holding: 1 });
    expect(row("330200").monitoringWithEnforcement).toEqual({ staff: 0, holding: 0, rate: null });
    expect(row("330000", true).enforcementWithMonitoring).toMatchObject({ staff: 1, holding: 0 });
  });

  it("drills down through the subtree", async () => {
    const hz = await unit("330100");
    const view = await jointHolding(hrZj, hz.id, now);
    expect(view.breadcrumb.map((b) => b.name)).toContain("浙江省");
    expect(view.units.find((u) => u.code === "330106")!.monitoringWithEnforcement).toEqual({ staff: 3, holding: 2, rate: 2 / 3 });
    expect(view.units.find((u) => u.self)!.enforcementWithMonitoring).toMatchObject({ staff: 1, holding: 0 });
  });

  it("finds the cities without anyone holding the legal qualification", async () => {
    const view = await jointHolding(hrZj, null, now);
    const zjCities = await db.orgUnit.findMany({ where: { level: "CITY", code: { startsWith: "33" } } });
    expect(view.cities).toHaveLength(zjCities.length);
    expect(view.cities.find((c) => c.code === "330100")!.holders).toBe(1);
    expect(view.citiesWithout.map((c) => c.code).sort()).toEqual(zjCities.filter((c) => c.code !== "330100").map((c) => c.code).sort());
    expect(view.citiesWithout.map((c) => c.code)).toEqual(expect.arrayContaining(["330200", "330300"]));
  });

  it("counts expiries by month for the next 12 months", async () => {
    const view = await jointHolding(hrZj, null, now);
    expect(view.months).toHaveLength(12);
    const total = view.months.reduce((s, m) => s + m.total, 0);
    // M2 (+10), the six window-edge credentials; M1 (+1000), E1 (+800), E5 (+500) are later, grace/expired ones earlier.
    expect(total).toBe(7);
    expect(view.months.reduce((s, m) => s + (m.byType.ENFORCEMENT ?? 0), 0)).toBe(7);
  });

  it("is limited to the actor's scope (404 outside)", async () => {
    const js = await jointHolding(hrJs, null, now);
    expect(js.unit.code).toBe("320000");
    expect(js.totals.monitoringWithEnforcement).toEqual({ staff: 1, holding: 1, rate: 1 });
    expect(js.cities.every((c) => c.code.startsWith("32"))).toBe(true);
    const zj = await unit("330000");
    await expect(jointHolding(hrJs, zj.id, now)).rejects.toMatchObject({ status: 404 });
    const national = await jointHolding(admin, null, now);
    expect(national.totals.monitoringWithEnforcement).toMatchObject({ staff: 4, holding: 3 });
  });
});

describe("lists", () => {
  it("expiring within 30/60/90 days at the edge days", async () => {
    const staff = async (days: number) => (await expiringCredentials(hrZj, { days }, now)).map((r) => r.staffNo).sort();
    expect(await staff(30)).toEqual(["M2", "X29"]);
    expect(await staff(60)).toEqual(["M2", "X29", "X30", "X59"]);
    expect(await staff(90)).toEqual(["M2", "X29", "X30", "X59", "X60", "X89"]);
  });

  it("searches by status, window, name and type, within scope only", async () => {
    const grace = await searchCredentials(hrZj, { status: "GRACE" }, now);
    expect(grace.items.map((r) => r.staffNo).sort()).toEqual(["E6", "M3"]);
    const expired = await searchCredentials(hrZj, { status: "EXPIRED" }, now);
    expect(expired.items.map((r) => r.staffNo)).toEqual(["E3"]);
    const windowed = await searchCredentials(hrZj, { window: 30 }, now);
    expect(windowed.total).toBe(2);
    expect(windowed.items[0].staffNo).toBe("M2");
    const byName = await searchCredentials(hrZj, { q: "测试M1" }, now);
    expect(byName.items.map((r) => r.id)).toEqual([ids.m1]);
    const legal = await searchCredentials(hrZj, { type: "LEGAL_PROFESSIONAL" }, now);
    expect(legal.items.map((r) => `${r.staffNo}:${r.status}`).sort()).toEqual(["L1:ACTIVE", "L2:ACTIVE", "L3:REVOKED"]);
    // 浙江 HR sees no 江苏 rows, and a 江苏 unit answers 404.
    const all = await searchCredentials(hrZj, {}, now);
    expect(all.items.some((r) => r.staffNo === "J1")).toBe(false);
    const js = await searchCredentials(hrJs, {}, now);
    expect(js.items.map((r) => r.staffNo)).toEqual(["J1"]);
    await expect(searchCredentials(hrZj, { unit: (await unit("320000")).id }, now)).rejects.toMatchObject({ status: 404 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await searchWorkbook(hrZj, { status: "GRACE" }, "zh-CN", now)) as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(3);
  });

  it("lists officers on enforcement posts whose credential expired, was revoked or never existed", async () => {
    const rows = await lapsedOnEnforcementPosts(hrZj, {}, now);
    expect(Object.fromEntries(rows.map((r) => [r.staffNo, r.reason]))).toEqual({
      TR330001: "NONE",
      LE330101: "NONE",
      LE330102: "NONE",
      E1: "NONE",
      E2: "NONE",
      E3: "EXPIRED",
      E4: "REVOKED",
    });
    expect(rows.find((r) => r.staffNo === "E3")!.credentialId).toBe(ids.e3);
  });

  it("reports eligibility counts for a unit without writing anything", async () => {
    const before = await db.auditEvent.count();
    const report = await recomputeEligibility(hrZj, "330000", now);
    expect(report.types.map((t) => t.code).sort()).toEqual(["ENFORCEMENT", "MONITORING_ONSITE"]);
    // Nobody has passed an exam here: candidates are checked, none is eligible.
    expect(report.types.find((t) => t.code === "ENFORCEMENT")).toMatchObject({ eligible: 0 });
    expect(report.types.find((t) => t.code === "MONITORING_ONSITE")!.candidates).toBeGreaterThan(0);
    expect(await db.auditEvent.count()).toBe(before);
    await expect(recomputeEligibility(hrJs, "330000", now)).rejects.toThrow(/scope/);
  });
});

describe("renewal reminders", () => {
  it("sends one notice and one REMINDED event per credential, not again within 7 days", async () => {
    const selected = [ids.m2, ids.x29, ids.m1, ids.j1];
    const first = await sendRenewalReminders(hrZj, selected, now);
    // M1 is not expiring; J1 is outside 浙江.
    expect(first).toEqual({ sent: 2, skipped: 0, refused: 2 });
    const m2 = await db.credential.findUniqueOrThrow({ where: { id: ids.m2 } });
    const notices = await db.notice.findMany({ where: { personId: m2.personId, kind: "credentialViews.renewalDue" } });
    expect(notices).toHaveLength(1);
    expect(notices[0].link).toBe("/credentials");
    expect(JSON.parse(notices[0].params)).toMatchObject({ type: "生态环境执法证", number: m2.number, validUntil: isoDateInShanghai(m2.validUntil!) });
    expect(await db.credentialEvent.count({ where: { credentialId: ids.m2, action: "REMINDED" } })).toBe(1);

    expect(await sendRenewalReminders(hrZj, selected, addDays(now, 6))).toEqual({ sent: 0, skipped: 2, refused: 2 });
    expect(await db.notice.count({ where: { kind: "credentialViews.renewalDue" } })).toBe(2);
    const listed = await expiringCredentials(hrZj, { days: 30 }, addDays(now, 1));
    expect(listed.find((r) => r.id === ids.m2)).toMatchObject({ remindable: false });

    expect(await sendRenewalReminders(hrZj, [ids.m2], addDays(now, 7))).toEqual({ sent: 1, skipped: 0, refused: 0 });
    expect(await sendRenewalReminders(hrJs, [ids.m2], addDays(now, 8))).toEqual({ sent: 0, skipped: 0, refused: 1 });
    expect(await sendRenewalReminders(admin, [ids.m2], addDays(now, 8))).toEqual({ sent: 0, skipped: 0, refused: 1 });
  });
});

describe("import", () => {
  const dir = mkdtempSync(join(tmpdir(), "cred-import-"));
  async function file(name: string, rows: (string | Date)[][]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("证件");
    sheet.addRow(["工号", "证件类型代码", "证件编号", "发证日期", "有效期至", "状态", "外部证书编号"]);
    for (const r of rows) sheet.addRow(r);
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
    return path;
  }
  const good: (string | Date)[][] = [
    ["M4", "MONITORING_ONSITE", "JC332400001", "2024-03-01", "2029-02-28", "ACTIVE", ""],
    ["X29", "LEGAL_PROFESSIONAL", "", new Date(Date.UTC(2018, 8, 20)), "", "", "A20183301000001"],
    ["E2", "ENFORCEMENT", "ZF332000001", "2020-01-01", "2024-12-31", "REVOKED", ""],
    ["E2", "ENFORCEMENT", "ZF332400099", "2024-06-01", "2029-05-31", "SUSPENDED", ""],
  ];

  it("writes nothing when any row is wrong, listing every error with its row", async () => {
    const before = await db.credential.count();
    const result = await importCredentialsFile(hrZj, await file("bad.xlsx", [...good, ["J1", "ENFORCEMENT", "ZF322400001", "2024-01-01", "2029-01-01", "", ""], ["M1", "ENFORCEMENT", "ZF332400100", "2024-01-01", "2023-01-01", "", ""]]), now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.row}:${e.column}:${e.message.split(".").pop()}`)).toEqual([
      "6:staffNo:staffNotFound",
      "7:validUntil:validUntilBeforeIssued",
      "7:staffNo:alreadyLive",
    ]);
    expect(await db.credential.count()).toBe(before);
  });

  it("imports a clean file in one go, with codes, status indexes and RECORDED events", async () => {
    const before = await db.credential.count();
    const result = await importCredentialsFile(hrZj, await file("good.xlsx", good), now);
    expect(result).toMatchObject({ ok: true, imported: 4 });
    expect(await db.credential.count()).toBe(before + 4);
    const imported = await db.credential.findMany({ where: { number: { in: ["JC332400001", "ZF332000001", "ZF332400099"] } }, orderBy: { number: "asc" } });
    expect(imported.map((c) => c.status)).toEqual(["ACTIVE", "REVOKED", "SUSPENDED"]);
    for (const c of imported) {
      expect(c.verifyCode!.length).toBeGreaterThanOrEqual(16);
      expect(c.statusIndex).toBeGreaterThan(10_000);
    }
    expect(isoDateInShanghai(imported[0].issuedAt!)).toBe("2024-03-01");
    expect(isoDateInShanghai(imported[0].validUntil!)).toBe("2029-02-28");
    const legal = await db.credential.findFirstOrThrow({ where: { externalNumber: "A20183301000001" } });
    expect(isoDateInShanghai(legal.issuedAt!)).toBe("2018-09-20");
    expect(legal.validUntil).toBeNull();
    const event = await db.credentialEvent.findFirstOrThrow({ where: { credentialId: imported[0].id } });
    expect(event.action).toBe("RECORDED");
    expect(JSON.parse(event.data)).toMatchObject({ source: "import", file: "good.xlsx", row: 2 });
    expect(await db.auditEvent.count({ where: { action: "credential.import" } })).toBe(1);

    // The same file again: every number is taken and every live credential exists.
    const again = await importCredentialsFile(hrZj, await file("good.xlsx", good), now);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.filter((e) => e.message.endsWith("numberTaken")).map((e) => e.row)).toEqual([2, 4, 5]);
  });

  it("refuses an account without credential.issue", async () => {
    const result = await importCredentialsFile(admin, await file("pa.xlsx", good), now);
    expect(result).toEqual({ ok: false, errors: [{ row: 0, message: "credentialViews.import.errors.notAllowed" }] });
  });
});
