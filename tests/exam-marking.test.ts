import { createId } from "@paralleldrive/cuid2";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { saveAnswers, startAttempt, submitOwnAttempt, versionContent } from "~/modules/exams/attempts.server";
import { shortCode } from "~/modules/exams/grading";
import { markingQueue, markingTask, regradeChoices, regradeQuestion, submitMark } from "~/modules/exams/grading.server";
import type { QuestionContent } from "~/modules/questions/content";
import { updateQuestion } from "~/modules/questions/questions.server";
import type { Response } from "~/modules/questions/rules";
import { publishedExam } from "./support/exams";
import { expectNotFound } from "./support/helpers";

let trainer: Actor; // TR330001, trainer of 浙江
let program: Actor; // PA100001, national
let admin: Actor; // ADMIN001, national
let otherProvince: Actor; // a trainer of 江苏
let zhejiang: { id: string; path: string };
let candidates: Actor[];
let nextCandidate = 0;

function candidate(): Actor {
  return candidates[nextCandidate++];
}

beforeAll(async () => {
  await seed({ officers: 40, questionBank: true });
  [trainer, program, admin] = await Promise.all([cliActor("TR330001"), cliActor("PA100001"), cliActor("ADMIN001")]);
  zhejiang = await db.orgUnit.findFirstOrThrow({ where: { code: "330000" }, select: { id: true, path: true } });
  const jiangsu = await db.orgUnit.findFirstOrThrow({ where: { code: "320000" }, select: { id: true, path: true } });
  const hr = await cliActor("HR320001");
  otherProvince = { ...hr, grants: [{ roleKey: "trainer", unitId: jiangsu.id, unitPath: jiangsu.path }] };
  const people = await db.person.findMany({ where: { user: null, status: "ACTIVE" }, include: { unit: true }, take: 20, orderBy: { staffNo: "asc" } });
  // Candidates sit the exams; they need no account for the module calls.
  candidates = people.map((p) => ({ userId: `candidate-${p.id}`, personId: p.id, staffNo: p.staffNo, name: p.name, unitId: p.unitId, unitPath: p.unit.path, grants: [] }));
}, 180_000);

function correctResponse(content: QuestionContent): Response {
  const a = content.answer;
  switch (a.type) {
    case "SINGLE":
      return { type: "SINGLE", choice: a.correct };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: [...a.correct] };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: a.correct };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: a.blanks.map((b) => b.accepted[0]) };
    case "CASE_ANALYSIS":
      return { type: "CASE_ANALYSIS", text: "" };
  }
}

type Sitting = { attemptId: string; caseQuestionId: string; casePoints: number; objectivePoints: number };

/** A candidate sits an exam: every objective item right (or none answered), the case answer given (or not), then submits. */
async function sit(
  examId: string,
  who: Actor,
  options: { objective: "correct" | "none"; caseText: string | null; override?: Map<string, Response> },
): Promise<Sitting> {
  const started = await startAttempt(who, examId, { deviceId: "device-0001", accessCode: null });
  if (!started.ok) throw new Error(started.error);
  const items = await db.attemptItem.findMany({ where: { attemptId: started.attemptId }, orderBy: { position: "asc" } });
  const saves: { key: string; questionId: string; seq: number; flagged: boolean; response: Response }[] = [];
  let caseQuestionId = "";
  let casePoints = 0;
  let objectivePoints = 0;
  for (const item of items) {
    const content = versionContent(item.questionVersionId);
    if (content.answer.type === "CASE_ANALYSIS") {
      caseQuestionId = item.questionId;
      casePoints += item.points;
      if (options.caseText !== null) saves.push({ key: createId(), questionId: item.questionId, seq: 1, flagged: false, response: { type: "CASE_ANALYSIS", text: options.caseText } });
      continue;
    }
    objectivePoints += item.points;
    const response = options.override?.get(item.questionId) ?? (options.objective === "correct" ? correctResponse(content) : null);
    if (response) saves.push({ key: createId(), questionId: item.questionId, seq: 1, flagged: false, response });
  }
  if (saves.length) {
    const saved = await saveAnswers(who, { attemptId: started.attemptId, deviceId: "device-0001", saves });
    if (!saved.ok) throw new Error(saved.error);
  }
  await submitOwnAttempt(who, started.attemptId);
  return { attemptId: started.attemptId, caseQuestionId, casePoints, objectivePoints };
}

