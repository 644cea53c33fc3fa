import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import {
  formatDate,
  formatDateTime,
  translator,
  type Locale,
} from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { can, covers, scopePaths } from "~/modules/access/rules";
import { postClassCompletion } from "~/modules/hours/ledger.server";
import type { HoursCategory } from "~/modules/hours/rules";
import { actorAudit } from "~/modules/org/org.server";
import {
  audienceUnitPaths,
  liveSessions,
  managedClass,
  unitIdsOnPath,
} from "./access.server";
import { attendanceByPerson, attendanceCounts } from "./attendance.server";
import { promoteWaitlisted } from "./enrolment.server";
import {
  ACTIVE_ENROLMENT,
  canTransition,
  certificateCodeFrom,
  classCode,
  classLevelFor,
  completionOutcome,
  inAudience,
  inclusiveDays,
  nextClassSeq,
  parseAudience,
  PARTICIPANT,
  rate,
  shanghaiDate,
  shanghaiMidnight,
  shanghaiWallClock,
  toShanghaiWallClock,
  type ClassInput,
  type ClassStatus,
} from "./rules";

/*
 * Offline classes (培训班): the organiser's side (create/edit, open/close/cancel, complete,
 * lists with fill and attendance rates, roster export) and the officer's list of classes
 * open to them. Enrolment, attendance, the survey and certificates live beside this file.
 *
 * - class.manage over the organising unit; out of scope answers 404.
 * - Classes are never deleted: cancelled. A session may be removed only while the class is
 *   a draft (the database refuses it once the class is open or anyone has attended).
 * - Completion evaluates every ENROLLED (and, on a repeat, INCOMPLETE) participant with the
 *   pure rule; COMPLETED ones post one ledger entry each (postClassCompletion is idempotent
 *   per enrolment), so completing again never posts twice.
 */

export const CLASS_PAGE_SIZE = 20;

export type SaveResult =
  | { ok: true; id: string }
  | { ok: false; errors: Record<string, string> };
export type ActionResult = { ok: true } | { ok: false; error: string };

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v)
      ? v.filter((x): x is string => typeof x === "string")
      : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// Form options
// ---------------------------------------------------------------------------
/** Class tests the actor may attach: CLASS_TEST exams, not cancelled, whose unit is related to the actor's scope. */
export async function classExamOptions(actor: Actor) {
  const paths = scopePaths(actor, "class.manage");
  if (paths.length === 0) return [];
  const exams = await db.exam.findMany({
    where: { examType: "CLASS_TEST", status: { not: "CANCELLED" } },
    select: {
      id: true,
      code: true,
      title: true,
      unit: { select: { path: true } },
    },
    orderBy: { opensAt: "desc" },
    take: 300,
  });
  return exams
    .filter((e) =>
      paths.some((p) => covers(p, e.unit.path) || covers(e.unit.path, p))
    )
    .map((e) => ({ value: e.id, label: `${e.title}（${e.code}）` }));
}

/** The stored class as form defaults (strings, as the form posts them). */
export async function classForEdit(actor: Actor, id: string) {
  const { row } = await managedClass(actor, id);
  const [trainers, sessions] = await Promise.all([
    db.classTrainer
      .findMany({ where: { classId: id } })
      .then(async (ts) =>
        db.person.findMany({
          where: { id: { in: ts.map((t) => t.personId) } },
          select: { staffNo: true },
        })
      ),
    liveSessions(id),
  ]);
  const audience = parseAudience(row.audience);
  return {
    id: row.id,
    code: row.code,
    status: row.status as ClassStatus,
    defaults: {
      title: row.title,
      type: row.type,
      unitId: row.unitId,
      baseId: row.baseId ?? "",
      startDate: shanghaiDate(row.startDate),
      endDate: shanghaiDate(row.endDate),
      capacity: String(row.capacity),
      categories: audience.categories,
      audienceUnitIds: audience.unitIds,
      syllabusCodes: parseList(row.syllabusCodes).join("，"),
      trainerStaffNos: trainers.map((t) => t.staffNo).join("，"),
      creditHours: String(row.creditHours),
      category: row.category,
      enrolmentMode: row.enrolmentMode,
      completionAttendancePct: String(row.completionAttendancePct),
      classExamId: row.classExamId ?? "",
      description: row.description,
      sessions: sessions.map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: toShanghaiWallClock(s.startsAt),
        endsAt: toShanghaiWallClock(s.endsAt),
      })),
    },
  };
}

