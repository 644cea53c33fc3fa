import { createId } from "@paralleldrive/cuid2";
import type { Actor } from "~/lib/actor.server";
import { audit, SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, rawQuery, rawWriteStatement, sqliteTime, write, writeRaw, type Tx } from "~/lib/db.server";
import { groupCommit } from "~/lib/group-commit.server";
import { notFound } from "~/lib/request.server";
import { actorAudit } from "~/modules/org/org.server";
import type { QuestionContent } from "~/modules/questions/content";
import { score, type Response } from "~/modules/questions/rules";
import type { PaperItem } from "./draw";
import { blueprintCells } from "./exams.server";
import { attemptTotal } from "./marking";
import { dueAfterDays } from "./notebook";
import { drawPaperFor } from "./papers.server";
import {
  acceptsSaves,
  attemptDeadline,
  canSeeAnswers,
  canSeeScore,
  eligibilityProblems,
  isOverdue,
  parseEligibility,
  parseReviewPolicy,
  startProblem,
  TAB_SWITCH_EVENTS,
  type IntegrityEvent,
  type SaveBatch,
} from "./rules";

/*
 * The candidate's side of an exam: start (draw the paper), autosave, integrity events,
 * submit (grade objective items), and the deadline sweeper. The hot paths (start, save,
 * submit) read with prepared statements and write with group commit: a provincial
 * sitting starts and ends thousands of attempts within a minute.
 */

type ExamRow = {
  id: string;
  title: string;
  examType: string;
  status: string;
  unitId: string;
  blueprintCells: string;
  paperMode: string;
  paperSeed: string;
  shuffleQuestions: number;
  shuffleOptions: number;
  totalMarks: number;
  passMark: number;
  durationMinutes: number;
  opensAt: string;
  closesAt: string;
  attemptsAllowed: number;
  eligibility: string;
  reviewPolicy: string;
  tabSwitchLimit: number | null;
  accessCode: string | null;
  resultsPublishedAt: string | null;
};

function examRow(examId: string): ExamRow | undefined {
  return rawQuery(
    `SELECT e."id", e."title", e."examType", e."status", e."unitId", b."cells" AS blueprintCells, e."paperMode", e."paperSeed", e."shuffleQuestions", e."shuffleOptions",
            e."totalMarks", e."passMark", e."durationMinutes", e."opensAt", e."closesAt", e."attemptsAllowed", e."eligibility", e."reviewPolicy",
            e."tabSwitchLimit", e."accessCode", e."resultsPublishedAt"
     FROM "Exam" e JOIN "ExamBlueprint" b ON b."id" = e."blueprintId" WHERE e."id" = ?`,
  ).get(examId) as ExamRow | undefined;
}

// ---------------------------------------------------------------------------
// Question content (versions are immutable: parse each once per process)
// ---------------------------------------------------------------------------

const contentCache = new Map<string, QuestionContent>();

export function versionContent(versionId: string): QuestionContent {
  let content = contentCache.get(versionId);
  if (!content) {
    const row = rawQuery(`SELECT "content" FROM "QuestionVersion" WHERE "id" = ?`).get(versionId) as { content: string } | undefined;
    if (!row) throw new Error(`question version ${versionId} missing`);
    content = JSON.parse(row.content) as QuestionContent;
    if (contentCache.size >= 50_000) contentCache.delete(contentCache.keys().next().value!);
    contentCache.set(versionId, content);
  }
  return content;
}

// ---------------------------------------------------------------------------
// Eligibility and the candidate's exam list
// ---------------------------------------------------------------------------

function completedCourseIds(personId: string): Set<string> {
  // A course counts as completed when every lesson of a published version has a learning record.
  const rows = rawQuery(
    `SELECT cv."courseId" AS courseId FROM "CourseVersion" cv
     WHERE (SELECT COUNT(*) FROM "LessonVersion" lv WHERE lv."courseVersionId" = cv."id") > 0
       AND NOT EXISTS (SELECT 1 FROM "LessonVersion" lv WHERE lv."courseVersionId" = cv."id"
                       AND NOT EXISTS (SELECT 1 FROM "LearningRecord" r WHERE r."lessonVersionId" = lv."id" AND r."personId" = ?))`,
  ).all(personId) as { courseId: string }[];
  return new Set(rows.map((r) => r.courseId));
}