const zhejiangExam = (settings: Record<string, unknown> = {}) => publishedExam({ managerStaffNo: "TR330001", unitId: zhejiang.id, ...settings });

describe("single marking", () => {
  let examId: string;
  let good: Sitting;
  let blank: Sitting;

  beforeAll(async () => {
    ({ examId } = await zhejiangExam({ passMark: 60 }));
    good = await sit(examId, candidate(), { objective: "correct", caseText: "应当依法责令改正并处罚款，程序上须告知陈述申辩权利。" });
    blank = await sit(examId, candidate(), { objective: "none", caseText: null });
  });

  it("leaves submitted attempts with a case answer incomplete, without a score", async () => {
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: good.attemptId } });
    expect(attempt).toMatchObject({ status: "SUBMITTED", complete: false, score: null, passed: null });
    expect(good.casePoints).toBeGreaterThan(0);
  });

  it("queues both responses, anonymously, with the unanswered one marked as such", () => {
    const queue = markingQueue(trainer, { examId });
    const mine = queue.tasks.filter((t) => t.examId === examId);
    expect(mine.map((t) => t.attemptId).sort()).toEqual([good.attemptId, blank.attemptId].sort());
    expect(mine.every((t) => t.round === 1)).toBe(true);
    expect(mine.find((t) => t.attemptId === blank.attemptId)!.answered).toBe(false);
    expect(mine.find((t) => t.attemptId === good.attemptId)!.answered).toBe(true);
    expect(mine.find((t) => t.attemptId === good.attemptId)!.code).toBe(shortCode(good.attemptId));
    const summary = queue.exams.find((e) => e.id === examId)!;
    expect(summary).toMatchObject({ awaitingFirst: 2, awaitingSecond: 0, awaitingThird: 0, forMe: 2 });
    for (const row of mine) {
      expect(row).not.toHaveProperty("name");
      expect(row).not.toHaveProperty("staffNo");
      expect(row).not.toHaveProperty("personId");
    }
    const serialized = JSON.stringify(queue);
    for (const c of candidates.slice(0, 2)) {
      expect(serialized).not.toContain(c.name);
      expect(serialized).not.toContain(c.staffNo);
      expect(serialized).not.toContain(c.personId);
    }
  });

  it("shows the response beside the stem, model answer and rubric, without the candidate", () => {
    const task = markingTask(trainer, good.attemptId, good.caseQuestionId);
    expect(task.response).toContain("陈述申辩");
    expect(task.stem.length).toBeGreaterThan(10);
    expect(task.modelAnswer.length).toBeGreaterThan(10);
    expect(task.rubric.length).toBeGreaterThan(0);
    expect(task.rubric[0]).toEqual({ criterion: expect.any(String), points: expect.any(Number) });
    expect(task).toMatchObject({ maxPoints: good.casePoints, round: 1, status: "AWAITING_FIRST", earlierMarks: [] });
    const serialized = JSON.stringify(task);
    expect(serialized).not.toContain(candidates[0].name);
    expect(serialized).not.toContain(candidates[0].staffNo);
    expect(markingTask(trainer, blank.attemptId, blank.caseQuestionId).response).toBeNull();
  });

  it("refuses points that are negative, above the maximum or not in half points", async () => {
    expect(await submitMark(trainer, { attemptId: good.attemptId, questionId: good.caseQuestionId, points: -1 })).toEqual({ ok: false, error: "marking.errors.negative" });
    expect(await submitMark(trainer, { attemptId: good.attemptId, questionId: good.caseQuestionId, points: good.casePoints + 0.5 })).toEqual({ ok: false, error: "marking.errors.aboveMax" });
    expect(await submitMark(trainer, { attemptId: good.attemptId, questionId: good.caseQuestionId, points: 1.25 })).toEqual({ ok: false, error: "marking.errors.halfStep" });
    expect(await db.itemMark.count({ where: { attemptId: good.attemptId } })).toBe(0);
  });

  it("finalizes on the first mark: score, pass, score change, pass record, audit; then the next task", async () => {
    const result = await submitMark(trainer, { attemptId: good.attemptId, questionId: good.caseQuestionId, points: good.casePoints, comment: "要点齐全", round: 1 });
    expect(result).toMatchObject({ ok: true, round: 1, state: { status: "FINAL", finalPoints: good.casePoints, reason: "SINGLE" }, score: 100 });
    if (!result.ok) return;
    expect(result.next).toEqual({ attemptId: blank.attemptId, questionId: blank.caseQuestionId });
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: good.attemptId } });
    expect(attempt).toMatchObject({ complete: true, score: 100, passed: true });
    expect((await db.attemptAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId: good.attemptId, questionId: good.caseQuestionId } } })).markedPoints).toBe(good.casePoints);
    expect(await db.scoreChange.findMany({ where: { attemptId: good.attemptId }, select: { before: true, after: true, reason: true, actorId: true } })).toEqual([
      { before: null, after: 100, reason: "MARKED", actorId: trainer.userId },
    ]);
    expect(await db.examPass.findUnique({ where: { attemptId: good.attemptId } })).toMatchObject({ score: 100, personId: candidates[0].personId });
    expect(await db.auditEvent.count({ where: { action: "exam.mark", objectId: good.attemptId } })).toBe(1);
  });

  it("fails a low total and creates the answer row for a candidate who never answered", async () => {
    expect(await db.attemptAnswer.findUnique({ where: { attemptId_questionId: { attemptId: blank.attemptId, questionId: blank.caseQuestionId } } })).toBeNull();
    const result = await submitMark(trainer, { attemptId: blank.attemptId, questionId: blank.caseQuestionId, points: 0, round: 1 });
    expect(result).toMatchObject({ ok: true, score: 0, next: null });
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: blank.attemptId } })).toMatchObject({ complete: true, score: 0, passed: false });
    expect((await db.attemptAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId: blank.attemptId, questionId: blank.caseQuestionId } } })).markedPoints).toBe(0);
    expect(await db.examPass.findUnique({ where: { attemptId: blank.attemptId } })).toBeNull();
  });

  it("does not mark a final response again, and the exam leaves the queue", async () => {
    expect(await submitMark(program, { attemptId: good.attemptId, questionId: good.caseQuestionId, points: 1 })).toEqual({ ok: false, error: "marking.errors.final" });
    expect(markingQueue(trainer, {}).exams.map((e) => e.id)).not.toContain(examId);
    expect(markingTask(trainer, good.attemptId, good.caseQuestionId)).toMatchObject({ status: "FINAL", finalPoints: good.casePoints, round: null, blocked: "FINAL" });
  });
});

