import { requireScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, rawQuery, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { actorAudit } from "~/modules/org/org.server";
import { extended, extensionProblem, secondsLeft, WATCHED_EVENTS, type WatchedEvent } from "./invigilation";
import { isOverdue } from "./rules";

/*
 * The invigilator's side of a sitting (exam.invigilate over the exam's unit): every
 * attempt with its progress, integrity events and time left by the server's clock, and
 * extra time for one candidate. Read with prepared statements: the page refreshes every
 * 15 seconds during a sitting of thousands.
 */

export const INVIGILATION_LIMIT = 500;

async function invigilatedExam(actor: Actor, examId: string) {
  const exam = await db.exam.findUnique({ where: { id: examId }, include: { unit: { select: { id: true, name: true, path: true } } } });
  if (!exam) notFound();
  requireScope(actor, "exam.invigilate", exam.unit.path);
  return exam;
}

// Whether a saved response counts as answered (rules.isAnswered, in SQL).
const ANSWERED = `CASE json_extract(x."response", '$.type')
  WHEN 'SINGLE' THEN coalesce(json_extract(x."response", '$.choice'), '') <> ''
  WHEN 'MULTIPLE' THEN coalesce(json_array_length(x."response", '$.choices'), 0) > 0
  WHEN 'TRUE_FALSE' THEN json_type(x."response", '$.value') IN ('true', 'false')
  WHEN 'FILL_BLANK' THEN EXISTS (SELECT 1 FROM json_each(x."response", '$.blanks') b WHERE trim(b."value") <> '')
  WHEN 'CASE_ANALYSIS' THEN trim(coalesce(json_extract(x."response", '$.text'), '')) <> ''
  ELSE 0 END`;

type AttemptRow = {
  id: string;
  number: number;
  status: string;
  startedAt: string;
  deadlineAt: string;
  extraMinutes: number;
  submittedAt: string | null;
  submitKind: string | null;
  tabSwitches: number;
  name: string;
  staffNo: string;
  unitName: string;
  items: number;
  answered: number;
};

export type InvigilationFilter = { status?: string; unit?: string; q?: string };

/** Every attempt of the exam (up to INVIGILATION_LIMIT, in progress first), with counts and time left. */
export async function invigilation(actor: Actor, examId: string, filter: InvigilationFilter = {}, now = new Date()) {
  const exam = await invigilatedExam(actor, examId);
  const where: string[] = [`a."examId" = ?`];
  const args: (string | number)[] = [examId];
  if (filter.status === "IN_PROGRESS" || filter.status === "SUBMITTED") {
    where.push(`a."status" = ?`);
    args.push(filter.status);
  }
  const unit = filter.unit?.trim();
  if (unit) {
    where.push(`o."name" LIKE ? ESCAPE '\\'`);
    args.push(`%${likeEscape(unit)}%`);
  }
  const q = filter.q?.trim();
  if (q) {
    where.push(`(p."name" LIKE ? ESCAPE '\\' OR p."staffNo" LIKE ? ESCAPE '\\')`);
    args.push(`%${likeEscape(q)}%`, `${likeEscape(q.toUpperCase())}%`);
  }
  const rows = rawQuery(
    `SELECT a."id", a."number", a."status", a."startedAt", a."deadlineAt", a."extraMinutes", a."submittedAt", a."submitKind", a."tabSwitches",
            p."name", p."staffNo", o."name" AS unitName,
            (SELECT COUNT(*) FROM "AttemptItem" i WHERE i."attemptId" = a."id") AS items,
            (SELECT COUNT(*) FROM "AttemptAnswer" x WHERE x."attemptId" = a."id" AND ${ANSWERED}) AS answered
     FROM "ExamAttempt" a JOIN "Person" p ON p."id" = a."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
     WHERE ${where.join(" AND ")}
     ORDER BY CASE a."status" WHEN 'IN_PROGRESS' THEN 0 ELSE 1 END, a."startedAt" DESC
     LIMIT ${INVIGILATION_LIMIT + 1}`,
  ).all(...args) as AttemptRow[];
  const shown = rows.slice(0, INVIGILATION_LIMIT);

  const events = new Map<string, Partial<Record<WatchedEvent, number>>>();
  if (shown.length) {
    const ids = shown.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      const counts = rawQuery(
        `SELECT "attemptId", "kind", COUNT(*) AS n FROM "AttemptEvent" WHERE "attemptId" IN (${chunk.map(() => "?").join(", ")}) AND "kind" IN (${WATCHED_EVENTS.map(() => "?").join(", ")}) GROUP BY "attemptId", "kind"`,
      ).all(...chunk, ...WATCHED_EVENTS) as { attemptId: string; kind: WatchedEvent; n: number }[];
      for (const c of counts) events.set(c.attemptId, { ...events.get(c.attemptId), [c.kind]: c.n });
    }
  }

  const totals = rawQuery(`SELECT "status", COUNT(*) AS n FROM "ExamAttempt" WHERE "examId" = ? GROUP BY "status"`).all(examId) as { status: string; n: number }[];
  const count = (s: string) => totals.find((t) => t.status === s)?.n ?? 0;

  return {
    exam: {
      id: exam.id,
      code: exam.code,
      title: exam.title,
      status: exam.status,
      unitName: exam.unit.name,
      opensAt: exam.opensAt,
      closesAt: exam.closesAt,
      durationMinutes: exam.durationMinutes,
      tabSwitchLimit: exam.tabSwitchLimit,
      accessCode: exam.accessCode,
    },
    serverNow: now,
    totals: { inProgress: count("IN_PROGRESS"), submitted: count("SUBMITTED") },
    truncated: rows.length > INVIGILATION_LIMIT,
    attempts: shown.map((r) => {
      const deadlineAt = new Date(r.deadlineAt);
      const inProgress = r.status === "IN_PROGRESS";
      return {
        id: r.id,
        number: r.number,
        name: r.name,
        staffNo: r.staffNo,
        unitName: r.unitName,
        status: r.status,
        startedAt: new Date(r.startedAt),
        deadlineAt,
        extraMinutes: r.extraMinutes,
        submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
        submitKind: r.submitKind,
        answered: r.answered,
        items: r.items,
        tabSwitches: r.tabSwitches,
        events: Object.fromEntries(WATCHED_EVENTS.map((k) => [k, events.get(r.id)?.[k] ?? 0])) as Record<WatchedEvent, number>,
        secondsLeft: inProgress ? secondsLeft(deadlineAt, now) : null,
        overdue: inProgress && isOverdue(deadlineAt, now),
      };
    }),
  };
}
export type Invigilation = Awaited<ReturnType<typeof invigilation>>;

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type ExtendResult = { ok: true; deadlineAt: Date; extraMinutes: number } | { ok: false; error: string };