// ---------------------------------------------------------------------------
// Create / edit
// ---------------------------------------------------------------------------
const EDITABLE: readonly string[] = ["DRAFT", "OPEN", "CLOSED"];

/** Creates (id null) or edits a class. Field errors are dictionary keys keyed by form field. */
export async function saveClass(
  actor: Actor,
  id: string | null,
  input: ClassInput
): Promise<SaveResult> {
  requireAnyScope(actor, "class.manage");
  const existing = id ? await managedClass(actor, id) : null;
  if (existing && !EDITABLE.includes(existing.row.status))
    return { ok: false, errors: { title: "classes.errors.notEditable" } };
  const errors: Record<string, string> = {};

  const unit = await db.orgUnit.findUnique({
    where: { id: input.unitId },
    select: { id: true, code: true, path: true, level: true, active: true },
  });
  if (!unit || !can(actor, "class.manage", unit.path))
    errors.unitId = "classes.errors.unknownUnit";
  else if (!unit.active) errors.unitId = "classes.errors.unitInactive";
  else if (
    existing &&
    existing.row.status !== "DRAFT" &&
    unit.id !== existing.row.unitId
  )
    errors.unitId = "classes.errors.unitFixed";

  let baseId: string | null = null;
  if (input.baseId) {
    const base = await db.trainingBase.findUnique({
      where: { id: input.baseId },
      select: { id: true, active: true },
    });
    if (!base || (!base.active && base.id !== existing?.row.baseId))
      errors.baseId = "classes.errors.unknownBase";
    else baseId = base.id;
  }

  const staffNos = [...new Set(input.trainerStaffNos ?? [])];
  // Trainers come from the organising unit's subtree (the organiser's scope): someone
  // elsewhere is "unknown", so the form cannot be used to look people up.
  const trainers =
    staffNos.length && unit
      ? await db.person.findMany({
          where: { staffNo: { in: staffNos }, status: "ACTIVE", unit: { path: { startsWith: unit.path } } },
          select: { id: true, staffNo: true },
        })
      : [];
  const missingTrainers = staffNos.filter(
    (s) => !trainers.some((t) => t.staffNo === s)
  );
  if (missingTrainers.length)
    errors.trainerStaffNos = "classes.errors.unknownTrainer";

  const codes = [...new Set(input.syllabusCodes ?? [])];
  if (codes.length) {
    const found = await db.syllabusTopic.findMany({
      where: { code: { in: codes } },
      select: { code: true },
    });
    if (codes.some((c) => !found.some((f) => f.code === c)))
      errors.syllabusCodes = "classes.errors.unknownTopic";
  }

  const audienceUnitIds = [...new Set(input.audienceUnitIds)];
  if (unit && audienceUnitIds.length) {
    const paths = await audienceUnitPaths(audienceUnitIds);
    if (
      audienceUnitIds.some(
        (u) => !paths.has(u) || !covers(unit.path, paths.get(u)!)
      )
    )
      errors.audienceUnitIds = "classes.errors.audienceUnit";
  }

  let classExamId: string | null = null;
  if (input.classExamId) {
    const exam = await db.exam.findUnique({
      where: { id: input.classExamId },
      select: { id: true, status: true, unit: { select: { path: true } } },
    });
    const related =
      exam &&
      unit &&
      (covers(exam.unit.path, unit.path) || covers(unit.path, exam.unit.path));
    if (!exam || exam.status === "CANCELLED" || !related)
      errors.classExamId = "classes.errors.unknownExam";
    else classExamId = exam.id;
  }

  // Sessions: existing ones keep their id; a removed one is allowed only in a draft.
  const sessions = input.sessions ?? [];
  const current = existing ? await liveSessions(existing.row.id) : [];
  const keptIds = new Set(sessions.map((s) => s.id).filter(Boolean));
  if (sessions.some((s) => s.id && !current.some((c) => c.id === s.id)))
    errors.sessions = "classes.errors.unknownSession";
  const removed = current.filter((c) => !keptIds.has(c.id));
  if (removed.length && existing && existing.row.status !== "DRAFT")
    errors.sessions = "classes.errors.sessionRemove";

  const startDate = shanghaiMidnight(input.startDate);
  const endDate = shanghaiMidnight(input.endDate);
  if (existing && existing.row.status !== "DRAFT") {
    const seated = await db.classEnrolment.count({
      where: { classId: existing.row.id, status: "ENROLLED" },
    });
    if (input.capacity < seated)
      errors.capacity = "classes.errors.capacityBelowEnrolled";
  }
  if (Object.keys(errors).length || !unit) return { ok: false, errors };

  const data = {
    title: input.title,
    level: classLevelFor(unit.level),
    type: input.type,
    unitId: unit.id,
    baseId,
    startDate,
    endDate,
    capacity: input.capacity,
    audience: JSON.stringify({
      categories: [...new Set(input.categories)],
      unitIds: audienceUnitIds,
    }),
    syllabusCodes: JSON.stringify(codes),
    creditHours: input.creditHours,
    category: input.category,
    enrolmentMode: input.enrolmentMode,
    completionAttendancePct: input.completionAttendancePct,
    classExamId,
    description: input.description ?? "",
  };
  const savedId = await write(async (tx) => {
    let classId: string;
    if (existing) {
      classId = existing.row.id;
      await tx.trainingClass.update({ where: { id: classId }, data });
    } else {
      const year = Number(input.startDate.slice(0, 4));
      const prefix = `${unit.code}-${year}-`;
      const used = await tx.trainingClass.findMany({
        where: { code: { startsWith: prefix } },
        select: { code: true },
      });
      const created = await tx.trainingClass.create({
        data: {
          ...data,
          code: classCode(
            unit.code,
            year,
            nextClassSeq(
              used.map((u) => u.code),
              unit.code,
              year
            )
          ),
          status: "DRAFT",
          createdById: actor.userId,
        },
      });
      classId = created.id;
    }
    await tx.classTrainer.deleteMany({ where: { classId } });
    if (trainers.length)
      await tx.classTrainer.createMany({
        data: trainers.map((t) => ({ classId, personId: t.id })),
      });
    if (removed.length) await tx.classSession.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
    for (const [position, s] of sessions.entries()) {
      const values = {
        title: s.title,
        startsAt: shanghaiWallClock(s.startsAt),
        endsAt: shanghaiWallClock(s.endsAt),
        position,
      };
      if (s.id)
        await tx.classSession.update({ where: { id: s.id }, data: values });
      else await tx.classSession.create({ data: { ...values, classId } });
    }
    // More seats on an open class: the waiting list moves up.
    if (existing && existing.row.status !== "DRAFT")
      await promoteWaitlisted(tx, classId, actor);
    await audit(tx, actorAudit(actor), {
      action: existing ? "class.update" : "class.create",
      objectType: "TrainingClass",
      objectId: classId,
      unitId: unit.id,
      before: existing
        ? {
            title: existing.row.title,
            capacity: existing.row.capacity,
            startDate: existing.row.startDate,
            endDate: existing.row.endDate,
          }
        : undefined,
      after: {
        ...data,
        trainers: staffNos,
        sessions: sessions.length,
        removedSessions: removed.map((s) => s.id),
      },
    });
    return classId;
  });
  return { ok: true, id: savedId };
}

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------
/** Open for enrolment, close enrolment, or cancel (never delete). */
export async function setClassStatus(
  actor: Actor,
  id: string,
  to: "OPEN" | "CLOSED" | "CANCELLED"
): Promise<ActionResult> {
  const { row } = await managedClass(actor, id);
  if (!canTransition(row.status, to))
    return { ok: false, error: "classes.errors.transition" };
  if (to === "OPEN" && (await liveSessions(id)).length === 0)
    return { ok: false, error: "classes.errors.noSessions" };
  const ok = await write(async (tx) => {
    const now = await tx.trainingClass.findUniqueOrThrow({
      where: { id },
      select: { status: true },
    });
    if (!canTransition(now.status, to)) return false;
    await tx.trainingClass.update({ where: { id }, data: { status: to } });
    await audit(tx, actorAudit(actor), {
      action: `class.${to.toLowerCase()}`,
      objectType: "TrainingClass",
      objectId: id,
      unitId: row.unitId,
      before: { status: now.status },
      after: { status: to },
    });
    return true;
  });
  return ok ? { ok: true } : { ok: false, error: "classes.errors.transition" };
}

