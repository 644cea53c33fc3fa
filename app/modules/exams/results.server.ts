import ExcelJS from "exceljs";
import { requireScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, rawQuery, write } from "~/lib/db.server";
import { formatDateTime, translator, type Locale } from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import type { QuestionContent } from "~/modules/questions/content";
import { examSummary, itemStatistics, passRateByUnit, scoreDistribution, timeUsedSummary, type AttemptScore, type ItemResponse } from "./analysis";
import { attemptResult, versionContent } from "./attempts.server";
import type { AttemptPolicy } from "./marking";
import { candidateRows, correctKeysOf, optionChoices, positionLabel, secondsBetween, stemPreview, toDate, type AttemptJoinRow, type CandidateRow, type ResultsFilter } from "./results";
import { renderSlipPdf } from "./slip-pdf.server";

/*
 * After an exam: each candidate's counted result, the exam's statistics, item analysis
 * (exam.results over the exam's unit), publishing results (exam.manage), the .xlsx
 * export (audited) and the candidate's result slip (PDF). Publishing is the one change.
 */

export const RESULTS_PAGE_SIZE = 100;

type ExamHeader = Awaited<ReturnType<typeof resultsExam>>;

async function resultsExam(actor: Actor, examId: string) {
  const exam = await db.exam.findUnique({ where: { id: examId }, include: { unit: { select: { id: true, name: true, path: true } } } });
  if (!exam || exam.status === "DRAFT") notFound();
  requireScope(actor, "exam.results", exam.unit.path);
  return {
    id: exam.id,
    code: exam.code,
    title: exam.title,
    examType: exam.examType,
    status: exam.status,
    unitId: exam.unit.id,
    unitName: exam.unit.name,
    unitPath: exam.unit.path,
    totalMarks: exam.totalMarks,
    passMark: exam.passMark,
    opensAt: exam.opensAt,
    closesAt: exam.closesAt,
    countingPolicy: exam.countingPolicy as AttemptPolicy,
    resultsPublishedAt: exam.resultsPublishedAt,
    canManage: can(actor, "exam.manage", exam.unit.path),
  };
}

// ---------------------------------------------------------------------------
// One row per candidate
// ---------------------------------------------------------------------------

function examAttempts(examId: string): AttemptJoinRow[] {
  return rawQuery(
    `SELECT a."id", a."personId", a."number", a."status", a."startedAt", a."submittedAt", a."submitKind", a."maxScore", a."score", a."complete", a."passed",
            p."name", p."staffNo", p."unitId", u."name" AS unitName, u."path" AS unitPath
     FROM "ExamAttempt" a JOIN "Person" p ON p."id" = a."personId" JOIN "OrgUnit" u ON u."id" = p."unitId"
     WHERE a."examId" = ? ORDER BY p."staffNo", a."number"`,
  ).all(examId) as AttemptJoinRow[];
}

function attemptScoreOf(row: CandidateRow): AttemptScore {
  return {
    attemptId: row.attemptId,
    score: row.score ?? 0,
    maxScore: row.maxScore,
    unitId: row.unitId,
    unitName: row.unitName,
    passed: !!row.passed,
    secondsUsed: row.secondsUsed ?? 0,
  };
}

function unitPathOf(unitId: string | undefined): string | null {
  if (!unitId) return null;
  const row = rawQuery(`SELECT "path" FROM "OrgUnit" WHERE "id" = ?`).get(unitId) as { path: string } | undefined;
  return row?.path ?? null;
}

function applyFilter<T extends CandidateRow & { unitPath: string }>(rows: T[], filter: ResultsFilter): T[] {
  const unitPath = filter.unitId ? (unitPathOf(filter.unitId) ?? "\u0000") : null;
  const q = filter.q?.trim().toLowerCase();
  return rows.filter((r) => {
    if (unitPath && !r.unitPath.startsWith(unitPath)) return false;
    if (filter.passed === "PASSED" && r.passed !== true) return false;
    if (filter.passed === "FAILED" && !(r.state === "COUNTED" && r.passed === false)) return false;
    if (filter.passed === "PENDING" && r.state === "COUNTED") return false;
    if (q && !r.name.toLowerCase().includes(q) && !r.staffNo.toLowerCase().includes(q)) return false;
    return true;
  });
}

