import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, rawQuery, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { score, type Response } from "~/modules/questions/rules";
import { recordPass, versionContent } from "./attempts.server";
import { hasAnswerText, MARKED_REASON, objectiveScoreOf, POINTS_ERRORS, regradeReason, shortCode } from "./grading";
import { attemptTotal, canMark, markingState, validatePoints, type Mark, type MarkingPolicy, type MarkingState } from "./marking";

/*
 * Marking of case-analysis answers (exam.mark over the exam's unit) and regrading of an
 * objective question after a fix (exam.manage). Markers work blind: they see the
 * attempt's anonymous code, never the candidate's name or staff number, and in double
 * marking never the other marker's points until a third mark is needed. Marks are
 * append-only rows (one per round); once a response's marking is final its points go
 * to AttemptAnswer.markedPoints and the attempt's total is recomputed in the same
 * transaction, with a ScoreChange row and an audit event.
 */

const TASKS_SHOWN = 200;

type MarkableExam = { id: string; code: string; title: string; unitId: string; path: string; doubleMarking: number; markingThreshold: number };

function policyFor(exam: Pick<MarkableExam, "doubleMarking" | "markingThreshold">, maxPoints: number): MarkingPolicy {
  return { doubleMarking: !!Number(exam.doubleMarking), differenceThreshold: exam.markingThreshold, maxPoints };
}

function isCaseAnalysis(versionId: string): boolean {
  return versionContent(versionId).answer.type === "CASE_ANALYSIS";
}

function toMark(row: { markerId: string; round: number | bigint; points: number }): Mark {
  return { markerId: row.markerId, round: Number(row.round) as 1 | 2 | 3, points: row.points };
}

function parseResponse(json: string | null): Response | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Response;
  } catch {
    return null;
  }
}

/** Published (or since cancelled) exams of units where the actor may mark, that still have attempts awaiting marks. */
function markableExams(actor: Actor): MarkableExam[] {
  const paths = scopePaths(actor, "exam.mark");
  if (!paths.length) return [];
  return rawQuery(
    `SELECT e."id", e."code", e."title", e."unitId", o."path", e."doubleMarking", e."markingThreshold"
     FROM "Exam" e JOIN "OrgUnit" o ON o."id" = e."unitId"
     WHERE e."status" <> 'DRAFT' AND (${paths.map(() => `substr(o."path", 1, ?) = ?`).join(" OR ")})
       AND EXISTS (SELECT 1 FROM "ExamAttempt" a WHERE a."examId" = e."id" AND a."status" = 'SUBMITTED' AND a."complete" = 0)
     ORDER BY e."closesAt" DESC`,
  ).all(...paths.flatMap((p) => [p.length, p])) as MarkableExam[];
}

export type QueueTask = {
  attemptId: string;
  questionId: string;
  examId: string;
  examTitle: string;
  /** Anonymous code of the attempt; the candidate's identity never reaches a marker. */
  code: string;
  position: number;
  points: number;
  round: 1 | 2 | 3;
  answered: boolean;
  submittedAt: string;
};

export type QueueExam = {
  id: string;
  code: string;
  title: string;
  doubleMarking: boolean;
  awaitingFirst: number;
  awaitingSecond: number;
  awaitingThird: number;
  /** Responses this marker may mark now. */
  forMe: number;
};

type PendingRow = {
  attemptId: string;
  examId: string;
  personId: string;
  submittedAt: string;
  questionId: string;
  questionVersionId: string;
  position: number;
  points: number;
  response: string | null;
};

/**
 * The marking queue: case-analysis responses of submitted attempts that still need a
 * mark, with counts per exam by round, and the tasks this marker may take (not their
 * own attempt, not a response they already marked). Anonymous: rows carry the attempt's
 * code, never a name, staff number or person id.
 */