// ---------------------------------------------------------------------------
// Completion
// ---------------------------------------------------------------------------
export type CompletionSummary = {
  completed: number;
  incomplete: number;
  posted: number;
};

/** Whether a person passed the class test: a submitted attempt marked passed (not only an ExamPass row). */
async function passedTest(
  reader: Tx,
  examId: string,
  personIds: string[]
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await reader.examAttempt.findMany({
    where: {
      examId,
      personId: { in: personIds },
      passed: true,
      status: "SUBMITTED",
    },
    select: { personId: true },
  });
  return new Set(rows.map((r) => r.personId));
}

function newCertificateCode(): string {
  return certificateCodeFrom(randomBytes(12));
}

/**
 * Completes the class: ENROLLED (and previously INCOMPLETE) participants are evaluated;
 * COMPLETED ones get a certificate code and one ledger entry. Repeating is safe: no
 * participant is posted twice, and an INCOMPLETE one whose attendance was corrected since
 * is completed then.
 */
export async function completeClass(
  actor: Actor,
  id: string,
  now = new Date()
): Promise<
  { ok: true; summary: CompletionSummary } | { ok: false; error: string }
> {
  const { row, unit } = await managedClass(actor, id);
  if (row.status !== "COMPLETED" && !canTransition(row.status, "COMPLETED"))
    return { ok: false, error: "classes.errors.transition" };
  const sessions = await liveSessions(id);
  if (sessions.length === 0)
    return { ok: false, error: "classes.errors.noSessions" };
  const days = inclusiveDays(row.startDate, row.endDate);
  // The hours belong to the day the class ended (or today, when completed early).
  const activityDate =
    row.endDate.getTime() <= now.getTime() ? row.endDate : now;

  const summary = await write(
    async (tx) => {
      const cls = await tx.trainingClass.findUniqueOrThrow({ where: { id } });
      if (cls.status !== "COMPLETED" && !canTransition(cls.status, "COMPLETED"))
        return null;
      const enrolments = await tx.classEnrolment.findMany({
        where: {
          classId: id,
          status: { in: ["ENROLLED", "INCOMPLETE", "COMPLETED"] },
        },
      });
      const attended = await attendanceByPerson(
        tx,
        sessions.map((s) => s.id)
      );
      const passed = cls.classExamId
        ? await passedTest(
            tx,
            cls.classExamId,
            enrolments.map((e) => e.personId)
          )
        : new Set<string>();
      const result: CompletionSummary = {
        completed: 0,
        incomplete: 0,
        posted: 0,
      };
      for (const e of enrolments) {
        if (e.status === "COMPLETED") {
          result.completed++;
          const posted = await postClassCompletion(tx, {
            enrolmentId: e.id,
            personId: e.personId,
            classTitle: cls.title,
            classType: cls.type,
            creditHours: cls.creditHours,
            category: cls.category as HoursCategory,
            days,
            completedAt: activityDate,
            unitPath: unit.path,
          });
          if (posted.created) result.posted++;
          continue;
        }
        const outcome = completionOutcome({
          sessions: sessions.length,
          attended: attended.get(e.personId) ?? 0,
          requiredPct: cls.completionAttendancePct,
          testRequired: !!cls.classExamId,
          testPassed: passed.has(e.personId),
        });
        if (!outcome.complete) {
          result.incomplete++;
          if (e.status !== "INCOMPLETE")
            await tx.classEnrolment.update({
              where: { id: e.id },
              data: { status: "INCOMPLETE", completedAt: null },
            });
          continue;
        }
        result.completed++;
        await tx.classEnrolment.update({
          where: { id: e.id },
          data: {
            status: "COMPLETED",
            completedAt: now,
            certificateCode: e.certificateCode ?? newCertificateCode(),
          },
        });
        const posted = await postClassCompletion(tx, {
          enrolmentId: e.id,
          personId: e.personId,
          classTitle: cls.title,
          classType: cls.type,
          creditHours: cls.creditHours,
          category: cls.category as HoursCategory,
          days,
          completedAt: activityDate,
          unitPath: unit.path,
        });
        if (posted.created) result.posted++;
      }
      if (cls.status !== "COMPLETED")
        await tx.trainingClass.update({
          where: { id },
          data: { status: "COMPLETED" },
        });
      await audit(tx, actorAudit(actor), {
        action:
          cls.status === "COMPLETED" ? "class.recomplete" : "class.complete",
        objectType: "TrainingClass",
        objectId: id,
        unitId: cls.unitId,
        before: { status: cls.status },
        after: { status: "COMPLETED", ...result, days },
      });
      return result;
    },
    { timeoutMs: 120_000 }
  );
  return summary
    ? { ok: true, summary }
    : { ok: false, error: "classes.errors.transition" };
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------
export type OrganiserFilter = {
  status?: string;
  unitId?: string;
  q?: string;
  page?: number;
};

/** Classes in the actor's class.manage scope, newest first, with fill and attendance rates. */
export async function organiserClasses(
  actor: Actor,
  filter: OrganiserFilter = {}
) {
  const paths = requireAnyScope(actor, "class.manage");
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  let unitPaths = paths;
  if (filter.unitId) {
    const u = await db.orgUnit.findUnique({
      where: { id: filter.unitId },
      select: { path: true },
    });
    if (!u || !can(actor, "class.manage", u.path)) notFound();
    unitPaths = [u.path];
  }
  // Units are few compared with classes: resolve the scope to unit ids first.
  const units = await db.orgUnit.findMany({
    where: { OR: unitPaths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, name: true },
  });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const where = {
    unitId: { in: units.map((u) => u.id) },
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.q
      ? {
          OR: [
            { title: { contains: filter.q } },
            { code: { contains: filter.q } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.trainingClass.findMany({
      where,
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
      skip: (page - 1) * CLASS_PAGE_SIZE,
      take: CLASS_PAGE_SIZE,
    }),
    db.trainingClass.count({ where }),
  ]);
  const stats = await classStats(rows.map((r) => r.id));
  return {
    items: rows.map((r) => {
      const s = stats.get(r.id) ?? {
        enrolled: 0,
        waitlisted: 0,
        applied: 0,
        participants: 0,
        present: 0,
        expected: 0,
      };
      return {
        id: r.id,
        code: r.code,
        title: r.title,
        type: r.type,
        level: r.level,
        status: r.status,
        startDate: r.startDate,
        endDate: r.endDate,
        capacity: r.capacity,
        unitName: unitName.get(r.unitId) ?? "",
        ...s,
        fillRate: rate(s.participants, r.capacity),
        attendanceRate: rate(s.present, s.expected),
      };
    }),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / CLASS_PAGE_SIZE)),
  };
}

/**
 * Per class: enrolment counts, and attendance as present marks (newest per session and
 * participant) over participants × sessions already started. Also used by the dashboards.
 */
export async function classStats(classIds: string[], now = new Date()) {
  const out = new Map<
    string,
    {
      enrolled: number;
      waitlisted: number;
      applied: number;
      participants: number;
      present: number;
      expected: number;
    }
  >();
  if (classIds.length === 0) return out;
  const [groups, started, present] = await Promise.all([
    db.classEnrolment.groupBy({
      by: ["classId", "status"],
      where: { classId: { in: classIds } },
      _count: { _all: true },
    }),
    db.classSession.groupBy({
      by: ["classId"],
      where: {
        classId: { in: classIds },
        startsAt: { lte: now },
      },
      _count: { _all: true },
    }),
    attendanceCounts(classIds),
  ]);
  for (const id of classIds)
    out.set(id, {
      enrolled: 0,
      waitlisted: 0,
      applied: 0,
      participants: 0,
      present: present.get(id) ?? 0,
      expected: 0,
    });
  for (const g of groups) {
    const s = out.get(g.classId)!;
    if (g.status === "ENROLLED") s.enrolled += g._count._all;
    if (g.status === "WAITLISTED") s.waitlisted += g._count._all;
    if (g.status === "APPLIED") s.applied += g._count._all;
    if ((PARTICIPANT as readonly string[]).includes(g.status))
      s.participants += g._count._all;
  }
  for (const g of started) {
    const s = out.get(g.classId)!;
    s.expected = s.participants * g._count._all;
  }
  return out;
}

/**
 * The officer's view: open classes whose audience includes them (organised by their unit or
 * one above it), and their own enrolments.
 */
export async function classesForMe(actor: Actor) {
  const person = await db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { id: true, category: true, unit: { select: { path: true } } },
  });
  const ancestors = unitIdsOnPath(person.unit.path);
  const open = await db.trainingClass.findMany({
    where: {
      status: "OPEN",
      unitId: { in: ancestors },
      enrolmentMode: { in: ["APPLY", "BOTH"] },
    },
    orderBy: { startDate: "asc" },
    take: 200,
  });
  const organisers = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(open.map((c) => c.unitId))] } },
    select: { id: true, path: true, name: true },
  });
  const orgById = new Map(organisers.map((u) => [u.id, u]));
  const audienceIds = [
    ...new Set(open.flatMap((c) => parseAudience(c.audience).unitIds)),
  ];
  const audiencePaths = await audienceUnitPaths(audienceIds);
  const mine = await db.classEnrolment.findMany({
    where: { personId: actor.personId },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const enrolledIn = new Map(mine.map((e) => [e.classId, e]));
  const visible = open.filter((c) =>
    inAudience(
      parseAudience(c.audience),
      orgById.get(c.unitId)?.path ?? "\u0000",
      audiencePaths,
      { category: person.category, unitPath: person.unit.path }
    )
  );
  const stats = await classStats(visible.map((c) => c.id));
  const myClasses = await db.trainingClass.findMany({
    where: { id: { in: mine.map((e) => e.classId) } },
  });
  const myClassById = new Map(myClasses.map((c) => [c.id, c]));
  return {
    open: visible.map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      type: c.type,
      startDate: c.startDate,
      endDate: c.endDate,
      capacity: c.capacity,
      creditHours: c.creditHours,
      unitName: orgById.get(c.unitId)?.name ?? "",
      seatsLeft: Math.max(0, c.capacity - (stats.get(c.id)?.participants ?? 0)),
      myStatus: enrolledIn.get(c.id)?.status ?? null,
    })),
    mine: mine
      .filter((e) => myClassById.has(e.classId))
      .map((e) => {
        const c = myClassById.get(e.classId)!;
        return {
          id: c.id,
          code: c.code,
          title: c.title,
          classStatus: c.status,
          startDate: c.startDate,
          endDate: c.endDate,
          status: e.status,
          certificateCode: e.certificateCode,
        };
      }),
  };
}