function allRows(exam: ExamHeader) {
  return candidateRows(examAttempts(exam.id), exam.countingPolicy).sort((a, b) => (a.staffNo < b.staffNo ? -1 : a.staffNo > b.staffNo ? 1 : 0));
}

/**
 * The results page: one row per candidate (filtered, one page of them) and the statistics
 * of the filtered candidates whose result counts.
 */
export async function examResults(actor: Actor, examId: string, filter: ResultsFilter = {}) {
  const exam = await resultsExam(actor, examId);
  const everyone = allRows(exam);
  const rows = applyFilter(everyone, filter);
  const counted = rows.filter((r) => r.state === "COUNTED").map(attemptScoreOf);
  const pageCount = Math.max(1, Math.ceil(rows.length / RESULTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  return {
    exam,
    rows: rows.slice((page - 1) * RESULTS_PAGE_SIZE, page * RESULTS_PAGE_SIZE).map(({ unitPath: _path, ...r }) => r),
    total: rows.length,
    page,
    pageCount,
    counts: {
      candidates: rows.length,
      counted: counted.length,
      awaitingMarking: rows.filter((r) => r.state === "AWAITING_MARKING").length,
      inProgress: rows.filter((r) => r.state === "IN_PROGRESS").length,
    },
    /** Attempts of the whole exam still awaiting marking: publishing waits for them. */
    examAwaitingMarking: countAwaitingMarking(exam.id),
    summary: examSummary(counted),
    byUnit: passRateByUnit(counted),
    distribution: scoreDistribution(counted),
    timeUsed: timeUsedSummary(counted),
  };
}
export type ExamResults = Awaited<ReturnType<typeof examResults>>;

function countAwaitingMarking(examId: string): number {
  return (rawQuery(`SELECT COUNT(*) AS n FROM "ExamAttempt" WHERE "examId" = ? AND "status" = 'SUBMITTED' AND "complete" = 0`).get(examId) as { n: number }).n;
}

// ---------------------------------------------------------------------------
// Item analysis
// ---------------------------------------------------------------------------

type ItemJoinRow = {
  attemptId: string;
  questionId: string;
  questionVersionId: string;
  position: number;
  points: number;
  response: string | null;
  fraction: number | null;
  markedPoints: number | null;
};

type AnalysedAttemptRow = {
  id: string;
  score: number | null;
  maxScore: number;
  complete: number;
  passed: number | null;
  startedAt: string | number;
  submittedAt: string | number | null;
  unitId: string;
  unitName: string;
};

/** A response as item analysis counts it. Unanswered objective items earned 0 on submit. */
export function itemResponseOf(row: ItemJoinRow, content: QuestionContent): ItemResponse {
  const subjective = content.answer.type === "CASE_ANALYSIS";
  let fraction: number | null;
  if (subjective) {
    if (row.markedPoints !== null) fraction = row.points > 0 ? row.markedPoints / row.points : 0;
    // Unanswered and the attempt is complete: nothing to mark, nothing earned.
    else fraction = row.response === null ? 0 : null;
  } else {
    fraction = row.fraction ?? 0;
  }
  return {
    attemptId: row.attemptId,
    questionId: row.questionId,
    fraction,
    choices: optionChoices(row.response),
    optionKeys: content.options.map((o) => o.key),
    points: row.points,
  };
}

/**
 * Item statistics over the exam's complete submitted attempts (every attempt, not only
 * the counting ones: each is a sitting of the paper). Attempts awaiting marking are left
 * out until marked, so no statistic rests on a provisional total.
 */
export async function itemAnalysis(actor: Actor, examId: string) {
  const exam = await resultsExam(actor, examId);
  const attemptRows = rawQuery(
    `SELECT a."id", a."score", a."maxScore", a."complete", a."passed", a."startedAt", a."submittedAt", p."unitId", u."name" AS unitName
     FROM "ExamAttempt" a JOIN "Person" p ON p."id" = a."personId" JOIN "OrgUnit" u ON u."id" = p."unitId"
     WHERE a."examId" = ? AND a."status" = 'SUBMITTED'`,
  ).all(exam.id) as AnalysedAttemptRow[];
  const complete = attemptRows.filter((a) => a.complete && a.score !== null);
  const attempts: AttemptScore[] = complete.map((a) => ({
    attemptId: a.id,
    score: a.score ?? 0,
    maxScore: a.maxScore,
    unitId: a.unitId,
    unitName: a.unitName,
    passed: !!a.passed,
    secondsUsed: secondsBetween(toDate(a.startedAt), toDate(a.submittedAt)) ?? 0,
  }));
  const completeIds = new Set(complete.map((a) => a.id));
  const itemRows = (
    rawQuery(
      `SELECT i."attemptId", i."questionId", i."questionVersionId", i."position", i."points", x."response", x."fraction", x."markedPoints"
       FROM "AttemptItem" i JOIN "ExamAttempt" a ON a."id" = i."attemptId"
       LEFT JOIN "AttemptAnswer" x ON x."attemptId" = i."attemptId" AND x."questionId" = i."questionId"
       WHERE a."examId" = ? AND a."status" = 'SUBMITTED' ORDER BY i."position", i."attemptId"`,
    ).all(exam.id) as ItemJoinRow[]
  ).filter((r) => completeIds.has(r.attemptId));

  const responses: ItemResponse[] = [];
  const info = new Map<string, { versionId: string; minPosition: number; maxPosition: number; points: number }>();
  for (const row of itemRows) {
    const content = versionContent(row.questionVersionId);
    responses.push(itemResponseOf(row, content));
    const seen = info.get(row.questionId);
    if (!seen) info.set(row.questionId, { versionId: row.questionVersionId, minPosition: row.position, maxPosition: row.position, points: row.points });
    else {
      seen.minPosition = Math.min(seen.minPosition, row.position);
      seen.maxPosition = Math.max(seen.maxPosition, row.position);
    }
  }
  const correctKeys = new Map([...info].map(([questionId, i]) => [questionId, correctKeysOf(versionContent(i.versionId))]));
  const stats = itemStatistics(responses, attempts, correctKeys);
  const items = stats
    .map((s) => {
      const i = info.get(s.questionId)!;
      const content = versionContent(i.versionId);
      return {
        ...s,
        type: content.type,
        stem: stemPreview(content.stem),
        positionFrom: i.minPosition,
        positionTo: i.maxPosition,
        points: i.points,
        correctKeys: correctKeys.get(s.questionId) ?? [],
      };
    })
    .sort((a, b) => a.positionFrom - b.positionFrom || a.positionTo - b.positionTo || (a.questionId < b.questionId ? -1 : 1));
  return {
    exam,
    attemptsAnalysed: attempts.length,
    awaitingMarking: attemptRows.length - complete.length,
    summary: examSummary(attempts, responses),
    items,
  };
}
export type ItemAnalysis = Awaited<ReturnType<typeof itemAnalysis>>;

// ---------------------------------------------------------------------------
// Publishing
// ---------------------------------------------------------------------------

export type PublishResult = { ok: true; already: boolean } | { ok: false; error: string; count?: number };

/**
 * Makes results visible to candidates whose review policy waits for publication
 * (showScore / showAnswers ON_PUBLISH). Once only; refused while attempts are in
 * progress or await marking, so no candidate sees a result that will still change.
 */
export async function publishResults(actor: Actor, examId: string, now = new Date()): Promise<PublishResult> {
  const exam = await db.exam.findUnique({ where: { id: examId }, include: { unit: { select: { path: true } } } });
  if (!exam || exam.status === "DRAFT") notFound();
  requireScope(actor, "exam.manage", exam.unit.path);
  if (exam.resultsPublishedAt) return { ok: true, already: true };
  if (exam.status !== "PUBLISHED") return { ok: false, error: "results.errors.notPublished" };
  return write(async (tx) => {
    // Counted inside the write lock: a submit cannot slip in between the check and the update.
    const [pending] = await tx.$queryRawUnsafe<{ awaiting: number | bigint; inProgress: number | bigint }[]>(
      `SELECT SUM(CASE WHEN "status" = 'SUBMITTED' AND "complete" = 0 THEN 1 ELSE 0 END) AS awaiting, SUM(CASE WHEN "status" = 'IN_PROGRESS' THEN 1 ELSE 0 END) AS inProgress
       FROM "ExamAttempt" WHERE "examId" = ?`,
      examId,
    );
    const awaiting = Number(pending?.awaiting ?? 0);
    const inProgress = Number(pending?.inProgress ?? 0);
    if (awaiting > 0) return { ok: false as const, error: "results.errors.awaitingMarking", count: awaiting };
    if (inProgress > 0) return { ok: false as const, error: "results.errors.inProgress", count: inProgress };
    const current = await tx.exam.findUniqueOrThrow({ where: { id: examId }, select: { resultsPublishedAt: true } });
    if (current.resultsPublishedAt) return { ok: true as const, already: true };
    await tx.exam.update({ where: { id: examId }, data: { resultsPublishedAt: now } });
    const submitted = await tx.examAttempt.count({ where: { examId, status: "SUBMITTED" } });
    await audit(tx, actorAudit(actor), { action: "exam.results.publish", objectType: "Exam", objectId: examId, unitId: exam.unitId, after: { resultsPublishedAt: now.toISOString(), submitted } });
    return { ok: true as const, already: false };
  });
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

/** Results (every candidate) and item statistics as an .xlsx workbook. The export is audited. */
export async function resultsWorkbook(actor: Actor, examId: string, locale: Locale, filter: ResultsFilter = {}): Promise<Buffer> {
  const t = translator(locale);
  const exam = await resultsExam(actor, examId);
  const rows = applyFilter(allRows(exam), filter);
  const analysis = await itemAnalysis(actor, examId);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("results.title");
  const sheet = workbook.addWorksheet(t("results.export.resultsSheet"));
  sheet.columns = [
    { header: t("results.columns.staffNo"), key: "staffNo", width: 14 },
    { header: t("results.columns.name"), key: "name", width: 12 },
    { header: t("results.columns.unit"), key: "unit", width: 24 },
    { header: t("results.columns.state"), key: "state", width: 12 },
    { header: t("results.columns.score"), key: "score", width: 10 },
    { header: t("results.columns.maxScore"), key: "maxScore", width: 10 },
    { header: t("results.columns.passed"), key: "passed", width: 10 },
    { header: t("results.columns.attemptNumber"), key: "attemptNumber", width: 10 },
    { header: t("results.columns.attemptsUsed"), key: "attemptsUsed", width: 10 },
    { header: t("results.columns.minutesUsed"), key: "minutesUsed", width: 12 },
    { header: t("results.columns.submitKind"), key: "submitKind", width: 14 },
    { header: t("results.columns.submittedAt"), key: "submittedAt", width: 18 },
    { header: t("results.columns.attemptId"), key: "attemptId", width: 28 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("staffNo").numFmt = "@";
  for (const r of rows) {
    sheet.addRow({
      staffNo: r.staffNo,
      name: r.name,
      unit: r.unitName,
      state: t(`results.states.${r.state}`),
      score: r.score,
      maxScore: r.maxScore,
      passed: r.passed === null ? "" : r.passed ? t("results.passedYes") : t("results.passedNo"),
      attemptNumber: r.attemptNumber,
      attemptsUsed: r.attemptsUsed,
      minutesUsed: r.secondsUsed === null ? null : Math.round(r.secondsUsed / 6) / 10,
      submitKind: r.submitKind ? t(`results.submitKinds.${r.submitKind}`, { defaultValue: r.submitKind }) : "",
      submittedAt: formatDateTime(r.submittedAt, locale),
      attemptId: r.attemptId,
    });
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  const items = workbook.addWorksheet(t("results.export.itemsSheet"));
  items.columns = [
    { header: t("results.analysis.columns.position"), key: "position", width: 10 },
    { header: t("results.analysis.columns.type"), key: "type", width: 10 },
    { header: t("results.analysis.columns.stem"), key: "stem", width: 50 },
    { header: t("results.analysis.columns.responses"), key: "responses", width: 10 },
    { header: t("results.analysis.columns.facility"), key: "facility", width: 10 },
    { header: t("results.analysis.columns.discrimination"), key: "discrimination", width: 10 },
    { header: t("results.analysis.columns.pointBiserial"), key: "pointBiserial", width: 12 },
    { header: t("results.analysis.columns.key"), key: "key", width: 8 },
    { header: t("results.analysis.columns.options"), key: "options", width: 40 },
    { header: t("results.analysis.columns.flags"), key: "flags", width: 40 },
    { header: t("results.analysis.columns.questionId"), key: "questionId", width: 28 },
  ];
  items.getRow(1).font = { bold: true };
  for (const item of analysis.items) {
    items.addRow({
      position: positionLabel(item.positionFrom, item.positionTo),
      type: t(`questions.types.${item.type}`),
      stem: item.stem,
      responses: item.responses,
      facility: round(item.facility),
      discrimination: round(item.discrimination),
      pointBiserial: round(item.pointBiserial),
      key: item.correctKeys.join(""),
      options: item.options.map((o) => `${o.key}: ${o.count}`).join("  "),
      flags: item.flags.map((f) => t(`results.flags.${f}`)).join("；"),
      questionId: item.questionId,
    });
  }
  items.views = [{ state: "frozen", ySplit: 1 }];

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await write((tx) =>
    audit(tx, actorAudit(actor), { action: "exam.results.export", objectType: "Exam", objectId: exam.id, unitId: exam.unitId, after: { filter, rows: rows.length, items: analysis.items.length } }),
  );
  return buffer;
}

// ---------------------------------------------------------------------------
// Result slip (成绩单)
// ---------------------------------------------------------------------------

type SlipAttemptRow = {
  id: string;
  examId: string;
  personId: string;
  number: number;
  status: string;
  submittedAt: string | number | null;
  maxScore: number;
  score: number | null;
  complete: number;
  passed: number | null;
  name: string;
  staffNo: string;
  unitName: string;
  examTitle: string;
  examCode: string;
  passMark: number;
  examUnitPath: string;
};

export type SlipOutcome = { ok: true; pdf: Buffer; fileName: string } | { ok: false; error: string };

/**
 * A PDF result slip. Staff with exam.results over the exam's unit may print any complete
 * attempt; a candidate only their own, and only once the review policy shows them the
 * score (attemptResult applies canSeeScore). Everything else answers 404.
 */
export async function resultSlip(actor: Actor, attemptId: string, locale: Locale, now = new Date()): Promise<SlipOutcome> {
  const row = rawQuery(
    `SELECT a."id", a."examId", a."personId", a."number", a."status", a."submittedAt", a."maxScore", a."score", a."complete", a."passed",
            p."name", p."staffNo", u."name" AS unitName, e."title" AS examTitle, e."code" AS examCode, e."passMark", eu."path" AS examUnitPath
     FROM "ExamAttempt" a JOIN "Person" p ON p."id" = a."personId" JOIN "OrgUnit" u ON u."id" = p."unitId"
     JOIN "Exam" e ON e."id" = a."examId" JOIN "OrgUnit" eu ON eu."id" = e."unitId"
     WHERE a."id" = ?`,
  ).get(attemptId) as SlipAttemptRow | undefined;
  if (!row) notFound();
  let score: number | null;
  let passed: boolean | null;
  if (can(actor, "exam.results", row.examUnitPath)) {
    score = row.complete ? row.score : null;
    passed = row.complete && row.passed !== null ? !!row.passed : null;
  } else {
    if (row.personId !== actor.personId) notFound();
    const own = await attemptResult(actor, attemptId, now);
    // The policy hides the score (or marking is not final): no slip, like a missing one.
    if (!own.showScore) notFound();
    score = own.attempt.score;
    passed = own.attempt.passed;
  }
  if (row.status !== "SUBMITTED" || !row.complete || score === null) return { ok: false, error: "results.slip.notReady" };
  const pdf = await renderSlipPdf(
    {
      examTitle: row.examTitle,
      examCode: row.examCode,
      name: row.name,
      staffNo: row.staffNo,
      unitName: row.unitName,
      attemptNumber: row.number,
      submittedAt: toDate(row.submittedAt),
      score,
      maxScore: row.maxScore,
      passMark: row.passMark,
      passed: passed ?? score >= row.passMark,
      attemptId: row.id,
      issuedAt: now,
    },
    locale,
  );
  const fileName = `${translator(locale)("results.slip.fileName")}-${row.examCode}-${row.staffNo}-${row.number}.pdf`;
  return { ok: true, pdf, fileName };
}