describe("double marking", () => {
  let examId: string;
  let agreed: Sitting;
  let disputed: Sitting;
  let raced: Sitting;

  beforeAll(async () => {
    ({ examId } = await zhejiangExam({ doubleMarking: true, markingThreshold: 2, passMark: 10 }));
    agreed = await sit(examId, candidate(), { objective: "none", caseText: "答案甲" });
    disputed = await sit(examId, candidate(), { objective: "none", caseText: "答案乙" });
    raced = await sit(examId, candidate(), { objective: "none", caseText: "答案丙" });
  });

  it("averages two marks within the threshold (rounded to the half point); the same marker cannot mark twice", async () => {
    const first = await submitMark(trainer, { attemptId: agreed.attemptId, questionId: agreed.caseQuestionId, points: 10, round: 1 });
    expect(first).toMatchObject({ ok: true, round: 1, state: { status: "AWAITING_SECOND" }, score: null });
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: agreed.attemptId } })).toMatchObject({ complete: false, score: null });

    expect(await submitMark(trainer, { attemptId: agreed.attemptId, questionId: agreed.caseQuestionId, points: 10 })).toEqual({ ok: false, error: "marking.errors.markedByYou" });
    expect(markingQueue(trainer, { examId }).tasks.map((t) => t.attemptId)).not.toContain(agreed.attemptId);
    expect(markingTask(trainer, agreed.attemptId, agreed.caseQuestionId)).toMatchObject({ round: null, blocked: "ALREADY_MARKED" });

    // The second marker works blind.
    const task = markingTask(program, agreed.attemptId, agreed.caseQuestionId);
    expect(task).toMatchObject({ round: 2, earlierMarks: [] });
    expect(markingQueue(program, { examId }).tasks.find((t) => t.attemptId === agreed.attemptId)?.round).toBe(2);

    const second = await submitMark(program, { attemptId: agreed.attemptId, questionId: agreed.caseQuestionId, points: 11.5, round: 2 });
    // (10 + 11.5) / 2 = 10.75 → 11.
    expect(second).toMatchObject({ ok: true, round: 2, state: { status: "FINAL", finalPoints: 11, reason: "AGREED" }, score: 11 });
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: agreed.attemptId } })).toMatchObject({ complete: true, score: 11, passed: true });
    expect(await db.itemMark.count({ where: { attemptId: agreed.attemptId } })).toBe(2);
  });

  it("sends marks beyond the threshold to a third marker, who sees both and whose mark is final", async () => {
    await submitMark(trainer, { attemptId: disputed.attemptId, questionId: disputed.caseQuestionId, points: 6, round: 1 });
    const second = await submitMark(program, { attemptId: disputed.attemptId, questionId: disputed.caseQuestionId, points: 12, comment: "论证充分", round: 2 });
    expect(second).toMatchObject({ ok: true, state: { status: "AWAITING_THIRD" }, score: null });
    expect(markingQueue(admin, { examId }).exams.find((e) => e.id === examId)).toMatchObject({ awaitingThird: 1 });
    expect(markingQueue(admin, { examId }).tasks[0]).toMatchObject({ attemptId: disputed.attemptId, round: 3 });
    expect(await submitMark(trainer, { attemptId: disputed.attemptId, questionId: disputed.caseQuestionId, points: 8 })).toEqual({ ok: false, error: "marking.errors.markedByYou" });

    const task = markingTask(admin, disputed.attemptId, disputed.caseQuestionId);
    expect(task.round).toBe(3);
    expect(task.earlierMarks).toEqual([
      { round: 1, points: 6, comment: "" },
      { round: 2, points: 12, comment: "论证充分" },
    ]);
    expect(JSON.stringify(task.earlierMarks)).not.toContain(trainer.userId);

    const third = await submitMark(admin, { attemptId: disputed.attemptId, questionId: disputed.caseQuestionId, points: 9, round: 3 });
    expect(third).toMatchObject({ ok: true, round: 3, state: { status: "FINAL", finalPoints: 9, reason: "THIRD_MARKER" }, score: 9 });
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: disputed.attemptId } })).toMatchObject({ complete: true, score: 9, passed: false });
  });

  it("lets only one of two markers racing for the same round win", async () => {
    const [a, b] = await Promise.all([
      submitMark(trainer, { attemptId: raced.attemptId, questionId: raced.caseQuestionId, points: 5, round: 1 }),
      submitMark(program, { attemptId: raced.attemptId, questionId: raced.caseQuestionId, points: 7, round: 1 }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, error: "marking.errors.alreadyMarked" });
    expect(await db.itemMark.count({ where: { attemptId: raced.attemptId } })).toBe(1);
  });
});

