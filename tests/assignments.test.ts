import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import {
  assignCourse,
  assignmentLearners,
  getAssignment,
  listAssignments,
  revokeAssignment,
} from "~/modules/courseware/assignments.server";
import { catalogue, myAssignments } from "~/modules/courseware/learn.server";
import { importLibrary, publishVersion } from "~/modules/courseware/library.server";
import { expectNotFound } from "./support/helpers";

let hrZhejiang: Actor;
let hrJiangsu: Actor;
let programAdmin: Actor;
let learner: Actor;
let monitor: Actor;
const courses: Record<string, string> = {};
const units: Record<string, { id: string; path: string }> = {};
let libraryDir: string;

function lesson(title: string) {
  return `---
title: ${title}
minutes: 10
creditHours: 0.25
syllabusCodes: []
---

## ${title}

排污许可证载明的事项应当逐项核对。
`;
}

function writeCourse(root: string, code: string, title: string, lessons: number) {
  const dir = path.join(root, code);
  mkdirSync(path.join(dir, "lessons"), { recursive: true });
  writeFileSync(
    path.join(dir, "course.json"),
    JSON.stringify({ code, title, summary: "测试课程", audiences: ["ENFORCEMENT", "MONITORING"], syllabusCodes: [] }),
  );
  for (let i = 1; i <= lessons; i++) writeFileSync(path.join(dir, "lessons", `0${i}-x.mdx`), lesson(`${title}第${i}课`));
}

function today() {
  return isoDateInShanghai(new Date());
}

function daysFromToday(days: number) {
  return isoDateInShanghai(new Date(Date.now() + days * 86_400_000));
}

beforeAll(async () => {
  await seed({ officers: 40 });
  [hrZhejiang, hrJiangsu, programAdmin, learner] = await Promise.all(["HR330001", "HR320001", "PA100001", "LE330101"].map((s) => cliActor(s)));
  for (const code of ["100000", "330000", "330100", "320000"]) {
    const u = await db.orgUnit.findUniqueOrThrow({ where: { code } });
    units[code] = { id: u.id, path: u.path };
  }

  libraryDir = mkdtempSync(path.join(tmpdir(), "assignments-"));
  writeCourse(libraryDir, "assign-a", "分配测试甲", 2);
  writeCourse(libraryDir, "assign-b", "分配测试乙", 1);
  writeCourse(libraryDir, "assign-c", "分配测试丙", 1);
  writeCourse(libraryDir, "assign-d", "分配测试丁", 1);
  writeCourse(libraryDir, "assign-e", "分配测试戊", 1);
  const imported = await importLibrary({ userId: null, label: "test" }, libraryDir);
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  for (const c of await db.course.findMany({ select: { id: true, code: true } })) courses[c.code] = c.id;

  // A course owned by 江苏省: learners in 浙江 cannot see it.
  courses["js-only"] = await write(async (tx) => {
    const course = await tx.course.create({ data: { code: "js-only", ownerUnitId: units["320000"].id, draft: "{}" } });
    await publishVersion(tx, course.id, { title: "江苏专用课程", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] }, [
      { title: "一课", minutes: 10, creditHours: 0.25, syllabusCodes: [], laws: [], notes: "", source: lesson("一课") },
    ], null);
    return course.id;
  });

  // A monitoring officer in 杭州市, acting as a learner.
  const person = await write((tx) =>
    tx.person.create({ data: { staffNo: "TMON0001", name: "测试监测员", unitId: units["330100"].id, category: "MONITORING", post: "监测员" } }),
  );
  monitor = { ...learner, userId: "none", personId: person.id, staffNo: person.staffNo, name: person.name, unitId: person.unitId, unitPath: units["330100"].path, grants: [] };
});

afterAll(() => {
  rmSync(libraryDir, { recursive: true, force: true });
});

