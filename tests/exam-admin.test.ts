import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { editableExamValues, examDetail, paperPreview } from "~/modules/exams/admin.server";
import { recordEvent, saveAnswers, startAttempt, submitOwnAttempt, versionContent } from "~/modules/exams/attempts.server";
import { cancelExam, getExam, listExams, publishExam, saveExam } from "~/modules/exams/exams.server";
import { extendTime, invigilation } from "~/modules/exams/invigilation.server";
import { examSettingsSchema, toShanghaiWallClock, type ExamSettingsInput } from "~/modules/exams/rules";
import { expectNotFound } from "./support/helpers";
import { publishedExam } from "./support/exams";

let programAdmin: Actor;
let trainerZhejiang: Actor;
let trainerJiangsu: Actor;
let learner: Actor;
let zhejiang: { id: string; path: string };
let blueprintId: string;

const DEVICE = "device-0001";
let codeCounter = 0;

/** Valid form input for a draft exam; override any field. */
function input(overrides: Partial<ExamSettingsInput> = {}): ExamSettingsInput {
  const now = Date.now();
  return {
    code: `ADM-${++codeCounter}-${now.toString(36).toUpperCase()}`,
    title: "管理测试考试",
    examType: "CLASS_TEST",
    unitId: zhejiang.id,
    blueprintId,
    paperMode: "DRAWN",
    shuffleQuestions: "on",
    shuffleOptions: "on",
    passMark: "60",
    durationMinutes: "90",
    opensAt: toShanghaiWallClock(new Date(now - 3_600_000)),
    closesAt: toShanghaiWallClock(new Date(now + 3 * 3_600_000)),
    attemptsAllowed: "1",
    ...overrides,
  } as unknown as ExamSettingsInput;
}

async function startedAttempt(examId: string, actor: Actor = learner) {
  const started = await startAttempt(actor, examId, { deviceId: DEVICE, accessCode: null });
  if (!started.ok) throw new Error(`not started: ${started.error}`);
  return started.attemptId;
}

beforeAll(async () => {
  await seed({ officers: 10, questionBank: true });
  programAdmin = await cliActor("PA100001");
  trainerZhejiang = await cliActor("TR330001");
  learner = await cliActor("LE330101");
  zhejiang = await db.orgUnit.findFirstOrThrow({ where: { code: "330000" }, select: { id: true, path: true } });
  const jiangsu = await db.orgUnit.findFirstOrThrow({ where: { code: "320000" } });
  // A 江苏 trainer: the reviewer account given the trainer role over 江苏.
  const reviewer = await db.person.findUniqueOrThrow({ where: { staffNo: "RV320001" }, include: { user: true } });
  await write((tx) => tx.roleGrant.create({ data: { userId: reviewer.user!.id, roleKey: "trainer", unitId: jiangsu.id } }));
  trainerJiangsu = await cliActor("RV320001");
  blueprintId = (await db.examBlueprint.findUniqueOrThrow({ where: { code: "ENF-INITIAL" } })).id;
}, 120_000);

