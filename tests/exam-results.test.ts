import { createId } from "@paralleldrive/cuid2";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { saveAnswers, startAttempt, submitOwnAttempt, versionContent } from "~/modules/exams/attempts.server";
import { examResults, itemAnalysis, publishResults, resultSlip, resultsWorkbook } from "~/modules/exams/results.server";
import type { QuestionContent } from "~/modules/questions/content";
import type { Response as AnswerResponse } from "~/modules/questions/rules";
import { publishedExam } from "./support/exams";
import { expectNotFound } from "./support/helpers";

/** A candidate acting as themself: sitting an exam needs no role, only the person. */
async function candidate(staffNo: string): Promise<Actor> {
  const p = await db.person.findUniqueOrThrow({ where: { staffNo }, include: { unit: true } });
  return { userId: `user-${p.id}`, personId: p.id, staffNo: p.staffNo, name: p.name, unitId: p.unitId, unitPath: p.unit.path, grants: [], ip: "test" };
}

function rightAnswer(content: QuestionContent): AnswerResponse {
  const a = content.answer;
  if (a.type === "SINGLE") return { type: "SINGLE", choice: a.correct };
  if (a.type === "MULTIPLE") return { type: "MULTIPLE", choices: [...a.correct] };
  if (a.type === "TRUE_FALSE") return { type: "TRUE_FALSE", value: a.correct };
  throw new Error(`no right answer for ${a.type} in this test`);
}

function wrongAnswer(content: QuestionContent): AnswerResponse {
  const a = content.answer;
  const wrongKey = content.options.map((o) => o.key).find((k) => (a.type === "SINGLE" ? k !== a.correct : a.type === "MULTIPLE" ? !a.correct.includes(k) : true));
  if (a.type === "SINGLE") return { type: "SINGLE", choice: wrongKey! };
  if (a.type === "MULTIPLE") return { type: "MULTIPLE", choices: [wrongKey!] };
  if (a.type === "TRUE_FALSE") return { type: "TRUE_FALSE", value: !a.correct };
  throw new Error(`no wrong answer for ${a.type} in this test`);
}

/**
 * Starts, answers and submits: the first `correct` items of the paper right, the rest
 * wrong (item 1 is always right). Returns the attempt and the score it should get.
 */
async function sit(actor: Actor, examId: string, correct: number, minutes = 20) {
  const started = new Date();
  const start = await startAttempt(actor, examId, { deviceId: "device-0001", accessCode: null }, started);
  if (!start.ok) throw new Error(start.error);
  const items = await db.attemptItem.findMany({ where: { attemptId: start.attemptId }, orderBy: { position: "asc" } });
  let expected = 0;
  const saves = items.map((item, i) => {
    const content = versionContent(item.questionVersionId);
    const right = i < Math.max(1, correct);
    if (right) expected += item.points;
    return { key: createId(), questionId: item.questionId, seq: 1, flagged: false, response: right ? rightAnswer(content) : wrongAnswer(content) };
  });
  const saved = await saveAnswers(actor, { attemptId: start.attemptId, deviceId: "device-0001", saves }, started);
  if (!saved.ok) throw new Error(saved.error);
  await submitOwnAttempt(actor, start.attemptId, new Date(started.getTime() + minutes * 60_000));
  return { attemptId: start.attemptId, expected, firstQuestionId: items[0].questionId };
}

let manager: Actor;
let examId: string;
let candidates: Actor[];
let sittings: { attemptId: string; expected: number; firstQuestionId: string }[];
let lateComer: Actor;
let lateAttemptId: string;

beforeAll(async () => {
  await seed({ officers: 10, questionBank: true });
  // ENF-RENEWAL has no case analysis: every attempt is complete on submit. One fixed paper for all.
  ({ examId, manager } = await publishedExam({ blueprintCode: "ENF-RENEWAL", paperMode: "FIXED", showScore: "ON_PUBLISH", attemptsAllowed: 2, passMark: 60 }));
  const officers = await db.person.findMany({ where: { user: null }, orderBy: { staffNo: "asc" }, take: 6 });
  candidates = await Promise.all(officers.slice(0, 5).map((p) => candidate(p.staffNo)));
  sittings = [];
  for (const [i, correct] of [45, 40, 30, 20, 5].entries()) sittings.push(await sit(candidates[i], examId, correct));
  // A second, weaker attempt of the best candidate: BEST keeps the first.
  await sit(candidates[0], examId, 10, 30);
  lateComer = await candidate(officers[5].staffNo);
  const late = await startAttempt(lateComer, examId, { deviceId: "device-0001", accessCode: null });
  if (!late.ok) throw new Error(late.error);
  lateAttemptId = late.attemptId;
}, 180_000);

