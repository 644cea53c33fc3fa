import { createId } from "@paralleldrive/cuid2";
import { requireScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, covers, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { blueprintCellSchema, type BlueprintCell } from "~/modules/syllabus/rules";
import { availability } from "./draw";
import { freezePool, livePool } from "./papers.server";
import { parseEligibility, parseReviewPolicy, passMarkProblem, shanghaiWallClock, type ExamSettings } from "./rules";

/*
 * Setting up exams (exam.manage over the exam's unit) and reading them (exam.results).
 * An exam is edited while a draft; publishing freezes its question pool and opens it to
 * candidates; it is cancelled, never deleted.
 */

type ExamRow = NonNullable<Awaited<ReturnType<typeof loadExam>>>;

function loadExam(id: string) {
  return db.exam.findUnique({
    where: { id },
    include: { unit: { select: { id: true, name: true, path: true } }, blueprint: { select: { id: true, code: true, name: true, cells: true, ownerUnit: { select: { path: true } } } } },
  });
}

export function blueprintCells(json: string): BlueprintCell[] {
  return (JSON.parse(json) as unknown[]).map((c) => blueprintCellSchema.parse(c));
}

function totalMarksOf(cells: BlueprintCell[]): number {
  return cells.reduce((s, c) => s + c.count * c.points, 0);
}

export function examView(exam: ExamRow, actor: Actor) {
  const cells = blueprintCells(exam.blueprint.cells);
  return {
    id: exam.id,
    code: exam.code,
    title: exam.title,
    examType: exam.examType,
    status: exam.status,
    unit: { id: exam.unit.id, name: exam.unit.name },
    blueprint: { id: exam.blueprint.id, code: exam.blueprint.code, name: exam.blueprint.name },
    cells,
    paperMode: exam.paperMode,
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
    totalMarks: exam.totalMarks,
    passMark: exam.passMark,
    durationMinutes: exam.durationMinutes,
    opensAt: exam.opensAt,
    closesAt: exam.closesAt,
    attemptsAllowed: exam.attemptsAllowed,
    countingPolicy: exam.countingPolicy,
    eligibility: parseEligibility(exam.eligibility),
    reviewPolicy: parseReviewPolicy(exam.reviewPolicy),
    tabSwitchLimit: exam.tabSwitchLimit,
    hasAccessCode: !!exam.accessCode,
    accessCode: can(actor, "exam.invigilate", exam.unit.path) || can(actor, "exam.manage", exam.unit.path) ? exam.accessCode : null,
    doubleMarking: exam.doubleMarking,
    markingThreshold: exam.markingThreshold,
    resultsPublishedAt: exam.resultsPublishedAt,
    canManage: can(actor, "exam.manage", exam.unit.path),
    canInvigilate: can(actor, "exam.invigilate", exam.unit.path),
    canMark: can(actor, "exam.mark", exam.unit.path),
  };
}
export type ExamView = ReturnType<typeof examView>;

function readablePaths(actor: Actor): string[] {
  return [...new Set([...scopePaths(actor, "exam.results"), ...scopePaths(actor, "exam.manage"), ...scopePaths(actor, "exam.invigilate"), ...scopePaths(actor, "exam.mark")])];
}

/** Exams of units in the actor's scope (newest window first). */
export async function listExams(actor: Actor, filter: { status?: string; q?: string } = {}) {
  const paths = readablePaths(actor);
  if (!paths.length) return [];
  const rows = await db.exam.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.q ? { OR: [{ title: { contains: filter.q } }, { code: { contains: filter.q.toUpperCase() } }] } : {}),
      OR: paths.map((p) => ({ unit: { path: { startsWith: p } } })),
    },
    include: { unit: { select: { name: true, path: true } }, _count: { select: { attempts: true } } },
    orderBy: { opensAt: "desc" },
    take: 200,
  });
  return rows
    .filter((e) => paths.some((p) => covers(p, e.unit.path)))
    .map((e) => ({ id: e.id, code: e.code, title: e.title, examType: e.examType, status: e.status, unitName: e.unit.name, opensAt: e.opensAt, closesAt: e.closesAt, attempts: e._count.attempts }));
}