export function markingQueue(actor: Actor, filter: { examId?: string } = {}): { exams: QueueExam[]; tasks: QueueTask[]; totalTasks: number } {
  requireAnyScope(actor, "exam.mark");
  const exams = markableExams(actor);
  const selected = filter.examId ? exams.filter((e) => e.id === filter.examId) : exams;
  if (filter.examId && !selected.length) {
    // An exam in scope with nothing left to mark answers with an empty queue; one out of scope like a missing one.
    const exam = rawQuery(`SELECT o."path" FROM "Exam" e JOIN "OrgUnit" o ON o."id" = e."unitId" WHERE e."id" = ?`).get(filter.examId) as { path: string } | undefined;
    if (!exam || !can(actor, "exam.mark", exam.path)) notFound();
  }
  const summaries = new Map<string, QueueExam>(
    exams.map((e) => [e.id, { id: e.id, code: e.code, title: e.title, doubleMarking: !!Number(e.doubleMarking), awaitingFirst: 0, awaitingSecond: 0, awaitingThird: 0, forMe: 0 }]),
  );
  if (!exams.length) return { exams: [], tasks: [], totalTasks: 0 };

  const examIds = exams.map((e) => e.id);
  const marks = new Map<string, Mark[]>();
  const markRows = rawQuery(
    `SELECT m."attemptId", m."questionId", m."markerId", m."round", m."points" FROM "ItemMark" m JOIN "ExamAttempt" a ON a."id" = m."attemptId"
     WHERE a."examId" IN (${examIds.map(() => "?").join(", ")}) AND a."status" = 'SUBMITTED' AND a."complete" = 0`,
  ).all(...examIds) as { attemptId: string; questionId: string; markerId: string; round: number; points: number }[];
  for (const m of markRows) {
    const key = `${m.attemptId}|${m.questionId}`;
    marks.set(key, [...(marks.get(key) ?? []), toMark(m)]);
  }
  const pending = rawQuery(
    `SELECT a."id" AS attemptId, a."examId", a."personId", a."submittedAt", i."questionId", i."questionVersionId", i."position", i."points", ans."response"
     FROM "ExamAttempt" a
     JOIN "AttemptItem" i ON i."attemptId" = a."id"
     JOIN "ExamPoolQuestion" p ON p."examId" = a."examId" AND p."questionId" = i."questionId"
     LEFT JOIN "AttemptAnswer" ans ON ans."attemptId" = a."id" AND ans."questionId" = i."questionId"
     WHERE a."examId" IN (${examIds.map(() => "?").join(", ")}) AND a."status" = 'SUBMITTED' AND a."complete" = 0
       AND p."type" = 'CASE_ANALYSIS' AND ans."markedPoints" IS NULL
     ORDER BY a."submittedAt", a."id", i."position"`,
  ).all(...examIds) as PendingRow[];

  const byId = new Map(exams.map((e) => [e.id, e]));
  const wanted = new Set(selected.map((e) => e.id));
  const tasks: QueueTask[] = [];
  for (const row of pending) {
    if (!isCaseAnalysis(row.questionVersionId)) continue;
    const exam = byId.get(row.examId)!;
    const summary = summaries.get(row.examId)!;
    const itemMarks = marks.get(`${row.attemptId}|${row.questionId}`) ?? [];
    const policy = policyFor(exam, row.points);
    const state = markingState(policy, itemMarks);
    if (state.status === "FINAL") continue;
    if (state.status === "AWAITING_FIRST") summary.awaitingFirst++;
    else if (state.status === "AWAITING_SECOND") summary.awaitingSecond++;
    else summary.awaitingThird++;
    if (row.personId === actor.personId) continue; // nobody marks their own paper
    const check = canMark(policy, itemMarks, actor.userId);
    if (!check.ok) continue;
    summary.forMe++;
    if (!wanted.has(row.examId)) continue;
    tasks.push({
      attemptId: row.attemptId,
      questionId: row.questionId,
      examId: row.examId,
      examTitle: exam.title,
      code: shortCode(row.attemptId),
      position: row.position,
      points: row.points,
      round: check.round,
      answered: hasAnswerText(parseResponse(row.response)),
      submittedAt: row.submittedAt,
    });
  }
  // Arbitration first (it holds up a result that two markers already disagreed on), then second marks, then first.
  tasks.sort((a, b) => b.round - a.round);
  return { exams: [...summaries.values()], tasks: tasks.slice(0, TASKS_SHOWN), totalTasks: tasks.length };
}

// ---------------------------------------------------------------------------
// One task
// ---------------------------------------------------------------------------

type TargetRow = {
  attemptId: string;
  examId: string;
  personId: string;
  status: string;
  examTitle: string;
  examCode: string;
  unitId: string;
  path: string;
  doubleMarking: number;
  markingThreshold: number;
  questionVersionId: string;
  position: number;
  points: number;
};

