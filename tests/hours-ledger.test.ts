import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { addEntry, correctEntry, decideEntry, personYear, postClassCompletion, recomputeYear, voidEntry } from "~/modules/hours/ledger.server";
import { saveRules } from "~/modules/hours/rules-admin.server";
import { recordMovement } from "~/modules/people/people.server";
import { DEFAULT_RULES, shanghaiYear } from "~/modules/hours/rules";

let learner: Actor;
let hrZhejiang: Actor;
let hrJiangsu: Actor;
let admin: Actor;
const year = shanghaiYear(new Date());

function midYear(y: number) {
  return new Date(Date.UTC(y, 5, 1, 2));
}

async function summary(personId: string, y = year) {
  return db.hoursYearSummary.findUnique({ where: { personId_year: { personId, year: y } } });
}

async function submitted(hours: number, y = year, source: "MANUAL" | "EXTERNAL_IMPORT" = "MANUAL") {
  return write((tx) =>
    addEntry(tx, { personId: learner.personId, activityDate: midYear(y), hours, category: "PROFESSIONAL_LEGAL", source, title: "专题讲座", status: "PENDING", submittedById: learner.userId }),
  );
}

beforeAll(async () => {
  await seed({ officers: 10 });
  [learner, hrZhejiang, hrJiangsu, admin] = await Promise.all([cliActor("LE330101"), cliActor("HR330001"), cliActor("HR320001"), cliActor("PA100001")]);
}, 120_000);

