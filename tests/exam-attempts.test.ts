import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import {
  attemptForCandidate,
  attemptResult,
  recordEvent,
  saveAnswers,
  startAttempt,
  submitAttempt,
  submitOwnAttempt,
  sweepOverdueAttempts,
  takeOver,
  versionContent,
} from "~/modules/exams/attempts.server";
import { blueprintCells } from "~/modules/exams/exams.server";
import { drawPaperFor } from "~/modules/exams/papers.server";
import { GRACE_SECONDS } from "~/modules/exams/rules";
import type { Response } from "~/modules/questions/rules";
import { publishedExam } from "./support/exams";

let learner: Actor;
const DEVICE = "device-0001";

beforeAll(async () => {
  await seed({ officers: 10, questionBank: true });
  learner = await cliActor("LE330101");
}, 60_000);

async function started(overrides: Parameters<typeof publishedExam>[0] = {}, who: Actor = learner) {
  const { examId } = await publishedExam(overrides);
  const result = await startAttempt(who, examId, { deviceId: DEVICE, accessCode: null });
  if (!result.ok) throw new Error(result.error);
  return { examId, attemptId: result.attemptId };
}

/** The right response for a paper item (tests only: the key never leaves the server otherwise). */
function rightResponse(versionId: string): Response {
  const answer = versionContent(versionId).answer;
  switch (answer.type) {
    case "SINGLE":
      return { type: "SINGLE", choice: answer.correct };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: [...answer.correct] };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: answer.correct };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: answer.blanks.map((b) => b.accepted[0]) };
    case "CASE_ANALYSIS":
      return { type: "CASE_ANALYSIS", text: "事实清楚，依据《环境保护法》第六十三条处理。" };
  }
}

let keySeq = 0;
const save = (attemptId: string, questionId: string, response: Response, seq = ++keySeq, key = `key-${++keySeq}-${Math.random()}`) => ({ key, questionId, seq, flagged: false, response });

describe("starting an exam", () => {
  it("draws a paper that follows the blueprint and can be drawn again from its seed", async () => {
    const { examId, attemptId } = await started();
    const exam = await db.exam.findUniqueOrThrow({ where: { id: examId }, include: { blueprint: true } });
    const cells = blueprintCells(exam.blueprint.cells);
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { items: { orderBy: { position: "asc" } } } });
    expect(attempt.items).toHaveLength(cells.reduce((s, c) => s + c.count, 0));
    expect(attempt.maxScore).toBe(exam.totalMarks);
    const again = drawPaperFor({ ...exam, cells }, attempt.seed);
    expect(again.map((i) => [i.position, i.questionId, i.versionId, JSON.stringify(i.optionOrder)])).toEqual(
      attempt.items.map((i) => [i.position, i.questionId, i.questionVersionId, i.optionOrder]),
    );
  });

  it("starting twice returns the attempt in progress; the candidate's view carries no answer key", async () => {
    const { examId, attemptId } = await started();
    expect(await startAttempt(learner, examId, { deviceId: DEVICE, accessCode: null })).toEqual({ ok: true, attemptId });
    const view = await attemptForCandidate(learner, attemptId);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"(answer|correct|accepted|modelAnswer|rubric|explanation)"/);
    expect(view.items.every((i) => i.stem.length > 0)).toBe(true);
  });

  it("refuses a wrong access code, an ineligible person and a closed exam", async () => {
    const { examId } = await publishedExam({ accessCode: "8642" });
    expect(await startAttempt(learner, examId, { deviceId: DEVICE, accessCode: "1111" })).toEqual({ ok: false, error: "take.errors.accessCode" });
    expect((await startAttempt(learner, examId, { deviceId: DEVICE, accessCode: "8642" })).ok).toBe(true);
    const monitoringOnly = await publishedExam({ eligibleCategories: ["MONITORING"] });
    const facts = await db.person.findFirstOrThrow({ where: { staffNo: "LE330101" } });
    if (facts.category !== "MONITORING") {
      expect(await startAttempt(learner, monitoringOnly.examId, { deviceId: DEVICE, accessCode: null })).toEqual({ ok: false, error: "take.errors.notEligible" });
    }
  });
});