describe("assigning", () => {
  it("hr assigns a course to 杭州市; it applies to a learner there, and the write is audited", async () => {
    const result = await assignCourse(hrZhejiang, { courseId: courses["assign-a"], target: { kind: "UNIT", unitId: units["330100"].id }, dueDate: daysFromToday(30) });
    expect(result).toEqual({ ok: true, id: expect.any(String) });
    if (!result.ok) return;
    const mine = await myAssignments(learner);
    expect(mine.has(courses["assign-a"])).toBe(true);
    expect(isoDateInShanghai(mine.get(courses["assign-a"])!)).toBe(daysFromToday(30));
    expect((await myAssignments(monitor)).has(courses["assign-a"])).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "assignment.create", objectId: result.id } });
    expect(event.actorLabel).toBe("HR330001");
    expect(event.unitId).toBe(units["330100"].id);
    // The same assignment twice is refused.
    const again = await assignCourse(hrZhejiang, { courseId: courses["assign-a"], target: { kind: "UNIT", unitId: units["330100"].id } });
    expect(again).toEqual({ ok: false, errors: { courseId: "assignments.errors.duplicate" } });
  });

  it("an assignment limited to enforcement staff does not apply to a monitoring officer", async () => {
    const result = await assignCourse(hrZhejiang, { courseId: courses["assign-b"], target: { kind: "UNIT", unitId: units["330000"].id, category: "ENFORCEMENT" } });
    expect(result.ok).toBe(true);
    expect((await myAssignments(learner)).has(courses["assign-b"])).toBe(true);
    expect((await myAssignments(monitor)).has(courses["assign-b"])).toBe(false);
  });

  it("refuses units and people out of scope exactly like unknown ones", async () => {
    const jiangsuUnit = await assignCourse(hrZhejiang, { courseId: courses["assign-b"], target: { kind: "UNIT", unitId: units["320000"].id } });
    const unknownUnit = await assignCourse(hrZhejiang, { courseId: courses["assign-b"], target: { kind: "UNIT", unitId: "no-such-unit" } });
    expect(jiangsuUnit).toEqual({ ok: false, errors: { unitId: "assignments.errors.unknownUnit" } });
    expect(unknownUnit).toEqual(jiangsuUnit);

    const jiangsuPerson = await db.person.findFirstOrThrow({ where: { status: "ACTIVE", unit: { path: { startsWith: units["320000"].path } } } });
    const outOfScope = await assignCourse(hrZhejiang, { courseId: courses["assign-b"], target: { kind: "PERSON", staffNo: jiangsuPerson.staffNo } });
    const unknownPerson = await assignCourse(hrZhejiang, { courseId: courses["assign-b"], target: { kind: "PERSON", staffNo: "NOSUCH01" } });
    expect(outOfScope).toEqual({ ok: false, errors: { staffNo: "assignments.errors.unknownPerson" } });
    expect(unknownPerson).toEqual(outOfScope);
    expect(await db.courseAssignment.count({ where: { unitId: units["320000"].id } })).toBe(0);
  });

  it("refuses a due date in the past and accepts today, due at the end of the day in China", async () => {
    for (const dueDate of ["2020-01-01", daysFromToday(-1)]) {
      const result = await assignCourse(hrZhejiang, { courseId: courses["assign-d"], target: { kind: "PERSON", staffNo: "LE330101" }, dueDate });
      expect(result).toEqual({ ok: false, errors: { dueDate: "assignments.errors.dueInPast" } });
    }
    expect(await assignCourse(hrZhejiang, { courseId: courses["assign-d"], target: { kind: "PERSON", staffNo: "LE330101" }, dueDate: "2025-02-30" })).toEqual({
      ok: false,
      errors: { dueDate: "errors.dateFormat" },
    });
    const ok = await assignCourse(hrZhejiang, { courseId: courses["assign-d"], target: { kind: "PERSON", staffNo: "LE330101" }, dueDate: today() });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const row = await db.courseAssignment.findUniqueOrThrow({ where: { id: ok.id } });
    expect(row.dueDate!.toISOString()).toBe(`${today()}T15:59:59.999Z`);
    expect(row.personId).toBe(learner.personId);
    expect(row.assignedById).toBe(hrZhejiang.userId);
  });

  it("refuses courses the learners cannot see", async () => {
    // A 江苏 course is not offered to a 浙江 hr at all…
    expect(await assignCourse(hrZhejiang, { courseId: courses["js-only"], target: { kind: "UNIT", unitId: units["330100"].id } })).toEqual({
      ok: false,
      errors: { courseId: "assignments.errors.unknownCourse" },
    });
    // …and a national administrator cannot assign it to 浙江 (or to the whole country).
    for (const code of ["330100", "100000"]) {
      expect(await assignCourse(programAdmin, { courseId: courses["js-only"], target: { kind: "UNIT", unitId: units[code].id } })).toEqual({
        ok: false,
        errors: { courseId: "assignments.errors.courseNotVisible" },
      });
    }
    expect((await assignCourse(programAdmin, { courseId: courses["js-only"], target: { kind: "UNIT", unitId: units["320000"].id } })).ok).toBe(true);
  });
});