describe("scope", () => {
  let examId: string;
  let sitting: Sitting;

  beforeAll(async () => {
    ({ examId } = await zhejiangExam());
    sitting = await sit(examId, candidate(), { objective: "none", caseText: "答案" });
  });

  it("answers 404 to a marker of another province, and keeps the exam out of their queue", async () => {
    await expectNotFound(Promise.resolve().then(() => markingTask(otherProvince, sitting.attemptId, sitting.caseQuestionId)));
    await expectNotFound(submitMark(otherProvince, { attemptId: sitting.attemptId, questionId: sitting.caseQuestionId, points: 1 }));
    await expectNotFound(Promise.resolve().then(() => markingQueue(otherProvince, { examId })));
    expect(markingQueue(otherProvince, {}).exams.map((e) => e.id)).not.toContain(examId);
    await expectNotFound(regradeQuestion(otherProvince, examId, sitting.caseQuestionId));
    await expectNotFound(regradeChoices(otherProvince, examId));
    expect(await db.itemMark.count({ where: { attemptId: sitting.attemptId } })).toBe(0);
  });

  it("answers 404 to someone without exam.mark, and to a candidate's own paper", async () => {
    const learner = await cliActor("LE330101");
    await expectNotFound(Promise.resolve().then(() => markingQueue(learner, {})));
    await expectNotFound(Promise.resolve().then(() => markingTask(learner, sitting.attemptId, sitting.caseQuestionId)));
    // A marker who sat the exam never sees their own paper.
    const own = await sit(examId, trainer, { objective: "none", caseText: "自己的答案" });
    await expectNotFound(Promise.resolve().then(() => markingTask(trainer, own.attemptId, own.caseQuestionId)));
    expect(markingQueue(trainer, { examId }).tasks.map((t) => t.attemptId)).not.toContain(own.attemptId);
    expect(markingQueue(program, { examId }).tasks.map((t) => t.attemptId)).toContain(own.attemptId);
  });
});