describe("autosave", () => {
  it("stores a retried save once, and an older save never overwrites a newer one", async () => {
    const { attemptId } = await started();
    const view = await attemptForCandidate(learner, attemptId);
    const q = view.items.find((i) => i.type === "SINGLE")!;
    const newer = save(attemptId, q.questionId, { type: "SINGLE", choice: q.options[1].key }, 20);
    const older = save(attemptId, q.questionId, { type: "SINGLE", choice: q.options[0].key }, 10);
    expect((await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [newer] })).ok).toBe(true);
    expect((await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [newer] })).ok).toBe(true); // retry
    expect((await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [older] })).ok).toBe(true); // arrives late
    expect(await db.answerSave.count({ where: { attemptId } })).toBe(2);
    const current = await db.attemptAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId, questionId: q.questionId } } });
    expect(JSON.parse(current.response)).toEqual({ type: "SINGLE", choice: q.options[1].key });
  });

  it("refuses answers to questions not on the paper, and answers of the wrong shape; nothing is saved", async () => {
    const { attemptId } = await started();
    const view = await attemptForCandidate(learner, attemptId);
    const onPaper = new Set(view.items.map((i) => i.questionId));
    const other = await db.question.findFirstOrThrow({ where: { status: "ACTIVE", id: { notIn: [...onPaper] } } });
    const result = await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, view.items[0].questionId, { type: "SINGLE", choice: "A" }), save(attemptId, other.id, { type: "SINGLE", choice: "A" })] });
    expect(result).toMatchObject({ ok: false, status: 422, error: "notOnPaper" });
    const tf = view.items.find((i) => i.type === "TRUE_FALSE")!;
    expect(await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, tf.questionId, { type: "SINGLE", choice: "A" })] })).toMatchObject({ ok: false, error: "wrongType" });
    expect(await db.answerSave.count({ where: { attemptId } })).toBe(0);
  });

  it("accepts answers in the grace period and refuses them after it with 'closed'", async () => {
    const { attemptId } = await started();
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const view = await attemptForCandidate(learner, attemptId);
    const q = view.items[0];
    const inGrace = new Date(attempt.deadlineAt.getTime() + (GRACE_SECONDS - 5) * 1000);
    const late = new Date(attempt.deadlineAt.getTime() + (GRACE_SECONDS + 5) * 1000);
    expect((await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, q.questionId, { type: "SINGLE", choice: "A" })] }, inGrace)).ok).toBe(true);
    expect(await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, q.questionId, { type: "SINGLE", choice: "B" })] }, late)).toMatchObject({ ok: false, error: "closed" });
    expect(await db.answerSave.count({ where: { attemptId } })).toBe(1);
  });

  it("a second device takes over with an event and an audit record; the first device's saves are then refused", async () => {
    const { attemptId } = await started();
    const view = await attemptForCandidate(learner, attemptId);
    await takeOver(learner, attemptId, "device-0002");
    expect(await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, view.items[0].questionId, { type: "SINGLE", choice: "A" })] })).toMatchObject({ ok: false, error: "takenOver" });
    expect((await saveAnswers(learner, { attemptId, deviceId: "device-0002", saves: [save(attemptId, view.items[0].questionId, { type: "SINGLE", choice: "A" })] })).ok).toBe(true);
    expect(await db.attemptEvent.count({ where: { attemptId, kind: "TAKEOVER" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { objectId: attemptId, action: "exam.attempt.takeover" } })).toBe(1);
  });

  it("another person's attempt answers like a missing one", async () => {
    const { attemptId } = await started();
    const other = await cliActor("TR330001");
    expect(await saveAnswers(other, { attemptId, deviceId: DEVICE, saves: [] })).toMatchObject({ ok: false, status: 404 });
    await expect(attemptForCandidate(other, attemptId)).rejects.toMatchObject({ status: 404 });
  });

  it("killing the process mid-sitting loses no answer it had acknowledged", async () => {
    const { attemptId } = await started();
    const view = await attemptForCandidate(learner, attemptId);
    const saves = view.items.filter((i) => i.type === "SINGLE").slice(0, 10).map((i) => ({ key: `crash-${i.questionId}`, questionId: i.questionId, seq: 0, flagged: false, response: { type: "SINGLE", choice: i.options[0].key } }));
    // node itself (not npx), so SIGKILL hits the process that saves.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/save-then-die.ts"], {
      env: { ...process.env, STAFF_NO: "LE330101", ATTEMPT_ID: attemptId, DEVICE_ID: DEVICE, SAVES: JSON.stringify(saves) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const acknowledged: string[] = [];
    let buffer = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) if (line && line !== "ready") acknowledged.push(line);
        if (acknowledged.length >= 60) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    expect(child.signalCode).toBe("SIGKILL");
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    const stored = new Set((await db.answerSave.findMany({ where: { attemptId }, select: { id: true } })).map((s) => s.id));
    expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
  }, 60_000);
});

