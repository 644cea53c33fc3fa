import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seedQuestionBank } from "~/cli/seed/question-bank.server";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import {
  addLesson,
  approveAndPublish,
  courseReviewQueue,
  createCourse,
  getCourseDraft,
  getLessonDraft,
  listAuthorCourses,
  moveLesson,
  previewLesson,
  reinstateCourse,
  removeLesson,
  retireCourse,
  returnForChanges,
  submitForReview,
  updateCourseMeta,
  updateLesson,
} from "~/modules/courseware/authoring.server";
import { HELP_EXAMPLES, HELP_FRONT_MATTER } from "~/modules/courseware/components/authoring-help";
import { learnerCourse } from "~/modules/courseware/learn.server";
import zhCN from "~/locales/zh-CN";
import { expectNotFound } from "./support/helpers";

let trainer: Actor; // TR330001, trainer at 浙江省
let programAdmin: Actor; // PA100001, national
let learner: Actor; // LE330101, 杭州市
let hr: Actor; // HR330001: no course permissions
let reviewerJs: Actor; // RV320001: reviewer role, no course permissions

beforeAll(async () => {
  // Org, accounts, syllabus and question bank; the shipped course library is left out so
  // this file does not depend on content/courses (which is being written alongside).
  await seed({ officers: 20, questionBank: false });
  await seedQuestionBank();
  [trainer, programAdmin, learner, hr, reviewerJs] = await Promise.all(["TR330001", "PA100001", "LE330101", "HR330001", "RV320001"].map((s) => cliActor(s)));
});

function lesson(title: string, body: string, front: Record<string, string> = {}): string {
  const fm = { title: JSON.stringify(title), minutes: "30", creditHours: "0.5", syllabusCodes: "[PERMIT.REG]", ...front };
  return ["---", ...Object.entries(fm).map(([k, v]) => `${k}: ${v}`), "---", "", body].join("\n");
}

const CALLOUT = lesson(
  "排污许可证核查要点",
  ["## 核查前准备", "", '<Callout type="warning" title="注意">', "", "现场检查前应调阅排污许可证副本。", "", "</Callout>", "", "检查时逐项核对。", ""].join("\n"),
);

async function auditActions(courseId: string) {
  return (await db.auditEvent.findMany({ where: { objectType: "Course", objectId: courseId }, orderBy: { id: "asc" } })).map((e) => e.action);
}

