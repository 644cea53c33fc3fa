import { createId } from "@paralleldrive/cuid2";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { addEntry } from "~/modules/hours/ledger.server";
import { classStats, dashboard, listPeople } from "~/modules/compliance/compliance.server";
import { listNotices, markNoticesRead } from "~/modules/compliance/notices.server";
import { BEHIND_PACE_KIND, HR_DIGEST_KIND, runWeeklyReminders, sendBehindPaceNotices, sendHrDigest } from "~/modules/compliance/reminders.server";
import { missingPeople, rotationCoverage } from "~/modules/compliance/rotation.server";
import { PLAN_PERIODS } from "~/modules/compliance/rules";

/** Shanghai wall-clock time as a UTC instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);
const JULY = sh("2026-07-01T10:00:00");

let hrZj: Actor;
let hrJs: Actor;
let unit: { id: string; path: string };
let hangzhou: { id: string };
const people: Record<"A" | "B" | "C" | "D" | "E" | "F", string> = { A: "", B: "", C: "", D: "", E: "", F: "" };

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

/** A summary as the ledger writes it; onRoster = active and in the enforcement system when computed. */
function summary(personId: string, year: number, credited: number, extra: { carriedIn?: number; political?: number; onRoster?: boolean } = {}) {
  return {
    personId,
    year,
    unitId: unit.id,
    onRoster: extra.onRoster ?? true,
    professionalRequired: 60,
    professionalCarriedIn: extra.carriedIn ?? 0,
    professionalCredited: credited,
    politicalRequired: 0,
    politicalCredited: extra.political ?? 0,
    pendingHours: 0,
    carryOut: 0,
    met: credited + (extra.carriedIn ?? 0) >= 60,
    ruleVersions: "{}",
    computedAt: new Date(),
  };
}

beforeAll(async () => {
  await seed({ officers: 10, questionBank: false });
  hrZj = await cliActor("HR330001");
  hrJs = await cliActor("HR320001");
  const parent = await db.orgUnit.findUniqueOrThrow({ where: { code: "330100" } });
  hangzhou = parent;
  await write(async (tx) => {
    const id = createId();
    unit = { id, path: `${parent.path}${id}/` };
    await tx.orgUnit.create({ data: { id, code: "339901", name: "测试县", level: "COUNTY", parentId: parent.id, path: unit.path, depth: parent.depth + 1 } });
    const person = async (key: keyof typeof people, over: { status?: string; inEnforcementSystem?: boolean } = {}) => {
      const p = await tx.person.create({
        data: { staffNo: `T9990${Object.keys(people).indexOf(key)}`, name: `测试${key}`, unitId: id, category: "ENFORCEMENT", post: "执法队员", status: over.status ?? "ACTIVE", inEnforcementSystem: over.inEnforcementSystem ?? true },
      });
      people[key] = p.id;
    };
    // A met, B on pace, C behind, D no summary at all, E retired (met), F not in the enforcement system.
    for (const key of ["A", "B", "C", "D"] as const) await person(key);
    await person("E", { status: "RETIRED" });
    await person("F", { inEnforcementSystem: false });
    await tx.hoursYearSummary.createMany({
      data: [
        summary(people.A, 2026, 70, { political: 4 }),
        summary(people.B, 2026, 40),
        summary(people.C, 2026, 5),
        // E retired and F left the enforcement system: their summaries say they are off the roster.
        summary(people.E, 2026, 80, { onRoster: false }),
        summary(people.F, 2026, 0, { onRoster: false }),
        summary(people.A, 2025, 61),
        summary(people.B, 2025, 59.75),
        // E was still active in 2025: a past year keeps the roster of its time.
        summary(people.E, 2025, 65),
      ],
    });
  });
}, 120_000);