describe("submitting", () => {
  it("a double-clicked or replayed submit produces exactly one submission", async () => {
    const { attemptId } = await started();
    const results = await Promise.all([submitAttempt(attemptId, "CANDIDATE"), submitAttempt(attemptId, "CANDIDATE"), submitOwnAttempt(learner, attemptId)]);
    expect(results.filter((r) => r === true)).toHaveLength(1);
    expect(await submitAttempt(attemptId, "CANDIDATE")).toBe(false);
    expect(await db.attemptEvent.count({ where: { attemptId, kind: "SUBMITTED" } })).toBe(1);
    const view = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(view.status).toBe("SUBMITTED");
    const q = (await db.attemptItem.findFirstOrThrow({ where: { attemptId } })).questionId;
    expect(await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, q, { type: "SINGLE", choice: "A" })] })).toMatchObject({ ok: false, error: "closed" });
  });

  it("grades objective items on submit; a case analysis leaves the result incomplete until marked", async () => {
    const { attemptId } = await started({ showScore: "ON_SUBMIT" });
    const items = await db.attemptItem.findMany({ where: { attemptId } });
    const saves = items.map((i) => save(attemptId, i.questionId, rightResponse(i.questionVersionId)));
    expect((await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves })).ok).toBe(true);
    await submitOwnAttempt(learner, attemptId);
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const objectivePoints = items.filter((i) => versionContent(i.questionVersionId).answer.type !== "CASE_ANALYSIS").reduce((s, i) => s + i.points, 0);
    expect(attempt.objectiveScore).toBe(objectivePoints);
    expect(attempt.complete).toBe(false);
    expect(attempt.score).toBeNull();
    const result = await attemptResult(learner, attemptId);
    expect(result.showScore).toBe(false); // awaiting marking
    expect(result.answered).toBe(items.length);
  });

  it("wrong objective answers go to the wrong-answer notebook", async () => {
    const { attemptId } = await started();
    const items = await db.attemptItem.findMany({ where: { attemptId } });
    const tf = items.find((i) => versionContent(i.questionVersionId).answer.type === "TRUE_FALSE")!;
    const right = rightResponse(tf.questionVersionId) as { type: "TRUE_FALSE"; value: boolean };
    await saveAnswers(learner, { attemptId, deviceId: DEVICE, saves: [save(attemptId, tf.questionId, { type: "TRUE_FALSE", value: !right.value })] });
    await submitOwnAttempt(learner, attemptId);
    expect(await db.notebookEntry.findUnique({ where: { personId_questionId: { personId: learner.personId, questionId: tf.questionId } } })).not.toBeNull();
  });

  it("the server submits attempts past deadline and grace on its own", async () => {
    const { attemptId } = await started();
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const later = new Date(attempt.deadlineAt.getTime() + (GRACE_SECONDS + 60) * 1000);
    expect(await sweepOverdueAttempts(later)).toBeGreaterThanOrEqual(1);
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "SUBMITTED", submitKind: "DEADLINE" });
  });

  it("too many tab switches end the attempt", async () => {
    const { attemptId } = await started({ tabSwitchLimit: 2 });
    for (let i = 0; i < 2; i++) expect(await recordEvent(learner, { attemptId, deviceId: DEVICE, kind: "TAB_HIDDEN" })).toMatchObject({ ended: false });
    expect(await recordEvent(learner, { attemptId, deviceId: DEVICE, kind: "TAB_HIDDEN" })).toMatchObject({ ended: true });
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "SUBMITTED", submitKind: "TAB_LIMIT" });
  });

  it("a submitted attempt cannot be reopened or deleted, and its paper cannot change", async () => {
    const { attemptId } = await started();
    await submitOwnAttempt(learner, attemptId);
    await expect(write((tx) => tx.examAttempt.update({ where: { id: attemptId }, data: { status: "IN_PROGRESS" } }))).rejects.toThrow();
    await expect(write((tx) => tx.examAttempt.delete({ where: { id: attemptId } }))).rejects.toThrow();
    await expect(write((tx) => tx.attemptItem.updateMany({ where: { attemptId }, data: { points: 99 } }))).rejects.toThrow();
  });
});