/** A case-analysis item of a submitted attempt the actor may mark (scope, not their own); 404 otherwise. */
function markTarget(actor: Actor, attemptId: string, questionId: string): TargetRow {
  const row = rawQuery(
    `SELECT a."id" AS attemptId, a."examId", a."personId", a."status", e."title" AS examTitle, e."code" AS examCode, e."unitId", o."path", e."doubleMarking", e."markingThreshold",
            i."questionVersionId", i."position", i."points"
     FROM "ExamAttempt" a JOIN "Exam" e ON e."id" = a."examId" JOIN "OrgUnit" o ON o."id" = e."unitId"
     JOIN "AttemptItem" i ON i."attemptId" = a."id" AND i."questionId" = ?
     WHERE a."id" = ?`,
  ).get(questionId, attemptId) as TargetRow | undefined;
  if (!row || !can(actor, "exam.mark", row.path)) notFound();
  if (row.status !== "SUBMITTED" || row.personId === actor.personId || !isCaseAnalysis(row.questionVersionId)) notFound();
  return row;
}

function marksOf(attemptId: string, questionId: string) {
  return rawQuery(`SELECT "markerId", "round", "points", "comment" FROM "ItemMark" WHERE "attemptId" = ? AND "questionId" = ? ORDER BY "round"`).all(attemptId, questionId) as {
    markerId: string;
    round: number;
    points: number;
    comment: string;
  }[];
}

/**
 * What a marker sees for one response: the answer, the stem, the model answer and
 * rubric, the maximum points and the round. Earlier marks appear only for the third
 * (arbitration) round; the first two are blind.
 */
export function markingTask(actor: Actor, attemptId: string, questionId: string) {
  const target = markTarget(actor, attemptId, questionId);
  const content = versionContent(target.questionVersionId);
  if (content.answer.type !== "CASE_ANALYSIS") notFound();
  const answer = rawQuery(`SELECT "response", "markedPoints" FROM "AttemptAnswer" WHERE "attemptId" = ? AND "questionId" = ?`).get(attemptId, questionId) as
    | { response: string; markedPoints: number | null }
    | undefined;
  const response = parseResponse(answer?.response ?? null);
  const rows = marksOf(attemptId, questionId);
  const marks = rows.map(toMark);
  const policy = policyFor(target, target.points);
  const state = markingState(policy, marks);
  const check = canMark(policy, marks, actor.userId);
  const round = check.ok ? check.round : null;
  const rubricTotal = content.answer.rubric.reduce((s, r) => s + r.points, 0);
  return {
    exam: { id: target.examId, code: target.examCode, title: target.examTitle, doubleMarking: policy.doubleMarking, threshold: policy.differenceThreshold },
    code: shortCode(attemptId),
    attemptId,
    questionId,
    position: target.position,
    maxPoints: target.points,
    stem: content.stem,
    modelAnswer: content.answer.modelAnswer,
    rubric: content.answer.rubric.map((r) => ({ criterion: r.criterion, points: r.points })),
    rubricTotal,
    response: response && response.type === "CASE_ANALYSIS" && hasAnswerText(response) ? response.text : null,
    status: state.status,
    finalPoints: state.status === "FINAL" ? state.finalPoints : null,
    /** The round this marker would mark, or null (final, or already marked by them). */
    round,
    blocked: check.ok ? null : check.reason,
    /** Only for arbitration: the two earlier marks (without the markers' identities). */
    earlierMarks: round === 3 ? rows.filter((r) => Number(r.round) < 3).map((r) => ({ round: Number(r.round), points: r.points, comment: r.comment })) : [],
  };
}
export type MarkingTask = ReturnType<typeof markingTask>;

// ---------------------------------------------------------------------------
// Recording a mark; recomputing an attempt
// ---------------------------------------------------------------------------

type Recomputed = { before: number | null; after: number | null; complete: boolean; passed: boolean | null };

/**
 * Recomputes an attempt's objective score, total, completeness and pass from the stored
 * fractions (objective) and final marked points (case analysis); records a ScoreChange
 * when the score changed (or always, with `record`), and the pass when it newly passes.
 */