describe("the hours ledger", () => {
  it("counts a pending entry only once HR in scope approves it, and keeps the summary current", async () => {
    const { id } = await submitted(4);
    expect(await summary(learner.personId)).toMatchObject({ professionalCredited: 0, pendingHours: 4, met: false });

    // Another province's HR cannot see it; the learner cannot approve their own.
    expect(await decideEntry(hrJiangsu, id, "APPROVED")).toEqual({ ok: false, error: "hours.errors.notFound" });
    expect(await decideEntry(learner, id, "APPROVED")).toEqual({ ok: false, error: "hours.errors.notFound" });
    expect((await db.hoursEntry.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    expect(await decideEntry(hrZhejiang, id, "APPROVED", "证明齐全")).toEqual({ ok: true });
    expect(await decideEntry(hrZhejiang, id, "REJECTED")).toEqual({ ok: false, error: "hours.errors.notPending" });
    expect(await summary(learner.personId)).toMatchObject({ professionalCredited: 4, pendingHours: 0 });
    expect(await db.auditEvent.count({ where: { action: "hours.approve", objectId: id } })).toBe(1);
  });

  it("a rejected entry credits nothing and cannot be voided", async () => {
    const { id } = await submitted(2);
    expect(await decideEntry(hrZhejiang, id, "REJECTED", "无证明材料")).toEqual({ ok: true });
    expect(await voidEntry(hrZhejiang, id, "x")).toEqual({ ok: false, error: "hours.errors.rejected" });
    expect(await summary(learner.personId)).toMatchObject({ professionalCredited: 4, pendingHours: 0 });
  });

  it("corrects by voiding and adding: both rows stay, only the replacement counts", async () => {
    const before = await db.hoursEntry.count();
    const entry = (await db.hoursEntry.findFirstOrThrow({ where: { personId: learner.personId, status: "APPROVED" } }))!;
    expect(await correctEntry(hrZhejiang, entry.id, { hours: 3 }, "")).toEqual({ ok: false, error: "hours.errors.reasonRequired" });
    const corrected = await correctEntry(hrZhejiang, entry.id, { hours: 3 }, "证书载明 3 学时");
    expect(corrected.ok).toBe(true);
    expect(await db.hoursEntry.count()).toBe(before + 1);
    expect(await db.hoursEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: "VOIDED", voidReason: "证书载明 3 学时" });
    const replacement = await db.hoursEntry.findFirstOrThrow({ where: { correctsEntryId: entry.id } });
    expect(replacement).toMatchObject({ hours: 3, status: "APPROVED", recordedAt: entry.recordedAt });
    expect(await summary(learner.personId)).toMatchObject({ professionalCredited: 3 });
    expect(await voidEntry(hrZhejiang, entry.id, "再次")).toEqual({ ok: false, error: "hours.errors.alreadyVoided" });
  });

  it("HR cannot void or correct their own entries (a correction is approved at once)", async () => {
    const own = await write((tx) =>
      addEntry(tx, { personId: hrZhejiang.personId, activityDate: midYear(year), hours: 2, category: "PROFESSIONAL_LEGAL", source: "MANUAL", title: "自学", status: "PENDING", submittedById: hrZhejiang.userId }),
    );
    expect(await correctEntry(hrZhejiang, own.id, { hours: 40 }, "改为 40 学时")).toEqual({ ok: false, error: "hours.errors.ownEntry" });
    expect(await voidEntry(hrZhejiang, own.id, "作废")).toEqual({ ok: false, error: "hours.errors.ownEntry" });
    expect(await db.hoursEntry.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ status: "PENDING", hours: 2 });
  });

  it("the database refuses edits and deletes of entries, and backward status moves", async () => {
    const entry = await db.hoursEntry.findFirstOrThrow({ where: { personId: learner.personId, status: "VOIDED" } });
    const run = (sql: string) => write((tx) => tx.$executeRawUnsafe(sql, entry.id));
    await expect(run(`UPDATE "HoursEntry" SET "hours" = 99 WHERE "id" = ?`)).rejects.toThrow(/never edited/);
    await expect(run(`UPDATE "HoursEntry" SET "status" = 'APPROVED' WHERE "id" = ?`)).rejects.toThrow(/only moves forward/);
    await expect(run(`DELETE FROM "HoursEntry" WHERE "id" = ?`)).rejects.toThrow(/never deleted/);
    expect(await db.hoursEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("posts a completed class once, off-post training by days under the rules", async () => {
    const unitPath = learner.unitPath;
    const completedAt = midYear(year);
    const first = await write((tx) =>
      postClassCompletion(tx, { enrolmentId: "enrol-1", personId: learner.personId, classTitle: "脱产培训班", classType: "OFF_POST", creditHours: 40, category: "PROFESSIONAL_LEGAL", days: 5, completedAt, unitPath }),
    );
    const again = await write((tx) =>
      postClassCompletion(tx, { enrolmentId: "enrol-1", personId: learner.personId, classTitle: "脱产培训班", classType: "OFF_POST", creditHours: 40, category: "PROFESSIONAL_LEGAL", days: 5, completedAt, unitPath }),
    );
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await db.hoursEntry.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ source: "OFF_POST_TRAINING", hours: 30, quantity: 5, quantityUnit: "DAYS" });
    const special = await write((tx) =>
      postClassCompletion(tx, { enrolmentId: "enrol-2", personId: learner.personId, classTitle: "专题班", classType: "SPECIAL_TOPIC", creditHours: 16, category: "PROFESSIONAL_LEGAL", days: 2, completedAt, unitPath }),
    );
    expect(await db.hoursEntry.findUniqueOrThrow({ where: { id: special.id } })).toMatchObject({ source: "OFFLINE_CLASS", hours: 16 });
    expect(await summary(learner.personId)).toMatchObject({ professionalCredited: 49, met: false });
  });

  it("a rule change for next year leaves this year's figures alone; one for this year re-evaluates without touching entries", async () => {
    const entriesBefore = await db.hoursEntry.findMany({ where: { personId: learner.personId }, orderBy: { id: "asc" } });
    const next = DEFAULT_RULES(year + 1);
    const saved = await saveRules(admin, { year: year + 1, scope: "NATIONAL", rules: { ...next, requirement: { ...next.requirement, PROFESSIONAL_LEGAL: 40 } }, note: "明年降低" });
    expect(saved.ok).toBe(true);
    expect((await personYear(learner.personId, year)).evaluation.categories.PROFESSIONAL_LEGAL).toMatchObject({ requirement: 60, met: false });
    expect(await summary(learner.personId)).toMatchObject({ professionalRequired: 60, met: false });

    const current = DEFAULT_RULES(year);
    expect((await saveRules(admin, { year, scope: "NATIONAL", rules: { ...current, requirement: { ...current.requirement, PROFESSIONAL_LEGAL: 48 } }, note: "" })).ok).toBe(true);
    const view = await personYear(learner.personId, year);
    expect(view.evaluation.categories.PROFESSIONAL_LEGAL).toMatchObject({ requirement: 48, met: true });
    expect(view.rules.national?.version).toBe(1);
    expect(await summary(learner.personId)).toMatchObject({ professionalRequired: 48, met: true });
    expect(await db.hoursEntry.findMany({ where: { personId: learner.personId }, orderBy: { id: "asc" } })).toEqual(entriesBefore);
  });

  it("a province may override the national rules for its officers only; HR cannot set rules", async () => {
    const zhejiang = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    expect((await saveRules(hrZhejiang, { year, scope: zhejiang.id, rules: { requirement: { PROFESSIONAL_LEGAL: 72 } }, note: "" })).ok).toBe(false);
    expect((await saveRules(admin, { year: year - 1, scope: "NATIONAL", rules: DEFAULT_RULES(year - 1), note: "" }))).toEqual({ ok: false, error: "hours.errors.pastYear" });
    expect((await saveRules(admin, { year, scope: zhejiang.id, rules: { requirement: { PROFESSIONAL_LEGAL: 72 } }, note: "浙江提高要求" })).ok).toBe(true);
    const view = await personYear(learner.personId, year);
    expect(view.evaluation.categories.PROFESSIONAL_LEGAL.requirement).toBe(72);
    expect(view.rules.provincial?.version).toBe(1);
    const jiangsuOfficer = await db.person.findFirstOrThrow({ where: { unit: { code: { startsWith: "32" } } } });
    expect((await personYear(jiangsuOfficer.id, year)).evaluation.categories.PROFESSIONAL_LEGAL.requirement).toBe(48);
  });

  it("carries surplus into the next year when the rules say so, and recomputing in bulk agrees with one by one", async () => {
    const last = year - 1;
    // Last year's rules (set while it was current) carry up to 10 hours.
    await write((tx) => tx.hoursRuleSet.create({ data: { year: last, scope: "NATIONAL", version: 1, rules: JSON.stringify({ ...DEFAULT_RULES(last), carryOverSurplus: true, carryOverMax: 10 }) } }));
    await write((tx) => addEntry(tx, { personId: learner.personId, activityDate: midYear(last), hours: 66, category: "PROFESSIONAL_LEGAL", source: "MANUAL", title: "往年培训", status: "APPROVED" }));
    expect(await summary(learner.personId, last)).toMatchObject({ professionalCredited: 66, carryOut: 6, met: true });
    // The carry flows forward into this year's summary (it existed already, so it was refreshed).
    expect(await summary(learner.personId)).toMatchObject({ professionalCarriedIn: 6 });

    const oneByOne = await db.hoursYearSummary.findMany({ where: { year }, orderBy: { personId: "asc" } });
    const result = await recomputeYear(year);
    expect(result.people).toBe(oneByOne.length);
    const bulk = await db.hoursYearSummary.findMany({ where: { year }, orderBy: { personId: "asc" } });
    const strip = (rows: typeof bulk) => rows.map(({ computedAt: _c, ...rest }) => rest);
    expect(strip(bulk)).toEqual(strip(oneByOne));
  });

  it("a transfer moves the person's current year to the new unit on the dashboards", async () => {
    const before = await summary(learner.personId);
    const result = await recordMovement(hrZhejiang, learner.personId, { toUnitCode: "330106", toStatus: "ACTIVE", reason: "工作调动", effectiveDate: "2026-11-01" });
    expect(result.ok).toBe(true);
    const westLake = await db.orgUnit.findUniqueOrThrow({ where: { code: "330106" } });
    expect(before?.unitId).not.toBe(westLake.id);
    expect(await summary(learner.personId)).toMatchObject({ unitId: westLake.id, professionalCredited: before?.professionalCredited, onRoster: true });
    // Retiring takes them off this year's compliance roster; their hours stay.
    expect((await recordMovement(hrZhejiang, learner.personId, { toStatus: "RETIRED", reason: "退休", effectiveDate: "2026-11-02" })).ok).toBe(true);
    expect(await summary(learner.personId)).toMatchObject({ onRoster: false, professionalCredited: before?.professionalCredited });
  });
});