/**
 * Gives one candidate extra minutes (1–120, with a reason): raises the attempt's extra
 * minutes and recomputes its deadline on the server clock. Only attempts still in
 * progress and not yet past their deadline; logged on the attempt and audited.
 */
export async function extendTime(actor: Actor, attemptId: string, minutes: number, reason: string, now = new Date()): Promise<ExtendResult> {
  const attempt = await db.examAttempt.findUnique({
    where: { id: attemptId },
    include: { exam: { select: { id: true, unitId: true, durationMinutes: true, closesAt: true, unit: { select: { path: true } } } } },
  });
  if (!attempt) notFound();
  requireScope(actor, "exam.invigilate", attempt.exam.unit.path);
  const problem = extensionProblem(minutes, reason);
  if (problem) return { ok: false, error: problem };
  if (attempt.status !== "IN_PROGRESS") return { ok: false, error: "exams.errors.notInProgress" };
  if (isOverdue(attempt.deadlineAt, now)) return { ok: false, error: "exams.errors.attemptOverdue" };
  const trimmed = reason.trim();
  return write(async (tx) => {
    // Re-read inside the write lock: the candidate may have submitted meanwhile.
    const current = await tx.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    if (current.status !== "IN_PROGRESS") return { ok: false as const, error: "exams.errors.notInProgress" };
    const next = extended({ startedAt: current.startedAt, extraMinutes: current.extraMinutes, durationMinutes: attempt.exam.durationMinutes, closesAt: attempt.exam.closesAt }, minutes);
    await tx.examAttempt.update({ where: { id: attemptId }, data: { extraMinutes: next.extraMinutes, deadlineAt: next.deadlineAt } });
    await tx.attemptEvent.create({ data: { attemptId, kind: "EXTENDED", detail: JSON.stringify({ minutes, reason: trimmed, by: actor.staffNo }).slice(0, 500), at: now } });
    await audit(tx, actorAudit(actor), {
      action: "exam.extendTime",
      objectType: "ExamAttempt",
      objectId: attemptId,
      unitId: attempt.exam.unitId,
      before: { deadlineAt: current.deadlineAt.toISOString(), extraMinutes: current.extraMinutes },
      after: { deadlineAt: next.deadlineAt.toISOString(), extraMinutes: next.extraMinutes, minutes, reason: trimmed },
    });
    return { ok: true as const, ...next };
  });
}