function personFacts(personId: string) {
  return rawQuery(`SELECT p."category", o."path" AS unitPath FROM "Person" p JOIN "OrgUnit" o ON o."id" = p."unitId" WHERE p."id" = ?`).get(personId) as {
    category: string;
    unitPath: string;
  };
}

function unitPathsFor(ids: string[]): Map<string, string> {
  if (!ids.length) return new Map();
  const rows = rawQuery(`SELECT "id", "path" FROM "OrgUnit" WHERE "id" IN (${ids.map(() => "?").join(", ")})`).all(...ids) as { id: string; path: string }[];
  return new Map(rows.map((r) => [r.id, r.path]));
}

export function eligibilityFor(actor: Actor, eligibilityJson: string): string[] {
  const eligibility = parseEligibility(eligibilityJson);
  const facts = personFacts(actor.personId);
  const courses = eligibility.prerequisiteCourseIds.length ? completedCourseIds(actor.personId) : new Set<string>();
  return eligibilityProblems(eligibility, unitPathsFor(eligibility.unitIds), { personId: actor.personId, unitPath: facts.unitPath, category: facts.category, completedCourseIds: courses });
}

/** Published exams the candidate is eligible for (open, upcoming, recently closed) and their attempts. */
export async function myExams(actor: Actor, now = new Date()) {
  const recent = new Date(now.getTime() - 90 * 86_400_000);
  const exams = await db.exam.findMany({
    where: { status: "PUBLISHED", closesAt: { gte: recent } },
    orderBy: { opensAt: "asc" },
    select: { id: true, code: true, title: true, examType: true, opensAt: true, closesAt: true, durationMinutes: true, attemptsAllowed: true, eligibility: true, unit: { select: { name: true } } },
  });
  const attempts = await db.examAttempt.findMany({ where: { personId: actor.personId }, select: { examId: true, id: true, status: true, number: true, score: true } });
  return exams
    .filter((e) => eligibilityFor(actor, e.eligibility).length === 0 || attempts.some((a) => a.examId === e.id))
    .map((e) => {
      const mine = attempts.filter((a) => a.examId === e.id);
      return {
        id: e.id,
        code: e.code,
        title: e.title,
        examType: e.examType,
        unitName: e.unit.name,
        opensAt: e.opensAt,
        closesAt: e.closesAt,
        durationMinutes: e.durationMinutes,
        attemptsLeft: Math.max(0, e.attemptsAllowed - mine.length),
        inProgress: mine.find((a) => a.status === "IN_PROGRESS")?.id ?? null,
        submitted: mine.filter((a) => a.status === "SUBMITTED").map((a) => ({ id: a.id, number: a.number })),
        state: now < e.opensAt ? ("upcoming" as const) : now >= e.closesAt ? ("closed" as const) : ("open" as const),
      };
    });
}