describe("exam results", () => {
  it("gives one row per candidate with the counting attempt, and counts passes", async () => {
    const results = await examResults(manager, examId);
    expect(results.total).toBe(6);
    expect(results.counts).toEqual({ candidates: 6, counted: 5, awaitingMarking: 0, inProgress: 1 });
    const expectedPasses = sittings.filter((s) => s.expected >= 60).length;
    expect(results.summary.candidates).toBe(5);
    expect(results.summary.passed).toBe(expectedPasses);
    expect(results.summary.passRate).toBeCloseTo(expectedPasses / 5);

    const best = results.rows.find((r) => r.personId === candidates[0].personId)!;
    expect(best).toMatchObject({ state: "COUNTED", score: 100, passed: true, attemptNumber: 1, attemptsUsed: 2, submitKind: "CANDIDATE", secondsUsed: 1200, attemptId: sittings[0].attemptId });
    for (const [i, s] of sittings.entries()) expect(results.rows.find((r) => r.personId === candidates[i].personId)?.score).toBe(s.expected);
    expect(results.rows.find((r) => r.personId === lateComer.personId)).toMatchObject({ state: "IN_PROGRESS", score: null, passed: null });

    expect(results.distribution.reduce((n, b) => n + b.count, 0)).toBe(5);
    expect(results.byUnit.reduce((n, u) => n + u.candidates, 0)).toBe(5);
    expect(results.timeUsed?.median).toBe(1200);
  });

  it("filters by result, search and unit subtree", async () => {
    const passed = await examResults(manager, examId, { passed: "PASSED" });
    expect(passed.rows.every((r) => r.passed === true)).toBe(true);
    expect((await examResults(manager, examId, { passed: "PENDING" })).rows.map((r) => r.personId)).toEqual([lateComer.personId]);
    expect((await examResults(manager, examId, { q: candidates[2].staffNo })).rows.map((r) => r.personId)).toEqual([candidates[2].personId]);
    const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: candidates[1].unitId } });
    const province = await db.orgUnit.findUniqueOrThrow({ where: { id: unit.parentId ?? unit.id } });
    const inProvince = await examResults(manager, examId, { unitId: province.id });
    const everyone = [...candidates, lateComer];
    const expected = everyone.filter((c) => c.unitPath.startsWith(province.path)).map((c) => c.personId);
    expect(inProvince.rows.map((r) => r.personId).sort()).toEqual(expected.sort());
    expect(inProvince.rows.map((r) => r.personId)).toContain(candidates[1].personId);
  });

  it("answers 404 to a provincial HR for a national exam", async () => {
    const hrJiangsu = await cliActor("HR320001");
    await expectNotFound(examResults(hrJiangsu, examId));
    await expectNotFound(itemAnalysis(hrJiangsu, examId));
    await expectNotFound(resultsWorkbook(hrJiangsu, examId, "zh-CN"));
    await expectNotFound(examResults(manager, "no-such-exam"));
  });
});

describe("item analysis", () => {
  it("gives facility 1 to the question everyone got right, and flags it too easy", async () => {
    const analysis = await itemAnalysis(manager, examId);
    // Six submitted attempts (the best candidate sat twice), all complete.
    expect(analysis.attemptsAnalysed).toBe(6);
    expect(analysis.awaitingMarking).toBe(0);
    expect(analysis.items).toHaveLength(45);
    const first = analysis.items.find((i) => i.questionId === sittings[0].firstQuestionId)!;
    expect(first.facility).toBe(1);
    expect(first.positionFrom).toBe(1);
    expect(first.flags).toContain("TOO_EASY");
    expect(first.stem.length).toBeGreaterThan(0);
    if (first.type === "SINGLE") {
      const key = first.correctKeys[0];
      expect(first.options.find((o) => o.key === key)?.count).toBe(6);
    }
    const last = analysis.items[analysis.items.length - 1];
    expect(last.facility).toBeLessThan(1);
    expect(analysis.summary.reliabilityKR20 ?? analysis.summary.reliabilityAlpha).toBeDefined();
  });
});

