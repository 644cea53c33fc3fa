import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { answerKnowledgeCheck, catalogue, completeLesson, heartbeat, learnerCourse, learnerLesson, myLearning } from "~/modules/courseware/learn.server";
import { importLibrary } from "~/modules/courseware/library.server";

// A one-course library written for this test, so it does not depend on the shipped content.
function library(lessonBody: string, version = "一") {
  const root = mkdtempSync(path.join(os.tmpdir(), "courses-"));
  const dir = path.join(root, "test-course");
  mkdirSync(path.join(dir, "lessons"), { recursive: true });
  writeFileSync(
    path.join(dir, "course.json"),
    JSON.stringify({ code: "test-course", title: `测试课程${version}`, summary: "用于测试。", audiences: ["ENFORCEMENT", "MONITORING", "LEADERSHIP"], syllabusCodes: ["PEN.PROC"] }),
  );
  writeFileSync(path.join(dir, "lessons", "01-a.mdx"), `---\ntitle: 听证程序\nminutes: 30\ncreditHours: 0.5\nsyllabusCodes: [PEN.PROC]\nlaws: ["中华人民共和国行政处罚法 第六十四条"]\n---\n${lessonBody}\n`);
  return root;
}

let learner: Actor;
let questionId: string;
let courseId: string;

beforeAll(async () => {
  await seed({ officers: 10, questionBank: true });
  learner = await cliActor("LE330101");
  const q = await db.question.findFirstOrThrow({ where: { type: "TRUE_FALSE", status: "ACTIVE" } });
  questionId = q.id;
  const result = await importLibrary({ ...SYSTEM_ACTOR, userId: null }, library(`## 听证\n\n正文。\n\n<KnowledgeCheck question="${questionId}" />`));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  courseId = (await db.course.findUniqueOrThrow({ where: { code: "test-course" } })).id;
}, 120_000);

describe("a learner takes a lesson", () => {
  it("finds the published course in the catalogue and resumes at the first lesson", async () => {
    expect((await catalogue(learner, {})).map((c) => c.courseId)).toContain(courseId);
    const course = await learnerCourse(learner, courseId);
    expect(course.lessons).toHaveLength(1);
    expect(course.resume).toBe(course.lessons[0].id);
  });

  it("never receives the knowledge check's answer", async () => {
    const course = await learnerCourse(learner, courseId);
    const view = await learnerLesson(learner, course.lessons[0].id, "zh-CN");
    const serialized = JSON.stringify(view.questions);
    expect(Object.keys(view.questions)).toEqual([questionId]);
    expect(serialized).not.toContain("correct");
    expect(serialized).not.toContain("answer");
    expect(serialized).not.toContain("explanation");
  });

  it("cannot complete before enough time and a correct knowledge check; then the record is posted once", async () => {
    const lessonId = (await learnerCourse(learner, courseId)).lessons[0].id;
    await heartbeat(learner, lessonId, { visible: true, idleSeconds: 0 });
    expect(await completeLesson(learner, lessonId)).toEqual({ ok: false, blockers: ["courseware.blockers.time", "courseware.blockers.checks"] });

    const content = JSON.parse((await db.questionVersion.findFirstOrThrow({ where: { questionId }, orderBy: { version: "desc" } })).content);
    const right = String(content.answer.correct);
    const wrong = String(!content.answer.correct);
    expect((await answerKnowledgeCheck(learner, lessonId, questionId, { value: wrong })).correct).toBe(false);
    expect((await answerKnowledgeCheck(learner, lessonId, questionId, { value: right })).correct).toBe(true);
    expect(await db.knowledgeCheckAnswer.count({ where: { personId: learner.personId, lessonVersionId: lessonId } })).toBe(2);

    // Simulate 20 minutes of heartbeats: 15–30 minutes earn 0.5 h under the default hours rules.
    await write((tx) => tx.lessonProgress.updateMany({ where: { personId: learner.personId, lessonVersionId: lessonId }, data: { secondsOnTask: 20 * 60 } }));
    const done = await completeLesson(learner, lessonId);
    expect(done).toEqual({ ok: true, creditedHours: 0.5 });
    expect(await completeLesson(learner, lessonId)).toEqual({ ok: true, creditedHours: 0.5 });
    const records = await db.learningRecord.findMany({ where: { personId: learner.personId } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ lessonVersionId: lessonId, minutes: 20, creditedHours: 0.5 });
    expect((await myLearning(learner)).hoursThisYear).toBe(0.5);
    // The hours ledger has the lesson once, approved, with the minutes behind it.
    const entries = await db.hoursEntry.findMany({ where: { personId: learner.personId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: "ONLINE_LESSON", status: "APPROVED", hours: 0.5, quantity: 20, quantityUnit: "MINUTES", refId: records[0].id });
  });

  it("refuses an answer to a question the lesson does not ask", async () => {
    const lessonId = (await learnerCourse(learner, courseId)).lessons[0].id;
    const other = await db.question.findFirstOrThrow({ where: { id: { not: questionId }, type: "TRUE_FALSE" } });
    await expect(answerKnowledgeCheck(learner, lessonId, other.id, { value: "true" })).rejects.toMatchObject({ status: 404 });
  });

  it("keeps records on the version studied when a new version is published", async () => {
    const before = (await learnerCourse(learner, courseId)).lessons[0].id;
    const result = await importLibrary({ ...SYSTEM_ACTOR, userId: null }, library(`## 听证（修订）\n\n新的正文。\n\n<KnowledgeCheck question="${questionId}" />`, "二"));
    expect(result.ok).toBe(true);
    const course = await learnerCourse(learner, courseId);
    expect(course.course.version).toBe(2);
    expect(course.lessons[0].id).not.toBe(before);
    expect(course.lessons[0].completed).toBe(false);
    const record = await db.learningRecord.findFirstOrThrow({ where: { personId: learner.personId } });
    expect(record.lessonVersionId).toBe(before);
    // The old version is still readable by someone who studied it.
    expect((await learnerLesson(learner, before, "zh-CN")).record?.creditedHours).toBe(0.5);
  });

  it("refuses a library with a broken lesson and keeps serving the published version", async () => {
    const result = await importLibrary({ ...SYSTEM_ACTOR, userId: null }, library(`## 坏\n\n{process.exit(1)}`, "三"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 10, message: "courseware.errors.expression" });
    expect((await learnerCourse(learner, courseId)).course.version).toBe(2);
  });
});