/** An exam the actor may read (any exam permission over its unit); 404 otherwise. */
export async function getExam(actor: Actor, id: string): Promise<ExamView> {
  const exam = await loadExam(id);
  if (!exam || !readablePaths(actor).some((p) => covers(p, exam.unit.path))) notFound();
  return examView(exam, actor);
}

async function managedExam(actor: Actor, id: string) {
  const exam = await loadExam(id);
  if (!exam) notFound();
  requireScope(actor, "exam.manage", exam.unit.path);
  return exam;
}

export type SaveExamResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

async function checkSettings(actor: Actor, input: ExamSettings) {
  const errors: Record<string, string> = {};
  const unit = await db.orgUnit.findUnique({ where: { id: input.unitId } });
  if (!unit || !can(actor, "exam.manage", unit.path)) errors.unitId = "exams.errors.unitScope";
  const blueprint = await db.examBlueprint.findUnique({ where: { id: input.blueprintId }, include: { ownerUnit: { select: { path: true } } } });
  // A unit may use its own blueprints and those of the units above it.
  if (!blueprint || (unit && !covers(blueprint.ownerUnit.path, unit.path))) errors.blueprintId = "exams.errors.blueprint";
  const cells = blueprint ? blueprintCells(blueprint.cells) : [];
  const totalMarks = totalMarksOf(cells);
  const passProblem = blueprint ? passMarkProblem(input.passMark, totalMarks) : null;
  if (passProblem) errors.passMark = passProblem;
  const staff = input.eligibleStaffNos.length
    ? await db.person.findMany({ where: { staffNo: { in: input.eligibleStaffNos } }, select: { id: true, staffNo: true } })
    : [];
  if (staff.length !== new Set(input.eligibleStaffNos).size) errors.eligibleStaffNos = "exams.errors.unknownStaffNo";
  const units = input.eligibleUnitIds.length ? await db.orgUnit.count({ where: { id: { in: input.eligibleUnitIds } } }) : 0;
  if (units !== new Set(input.eligibleUnitIds).size) errors.eligibleUnitIds = "exams.errors.unknownUnit";
  const courses = input.prerequisiteCourseIds.length ? await db.course.count({ where: { id: { in: input.prerequisiteCourseIds } } }) : 0;
  if (courses !== new Set(input.prerequisiteCourseIds).size) errors.prerequisiteCourseIds = "exams.errors.unknownCourse";
  return { errors, unit, totalMarks, personIds: staff.map((s) => s.id) };
}

function settingsData(input: ExamSettings, totalMarks: number, personIds: string[]) {
  return {
    code: input.code,
    title: input.title,
    examType: input.examType,
    unitId: input.unitId,
    blueprintId: input.blueprintId,
    paperMode: input.paperMode,
    shuffleQuestions: input.shuffleQuestions,
    shuffleOptions: input.shuffleOptions,
    totalMarks,
    passMark: input.passMark,
    durationMinutes: input.durationMinutes,
    opensAt: shanghaiWallClock(input.opensAt),
    closesAt: shanghaiWallClock(input.closesAt),
    attemptsAllowed: input.attemptsAllowed,
    countingPolicy: input.countingPolicy,
    eligibility: JSON.stringify({ unitIds: input.eligibleUnitIds, categories: input.eligibleCategories, personIds, prerequisiteCourseIds: input.prerequisiteCourseIds }),
    reviewPolicy: JSON.stringify({ showScore: input.showScore, showAnswers: input.showAnswers }),
    tabSwitchLimit: input.tabSwitchLimit ?? null,
    accessCode: input.accessCode || null,
    doubleMarking: input.doubleMarking,
    markingThreshold: input.markingThreshold,
  };
}