async function recomputeAttempt(tx: Tx, attemptId: string, reason: string, actorId: string | null, now: Date, options: { record?: boolean } = {}): Promise<Recomputed> {
  const [attempt] = await tx.$queryRawUnsafe<
    { examId: string; personId: string; score: number | null; complete: number | bigint; passed: number | bigint | null; passMark: number; examType: string }[]
  >(
    `SELECT a."examId", a."personId", a."score", a."complete", a."passed", e."passMark", e."examType" FROM "ExamAttempt" a JOIN "Exam" e ON e."id" = a."examId" WHERE a."id" = ?`,
    attemptId,
  );
  const items = await tx.$queryRawUnsafe<{ questionId: string; questionVersionId: string; points: number }[]>(
    `SELECT "questionId", "questionVersionId", "points" FROM "AttemptItem" WHERE "attemptId" = ?`,
    attemptId,
  );
  const answers = new Map(
    (
      await tx.$queryRawUnsafe<{ questionId: string; fraction: number | null; markedPoints: number | null }[]>(
        `SELECT "questionId", "fraction", "markedPoints" FROM "AttemptAnswer" WHERE "attemptId" = ?`,
        attemptId,
      )
    ).map((a) => [a.questionId, a]),
  );
  const scored = items.map((i) => {
    const a = answers.get(i.questionId);
    return { points: i.points, fraction: a?.fraction ?? null, markedPoints: a?.markedPoints ?? null, subjective: isCaseAnalysis(i.questionVersionId) };
  });
  const total = attemptTotal(scored);
  const after = total.complete ? total.score : null;
  const passed = total.complete ? total.score >= attempt.passMark : null;
  await tx.$executeRawUnsafe(
    `UPDATE "ExamAttempt" SET "objectiveScore" = ?, "score" = ?, "complete" = ?, "passed" = ? WHERE "id" = ?`,
    objectiveScoreOf(scored),
    after,
    total.complete ? 1 : 0,
    passed === null ? null : passed ? 1 : 0,
    attemptId,
  );
  const before = attempt.score;
  if (options.record || before !== after) {
    await tx.scoreChange.create({ data: { attemptId, before, after, reason, actorId, createdAt: now } });
  }
  const wasPassed = attempt.passed !== null && Number(attempt.passed) === 1;
  if (passed && !wasPassed) await recordPass(tx, attemptId, { examId: attempt.examId, personId: attempt.personId, examType: attempt.examType }, after!, now);
  return { before, after, complete: total.complete, passed };
}

export type SubmitMarkResult =
  | { ok: true; round: 1 | 2 | 3; state: MarkingState; score: number | null; next: { attemptId: string; questionId: string } | null }
  | { ok: false; error: string };

/**
 * Records a marker's points for a response. The round is decided inside the write lock
 * from the marks already there; `round`, when given, is the round the marker was shown,
 * and a mismatch (someone marked it meanwhile) is refused. Two markers racing for the
 * same round: one wins, the other hears "already marked, reload" (the unique index on
 * attempt, question and round backs this up).
 */