describe("compliance dashboard", () => {
  it("counts officers (active, in the system), met, behind pace, the histogram and the trend", async () => {
    const d = await dashboard(hrZj, { unitId: unit.id, year: 2026, asOf: JULY });
    expect(d.totals.officers).toBe(4);
    expect(d.totals.met).toBe(1);
    expect(d.totals.notMet).toBe(3);
    // C is behind; D has no summary, so 0 hours: behind too. B (40 by July 1) projects to ~80.
    expect(d.totals.behind).toBe(2);
    expect(d.basis).toBe("PACE");
    expect(d.histogram.map((b) => b.count)).toEqual([2, 0, 1, 0, 1]);
    expect(d.totals.averageHours).toBeCloseTo((70 + 40 + 5) / 4, 2);
    expect(d.political.averageHours).toBe(1);
    expect(d.trend.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    // 2025 counts the roster of its time: A, B and E (since retired) had summaries on the roster; D had none.
    expect(d.trend.find((y) => y.year === 2025)).toMatchObject({ officers: 3, met: 2 });
    expect(d.trend.find((y) => y.year === 2024)).toMatchObject({ officers: 0, met: 0, rate: null });
    // The unit's own staff make its only row (a county has no children).
    expect(d.units).toHaveLength(1);
    expect(d.units[0]).toMatchObject({ self: true, officers: 4, met: 1, behind: 2 });
  });

  it("leaves out a retired person whose summary is off the roster, and counts a person without a summary as 0 hours", async () => {
    const d = await dashboard(hrZj, { unitId: unit.id, year: 2026, asOf: JULY });
    // E (retired, 80 hours, onRoster false) would make 5 officers and 2 met.
    expect(d.totals).toMatchObject({ officers: 4, met: 1 });
    const all = await listPeople(hrZj, { unitId: unit.id, year: 2026, filter: "all", asOf: JULY });
    expect(all.items.map((p) => p.name)).not.toContain("测试E");
    expect(all.total).toBe(4);
    // D has no 2026 summary: 0 hours, in the first bucket, not met, behind pace.
    const dRow = all.items.find((p) => p.name === "测试D")!;
    expect(dRow).toMatchObject({ hasSummary: false, credited: 0, total: 0, required: 60, met: false, behind: true });
    expect(d.histogram[0].count).toBe(2); // C (5 hours) and D (none)
    // Before the year has begun nobody is behind pace, D included.
    const early = await dashboard(hrZj, { unitId: unit.id, year: 2026, asOf: sh("2025-12-31T12:00:00") });
    expect(early.basis).toBe("NOT_STARTED");
    expect(early.totals).toMatchObject({ officers: 4, behind: 0 });
  });

  it("counts a past year on the roster of its time, and lists the same people", async () => {
    const d = await dashboard(hrZj, { unitId: unit.id, year: 2025, asOf: JULY });
    expect(d.basis).toBe("YEAR_ENDED");
    // A 61 and E 65 met, B 59.75 behind; C and D had no 2025 summary.
    expect(d.totals).toMatchObject({ officers: 3, met: 2, behind: 1 });
    expect(d.trend.find((y) => y.year === 2025)).toMatchObject({ officers: 3, met: 2 });
    const all = await listPeople(hrZj, { unitId: unit.id, year: 2025, filter: "all", asOf: JULY });
    expect(all.items.map((p) => p.name)).toEqual(["测试A", "测试B", "测试E"]);
    expect(all.total).toBe(3);
    const notMet = await listPeople(hrZj, { unitId: unit.id, year: 2025, filter: "notMet", asOf: JULY });
    expect(notMet.items.map((p) => p.name)).toEqual(["测试B"]);
    expect(notMet.total).toBe(1);
  });

  it("rolls the unit up into its city, with a drill-down row", async () => {
    const d = await dashboard(hrZj, { unitId: hangzhou.id, year: 2026, asOf: JULY });
    const row = d.units.find((u) => u.unitId === unit.id);
    expect(row).toMatchObject({ officers: 4, met: 1, behind: 2, drillable: true });
    expect(d.totals.officers).toBeGreaterThanOrEqual(4);
    const province = await dashboard(hrZj, { year: 2026, asOf: JULY });
    expect(province.unit.name).toBe("浙江省");
    expect(province.units.find((u) => u.unitId === hangzhou.id)!.officers).toBe(row!.officers + d.units.filter((u) => u.unitId !== unit.id).reduce((s, u) => s + u.officers, 0));
    expect(d.breadcrumb.map((b) => b.name)).toEqual(["浙江省"]);
  });

  it("lists the people behind pace, not met, or all, and an approved entry changes the figures", async () => {
    const names = async (filter: "behind" | "notMet" | "all") => (await listPeople(hrZj, { unitId: unit.id, year: 2026, filter, asOf: JULY })).items.map((p) => p.name);
    expect(await names("behind")).toEqual(["测试C", "测试D"]);
    expect(await names("notMet")).toEqual(["测试B", "测试C", "测试D"]);
    expect(await names("all")).toEqual(["测试A", "测试B", "测试C", "测试D"]);
    const list = await listPeople(hrZj, { unitId: unit.id, year: 2026, filter: "behind", asOf: JULY });
    expect(list.total).toBe(2);
    expect(list.items[1]).toMatchObject({ hasSummary: false, total: 0, behind: true, met: false });

    // D's 70 approved hours go through the ledger, which writes D's summary.
    await write((tx) => addEntry(tx, { personId: people.D, activityDate: sh("2026-06-01T09:00:00"), year: 2026, hours: 70, category: "PROFESSIONAL_LEGAL", source: "MANUAL", title: "测试", status: "APPROVED" }));
    const d = await dashboard(hrZj, { unitId: unit.id, year: 2026, asOf: JULY });
    expect(d.totals).toMatchObject({ officers: 4, met: 2, behind: 1 });
    expect(await names("behind")).toEqual(["测试C"]);
  });

  it("keeps 浙江 figures from a 江苏 HR: 404", async () => {
    await expectNotFound(dashboard(hrJs, { unitId: unit.id, year: 2026, asOf: JULY }));
    await expectNotFound(listPeople(hrJs, { unitId: unit.id, year: 2026, filter: "all", asOf: JULY }));
    await expectNotFound(rotationCoverage(hrJs, { unitId: unit.id, period: PLAN_PERIODS[0] }));
    await expectNotFound(classStats(hrJs, { unitId: unit.id, year: 2026, asOf: JULY }));
    const own = await dashboard(hrJs, { year: 2026, asOf: JULY });
    expect(own.unit.name).toBe("江苏省");
    expect(own.units.some((u) => u.unitId === unit.id || u.unitId === hangzhou.id)).toBe(false);
    // An officer without hours.view sees no dashboard at all.
    await expectNotFound(dashboard(await cliActor("LE330101"), { year: 2026, asOf: JULY }));
  });
});

describe("rotation training and classes", () => {
  const classIds: Record<string, string> = {};

  beforeAll(async () => {
    await write(async (tx) => {
      const mk = async (code: string, type: string, start: string, end: string, capacity = 10) => {
        const c = await tx.trainingClass.create({
          data: { code, title: `班次${code}`, level: "PROVINCE", type, unitId: unit.id, startDate: sh(start), endDate: sh(end), capacity, creditHours: 16, status: "COMPLETED" },
        });
        classIds[code] = c.id;
        return c.id;
      };
      const initial = await mk("R1", "POST_INITIAL", "2023-06-26T09:00:00", "2023-06-30T17:00:00");
      const offPost = await mk("R2", "OFF_POST", "2024-03-01T09:00:00", "2024-03-05T17:00:00");
      const renewal = await mk("R3", "POST_RENEWAL", "2025-09-01T09:00:00", "2025-09-05T17:00:00");
      await tx.classEnrolment.createMany({
        data: [
          { classId: initial, personId: people.A, status: "COMPLETED", via: "NOMINATE" },
          { classId: offPost, personId: people.B, status: "COMPLETED", via: "NOMINATE" },
          { classId: renewal, personId: people.C, status: "INCOMPLETE", via: "APPLY" },
          { classId: initial, personId: people.E, status: "COMPLETED", via: "NOMINATE" },
        ],
      });
      // A class this year: A enrolled, B completed, C on the waiting list; two sessions held.
      const now = await mk("C1", "SPECIAL_TOPIC", "2026-05-10T09:00:00", "2026-05-11T17:00:00");
      await tx.classEnrolment.createMany({
        data: [
          { classId: now, personId: people.A, status: "ENROLLED", via: "APPLY" },
          { classId: now, personId: people.B, status: "COMPLETED", via: "APPLY" },
          { classId: now, personId: people.C, status: "WAITLISTED", via: "APPLY" },
        ],
      });
      const s1 = await tx.classSession.create({ data: { classId: now, position: 1, title: "上午", startsAt: sh("2026-05-10T09:00:00"), endsAt: sh("2026-05-10T12:00:00") } });
      const s2 = await tx.classSession.create({ data: { classId: now, position: 2, title: "下午", startsAt: sh("2026-05-10T14:00:00"), endsAt: sh("2026-05-10T17:00:00") } });
      await tx.attendanceMark.createMany({
        data: [
          { sessionId: s1.id, personId: people.A, present: true, method: "QR", recordedAt: sh("2026-05-10T09:05:00") },
          // Corrected by hand afterwards: the newest mark wins.
          { sessionId: s1.id, personId: people.A, present: false, method: "MANUAL", reason: "代签", recordedAt: sh("2026-05-10T18:00:00") },
          { sessionId: s1.id, personId: people.B, present: true, method: "QR", recordedAt: sh("2026-05-10T09:06:00") },
          { sessionId: s2.id, personId: people.A, present: true, method: "QR", recordedAt: sh("2026-05-10T14:01:00") },
          { sessionId: s2.id, personId: people.B, present: true, method: "QR", recordedAt: sh("2026-05-10T14:02:00") },
          // Not seated: does not count.
          { sessionId: s2.id, personId: people.C, present: true, method: "QR", recordedAt: sh("2026-05-10T14:03:00") },
        ],
      });
    });
  });

  it("covers only completed post-training classes ending in the period, and lists the rest with the due date", async () => {
    const [first, second] = PLAN_PERIODS;
    const r = await rotationCoverage(hrZj, { unitId: unit.id, period: first });
    expect(r.totals).toMatchObject({ officers: 4, covered: 1, missing: 3 });
    expect(r.totals.rate).toBe(0.25);
    expect(r.dueDate).toBe(sh("2025-12-31T00:00:00").toISOString());
    const missing = await missingPeople(hrZj, { unitId: unit.id, period: first });
    expect(missing.items.map((p) => p.name)).toEqual(["测试B", "测试C", "测试D"]);
    const next = await rotationCoverage(hrZj, { unitId: unit.id, period: second });
    expect(next.totals).toMatchObject({ covered: 0, missing: 4 });
    expect(next.period.assumed).toBe(true);
    const city = await rotationCoverage(hrZj, { unitId: hangzhou.id, period: first });
    expect(city.units.find((u) => u.unitId === unit.id)).toMatchObject({ officers: 4, covered: 1 });
  });

  it("gives fill and attendance, the newest mark per session and person counting", async () => {
    const stats = await classStats(hrZj, { unitId: unit.id, year: 2026, asOf: JULY });
    expect(stats.items).toHaveLength(1);
    expect(stats.items[0]).toMatchObject({ code: "C1", capacity: 10, seated: 2, sessions: 2, sessionsHeld: 2, present: 3, fill: 0.2, attendance: 0.75 });
    const before = await classStats(hrZj, { unitId: unit.id, year: 2026, asOf: sh("2026-05-10T13:00:00") });
    expect(before.items[0]).toMatchObject({ sessionsHeld: 1, present: 1, attendance: 0.5 });
    const y2023 = await classStats(hrZj, { unitId: unit.id, year: 2023, asOf: JULY });
    expect(y2023.items.map((c) => c.code)).toEqual(["R1"]);
  });
});

describe("weekly reminders", () => {
  const noticesOf = (personId: string, kind: string) => db.notice.findMany({ where: { personId, kind }, orderBy: { createdAt: "asc" } });

  it("tells officers behind pace once per ISO week", async () => {
    const first = await sendBehindPaceNotices(JULY);
    expect(first.written).toBeGreaterThan(0);
    expect(await noticesOf(people.C, BEHIND_PACE_KIND)).toHaveLength(1);
    for (const key of ["A", "B", "D", "E", "F"] as const) expect(await noticesOf(people[key], BEHIND_PACE_KIND)).toHaveLength(0);
    const [notice] = await noticesOf(people.C, BEHIND_PACE_KIND);
    expect(JSON.parse(notice.params)).toMatchObject({ year: 2026, credited: 5, required: 60, week: "2026-W27" });
    expect(notice.link).toBe("/hours");

    // Later the same week (Sunday night in Shanghai): nothing new.
    const again = await sendBehindPaceNotices(sh("2026-07-05T23:30:00"));
    expect(again.written).toBe(0);
    expect(await noticesOf(people.C, BEHIND_PACE_KIND)).toHaveLength(1);
    // Monday: a new week, a new notice.
    await sendBehindPaceNotices(sh("2026-07-06T08:00:00"));
    expect(await noticesOf(people.C, BEHIND_PACE_KIND)).toHaveLength(2);
  });

  it("sends HR a weekly digest of their subtree, once", async () => {
    // A seeded 浙江 officer (B's summary above is synthetic: a ledger refresh would rebuild it from no entries).
    const officer = await write((tx) => tx.person.create({ data: { staffNo: "T99910", name: "测试G", unitId: hangzhou.id, category: "ENFORCEMENT", post: "执法队员" } }));
    await write((tx) =>
      addEntry(tx, { personId: officer.id, activityDate: sh("2026-06-20T09:00:00"), year: 2026, hours: 2, category: "PROFESSIONAL_LEGAL", source: "EXTERNAL_IMPORT", title: "外部", status: "PENDING" }),
    );
    const first = await sendHrDigest(JULY);
    expect(first.written).toBeGreaterThanOrEqual(2);
    const [digest] = await noticesOf(hrZj.personId, HR_DIGEST_KIND);
    const params = JSON.parse(digest.params);
    expect(params).toMatchObject({ year: 2026, week: "2026-W27", units: "浙江省" });
    const province = await dashboard(hrZj, { year: 2026, asOf: JULY });
    expect(params.officers).toBe(province.totals.officers);
    expect(params.met).toBe(province.totals.met);
    expect(params.behindPace).toBe(province.totals.behind);
    expect(params.pendingApprovals).toBe(1);
    const js = JSON.parse((await noticesOf(hrJs.personId, HR_DIGEST_KIND))[0].params);
    expect(js.units).toBe("江苏省");
    expect(js.pendingApprovals).toBe(0);
    const all = await runWeeklyReminders(sh("2026-07-02T12:00:00"));
    expect(all.hrDigest.written).toBe(0);
    // Only G, who joined since the week's first run, is newly told.
    expect(all.behindPace.written).toBe(1);
    expect(await noticesOf(officer.id, BEHIND_PACE_KIND)).toHaveLength(1);
    expect(await noticesOf(hrZj.personId, HR_DIGEST_KIND)).toHaveLength(1);
  });

  it("shows a person their notices newest first and lets only them mark them read", async () => {
    const c: Actor = { ...hrZj, personId: people.C, grants: [] };
    const list = await listNotices(c);
    expect(list.items).toHaveLength(2);
    expect(list.unread).toBe(2);
    expect(new Date(list.items[0].createdAt).getTime()).toBeGreaterThan(new Date(list.items[1].createdAt).getTime());
    expect(await markNoticesRead(hrZj, { id: list.items[0].id })).toBe(0);
    expect(await markNoticesRead(c, { id: list.items[0].id })).toBe(1);
    expect((await listNotices(c)).unread).toBe(1);
    expect(await markNoticesRead(c, "all")).toBe(1);
    expect((await listNotices(c)).unread).toBe(0);
  });
});