describe("regrade", () => {
  let examId: string;
  let right: Sitting;
  let wrong: Sitting;
  let questionId: string;
  let oldVersionId: string;
  let wrongChoice: string;
  let points: number;

  beforeAll(async () => {
    // One paper for everyone, so both candidates hold the same single-choice question.
    ({ examId } = await zhejiangExam({ paperMode: "FIXED" }));
    const pool = await db.examPoolQuestion.findMany({ where: { examId, type: "SINGLE" } });
    const probe = await sit(examId, candidate(), { objective: "none", caseText: null });
    const items = await db.attemptItem.findMany({ where: { attemptId: probe.attemptId } });
    const item = items.find((i) => pool.some((p) => p.questionId === i.questionId))!;
    questionId = item.questionId;
    oldVersionId = item.questionVersionId;
    points = item.points;
    const content = versionContent(oldVersionId);
    if (content.answer.type !== "SINGLE") throw new Error("expected a single-choice question");
    const correct = content.answer.correct;
    wrongChoice = content.options.find((o) => o.key !== correct)!.key;
    right = await sit(examId, candidate(), { objective: "none", caseText: "甲", override: new Map([[questionId, { type: "SINGLE", choice: correct }]]) });
    wrong = await sit(examId, candidate(), { objective: "none", caseText: "乙", override: new Map([[questionId, { type: "SINGLE", choice: wrongChoice }]]) });
    // Mark the case answers so the attempts have scores.
    for (const s of [probe, right, wrong]) await submitMark(trainer, { attemptId: s.attemptId, questionId: s.caseQuestionId, points: 5 });
  });

  it("lists the exam's objective questions with their versions", async () => {
    const choices = await regradeChoices(trainer, examId);
    const q = choices.questions.find((c) => c.questionId === questionId)!;
    expect(q).toMatchObject({ attempts: 3, paperVersion: 1, latestVersion: 1 });
    expect(q.position).toBeGreaterThan(0);
    expect(choices.questions.every((c) => c.type !== "CASE_ANALYSIS")).toBe(true);
  });

  it("changes nothing while the key is unchanged", async () => {
    expect(await regradeQuestion(trainer, examId, questionId)).toMatchObject({ ok: true, changed: 0, attempts: 3, applied: true });
    expect(await db.scoreChange.count({ where: { attemptId: { in: [right.attemptId, wrong.attemptId] }, reason: { startsWith: "REGRADE" } } })).toBe(0);
  });

  it("rescoring with a corrected key changes the affected attempts and writes score changes", async () => {
    const before = new Map((await db.examAttempt.findMany({ where: { id: { in: [right.attemptId, wrong.attemptId] } } })).map((a) => [a.id, a.score!]));
    const content = versionContent(oldVersionId);
    const fixed = { ...content, answer: { type: "SINGLE" as const, correct: wrongChoice as never } };
    const saved = await updateQuestion(program, questionId, fixed, "答案更正");
    expect(saved.ok).toBe(true);
    const newVersion = await db.questionVersion.findFirstOrThrow({ where: { questionId }, orderBy: { version: "desc" } });

    expect(await regradeQuestion(trainer, examId, questionId, null, { dryRun: true })).toEqual({ ok: true, changed: 2, attempts: 3, version: 2, applied: false });
    expect(await db.scoreChange.count({ where: { reason: { startsWith: "REGRADE" } } })).toBe(0);

    const result = await regradeQuestion(trainer, examId, questionId);
    expect(result).toEqual({ ok: true, changed: 2, attempts: 3, version: 2, applied: true });
    const after = new Map((await db.examAttempt.findMany({ where: { id: { in: [right.attemptId, wrong.attemptId] } } })).map((a) => [a.id, a.score!]));
    expect(after.get(right.attemptId)).toBeCloseTo(before.get(right.attemptId)! - points, 5);
    expect(after.get(wrong.attemptId)).toBeCloseTo(before.get(wrong.attemptId)! + points, 5);
    const changes = await db.scoreChange.findMany({ where: { reason: `REGRADE: ${newVersion.id}` } });
    expect(changes.map((c) => c.attemptId).sort()).toEqual([right.attemptId, wrong.attemptId].sort());
    expect(changes.find((c) => c.attemptId === wrong.attemptId)).toMatchObject({ before: before.get(wrong.attemptId), after: after.get(wrong.attemptId), actorId: trainer.userId });
    expect(await db.auditEvent.count({ where: { action: "exam.regrade", objectId: examId } })).toBe(2);
    // Papers are immutable: they still name the version the candidates saw.
    expect((await db.attemptItem.findFirstOrThrow({ where: { attemptId: wrong.attemptId, questionId } })).questionVersionId).toBe(oldVersionId);

    // Going back to the original version restores the scores.
    expect(await regradeQuestion(trainer, examId, questionId, oldVersionId)).toMatchObject({ ok: true, changed: 2, version: 1 });
    const restored = new Map((await db.examAttempt.findMany({ where: { id: { in: [right.attemptId, wrong.attemptId] } } })).map((a) => [a.id, a.score!]));
    expect(restored).toEqual(before);
  });

  it("refuses a version of another question and a case-analysis question", async () => {
    const other = await db.questionVersion.findFirstOrThrow({ where: { questionId: { not: questionId } } });
    expect(await regradeQuestion(trainer, examId, questionId, other.id)).toEqual({ ok: false, error: "marking.errors.versionNotOfQuestion" });
    expect(await regradeQuestion(trainer, examId, right.caseQuestionId)).toEqual({ ok: false, error: "marking.errors.subjectiveRegrade" });
  });
});