describe("revoking", () => {
  it("keeps the row with revokedAt and removes the course from the learner's assignments", async () => {
    const result = await assignCourse(hrZhejiang, { courseId: courses["assign-e"], target: { kind: "PERSON", staffNo: "LE330101" } });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect((await myAssignments(learner)).has(courses["assign-e"])).toBe(true);

    // Out of scope answers like a missing assignment.
    await expectNotFound(revokeAssignment(hrJiangsu, result.id));
    await expectNotFound(getAssignment(hrJiangsu, result.id));

    expect(await revokeAssignment(hrZhejiang, result.id)).toEqual({ ok: true });
    const row = await db.courseAssignment.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    expect(row.revokedById).toBe(hrZhejiang.userId);
    expect((await myAssignments(learner)).has(courses["assign-e"])).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "assignment.revoke", objectId: result.id } })).toBe(1);
    expect(await revokeAssignment(hrZhejiang, result.id)).toEqual({ ok: false, error: "assignments.errors.alreadyRevoked" });

    const active = await listAssignments(hrZhejiang, { courseId: courses["assign-e"] });
    expect(active.items).toHaveLength(0);
    const revoked = await listAssignments(hrZhejiang, { courseId: courses["assign-e"], status: "REVOKED" });
    expect(revoked.items.map((i) => i.id)).toEqual([result.id]);
  });
});

describe("catalogue", () => {
  it("lists assigned courses first and marks overdue ones", async () => {
    const result = await assignCourse(hrZhejiang, { courseId: courses["assign-c"], target: { kind: "PERSON", staffNo: "LE330101" }, dueDate: daysFromToday(10) });
    if (!result.ok) throw new Error(JSON.stringify(result));
    // Time passes: the due date is now behind us.
    await write((tx) => tx.courseAssignment.update({ where: { id: result.id }, data: { dueDate: new Date(Date.now() - 86_400_000) } }));

    const items = await catalogue(learner, {});
    const codes = new Map(Object.entries(courses).map(([code, id]) => [id, code]));
    const order = items.map((i) => codes.get(i.courseId));
    expect(order[0]).toBe("assign-c");
    expect(items[0].overdue).toBe(true);
    const assigned = items.filter((i) => i.assigned).map((i) => codes.get(i.courseId));
    expect(new Set(assigned)).toEqual(new Set(["assign-a", "assign-b", "assign-c", "assign-d"]));
    // Every assigned course comes before every unassigned one.
    const lastAssigned = Math.max(...items.map((i, n) => (i.assigned ? n : -1)));
    const firstUnassigned = items.findIndex((i) => !i.assigned);
    expect(firstUnassigned).toBeGreaterThan(lastAssigned);
    expect(items.filter((i) => i.overdue).map((i) => codes.get(i.courseId))).toEqual(["assign-c"]);
  });
});