// ---------------------------------------------------------------------------
// One class
// ---------------------------------------------------------------------------
async function peopleByIds(ids: string[]) {
  const people = await db.person.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      staffNo: true,
      category: true,
      unit: { select: { name: true } },
    },
  });
  return new Map(
    people.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        staffNo: p.staffNo,
        category: p.category,
        unitName: p.unit.name,
      },
    ])
  );
}

/** The class header shared by the organiser and participant views. */
async function classHeader(
  row: Awaited<ReturnType<typeof managedClass>>["row"]
) {
  const [unit, base, trainers, sessions, exam] = await Promise.all([
    db.orgUnit.findUniqueOrThrow({
      where: { id: row.unitId },
      select: { name: true },
    }),
    row.baseId
      ? db.trainingBase.findUnique({
          where: { id: row.baseId },
          select: { id: true, name: true, location: true },
        })
      : null,
    db.classTrainer
      .findMany({ where: { classId: row.id } })
      .then((ts) => peopleByIds(ts.map((t) => t.personId))),
    liveSessions(row.id),
    row.classExamId
      ? db.exam.findUnique({
          where: { id: row.classExamId },
          select: { id: true, code: true, title: true },
        })
      : null,
  ]);
  const audience = parseAudience(row.audience);
  const audienceUnits = audience.unitIds.length
    ? await db.orgUnit.findMany({
        where: { id: { in: audience.unitIds } },
        select: { id: true, name: true },
      })
    : [];
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    level: row.level,
    type: row.type,
    status: row.status as ClassStatus,
    unitName: unit.name,
    base,
    startDate: row.startDate,
    endDate: row.endDate,
    days: inclusiveDays(row.startDate, row.endDate),
    capacity: row.capacity,
    creditHours: row.creditHours,
    category: row.category,
    enrolmentMode: row.enrolmentMode,
    completionAttendancePct: row.completionAttendancePct,
    exam,
    description: row.description,
    syllabusCodes: parseList(row.syllabusCodes),
    audience: {
      categories: audience.categories,
      units: audienceUnits.map((u) => u.name),
    },
    trainers: [...trainers.values()],
    sessions: sessions.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  };
}