export async function submitMark(
  actor: Actor,
  input: { attemptId: string; questionId: string; points: number; comment?: string; round?: number },
  now = new Date(),
): Promise<SubmitMarkResult> {
  const target = markTarget(actor, input.attemptId, input.questionId);
  const problem = validatePoints(input.points, target.points);
  if (problem !== "OK") return { ok: false, error: POINTS_ERRORS[problem] };
  const policy = policyFor(target, target.points);
  const comment = (input.comment ?? "").trim().slice(0, 2_000);
  let outcome: SubmitMarkResult;
  try {
    outcome = await write(async (tx): Promise<SubmitMarkResult> => {
      const marks = (
        await tx.$queryRawUnsafe<{ markerId: string; round: number | bigint; points: number }[]>(
          `SELECT "markerId", "round", "points" FROM "ItemMark" WHERE "attemptId" = ? AND "questionId" = ?`,
          input.attemptId,
          input.questionId,
        )
      ).map(toMark);
      const check = canMark(policy, marks, actor.userId);
      if (!check.ok) return { ok: false, error: check.reason === "FINAL" ? "marking.errors.final" : "marking.errors.markedByYou" };
      if (input.round !== undefined && input.round !== check.round) return { ok: false, error: "marking.errors.alreadyMarked" };
      await tx.itemMark.create({
        data: { attemptId: input.attemptId, questionId: input.questionId, markerId: actor.userId, round: check.round, points: input.points, comment, createdAt: now },
      });
      const state = markingState(policy, [...marks, { markerId: actor.userId, points: input.points, round: check.round }]);
      let recomputed: Recomputed | null = null;
      if (state.status === "FINAL") {
        await tx.attemptAnswer.upsert({
          where: { attemptId_questionId: { attemptId: input.attemptId, questionId: input.questionId } },
          update: { markedPoints: state.finalPoints },
          // The candidate never answered: the row is created to hold the (zero or not) mark.
          create: {
            attemptId: input.attemptId,
            questionId: input.questionId,
            response: JSON.stringify({ type: "CASE_ANALYSIS", text: "" }),
            clientSeq: 0,
            savedAt: now,
            markedPoints: state.finalPoints,
          },
        });
        recomputed = await recomputeAttempt(tx, input.attemptId, MARKED_REASON, actor.userId, now);
      }
      await audit(tx, actorAudit(actor), {
        action: "exam.mark",
        objectType: "ExamAttempt",
        objectId: input.attemptId,
        unitId: target.unitId,
        after: { questionId: input.questionId, round: check.round, points: input.points, status: state.status, finalPoints: state.finalPoints, score: recomputed?.after ?? null, passed: recomputed?.passed ?? null },
      });
      return { ok: true, round: check.round, state, score: recomputed?.after ?? null, next: null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "marking.errors.alreadyMarked" };
    throw error;
  }
  if (!outcome.ok) return outcome;
  const next = markingQueue(actor, { examId: target.examId }).tasks[0];
  return { ...outcome, next: next ? { attemptId: next.attemptId, questionId: next.questionId } : null };
}

// ---------------------------------------------------------------------------
// Regrading an objective question
// ---------------------------------------------------------------------------

type ManagedExam = { id: string; code: string; title: string; unitId: string; path: string };

function managedExam(actor: Actor, examId: string): ManagedExam {
  const exam = rawQuery(`SELECT e."id", e."code", e."title", e."unitId", o."path" FROM "Exam" e JOIN "OrgUnit" o ON o."id" = e."unitId" WHERE e."id" = ?`).get(examId) as ManagedExam | undefined;
  if (!exam || !can(actor, "exam.manage", exam.path)) notFound();
  return exam;
}

/** The objective questions on submitted papers of an exam, with their versions, for the regrade form. */
export async function regradeChoices(actor: Actor, examId: string) {
  const exam = managedExam(actor, examId);
  const used = rawQuery(
    `SELECT i."questionId", MIN(i."position") AS firstPosition, MAX(i."position") AS lastPosition, COUNT(*) AS attempts
     FROM "AttemptItem" i JOIN "ExamAttempt" a ON a."id" = i."attemptId"
     WHERE a."examId" = ? AND a."status" = 'SUBMITTED' GROUP BY i."questionId"`,
  ).all(examId) as { questionId: string; firstPosition: number; lastPosition: number; attempts: number }[];
  const pool = new Map(
    (rawQuery(`SELECT "questionId", "questionVersionId", "type" FROM "ExamPoolQuestion" WHERE "examId" = ?`).all(examId) as { questionId: string; questionVersionId: string; type: string }[]).map(
      (p) => [p.questionId, p],
    ),
  );
  const objective = used.filter((u) => pool.get(u.questionId) && pool.get(u.questionId)!.type !== "CASE_ANALYSIS");
  const ids = objective.map((u) => u.questionId);
  const [questions, versions] = ids.length
    ? await Promise.all([
        db.question.findMany({ where: { id: { in: ids } }, select: { id: true, stemPreview: true, type: true, latestVersionId: true, latestVersionNo: true } }),
        db.questionVersion.findMany({ where: { questionId: { in: ids } }, select: { id: true, questionId: true, version: true, changeNote: true, createdAt: true }, orderBy: { version: "desc" } }),
      ])
    : [[], []];
  const byId = new Map(questions.map((q) => [q.id, q]));
  return {
    exam: { id: exam.id, code: exam.code, title: exam.title },
    questions: objective
      .map((u) => {
        const q = byId.get(u.questionId)!;
        const paperVersion = versions.find((v) => v.id === pool.get(u.questionId)!.questionVersionId);
        return {
          questionId: u.questionId,
          stem: q.stemPreview,
          type: q.type,
          // Drawn papers order questions differently; the position is shown only when it is the same on every paper.
          position: u.firstPosition === u.lastPosition ? Number(u.firstPosition) : null,
          attempts: Number(u.attempts),
          paperVersion: paperVersion?.version ?? null,
          latestVersion: q.latestVersionNo,
          versions: versions.filter((v) => v.questionId === u.questionId).map((v) => ({ id: v.id, version: v.version, changeNote: v.changeNote })),
        };
      })
      .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.stem.localeCompare(b.stem)),
  };
}

export type RegradeResult = { ok: true; changed: number; attempts: number; version: number; applied: boolean } | { ok: false; error: string };

type RegradeRow = { attemptId: string; response: string | null; fraction: number | null };

function changedFractions(rows: RegradeRow[], content: ReturnType<typeof versionContent>) {
  const changed: { attemptId: string; fraction: number }[] = [];
  for (const row of rows) {
    const response = parseResponse(row.response);
    // No answer earns nothing under any key; an answer is scored against the given version's key.
    if (!response) continue;
    const fraction = score(content, response) ?? 0;
    if (Math.abs(fraction - (row.fraction ?? 0)) > 1e-9) changed.push({ attemptId: row.attemptId, fraction });
  }
  return changed;
}

const REGRADE_ROWS = `SELECT a."id" AS attemptId, ans."response", ans."fraction"
  FROM "AttemptItem" i JOIN "ExamAttempt" a ON a."id" = i."attemptId"
  LEFT JOIN "AttemptAnswer" ans ON ans."attemptId" = a."id" AND ans."questionId" = i."questionId"
  WHERE a."examId" = ? AND a."status" = 'SUBMITTED' AND i."questionId" = ?`;

/**
 * After a question fix (a newer version, or a wrong key): scores every submitted
 * attempt holding the question against the given version's key (default: the
 * question's latest version), recomputes totals and passes, and writes a ScoreChange
 * per changed attempt and one audit event. Papers (AttemptItem) are not touched: they
 * keep recording the version the candidate saw; the new key is used only for scoring.
 * With `dryRun` nothing is written: the answer says how many attempts would change.
 */
export async function regradeQuestion(
  actor: Actor,
  examId: string,
  questionId: string,
  newVersionId?: string | null,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<RegradeResult> {
  const exam = managedExam(actor, examId);
  const now = options.now ?? new Date();
  const pool = rawQuery(`SELECT "questionVersionId", "type" FROM "ExamPoolQuestion" WHERE "examId" = ? AND "questionId" = ?`).get(examId, questionId) as
    | { questionVersionId: string; type: string }
    | undefined;
  if (!pool) return { ok: false, error: "marking.errors.notOnExam" };
  if (pool.type === "CASE_ANALYSIS") return { ok: false, error: "marking.errors.subjectiveRegrade" };
  const version = newVersionId
    ? await db.questionVersion.findUnique({ where: { id: newVersionId }, select: { id: true, questionId: true, version: true } })
    : await db.question.findUnique({ where: { id: questionId }, select: { latestVersionId: true } }).then((q) =>
        q?.latestVersionId ? db.questionVersion.findUnique({ where: { id: q.latestVersionId }, select: { id: true, questionId: true, version: true } }) : null,
      );
  if (!version || version.questionId !== questionId) return { ok: false, error: "marking.errors.versionNotOfQuestion" };
  const content = versionContent(version.id);
  if (content.answer.type !== pool.type) return { ok: false, error: "marking.errors.typeChanged" };

  if (options.dryRun) {
    const rows = rawQuery(REGRADE_ROWS).all(examId, questionId) as RegradeRow[];
    return { ok: true, changed: changedFractions(rows, content).length, attempts: rows.length, version: version.version, applied: false };
  }
  return write(
    async (tx) => {
      const rows = await tx.$queryRawUnsafe<RegradeRow[]>(REGRADE_ROWS, examId, questionId);
      const changed = changedFractions(rows, content);
      const reason = regradeReason(version.id);
      const scores: { attemptId: string; before: number | null; after: number | null }[] = [];
      for (const c of changed) {
        await tx.$executeRawUnsafe(`UPDATE "AttemptAnswer" SET "fraction" = ? WHERE "attemptId" = ? AND "questionId" = ?`, c.fraction, c.attemptId, questionId);
        const r = await recomputeAttempt(tx, c.attemptId, reason, actor.userId, now, { record: true });
        scores.push({ attemptId: c.attemptId, before: r.before, after: r.after });
      }
      await audit(tx, actorAudit(actor), {
        action: "exam.regrade",
        objectType: "Exam",
        objectId: exam.id,
        unitId: exam.unitId,
        before: { questionVersionId: pool.questionVersionId },
        after: { questionId, questionVersionId: version.id, version: version.version, attempts: rows.length, changed: changed.length, scores: scores.slice(0, 20) },
      });
      return { ok: true as const, changed: changed.length, attempts: rows.length, version: version.version, applied: true };
    },
    { timeoutMs: 120_000 },
  );
}