describe("progress", () => {
  it("counts covered learners, completions of the published version and overdue learners", async () => {
    const assignment = await db.courseAssignment.findFirstOrThrow({ where: { courseId: courses["assign-a"], unitId: units["330100"].id, revokedAt: null } });
    const hangzhouActive = await db.person.count({ where: { status: "ACTIVE", unit: { path: { startsWith: units["330100"].path } } } });

    let detail = await getAssignment(hrZhejiang, assignment.id);
    expect(detail.covered).toBe(hangzhouActive);
    expect(detail.completed).toBe(0);
    expect(detail.overdue).toBe(0);

    // The learner completes one lesson, then both.
    const version = await db.courseVersion.findFirstOrThrow({ where: { courseId: courses["assign-a"] }, include: { lessons: { orderBy: { position: "asc" } } } });
    const record = (lessonVersionId: string) =>
      write((tx) => tx.learningRecord.create({ data: { personId: learner.personId, lessonVersionId, courseVersionId: version.id, minutes: 10, creditedHours: 0.25 } }));
    await record(version.lessons[0].id);
    expect((await getAssignment(hrZhejiang, assignment.id)).completed).toBe(0);
    await record(version.lessons[1].id);
    detail = await getAssignment(hrZhejiang, assignment.id);
    expect(detail.completed).toBe(1);

    const listed = (await listAssignments(hrZhejiang, { courseId: courses["assign-a"] })).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ covered: hangzhouActive, completed: 1, overdue: 0, target: { kind: "UNIT", name: "杭州市", category: null } });

    const done = await assignmentLearners(hrZhejiang, assignment.id, { state: "done" });
    expect(done.learners.map((l) => l.staffNo)).toEqual(["LE330101"]);
    expect(done.learners[0]).toMatchObject({ state: "done", lessonsDone: 2 });
    const pending = await assignmentLearners(hrZhejiang, assignment.id, { state: "pending" });
    expect(pending.learners.map((l) => l.staffNo)).not.toContain("LE330101");
    expect(pending.learners).toHaveLength(hangzhouActive - 1);

    // Past the due date, everyone not done is overdue.
    await write((tx) => tx.courseAssignment.update({ where: { id: assignment.id }, data: { dueDate: new Date(Date.now() - 1_000) } }));
    detail = await getAssignment(hrZhejiang, assignment.id);
    expect(detail.overdue).toBe(hangzhouActive - 1);
    const all = await assignmentLearners(hrZhejiang, assignment.id);
    expect(all.learners.filter((l) => l.state === "overdue")).toHaveLength(hangzhouActive - 1);

    // A personal assignment (counted by probing the one person's records).
    const personal = await db.courseAssignment.findFirstOrThrow({ where: { courseId: courses["assign-d"], personId: learner.personId } });
    expect(await getAssignment(hrZhejiang, personal.id)).toMatchObject({ covered: 1, completed: 0, target: { kind: "PERSON", staffNo: "LE330101" } });
    const versionD = await db.courseVersion.findFirstOrThrow({ where: { courseId: courses["assign-d"] }, include: { lessons: true } });
    await write((tx) =>
      tx.learningRecord.create({ data: { personId: learner.personId, lessonVersionId: versionD.lessons[0].id, courseVersionId: versionD.id, minutes: 10, creditedHours: 0.25 } }),
    );
    expect(await getAssignment(hrZhejiang, personal.id)).toMatchObject({ covered: 1, completed: 1 });

    // 江苏's hr does not see 浙江's assignments; the national administrator sees them all.
    expect((await listAssignments(hrJiangsu)).items.map((i) => i.course.id)).toEqual([courses["js-only"]]);
    expect((await listAssignments(programAdmin)).total).toBe(await db.courseAssignment.count({ where: { revokedAt: null } }));
    await expectNotFound(listAssignments(hrJiangsu, { unitId: units["330000"].id }));
    await expectNotFound(listAssignments(learner));
  });
});