describe("courses and lessons", () => {
  let courseId: string;
  let lessonId: string;

  it("a trainer creates a course owned by their province", async () => {
    const result = await createCourse(trainer, { code: "zj-permit-basics", title: "排污许可依证监管入门", summary: "浙江省自编课程。", audiences: ["ENFORCEMENT"], syllabusCodes: ["PERMIT.REG"] });
    expect(result.ok).toBe(true);
    courseId = (result as { id: string }).id;
    const course = await db.course.findUniqueOrThrow({ where: { id: courseId }, include: { ownerUnit: true } });
    expect(course.ownerUnit.code).toBe("330000");
    expect(course.status).toBe("DRAFT");
    expect(course.source).toBe("AUTHORED");
    expect(await auditActions(courseId)).toEqual(["course.create"]);
  });

  it("refuses a taken code, a bad code and unknown syllabus topics", async () => {
    const base = { title: "另一门课程", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] };
    const taken = await createCourse(trainer, { ...base, code: "zj-permit-basics" });
    expect(taken.ok === false && taken.errors).toEqual({ code: "authoring.errors.codeTaken" });
    const bad = await createCourse(trainer, { ...base, code: "Bad Code" });
    expect(bad.ok === false && bad.errors?.code).toBe("courseware.errors.codeFormat");
    const topic = await createCourse(trainer, { ...base, code: "zj-topic", syllabusCodes: ["NO.SUCH"] });
    expect(topic.ok === false && topic.errors?.syllabusCodes).toBe("authoring.errors.unknownTopics");
  });

  it("people without course permissions cannot author", async () => {
    await expectNotFound(listAuthorCourses(hr));
    await expectNotFound(getCourseDraft(reviewerJs, courseId));
    await expectNotFound(createCourse(hr, { code: "hr-course", title: "人事课程", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] }));
  });

  it("adds a lesson with a Callout; the preview renders it", async () => {
    const preview = await previewLesson(CALLOUT);
    expect(preview.ok).toBe(true);
    expect(preview.problems).toEqual([]);
    expect(JSON.stringify(preview.tree)).toContain('"t":"Callout"');
    const added = await addLesson(trainer, courseId, CALLOUT);
    expect(added.ok).toBe(true);
    lessonId = (added as { id: string }).id;
    const row = await db.lessonDraft.findUniqueOrThrow({ where: { id: lessonId } });
    expect(row).toMatchObject({ title: "排污许可证核查要点", minutes: 30, creditHours: 0.5, syllabusCodes: '["PERMIT.REG"]', position: 1 });
    const draft = await getCourseDraft(trainer, courseId);
    expect(draft.lessons).toHaveLength(1);
    expect(draft.lessons[0].valid).toBe(true);
    expect(draft.permissions.submit).toBe(true);
  });

  it("reports imports and expressions with their lines, saves the draft anyway, and refuses submit", async () => {
    // Lines 1–6 are the front matter, 7 is blank, 8 the import.
    const withImport = lesson("含导入的课", 'import x from "y"\n\n正文。\n');
    const preview = await previewLesson(withImport);
    expect(preview.ok).toBe(false);
    expect(preview.problems).toContainEqual(expect.objectContaining({ line: 8, column: 1, message: "courseware.errors.importExport" }));

    const withExpression = lesson("含表达式的课", "第一段。\n\n计算结果是 {1+1}。\n");
    const expr = await previewLesson(withExpression);
    expect(expr.ok).toBe(false);
    expect(expr.problems).toEqual([expect.objectContaining({ line: 10, column: 7, message: "courseware.errors.expression" })]);

    const added = await addLesson(trainer, courseId, withExpression);
    expect(added.ok).toBe(true);
    const badId = (added as { id: string; problems: unknown[] }).id;
    expect((added as { problems: unknown[] }).problems).toHaveLength(1);
    const draft = await getCourseDraft(trainer, courseId);
    expect(draft.lessons.map((l) => l.valid)).toEqual([true, false]);
    expect(draft.permissions.submit).toBe(false);
    expect(draft.permissions.submitBlocked).toBe(true);

    const refused = await submitForReview(trainer, courseId);
    expect(refused).toMatchObject({ ok: false, error: "authoring.errors.invalidLessons" });
    expect((refused as { problems: { line: number }[] }).problems[0].line).toBe(10);
    expect((await db.course.findUniqueOrThrow({ where: { id: courseId } })).status).toBe("DRAFT");

    // Reorder, then remove the broken lesson.
    expect((await moveLesson(trainer, badId, "up")).ok).toBe(true);
    expect((await getCourseDraft(trainer, courseId)).lessons.map((l) => l.id)).toEqual([badId, lessonId]);
    expect((await removeLesson(trainer, badId)).ok).toBe(true);
    const after = await getCourseDraft(trainer, courseId);
    expect(after.lessons.map((l) => [l.id, l.position])).toEqual([[lessonId, 1]]);
  });

  it("points front-matter and reference problems at their lines", async () => {
    const badMinutes = lesson("分钟数错误", "正文。\n", { minutes: "abc" });
    const p1 = await previewLesson(badMinutes);
    expect(p1.problems).toContainEqual(expect.objectContaining({ line: 3, message: "courseware.errors.minutes" }));
    expect(p1.tree).not.toBeNull(); // the body still renders

    const unknownQuestion = lesson("未知试题", "正文。\n\n<KnowledgeCheck question=\"no-such-question\" />\n");
    const p2 = await previewLesson(unknownQuestion);
    expect(p2.problems).toEqual([expect.objectContaining({ line: 10, message: "courseware.errors.unknownQuestion", params: { id: "no-such-question" } })]);

    const knownQuestion = lesson("已知试题", "正文。\n\n<KnowledgeCheck question=\"law-001\" />\n");
    expect((await previewLesson(knownQuestion)).ok).toBe(true);
  });

  it("the help panel's examples are themselves a valid lesson", async () => {
    const samples = zhCN.authoring.help.sample as Record<string, string>;
    const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => samples[key]);
    const source = [fill(HELP_FRONT_MATTER), "", ...Object.values(HELP_EXAMPLES).map((e) => `${fill(e)}\n`)].join("\n");
    const preview = await previewLesson(source);
    expect(preview.problems).toEqual([]);
    for (const name of Object.keys(HELP_EXAMPLES)) expect(JSON.stringify(preview.tree)).toContain(`"t":"${name}"`);
  });

  it("refuses a stale lesson save", async () => {
    const current = await getLessonDraft(trainer, lessonId);
    const stale = new Date(current.lesson.updatedAt.getTime() - 60_000);
    const result = await updateLesson(trainer, lessonId, CALLOUT.replace("逐项核对", "逐项仔细核对"), stale);
    expect(result).toEqual({ ok: false, error: "authoring.errors.changedMeanwhile" });
    // An unchanged save is not an edit.
    const same = await updateLesson(trainer, lessonId, CALLOUT, current.lesson.updatedAt);
    expect(same.ok && same.changed).toBe(false);
  });

  it("submits; the submitter cannot approve; a program admin approves and publishes version 1", async () => {
    expect((await submitForReview(trainer, courseId)).ok).toBe(true);
    expect((await db.course.findUniqueOrThrow({ where: { id: courseId } })).submittedById).toBe(trainer.userId);
    // A trainer has no course.review: the course is simply not reviewable for them.
    await expectNotFound(approveAndPublish(trainer, courseId, ""));
    expect((await getCourseDraft(trainer, courseId)).permissions.review).toBe(false);

    expect((await courseReviewQueue(programAdmin)).map((c) => c.id)).toContain(courseId);
    const returned = await returnForChanges(programAdmin, courseId, " ");
    expect(returned).toEqual({ ok: false, error: "authoring.errors.commentRequired" });

    const approved = await approveAndPublish(programAdmin, courseId, "内容准确，同意发布。");
    expect(approved).toEqual({ ok: true, version: 1 });
    const course = await db.course.findUniqueOrThrow({ where: { id: courseId }, include: { versions: { include: { lessons: true } }, reviews: true } });
    expect(course.status).toBe("PUBLISHED");
    expect(course.latestVersionNo).toBe(1);
    expect(course.submittedById).toBeNull();
    expect(course.versions).toHaveLength(1);
    expect(course.versions[0]).toMatchObject({ version: 1, title: "排污许可依证监管入门", creditHours: 0.5, publishedById: programAdmin.userId });
    expect(course.versions[0].lessons.map((l) => [l.position, l.title, l.source])).toEqual([[1, "排污许可证核查要点", CALLOUT]]);
    expect(course.reviews.map((r) => [r.decision, r.reviewerId, r.comment])).toEqual([["APPROVED", programAdmin.userId, "内容准确，同意发布。"]]);
    const publish = await db.auditEvent.findFirstOrThrow({ where: { action: "course.publish", objectId: courseId } });
    expect(publish.actorId).toBe(programAdmin.userId);
    expect(JSON.parse(publish.after!)).toMatchObject({ status: "PUBLISHED", version: 1 });

    const listed = (await listAuthorCourses(trainer)).find((c) => c.id === courseId)!;
    expect(listed).toMatchObject({ status: "PUBLISHED", latestVersion: { version: 1 }, draftDiffers: false });
  });

  it("edits after publication: learners keep version 1 until version 2 is published; version 1 is unchanged", async () => {
    const v1 = await learnerCourse(learner, courseId);
    expect(v1.course.version).toBe(1);
    expect(v1.lessons.map((l) => l.title)).toEqual(["排污许可证核查要点"]);
    const v1Rows = await db.lessonVersion.findMany({ where: { courseVersion: { courseId, version: 1 } } });

    const current = await getLessonDraft(trainer, lessonId);
    const edited = CALLOUT.replace('title: "排污许可证核查要点"', 'title: "排污许可证核查要点（修订）"').replace("逐项核对", "逐项核对并拍照留存");
    const saved = await updateLesson(trainer, lessonId, edited, current.lesson.updatedAt);
    expect(saved.ok && saved.changed).toBe(true);
    const second = await addLesson(trainer, courseId, lesson("第二课", "## 第二课\n\n正文。\n"));
    expect(second.ok).toBe(true);

    const draft = await getCourseDraft(trainer, courseId);
    expect(draft.status).toBe("DRAFT");
    expect(draft.draftDiffers).toBe(true);
    expect(draft.lessons.map((l) => l.published)).toEqual(["CHANGED", "NEW"]);
    expect((await listAuthorCourses(trainer)).find((c) => c.id === courseId)).toMatchObject({ status: "DRAFT", draftDiffers: true });

    // Learners still get version 1.
    const still = await learnerCourse(learner, courseId);
    expect(still.course.version).toBe(1);
    expect(still.lessons.map((l) => l.title)).toEqual(["排污许可证核查要点"]);

    // Program admin returns it once, the trainer resubmits, the program admin publishes.
    expect((await submitForReview(trainer, courseId)).ok).toBe(true);
    expect((await returnForChanges(programAdmin, courseId, "请补充第二课的学习目标。")).ok).toBe(true);
    expect((await db.course.findUniqueOrThrow({ where: { id: courseId } })).status).toBe("DRAFT");
    expect((await updateCourseMeta(trainer, courseId, { title: "排污许可依证监管入门（第二版）", summary: "浙江省自编课程。", audiences: ["ENFORCEMENT", "NEW_RECRUIT"], syllabusCodes: ["PERMIT.REG"] })).ok).toBe(true);
    expect((await submitForReview(trainer, courseId)).ok).toBe(true);
    expect(await approveAndPublish(programAdmin, courseId, "")).toEqual({ ok: true, version: 2 });

    const v2 = await learnerCourse(learner, courseId);
    expect(v2.course).toMatchObject({ version: 2, title: "排污许可依证监管入门（第二版）" });
    expect(v2.lessons.map((l) => l.title)).toEqual(["排污许可证核查要点（修订）", "第二课"]);
    expect(await db.lessonVersion.findMany({ where: { courseVersion: { courseId, version: 1 } } })).toEqual(v1Rows);
    expect((await db.courseReview.findMany({ where: { courseId }, orderBy: { createdAt: "asc" } })).map((r) => r.decision)).toEqual(["APPROVED", "RETURNED", "APPROVED"]);
    expect(await auditActions(courseId)).toEqual([
      "course.create",
      "course.lesson.add",
      "course.lesson.add",
      "course.lesson.move",
      "course.lesson.remove",
      "course.submit",
      "course.publish",
      "course.lesson.edit",
      "course.lesson.add",
      "course.submit",
      "course.return",
      "course.edit",
      "course.submit",
      "course.publish",
    ]);
  });

  it("an edit during review withdraws the submission, and a stale approval fails", async () => {
    expect((await submitForReview(trainer, courseId)).ok).toBe(false); // PUBLISHED: nothing to submit
    const l = await getLessonDraft(trainer, (await getCourseDraft(trainer, courseId)).lessons[1].id);
    await updateLesson(trainer, l.lesson.id, l.lesson.source + "\n补充一段。\n", l.lesson.updatedAt);
    expect((await submitForReview(trainer, courseId)).ok).toBe(true);
    const l2 = await getLessonDraft(trainer, l.lesson.id);
    await updateLesson(trainer, l2.lesson.id, l2.lesson.source + "\n再补充一段。\n", l2.lesson.updatedAt);
    expect((await db.course.findUniqueOrThrow({ where: { id: courseId } })).status).toBe("DRAFT");
    expect(await approveAndPublish(programAdmin, courseId, "")).toEqual({ ok: false, error: "authoring.errors.notInReview" });
    expect((await learnerCourse(learner, courseId)).course.version).toBe(2);
  });

  it("a program admin cannot approve a course they submitted or edited", async () => {
    const created = await createCourse(programAdmin, { code: "national-self-review", title: "全国课程", summary: "", audiences: ["LEADERSHIP"], syllabusCodes: [] });
    const id = (created as { id: string }).id;
    expect((await db.course.findUniqueOrThrow({ where: { id }, include: { ownerUnit: true } })).ownerUnit.code).toBe("100000");
    await addLesson(programAdmin, id, lesson("全国课第一课", "正文。\n"));
    expect((await submitForReview(programAdmin, id)).ok).toBe(true);
    expect(await approveAndPublish(programAdmin, id, "")).toEqual({ ok: false, error: "authoring.errors.selfReview" });
    expect((await getCourseDraft(programAdmin, id)).permissions).toMatchObject({ review: false, selfReview: true });
    expect((await courseReviewQueue(programAdmin)).map((c) => c.id)).not.toContain(id);
    // Editing someone else's draft also makes a reviewer an author of this version.
    const zj = await createCourse(trainer, { code: "zj-edited-by-reviewer", title: "浙江课程", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] });
    const zjId = (zj as { id: string }).id;
    await addLesson(trainer, zjId, lesson("浙江课第一课", "正文。\n"));
    expect((await updateCourseMeta(programAdmin, zjId, { title: "浙江课程（管理员改）", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] })).ok).toBe(true);
    expect((await submitForReview(trainer, zjId)).ok).toBe(true);
    expect(await approveAndPublish(programAdmin, zjId, "")).toEqual({ ok: false, error: "authoring.errors.selfReview" });
    // A national course is out of a provincial trainer's authoring scope.
    await expectNotFound(getCourseDraft(trainer, id));
  });

  it("retires and reinstates; authors may not retire a published course", async () => {
    expect(await retireCourse(trainer, courseId)).toEqual({ ok: false, error: "authoring.errors.retireNeedsReviewer" });
    expect((await retireCourse(programAdmin, courseId)).ok).toBe(true);
    await expectNotFound(learnerCourse(learner, courseId));
    const l = (await getCourseDraft(trainer, courseId)).lessons[0];
    expect(await updateLesson(trainer, l.id, "x")).toEqual({ ok: false, error: "authoring.errors.retiredReadOnly" });
    expect((await reinstateCourse(programAdmin, courseId)).ok).toBe(true);
    expect((await db.course.findUniqueOrThrow({ where: { id: courseId } })).status).toBe("DRAFT"); // the draft has unpublished text
    expect((await learnerCourse(learner, courseId)).course.version).toBe(2);
    expect((await auditActions(courseId)).slice(-2)).toEqual(["course.retire", "course.reinstate"]);
  });
});