/** The organiser's page: header, enrolments, the attendance grid, stats. 404 out of scope. */
export async function organiserClass(actor: Actor, id: string) {
  const { row } = await managedClass(actor, id);
  const header = await classHeader(row);
  const enrolments = await db.classEnrolment.findMany({
    where: { classId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const people = await peopleByIds(enrolments.map((e) => e.personId));
  const stats = (await classStats([id])).get(id)!;
  return {
    cls: header,
    enrolments: enrolments.map((e) => ({
      id: e.id,
      status: e.status,
      via: e.via,
      createdAt: e.createdAt,
      certificateCode: e.certificateCode,
      person: people.get(e.personId)!,
    })),
    stats: {
      ...stats,
      fillRate: rate(stats.participants, row.capacity),
      attendanceRate: rate(stats.present, stats.expected),
    },
  };
}

/**
 * The participant's page: visible when the actor has an enrolment, or the class is open
 * and they are in its audience. 404 otherwise.
 */
export async function participantClass(actor: Actor, id: string) {
  const row = await db.trainingClass.findUnique({ where: { id } });
  if (!row || row.status === "DRAFT") notFound();
  const enrolment = await db.classEnrolment.findUnique({
    where: { classId_personId: { classId: id, personId: actor.personId } },
  });
  if (!enrolment) {
    if (row.status !== "OPEN") notFound();
    const [organiser, person] = await Promise.all([
      db.orgUnit.findUniqueOrThrow({
        where: { id: row.unitId },
        select: { path: true },
      }),
      db.person.findUniqueOrThrow({
        where: { id: actor.personId },
        select: { category: true, unit: { select: { path: true } } },
      }),
    ]);
    const audience = parseAudience(row.audience);
    if (
      !inAudience(
        audience,
        organiser.path,
        await audienceUnitPaths(audience.unitIds),
        { category: person.category, unitPath: person.unit.path }
      )
    )
      notFound();
  }
  const header = await classHeader(row);
  const stats = (await classStats([id])).get(id)!;
  const survey = enrolment
    ? await db.classSurveyResponse.findUnique({
        where: { classId_personId: { classId: id, personId: actor.personId } },
        select: { id: true },
      })
    : null;
  return {
    cls: header,
    seatsLeft: Math.max(0, row.capacity - stats.participants),
    enrolment: enrolment
      ? {
          id: enrolment.id,
          status: enrolment.status,
          certificateCode: enrolment.certificateCode,
          completedAt: enrolment.completedAt,
        }
      : null,
    canApply:
      row.status === "OPEN" &&
      (row.enrolmentMode === "APPLY" || row.enrolmentMode === "BOTH") &&
      (!enrolment || !ACTIVE_ENROLMENT.includes(enrolment.status as never)),
    canWithdraw:
      !!enrolment &&
      ["APPLIED", "ENROLLED", "WAITLISTED"].includes(enrolment.status) &&
      (row.status === "OPEN" || row.status === "CLOSED"),
    canSurvey:
      !!enrolment &&
      (PARTICIPANT as readonly string[]).includes(enrolment.status) &&
      !survey,
    surveyDone: !!survey,
  };
}

// ---------------------------------------------------------------------------
// Roster export
// ---------------------------------------------------------------------------
export async function rosterWorkbook(
  actor: Actor,
  id: string,
  locale: Locale
): Promise<{ buffer: Buffer; fileName: string }> {
  const t = translator(locale);
  const { cls, enrolments } = await organiserClass(actor, id);
  const attendance = await attendanceByPerson(
    db,
    cls.sessions.map((s) => s.id)
  );
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("classes.title");
  const sheet = workbook.addWorksheet(t("classes.roster.sheet"));
  sheet.columns = [
    { header: t("classes.roster.staffNo"), key: "staffNo", width: 14 },
    { header: t("classes.roster.name"), key: "name", width: 12 },
    { header: t("classes.roster.unit"), key: "unit", width: 24 },
    { header: t("classes.roster.category"), key: "category", width: 12 },
    { header: t("classes.roster.status"), key: "status", width: 12 },
    { header: t("classes.roster.via"), key: "via", width: 10 },
    { header: t("classes.roster.appliedAt"), key: "appliedAt", width: 18 },
    { header: t("classes.roster.attended"), key: "attended", width: 10 },
    { header: t("classes.roster.sessions"), key: "sessions", width: 10 },
    { header: t("classes.roster.certificate"), key: "certificate", width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("staffNo").numFmt = "@";
  for (const e of enrolments) {
    sheet.addRow({
      staffNo: e.person.staffNo,
      name: e.person.name,
      unit: e.person.unitName,
      category: t(`people.category.${e.person.category}`, {
        defaultValue: e.person.category,
      }),
      status: t(`classes.enrolmentStatus.${e.status}`, {
        defaultValue: e.status,
      }),
      via: t(`classes.via.${e.via}`, { defaultValue: e.via }),
      appliedAt: formatDateTime(e.createdAt, locale),
      attended: attendance.get(e.person.id) ?? 0,
      sessions: cls.sessions.length,
      certificate: e.certificateCode ?? "",
    });
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const info = workbook.addWorksheet(t("classes.roster.infoSheet"));
  info.columns = [
    { header: "", key: "k", width: 16 },
    { header: "", key: "v", width: 50 },
  ];
  info.addRow({ k: t("classes.fields.code"), v: cls.code });
  info.addRow({ k: t("classes.fields.title"), v: cls.title });
  info.addRow({
    k: t("classes.fields.dates"),
    v: `${formatDate(cls.startDate, locale)} – ${formatDate(
      cls.endDate,
      locale
    )}`,
  });
  info.addRow({ k: t("classes.fields.capacity"), v: cls.capacity });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    buffer,
    fileName: `${t("classes.roster.fileName")}-${cls.code}.xlsx`,
  };
}