describe("saving an exam", () => {
  it("refuses a malformed code in the form schema", () => {
    const parsed = examSettingsSchema.safeParse(input({ code: "x" }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toContain("exams.errors.codeFormat");
  });

  it("refuses a pass mark above the paper's total and saves nothing", async () => {
    const before = await db.exam.count();
    const result = await saveExam(trainerZhejiang, null, examSettingsSchema.parse(input({ passMark: "500" } as never)));
    expect(result).toEqual({ ok: false, errors: { passMark: "exams.errors.passMarkAboveTotal" } });
    expect(await db.exam.count()).toBe(before);
  });

  it("refuses unknown staff numbers and a unit outside the actor's scope", async () => {
    const jiangsu = await db.orgUnit.findFirstOrThrow({ where: { code: "320000" } });
    const result = await saveExam(trainerZhejiang, null, examSettingsSchema.parse(input({ unitId: jiangsu.id, eligibleStaffNos: "NOPE0001" })));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toMatchObject({ unitId: "exams.errors.unitScope", eligibleStaffNos: "exams.errors.unknownStaffNo" });
  });

  it("saves a draft with its total marks and audits it; the form reads it back", async () => {
    const result = await saveExam(trainerZhejiang, null, examSettingsSchema.parse(input({ accessCode: "8421", eligibleCategories: ["ENFORCEMENT"] } as never)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const exam = await db.exam.findUniqueOrThrow({ where: { id: result.id } });
    expect(exam).toMatchObject({ status: "DRAFT", totalMarks: 100, passMark: 60 });
    expect(await db.auditEvent.count({ where: { objectType: "Exam", objectId: result.id, action: "exam.create" } })).toBe(1);
    const form = await editableExamValues(trainerZhejiang, result.id);
    expect(form.values).toMatchObject({ code: exam.code, accessCode: "8421", eligibleCategories: ["ENFORCEMENT"], passMark: "60" });
    // The form's values parse again (the browser posts no empty fields: Conform strips them).
    const posted = Object.fromEntries(Object.entries(form.values).filter(([, v]) => v !== "" && v !== undefined));
    const reparsed = examSettingsSchema.safeParse(posted);
    expect(reparsed.error?.issues ?? []).toEqual([]);
    expect(reparsed.data).toMatchObject({ code: exam.code, accessCode: "8421", eligibleCategories: ["ENFORCEMENT"], passMark: 60, shuffleQuestions: true });
  });
});

describe("scope", () => {
  it("hides a 浙江 exam from a 江苏 trainer (404), and lists it for the 浙江 trainer", async () => {
    const saved = await saveExam(trainerZhejiang, null, examSettingsSchema.parse(input()));
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await expectNotFound(getExam(trainerJiangsu, saved.id));
    await expectNotFound(examDetail(trainerJiangsu, saved.id));
    await expectNotFound(editableExamValues(trainerJiangsu, saved.id));
    await expectNotFound(invigilation(trainerJiangsu, saved.id));
    await expectNotFound(publishExam(trainerJiangsu, saved.id));
    expect((await listExams(trainerJiangsu)).map((e) => e.id)).not.toContain(saved.id);
    expect((await listExams(trainerZhejiang)).map((e) => e.id)).toContain(saved.id);
  });
});

describe("publishing", () => {
  it("freezes the pool, publishes, and refuses a second publish", async () => {
    const saved = await saveExam(trainerZhejiang, null, examSettingsSchema.parse(input()));
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const draft = await examDetail(trainerZhejiang, saved.id);
    expect(draft.availability).toMatchObject({ source: "LIVE", feasible: true, shortTotal: 0 });
    expect(await db.examPoolQuestion.count({ where: { examId: saved.id } })).toBe(0);

    expect(await publishExam(trainerZhejiang, saved.id)).toEqual({ ok: true });
    expect(await db.examPoolQuestion.count({ where: { examId: saved.id } })).toBeGreaterThan(0);
    expect((await db.exam.findUniqueOrThrow({ where: { id: saved.id } })).status).toBe("PUBLISHED");
    expect(await publishExam(trainerZhejiang, saved.id)).toEqual({ ok: false, error: "exams.errors.notDraft" });
    expect((await examDetail(trainerZhejiang, saved.id)).availability.source).toBe("FROZEN");
    // Editing a published exam is refused.
    expect(await saveExam(trainerZhejiang, saved.id, examSettingsSchema.parse(input()))).toEqual({ ok: false, errors: { form: "exams.errors.notDraft" } });
  });

  it("refuses to publish when the bank is short, saying by how much", async () => {
    const blueprint = await db.examBlueprint.findUniqueOrThrow({ where: { id: blueprintId } });
    const cells = JSON.parse(blueprint.cells) as { count: number }[];
    const greedy = await write((tx) =>
      tx.examBlueprint.create({
        data: {
          code: `GREEDY-${Date.now()}`,
          name: "题量过大",
          examType: "CLASS_TEST",
          syllabusId: blueprint.syllabusId,
          ownerUnitId: blueprint.ownerUnitId,
          cells: JSON.stringify(cells.map((c) => ({ ...c, count: 200 }))),
        },
      }),
    );
    const saved = await saveExam(programAdmin, null, examSettingsSchema.parse(input({ blueprintId: greedy.id, passMark: "1" } as never)));
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const result = await publishExam(programAdmin, saved.id);
    expect(result).toMatchObject({ ok: false, error: "exams.errors.bankShort" });
    expect(result.ok === false && result.short! > 0).toBe(true);
    const detail = await examDetail(programAdmin, saved.id);
    expect(detail.availability.feasible).toBe(false);
    expect(detail.availability.cells.some((c) => c.short > 0)).toBe(true);
    expect(await paperPreview(programAdmin, saved.id, "s1")).toMatchObject({ ok: false });
  });

  it("previews a paper with stems and never the answer key", async () => {
    const { examId } = await publishedExam();
    const preview = await paperPreview(programAdmin, examId, "sample-1");
    if (!preview.ok) throw new Error("no preview");
    expect(preview.items).toHaveLength(66);
    expect(preview.totalMarks).toBe(100);
    expect(preview.items.every((i) => i.stem.length > 0)).toBe(true);
    const json = JSON.stringify(preview);
    expect(json).not.toContain("answer");
    expect(json).not.toContain("correct");
    expect(json).not.toContain("rubric");
    // The same seed gives the same paper.
    expect(await paperPreview(programAdmin, examId, "sample-1")).toEqual(preview);
    // Someone who only reads results does not get the preview.
    await expectNotFound(paperPreview(await cliActor("HR330001"), examId, "sample-1"));
  });
});

describe("cancelling", () => {
  it("needs a reason, and refuses once candidates have submitted", async () => {
    const { examId } = await publishedExam();
    const attemptId = await startedAttempt(examId);
    expect(await cancelExam(programAdmin, examId, "  ")).toEqual({ ok: false, error: "exams.errors.reasonRequired" });
    await submitOwnAttempt(learner, attemptId);
    expect(await cancelExam(programAdmin, examId, "场地变更")).toEqual({ ok: false, error: "exams.errors.hasSubmissions" });
    expect((await db.exam.findUniqueOrThrow({ where: { id: examId } })).status).toBe("PUBLISHED");
  });

  it("cancels an exam without submissions and audits it", async () => {
    const { examId } = await publishedExam();
    expect(await cancelExam(programAdmin, examId, "场地变更")).toEqual({ ok: true });
    expect((await db.exam.findUniqueOrThrow({ where: { id: examId } })).status).toBe("CANCELLED");
    expect(await db.auditEvent.count({ where: { objectType: "Exam", objectId: examId, action: "exam.cancel" } })).toBe(1);
  });
});

describe("extending time", () => {
  it("moves the deadline, logs an EXTENDED event and audits it", async () => {
    const { examId } = await publishedExam();
    const attemptId = await startedAttempt(examId);
    const before = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const result = await extendTime(programAdmin, attemptId, 15, "电脑故障，更换设备");
    expect(result.ok).toBe(true);
    const after = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(after.extraMinutes).toBe(15);
    expect(after.deadlineAt.getTime() - before.deadlineAt.getTime()).toBe(15 * 60_000);
    const events = await db.attemptEvent.findMany({ where: { attemptId, kind: "EXTENDED" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].detail)).toMatchObject({ minutes: 15, reason: "电脑故障，更换设备", by: "PA100001" });
    const audits = await db.auditEvent.findMany({ where: { objectType: "ExamAttempt", objectId: attemptId, action: "exam.extendTime" } });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorLabel).toBe("PA100001");

    // Refused: out of range or without a reason; nothing changes.
    expect(await extendTime(programAdmin, attemptId, 0, "原因")).toEqual({ ok: false, error: "exams.errors.extendMinutes" });
    expect(await extendTime(programAdmin, attemptId, 121, "原因")).toEqual({ ok: false, error: "exams.errors.extendMinutes" });
    expect(await extendTime(programAdmin, attemptId, 5, " ")).toEqual({ ok: false, error: "exams.errors.reasonRequired" });
    // Out of scope: 404.
    await expectNotFound(extendTime(trainerJiangsu, attemptId, 5, "原因"));
    expect((await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).extraMinutes).toBe(15);
  });

  it("is refused for a submitted attempt", async () => {
    const { examId } = await publishedExam();
    const attemptId = await startedAttempt(examId);
    await submitOwnAttempt(learner, attemptId);
    expect(await extendTime(programAdmin, attemptId, 10, "补时")).toEqual({ ok: false, error: "exams.errors.notInProgress" });
    expect(await db.attemptEvent.count({ where: { attemptId, kind: "EXTENDED" } })).toBe(0);
  });
});

describe("invigilation", () => {
  it("lists every attempt with answered items, events and time left", async () => {
    const { examId } = await publishedExam({ accessCode: "5566" });
    const started = await startAttempt(learner, examId, { deviceId: DEVICE, accessCode: "5566" });
    if (!started.ok) throw new Error(started.error);
    const attemptId = started.attemptId;
    const items = await db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    const singles = items.filter((i) => versionContent(i.questionVersionId).answer.type === "SINGLE");
    const trueFalse = items.find((i) => versionContent(i.questionVersionId).answer.type === "TRUE_FALSE")!;
    const saved = await saveAnswers(learner, {
      attemptId,
      deviceId: DEVICE,
      saves: [
        { key: "save-key-0001", questionId: singles[0].questionId, seq: 1, flagged: false, response: { type: "SINGLE", choice: "A" } },
        { key: "save-key-0002", questionId: singles[1].questionId, seq: 2, flagged: false, response: { type: "SINGLE", choice: "B" } },
        // Saved but cleared: not answered.
        { key: "save-key-0003", questionId: singles[2].questionId, seq: 3, flagged: false, response: { type: "SINGLE", choice: null } },
        { key: "save-key-0004", questionId: trueFalse.questionId, seq: 4, flagged: false, response: { type: "TRUE_FALSE", value: false } },
      ],
    });
    expect(saved.ok).toBe(true);
    await recordEvent(learner, { attemptId, deviceId: DEVICE, kind: "TAB_HIDDEN" });
    await recordEvent(learner, { attemptId, deviceId: DEVICE, kind: "PASTE" });

    const view = await invigilation(programAdmin, examId);
    expect(view.exam.accessCode).toBe("5566");
    expect(view.totals).toEqual({ inProgress: 1, submitted: 0 });
    expect(view.attempts).toHaveLength(1);
    const row = view.attempts[0];
    expect(row).toMatchObject({ id: attemptId, staffNo: "LE330101", status: "IN_PROGRESS", answered: 3, items: 66, tabSwitches: 1 });
    expect(row.events).toMatchObject({ TAB_HIDDEN: 1, PASTE: 1, COPY: 0, TAKEOVER: 0 });
    // 90 minutes from the start, by the server's clock.
    expect(row.secondsLeft).toBeGreaterThan(85 * 60);
    expect(row.secondsLeft).toBeLessThanOrEqual(90 * 60);

    // Filters.
    expect((await invigilation(programAdmin, examId, { status: "SUBMITTED" })).attempts).toHaveLength(0);
    expect((await invigilation(programAdmin, examId, { unit: "杭州" })).attempts).toHaveLength(1);
    expect((await invigilation(programAdmin, examId, { unit: "南京" })).attempts).toHaveLength(0);
    expect((await invigilation(programAdmin, examId, { q: "LE3301" })).attempts).toHaveLength(1);

    await submitOwnAttempt(learner, attemptId);
    const done = (await invigilation(programAdmin, examId)).attempts[0];
    expect(done).toMatchObject({ status: "SUBMITTED", submitKind: "CANDIDATE", secondsLeft: null, answered: 3 });
  });

  it("answers 404 to someone without exam.invigilate over the exam's unit", async () => {
    const { examId } = await publishedExam();
    await expectNotFound(invigilation(learner, examId));
    await expectNotFound(invigilation(await cliActor("HR330001"), examId));
  });
});