/** Creates a draft exam, or edits one while it is still a draft. */
export async function saveExam(actor: Actor, id: string | null, input: ExamSettings): Promise<SaveExamResult> {
  const before = id ? await managedExam(actor, id) : null;
  if (before && before.status !== "DRAFT") return { ok: false, errors: { form: "exams.errors.notDraft" } };
  const { errors, unit, totalMarks, personIds } = await checkSettings(actor, input);
  const clash = await db.exam.findUnique({ where: { code: input.code } });
  if (clash && clash.id !== id) errors.code = "exams.errors.codeTaken";
  if (Object.keys(errors).length || !unit) return { ok: false, errors };
  const data = settingsData(input, totalMarks, personIds);
  const saved = await write(async (tx) => {
    const exam = before
      ? await tx.exam.update({ where: { id: before.id }, data })
      : await tx.exam.create({ data: { ...data, paperSeed: createId(), createdById: actor.userId } });
    await audit(tx, actorAudit(actor), { action: before ? "exam.update" : "exam.create", objectType: "Exam", objectId: exam.id, unitId: unit.id, after: { code: exam.code, title: exam.title } });
    return exam;
  });
  return { ok: true, id: saved.id };
}

/** Publishing freezes the question pool; refused while the bank cannot fill the blueprint. */
export async function publishExam(actor: Actor, id: string): Promise<{ ok: true } | { ok: false; error: string; short?: number }> {
  const exam = await managedExam(actor, id);
  if (exam.status !== "DRAFT") return { ok: false, error: "exams.errors.notDraft" };
  if (exam.closesAt <= new Date()) return { ok: false, error: "exams.errors.closedAlready" };
  const cells = blueprintCells(exam.blueprint.cells);
  const pool = await livePool(exam.unit.path);
  const check = availability(cells, pool);
  if (!check.feasible) return { ok: false, error: "exams.errors.bankShort", short: check.shortTotal };
  await write(async (tx) => {
    const current = await tx.exam.findUniqueOrThrow({ where: { id } });
    if (current.status !== "DRAFT") return;
    await freezePool(tx, id, pool);
    await tx.exam.update({ where: { id }, data: { status: "PUBLISHED" } });
    await audit(tx, actorAudit(actor), { action: "exam.publish", objectType: "Exam", objectId: id, unitId: exam.unitId, after: { pool: pool.length } });
  });
  return { ok: true };
}

/** Cancels an exam that has no submitted attempts; attempts in progress stay on record. */
export async function cancelExam(actor: Actor, id: string, reason: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const exam = await managedExam(actor, id);
  if (exam.status === "CANCELLED") return { ok: true };
  if (!reason.trim()) return { ok: false, error: "exams.errors.reasonRequired" };
  const submitted = await db.examAttempt.count({ where: { examId: id, status: "SUBMITTED" } });
  if (submitted) return { ok: false, error: "exams.errors.hasSubmissions" };
  await write(async (tx) => {
    await tx.exam.update({ where: { id }, data: { status: "CANCELLED" } });
    await audit(tx, actorAudit(actor), { action: "exam.cancel", objectType: "Exam", objectId: id, unitId: exam.unitId, after: { reason } });
  });
  return { ok: true };
}

/** The exam's settings as the form shows them. */
export async function examFormValues(actor: Actor, id: string) {
  const exam = await managedExam(actor, id);
  const eligibility = parseEligibility(exam.eligibility);
  const people = eligibility.personIds.length ? await db.person.findMany({ where: { id: { in: eligibility.personIds } }, select: { staffNo: true } }) : [];
  return { exam, eligibility, staffNos: people.map((p) => p.staffNo), review: parseReviewPolicy(exam.reviewPolicy) };
}

/** Units and blueprints the actor may choose when setting up an exam. */
export async function examFormChoices(actor: Actor) {
  const paths = scopePaths(actor, "exam.manage");
  const units = (await db.orgUnit.findMany({ where: { active: true }, select: { id: true, name: true, path: true, level: true }, orderBy: { path: "asc" } })).filter((u) =>
    paths.some((p) => covers(p, u.path)),
  );
  const blueprints = (await db.examBlueprint.findMany({ include: { ownerUnit: { select: { path: true } } }, orderBy: { code: "asc" } })).filter((b) =>
    units.some((u) => covers(b.ownerUnit.path, u.path)),
  );
  return {
    units: units.filter((u) => u.level !== "COUNTY").map((u) => ({ id: u.id, name: u.name })),
    blueprints: blueprints.map((b) => ({ id: b.id, code: b.code, name: b.name, examType: b.examType, totalMarks: totalMarksOf(blueprintCells(b.cells)) })),
  };
}