describe("publishing results", () => {
  it("is refused while someone is still sitting, then done once and audited", async () => {
    const refused = await publishResults(manager, examId);
    expect(refused).toEqual({ ok: false, error: "results.errors.inProgress", count: 1 });
    await submitOwnAttempt(lateComer, lateAttemptId);
    expect(await publishResults(manager, examId)).toEqual({ ok: true, already: false });
    expect(await publishResults(manager, examId)).toEqual({ ok: true, already: true });
    expect((await db.exam.findUniqueOrThrow({ where: { id: examId } })).resultsPublishedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "exam.results.publish", objectId: examId } })).toBe(1);
  });

  it("is refused while attempts await marking, naming how many", async () => {
    const { examId: caseExam, manager: m } = await publishedExam({ blueprintCode: "ENF-INITIAL" });
    const start = await startAttempt(candidates[0], caseExam, { deviceId: "device-0001", accessCode: null });
    if (!start.ok) throw new Error(start.error);
    await submitOwnAttempt(candidates[0], start.attemptId);
    expect(await publishResults(m, caseExam)).toEqual({ ok: false, error: "results.errors.awaitingMarking", count: 1 });
    const results = await examResults(m, caseExam);
    expect(results.rows[0]).toMatchObject({ state: "AWAITING_MARKING", score: null });
    expect(results.examAwaitingMarking).toBe(1);
    // Staff cannot print a slip for an attempt that is not fully marked.
    expect(await resultSlip(m, start.attemptId, "zh-CN")).toEqual({ ok: false, error: "results.slip.notReady" });
  });

  it("needs exam.manage: a results-only HR gets 404", async () => {
    await expectNotFound(publishResults(await cliActor("HR330001"), examId));
  });
});

describe("export", () => {
  it("writes a results sheet with every candidate and an item statistics sheet", async () => {
    const buffer = await resultsWorkbook(manager, examId, "zh-CN");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const [results, items] = workbook.worksheets;
    expect(results.name).toBe("成绩");
    expect(results.rowCount).toBe(1 + 6);
    const staffNos = results.getColumn(1).values.slice(2);
    expect(staffNos).toContain(candidates[0].staffNo);
    const bestRow = results.getRows(2, 6)!.find((r) => r.getCell(1).value === candidates[0].staffNo)!;
    expect(bestRow.getCell(5).value).toBe(100);
    expect(items.rowCount).toBe(1 + 45);
    expect(await db.auditEvent.count({ where: { action: "exam.results.export", objectId: examId } })).toBeGreaterThan(0);
  });
});

describe("result slip", () => {
  it("renders a PDF for the candidate's own attempt once results are published", async () => {
    const slip = await resultSlip(candidates[1], sittings[1].attemptId, "zh-CN");
    expect(slip.ok).toBe(true);
    if (!slip.ok) return;
    expect(slip.pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(slip.pdf.length).toBeGreaterThan(1000);
    expect(slip.fileName).toMatch(/\.pdf$/);
  });

  it("renders for staff in scope, in English too", async () => {
    const slip = await resultSlip(manager, sittings[0].attemptId, "en");
    expect(slip.ok && slip.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("answers 404 for another candidate's attempt and for staff out of scope", async () => {
    await expectNotFound(resultSlip(candidates[1], sittings[0].attemptId, "zh-CN"));
    await expectNotFound(resultSlip(await cliActor("HR320001"), sittings[0].attemptId, "zh-CN"));
    await expectNotFound(resultSlip(candidates[1], "no-such-attempt", "zh-CN"));
  });

  it("names the Debian font package when the CJK font is missing", async () => {
    const before = process.env.PDF_FONT_PATH;
    process.env.PDF_FONT_PATH = "/nonexistent/font.ttc";
    try {
      await expect(resultSlip(manager, sittings[0].attemptId, "zh-CN")).rejects.toThrow(/fonts-wqy-microhei/);
    } finally {
      if (before === undefined) delete process.env.PDF_FONT_PATH;
      else process.env.PDF_FONT_PATH = before;
    }
  });

  it("answers 404 to the candidate while the policy hides the score", async () => {
    const { examId: hidden } = await publishedExam({ blueprintCode: "ENF-RENEWAL", paperMode: "FIXED", showScore: "ON_PUBLISH" });
    const s = await sit(candidates[3], hidden, 45);
    await expectNotFound(resultSlip(candidates[3], s.attemptId, "zh-CN"));
    // Staff may still print it.
    expect((await resultSlip(manager, s.attemptId, "zh-CN")).ok).toBe(true);
  });
});