/** The start page: rules and whether the candidate may start (with the reason if not). */
export function startPage(actor: Actor, examId: string, now = new Date()) {
  const exam = examRow(examId);
  if (!exam || exam.status === "DRAFT") notFound();
  const problems = eligibilityFor(actor, exam.eligibility);
  const attempts = rawQuery(`SELECT "id", "number", "status" FROM "ExamAttempt" WHERE "examId" = ? AND "personId" = ? ORDER BY "number"`).all(examId, actor.personId) as {
    id: string;
    number: number;
    status: string;
  }[];
  const inProgress = attempts.find((a) => a.status === "IN_PROGRESS") ?? null;
  const cells = blueprintCells(exam.blueprintCells);
  const problem = inProgress
    ? null
    : startProblem(
        { status: exam.status, opensAt: new Date(exam.opensAt), closesAt: new Date(exam.closesAt), durationMinutes: exam.durationMinutes, attemptsAllowed: exam.attemptsAllowed, attemptsUsed: attempts.length, accessCode: null, givenAccessCode: null, eligible: problems.length === 0 },
        now,
      );
  return {
    exam: {
      id: exam.id,
      title: exam.title,
      examType: exam.examType,
      totalMarks: exam.totalMarks,
      passMark: exam.passMark,
      durationMinutes: exam.durationMinutes,
      opensAt: new Date(exam.opensAt),
      closesAt: new Date(exam.closesAt),
      attemptsAllowed: exam.attemptsAllowed,
      questions: cells.reduce((s, c) => s + c.count, 0),
      tabSwitchLimit: exam.tabSwitchLimit,
      needsAccessCode: !!exam.accessCode,
    },
    attempts,
    inProgress: inProgress?.id ?? null,
    problem,
    eligibilityProblems: problems,
  };
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

type StartRequest = { exam: ExamRow; personId: string; deviceId: string; seed: string; paper: PaperItem[]; now: Date };
type StartOutcome = { ok: true; attemptId: string } | { ok: false; error: string };

const MAX_STARTS_PER_BATCH = 50;

function writeStarts(batch: StartRequest[]): Promise<StartOutcome[]> {
  return writeRaw(() => {
    const existingOf = rawWriteStatement(`SELECT "id", "status" FROM "ExamAttempt" WHERE "examId" = ? AND "personId" = ?`);
    const insertAttempt = rawWriteStatement(
      `INSERT INTO "ExamAttempt" ("id", "examId", "personId", "number", "seed", "status", "startedAt", "deadlineAt", "extraMinutes", "deviceId", "maxScore", "complete", "tabSwitches")
       VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, 0, ?, ?, 0, 0)`,
    );
    const insertItem = rawWriteStatement(
      `INSERT INTO "AttemptItem" ("id", "attemptId", "position", "questionId", "questionVersionId", "cellIndex", "points", "optionOrder") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return batch.map((s): StartOutcome => {
      // Inside the write lock: the count and the in-progress check cannot race another start.
      const existing = existingOf.all(s.exam.id, s.personId) as { id: string; status: string }[];
      const inProgress = existing.find((a) => a.status === "IN_PROGRESS");
      if (inProgress) return { ok: true, attemptId: inProgress.id };
      if (existing.length >= s.exam.attemptsAllowed) return { ok: false, error: "take.errors.noAttemptsLeft" };
      const id = createId();
      const deadline = attemptDeadline(s.now, s.exam.durationMinutes, 0, new Date(s.exam.closesAt));
      const maxScore = s.paper.reduce((sum, item) => sum + item.points, 0);
      insertAttempt.run(id, s.exam.id, s.personId, existing.length + 1, s.seed, sqliteTime(s.now), sqliteTime(deadline), s.deviceId, maxScore);
      for (const item of s.paper) insertItem.run(`${id}:${item.position}`, id, item.position, item.questionId, item.versionId, item.cellIndex, item.points, JSON.stringify(item.optionOrder));
      insertEvent(id, "STARTED", s.deviceId, s.now);
      return { ok: true, attemptId: id };
    });
  });
}

function insertEvent(attemptId: string, kind: string, detail: string, at: Date) {
  rawWriteStatement(`INSERT INTO "AttemptEvent" ("id", "attemptId", "kind", "detail", "at") VALUES (?, ?, ?, ?, ?)`).run(createId(), attemptId, kind, detail, sqliteTime(at));
}

const submitStart = groupCommit(writeStarts, { maxBatch: MAX_STARTS_PER_BATCH });

/** Starts an attempt (or returns the one in progress). The paper is drawn before the write, outside the lock. */
export async function startAttempt(actor: Actor, examId: string, input: { deviceId: string; accessCode: string | null }, now = new Date()): Promise<StartOutcome> {
  const exam = examRow(examId);
  if (!exam || exam.status === "DRAFT") notFound();
  const inProgress = rawQuery(`SELECT "id" FROM "ExamAttempt" WHERE "examId" = ? AND "personId" = ? AND "status" = 'IN_PROGRESS'`).get(examId, actor.personId) as { id: string } | undefined;
  if (inProgress) return { ok: true, attemptId: inProgress.id };
  const used = (rawQuery(`SELECT COUNT(*) AS n FROM "ExamAttempt" WHERE "examId" = ? AND "personId" = ?`).get(examId, actor.personId) as { n: number }).n;
  const problem = startProblem(
    {
      status: exam.status,
      opensAt: new Date(exam.opensAt),
      closesAt: new Date(exam.closesAt),
      durationMinutes: exam.durationMinutes,
      attemptsAllowed: exam.attemptsAllowed,
      attemptsUsed: used,
      accessCode: exam.accessCode,
      givenAccessCode: input.accessCode,
      eligible: eligibilityFor(actor, exam.eligibility).length === 0,
    },
    now,
  );
  if (problem) return { ok: false, error: problem };
  const seed = createId();
  const paper = drawPaperFor(
    { id: exam.id, paperMode: exam.paperMode, paperSeed: exam.paperSeed, shuffleQuestions: !!exam.shuffleQuestions, shuffleOptions: !!exam.shuffleOptions, cells: blueprintCells(exam.blueprintCells) },
    seed,
  );
  return submitStart({ exam, personId: actor.personId, deviceId: input.deviceId, seed, paper, now });
}

// ---------------------------------------------------------------------------
// The candidate's view of an attempt (never the answer key before the policy allows)
// ---------------------------------------------------------------------------

type AttemptRow = {
  id: string;
  examId: string;
  personId: string;
  number: number;
  status: string;
  startedAt: string;
  deadlineAt: string;
  deviceId: string;
  submittedAt: string | null;
  submitKind: string | null;
  maxScore: number;
  score: number | null;
  complete: number;
  passed: number | null;
  tabSwitches: number;
};

function attemptRow(attemptId: string): AttemptRow | undefined {
  return rawQuery(
    `SELECT "id", "examId", "personId", "number", "status", "startedAt", "deadlineAt", "deviceId", "submittedAt", "submitKind", "maxScore", "score", "complete", "passed", "tabSwitches" FROM "ExamAttempt" WHERE "id" = ?`,
  ).get(attemptId) as AttemptRow | undefined;
}

function ownAttempt(actor: Actor, attemptId: string): AttemptRow {
  const attempt = attemptRow(attemptId);
  // Someone else's attempt answers exactly like a missing one.
  if (!attempt || attempt.personId !== actor.personId) notFound();
  return attempt;
}

type ItemRow = { questionId: string; questionVersionId: string; position: number; points: number; optionOrder: string };

function paperItems(attemptId: string): ItemRow[] {
  return rawQuery(`SELECT "questionId", "questionVersionId", "position", "points", "optionOrder" FROM "AttemptItem" WHERE "attemptId" = ? ORDER BY "position"`).all(attemptId) as ItemRow[];
}

function blankCount(content: QuestionContent): number {
  return content.answer.type === "FILL_BLANK" ? content.answer.blanks.length : 0;
}

/** What the candidate's browser gets while sitting: stems, options in drawn order, saved answers, the server's clock. */
export async function attemptForCandidate(actor: Actor, attemptId: string, now = new Date()) {
  let attempt = ownAttempt(actor, attemptId);
  if (attempt.status === "IN_PROGRESS" && isOverdue(new Date(attempt.deadlineAt), now)) {
    await submitAttempt(attempt.id, "DEADLINE", now);
    attempt = ownAttempt(actor, attemptId);
  }
  const exam = examRow(attempt.examId)!;
  const answers = new Map(
    (rawQuery(`SELECT "questionId", "response", "flagged", "clientSeq" FROM "AttemptAnswer" WHERE "attemptId" = ?`).all(attemptId) as { questionId: string; response: string; flagged: number; clientSeq: number }[]).map((a) => [
      a.questionId,
      { response: JSON.parse(a.response) as Response, flagged: !!a.flagged, seq: a.clientSeq },
    ]),
  );
  const items = paperItems(attemptId).map((item) => {
    const content = versionContent(item.questionVersionId);
    const order = JSON.parse(item.optionOrder) as string[];
    const byKey = new Map<string, string>(content.options.map((o) => [o.key, o.text]));
    return {
      questionId: item.questionId,
      position: item.position,
      points: item.points,
      type: content.type,
      stem: content.stem,
      options: order.map((key) => ({ key, text: byKey.get(key) ?? "" })),
      blanks: blankCount(content),
      saved: answers.get(item.questionId) ?? null,
    };
  });
  return {
    attempt: {
      id: attempt.id,
      number: attempt.number,
      status: attempt.status,
      startedAt: new Date(attempt.startedAt),
      deadlineAt: new Date(attempt.deadlineAt),
      deviceId: attempt.deviceId,
      tabSwitches: attempt.tabSwitches,
    },
    exam: { id: exam.id, title: exam.title, tabSwitchLimit: exam.tabSwitchLimit, durationMinutes: exam.durationMinutes },
    serverNow: now,
    items,
  };
}

/** Another device takes the attempt over (the first device's saves are refused from now on). */
export async function takeOver(actor: Actor, attemptId: string, deviceId: string) {
  const attempt = ownAttempt(actor, attemptId);
  if (attempt.status !== "IN_PROGRESS" || attempt.deviceId === deviceId) return;
  await write(async (tx) => {
    await tx.examAttempt.update({ where: { id: attemptId }, data: { deviceId } });
    await tx.attemptEvent.create({ data: { attemptId, kind: "TAKEOVER", detail: `${attempt.deviceId} → ${deviceId}` } });
    await audit(tx, actorAudit(actor), { action: "exam.attempt.takeover", objectType: "ExamAttempt", objectId: attemptId, before: { deviceId: attempt.deviceId }, after: { deviceId } });
  });
}

// ---------------------------------------------------------------------------
// Autosave
// ---------------------------------------------------------------------------

export type SaveOutcome =
  | { ok: true; saved: string[]; deadlineAt: string; serverNow: string }
  | { ok: false; status: number; error: "notFound" | "closed" | "takenOver" | "notOnPaper" | "wrongType" };

// Papers are immutable: which questions (and of which type) an attempt holds is cached.
const paperTypes = new Map<string, Map<string, string>>();

function typesOnPaper(attemptId: string): Map<string, string> {
  let types = paperTypes.get(attemptId);
  if (!types) {
    types = new Map(
      (rawQuery(`SELECT i."questionId", p."type" FROM "AttemptItem" i JOIN "ExamAttempt" a ON a."id" = i."attemptId" JOIN "ExamPoolQuestion" p ON p."examId" = a."examId" AND p."questionId" = i."questionId" WHERE i."attemptId" = ?`).all(
        attemptId,
      ) as { questionId: string; type: string }[]).map((r) => [r.questionId, r.type]),
    );
    if (paperTypes.size >= 20_000) paperTypes.delete(paperTypes.keys().next().value!);
    paperTypes.set(attemptId, types);
  }
  return types;
}

type PendingSave = { attemptId: string; at: Date; saves: SaveBatch["saves"] };

function writeSaves(batch: PendingSave[]): Promise<boolean[]> {
  return writeRaw(() => {
    const statusOf = rawWriteStatement(`SELECT "status" FROM "ExamAttempt" WHERE "id" = ?`);
    const log = rawWriteStatement(`INSERT OR IGNORE INTO "AnswerSave" ("id", "attemptId", "questionId", "response", "flagged", "clientSeq", "receivedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`);
    // The newest save (by the browser's sequence) wins, whatever order retries arrive in.
    const upsert = rawWriteStatement(
      `INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "response", "flagged", "clientSeq", "savedAt") VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "response" = excluded."response", "flagged" = excluded."flagged", "clientSeq" = excluded."clientSeq", "savedAt" = excluded."savedAt"
       WHERE excluded."clientSeq" >= "AttemptAnswer"."clientSeq"`,
    );
    return batch.map((b) => {
      // Re-checked inside the write lock: a save never lands after its attempt was submitted.
      if ((statusOf.get(b.attemptId) as { status: string } | undefined)?.status !== "IN_PROGRESS") return false;
      const at = sqliteTime(b.at);
      for (const save of b.saves) {
        const response = JSON.stringify(save.response);
        log.run(save.key, b.attemptId, save.questionId, response, save.flagged ? 1 : 0, save.seq, at);
        upsert.run(b.attemptId, save.questionId, response, save.flagged ? 1 : 0, save.seq, at);
      }
      return true;
    });
  });
}

const submitSaves = groupCommit(writeSaves, { maxBatch: 200 });

/** Saves a batch of answers from the candidate's browser; resolves once they are on disk. */
export async function saveAnswers(actor: Actor, batch: SaveBatch, now = new Date()): Promise<SaveOutcome> {
  const attempt = attemptRow(batch.attemptId);
  if (!attempt || attempt.personId !== actor.personId) return { ok: false, status: 404, error: "notFound" };
  const deadline = new Date(attempt.deadlineAt);
  if (attempt.status !== "IN_PROGRESS" || !acceptsSaves(deadline, now)) return { ok: false, status: 409, error: "closed" };
  if (attempt.deviceId !== batch.deviceId) return { ok: false, status: 409, error: "takenOver" };
  const types = typesOnPaper(attempt.id);
  for (const s of batch.saves) {
    const type = types.get(s.questionId);
    if (!type) return { ok: false, status: 422, error: "notOnPaper" };
    if (type !== s.response.type) return { ok: false, status: 422, error: "wrongType" };
  }
  const reply = { deadlineAt: deadline.toISOString(), serverNow: now.toISOString() };
  if (!batch.saves.length) return { ok: true, saved: [], ...reply };
  const written = await submitSaves({ attemptId: attempt.id, at: now, saves: batch.saves });
  if (!written) return { ok: false, status: 409, error: "closed" };
  return { ok: true, saved: batch.saves.map((s) => s.key), ...reply };
}

// ---------------------------------------------------------------------------
// Integrity events
// ---------------------------------------------------------------------------

/** Logs an integrity event; past the exam's tab-switch limit the attempt ends. */
export async function recordEvent(actor: Actor, input: { attemptId: string; deviceId: string; kind: IntegrityEvent; detail?: string }, now = new Date()) {
  const attempt = attemptRow(input.attemptId);
  if (!attempt || attempt.personId !== actor.personId) return { ok: false as const, status: 404 };
  if (attempt.status !== "IN_PROGRESS") return { ok: true as const, ended: true };
  const exam = examRow(attempt.examId)!;
  const countsAsSwitch = TAB_SWITCH_EVENTS.includes(input.kind);
  const switches = await write(async (tx) => {
    await tx.attemptEvent.create({ data: { attemptId: attempt.id, kind: input.kind, detail: (input.detail ?? "").slice(0, 200), at: now } });
    if (!countsAsSwitch) return attempt.tabSwitches;
    const updated = await tx.examAttempt.update({ where: { id: attempt.id }, data: { tabSwitches: { increment: 1 } }, select: { tabSwitches: true } });
    return updated.tabSwitches;
  });
  if (exam.tabSwitchLimit !== null && switches > exam.tabSwitchLimit) {
    await submitAttempt(attempt.id, "TAB_LIMIT", now);
    return { ok: true as const, ended: true, tabSwitches: switches };
  }
  return { ok: true as const, ended: false, tabSwitches: switches, limit: exam.tabSwitchLimit };
}

// ---------------------------------------------------------------------------
// Submit and grading of objective items
// ---------------------------------------------------------------------------

export type SubmitKind = "CANDIDATE" | "DEADLINE" | "TAB_LIMIT";

/** Grades the objective items of an attempt: each item's earned share, and the total so far. */
export function gradeObjective(items: ItemRow[], answers: Map<string, Response>) {
  const graded = items.map((item) => {
    const content = versionContent(item.questionVersionId);
    const response = answers.get(item.questionId);
    const subjective = content.answer.type === "CASE_ANALYSIS";
    const fraction = subjective ? null : response ? (score(content, response) ?? 0) : 0;
    return { questionId: item.questionId, points: item.points, fraction, subjective };
  });
  const objectiveScore = Math.round(graded.reduce((s, g) => s + (g.fraction ?? 0) * g.points, 0) * 100) / 100;
  return { graded, objectiveScore };
}

function finishAttempt(attemptId: string, kind: SubmitKind, now: Date): boolean {
  const attempt = rawWriteStatement(
    `SELECT a."status", a."examId", a."personId", e."passMark", e."examType" FROM "ExamAttempt" a JOIN "Exam" e ON e."id" = a."examId" WHERE a."id" = ?`,
  ).get(attemptId) as { status: string; examId: string; personId: string; passMark: number; examType: string } | undefined;
  // Exactly one submission: a replayed or double-clicked submit finds it already done.
  if (!attempt || attempt.status !== "IN_PROGRESS") return false;
  const items = rawWriteStatement(`SELECT "questionId", "questionVersionId", "position", "points", "optionOrder" FROM "AttemptItem" WHERE "attemptId" = ? ORDER BY "position"`).all(attemptId) as ItemRow[];
  const saved = rawWriteStatement(`SELECT "questionId", "response" FROM "AttemptAnswer" WHERE "attemptId" = ?`).all(attemptId) as { questionId: string; response: string }[];
  const answers = new Map(saved.map((a) => [a.questionId, JSON.parse(a.response) as Response]));
  const { graded, objectiveScore } = gradeObjective(items, answers);
  const total = attemptTotal(graded.map((g) => ({ points: g.points, fraction: g.fraction, markedPoints: null, subjective: g.subjective })));
  const setFraction = rawWriteStatement(`UPDATE "AttemptAnswer" SET "fraction" = ? WHERE "attemptId" = ? AND "questionId" = ?`);
  for (const g of graded) if (answers.has(g.questionId)) setFraction.run(g.fraction, attemptId, g.questionId);
  const passed = total.complete ? total.score >= attempt.passMark : null;
  rawWriteStatement(`UPDATE "ExamAttempt" SET "status" = 'SUBMITTED', "submittedAt" = ?, "submitKind" = ?, "objectiveScore" = ?, "score" = ?, "complete" = ?, "passed" = ? WHERE "id" = ?`).run(
    sqliteTime(now),
    kind,
    objectiveScore,
    total.complete ? total.score : null,
    total.complete ? 1 : 0,
    passed === null ? null : passed ? 1 : 0,
    attemptId,
  );
  insertEvent(attemptId, "SUBMITTED", kind, now);
  if (passed) rawWriteStatement(RECORD_PASS).run(...passRow(attemptId, attempt, total.score, now));
  // Questions missed in an exam come back in the wrong-answer notebook (due the next morning).
  const due = sqliteTime(dueAfterDays(now, 1));
  const miss = rawWriteStatement(
    `INSERT INTO "NotebookEntry" ("personId", "questionId", "addedAt", "dueAt", "correctStreak", "reviews", "cleared") VALUES (?, ?, ?, ?, 0, 0, 0)
     ON CONFLICT ("personId", "questionId") DO UPDATE SET "dueAt" = excluded."dueAt", "correctStreak" = 0, "cleared" = 0`,
  );
  for (const g of graded) if (!g.subjective && (g.fraction ?? 0) < 1) miss.run(attempt.personId, g.questionId, sqliteTime(now), due);
  return true;
}

// A passed exam, where credentials and classes read it (once per attempt).
const RECORD_PASS = `INSERT OR IGNORE INTO "ExamPass" ("id", "personId", "examId", "examType", "attemptId", "score", "passedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`;

function passRow(attemptId: string, attempt: { examId: string; personId: string; examType: string }, score: number, now: Date) {
  return [createId(), attempt.personId, attempt.examId, attempt.examType, attemptId, score, sqliteTime(now)] as const;
}

/** Records a pass inside a Prisma transaction (marking, regrade); submission records it on the raw writer. */
export async function recordPass(tx: Tx, attemptId: string, attempt: { examId: string; personId: string; examType: string }, score: number, now: Date) {
  await tx.$executeRawUnsafe(RECORD_PASS, ...passRow(attemptId, attempt, score, now));
}

type PendingSubmit = { attemptId: string; kind: SubmitKind; at: Date };

const submitBatch = groupCommit((batch: PendingSubmit[]) => writeRaw(() => batch.map((s) => finishAttempt(s.attemptId, s.kind, s.at))), { maxBatch: 50 });

/** Submits an attempt (idempotent). Resolves true when this call submitted it, false when it already was. */
export function submitAttempt(attemptId: string, kind: SubmitKind, now = new Date()): Promise<boolean> {
  return submitBatch({ attemptId, kind, at: now });
}

/** The candidate submits. Saves sent before the deadline+grace are already on disk. */
export async function submitOwnAttempt(actor: Actor, attemptId: string, now = new Date()) {
  const attempt = ownAttempt(actor, attemptId);
  if (attempt.status === "IN_PROGRESS") {
    const overdue = isOverdue(new Date(attempt.deadlineAt), now);
    await submitAttempt(attempt.id, overdue ? "DEADLINE" : "CANDIDATE", now);
  }
  return { attemptId: attempt.id };
}

/** Submits every attempt past its deadline and grace (run every few seconds by the server). */
export async function sweepOverdueAttempts(now = new Date()): Promise<number> {
  const limit = sqliteTime(new Date(now.getTime() - 30_000));
  const overdue = rawQuery(`SELECT "id" FROM "ExamAttempt" WHERE "status" = 'IN_PROGRESS' AND "deadlineAt" < ? LIMIT 2000`).all(limit) as { id: string }[];
  const done = await Promise.all(overdue.map((a) => submitAttempt(a.id, "DEADLINE", now)));
  if (done.some(Boolean)) {
    await write((tx) => audit(tx, SYSTEM_ACTOR, { action: "exam.attempt.autoSubmit", objectType: "ExamAttempt", objectId: "batch", after: { count: done.filter(Boolean).length } }));
  }
  return done.filter(Boolean).length;
}

// ---------------------------------------------------------------------------
// After submitting: what the candidate may see
// ---------------------------------------------------------------------------

export async function attemptResult(actor: Actor, attemptId: string, now = new Date()) {
  const attempt = ownAttempt(actor, attemptId);
  const exam = examRow(attempt.examId)!;
  const policy = parseReviewPolicy(exam.reviewPolicy);
  const visibility = { submitted: attempt.status === "SUBMITTED", resultsPublished: !!exam.resultsPublishedAt, closed: now >= new Date(exam.closesAt) };
  const showScore = canSeeScore(policy, visibility) && !!attempt.complete;
  const showAnswers = canSeeAnswers(policy, visibility);
  const answers = new Map(
    (rawQuery(`SELECT "questionId", "response", "fraction", "markedPoints" FROM "AttemptAnswer" WHERE "attemptId" = ?`).all(attemptId) as {
      questionId: string;
      response: string;
      fraction: number | null;
      markedPoints: number | null;
    }[]).map((a) => [a.questionId, a]),
  );
  const items = paperItems(attemptId);
  return {
    exam: { id: exam.id, title: exam.title, totalMarks: exam.totalMarks, passMark: exam.passMark, examType: exam.examType },
    attempt: {
      id: attempt.id,
      number: attempt.number,
      status: attempt.status,
      submittedAt: attempt.submittedAt ? new Date(attempt.submittedAt) : null,
      submitKind: attempt.submitKind,
      maxScore: attempt.maxScore,
      complete: !!attempt.complete,
      score: showScore ? attempt.score : null,
      passed: showScore ? (attempt.passed === null ? null : !!attempt.passed) : null,
    },
    showScore,
    showAnswers,
    answered: items.filter((i) => answers.has(i.questionId)).length,
    total: items.length,
    // Per-question review only when the policy allows the answer key to be shown.
    review: showAnswers
      ? items.map((item) => {
          const content = versionContent(item.questionVersionId);
          const a = answers.get(item.questionId);
          return {
            position: item.position,
            type: content.type,
            stem: content.stem,
            options: content.options,
            answer: content.answer,
            explanation: content.explanation,
            response: a ? (JSON.parse(a.response) as Response) : null,
            earned: a ? (a.markedPoints ?? (a.fraction !== null ? Math.round(a.fraction * item.points * 100) / 100 : null)) : 0,
            points: item.points,
          };
        })
      : [],
  };
}
