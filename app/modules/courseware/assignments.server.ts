import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { can, covers, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { STAFF_CATEGORIES, type StaffCategory } from "~/modules/people/rules";

/*
 * Course assignments (课程分配): a published course assigned to a unit subtree (optionally
 * one staff category) or to one person, with an optional due date. Learners see what
 * applies to them through learn.server.ts (myAssignments, catalogue); this module is the
 * administrator's side: assign, list with progress, revoke.
 *
 * Rules:
 * - `course.assign` over the target: the unit, or the person's current unit. A target out
 *   of scope is refused with the same message as an unknown one (existence is not revealed).
 * - Only published, not retired courses, and only ones every covered learner can open: for a
 *   unit the course's owner unit must be the unit itself or above it; for a person the owner
 *   unit must be above/at the person's unit or below it (the learner visibility rule).
 * - Due dates are calendar days in China: due at the end of that day, 23:59:59.999
 *   Asia/Shanghai (stored in UTC). A day before today (in China) is refused; today is fine.
 * - "Covered" counts ACTIVE people; "completed" means a learning record for every lesson of
 *   the course's current published version (records of older versions do not count).
 * - Rows are never deleted: revoking sets revokedAt/revokedById. Who may assign may revoke.
 */

export const ASSIGNMENT_PAGE_SIZE = 20;
export const LEARNER_PAGE_SIZE = 50;
/** A due date further ahead than this many years is a typing error. */
const MAX_DUE_YEARS = 5;

export type AssignmentTarget = { kind: "UNIT"; unitId: string; category?: StaffCategory | null } | { kind: "PERSON"; staffNo: string };
export type AssignInput = { courseId: string; target: AssignmentTarget; dueDate?: string | null };
/** Field errors are dictionary keys keyed by form field: courseId, unitId, category, staffNo, dueDate. */
export type AssignResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

// ---------------------------------------------------------------------------
// Due dates (pure)
// ---------------------------------------------------------------------------
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "yyyy-mm-dd" → the last millisecond of that day in China (23:59:59.999 +08:00), as UTC. */
export function dueDateToUtc(value: string): Date {
  return new Date(`${value}T23:59:59.999+08:00`);
}

/** Why a due date is refused (dictionary key), or null. Today (in China) is allowed. */
export function dueDateProblem(value: string, now = new Date()): string | null {
  if (!isCalendarDate(value)) return "errors.dateFormat";
  const today = isoDateInShanghai(now);
  if (value < today) return "assignments.errors.dueInPast";
  const limit = `${Number(today.slice(0, 4)) + MAX_DUE_YEARS}${today.slice(4)}`;
  if (value > limit) return "assignments.errors.dueTooFar";
  return null;
}

/** Past due: the due moment has passed. */
export function isPastDue(dueDate: Date | null, now = new Date()): boolean {
  return !!dueDate && dueDate.getTime() < now.getTime();
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
/** A course is offered to an actor when its owner unit is above, at or below one of their scope units. */
function relatedToScope(ownerPath: string, paths: string[]): boolean {
  return paths.some((p) => covers(ownerPath, p) || covers(p, ownerPath));
}

/** Published, not retired courses the actor may assign somewhere, with the published title. */
export async function assignableCourses(actor: Actor) {
  const paths = scopePaths(actor, "course.assign");
  if (paths.length === 0) return [];
  const courses = await db.course.findMany({
    where: { publishedVersionId: { not: null }, status: { not: "RETIRED" } },
    select: { id: true, code: true, publishedVersionId: true, ownerUnit: { select: { path: true, name: true } } },
  });
  const offered = courses.filter((c) => relatedToScope(c.ownerUnit.path, paths));
  const versions = await db.courseVersion.findMany({
    where: { id: { in: offered.map((c) => c.publishedVersionId!) } },
    select: { id: true, title: true, version: true },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return offered
    .map((c) => ({ id: c.id, code: c.code, title: byId.get(c.publishedVersionId!)?.title ?? c.code, ownerUnitName: c.ownerUnit.name }))
    .sort((a, b) => a.title.localeCompare(b.title, "zh-CN"));
}

type Coverage = { unitPath: string | null; category: string | null; personId: string | null };

/** SQL condition (on Person p) and arguments for the people an assignment covers. */
function coverageCondition(c: Coverage): { sql: string; args: unknown[] } {
  if (c.personId) return { sql: `p."status" = 'ACTIVE' AND p."id" = ?`, args: [c.personId] };
  if (!c.unitPath) return { sql: "0", args: [] };
  // Units are few: resolve the subtree through the unique path index, then use
  // Person's (unitId, status, category, …) index.
  let sql = `p."status" = 'ACTIVE' AND p."unitId" IN (SELECT "id" FROM "OrgUnit" WHERE "path" >= ? AND "path" < ?)`;
  const args: unknown[] = [c.unitPath, `${c.unitPath}\u{10FFFF}`];
  if (c.category) {
    sql += ` AND p."category" = ?`;
    args.push(c.category);
  }
  return { sql, args };
}

/** Lessons completed by person p among `lessonIds` (one index probe per lesson). */
function doneExpression(lessonIds: string[]): string {
  if (lessonIds.length === 0) return "0";
  return `(SELECT count(*) FROM "LearningRecord" r WHERE r."personId" = p."id" AND r."lessonVersionId" IN (${lessonIds.map(() => "?").join(",")}))`;
}

/**
 * How many people an assignment covers and how many of them completed every lesson.
 * Two plans for "completed", picked by estimated work: probe each covered person's records
 * through the (personId, lessonVersionId) index — best for a unit or a person — or scan the
 * learning records once and join the completers to the covered people — best when the
 * assignment covers most of the country and records are fewer than people × lessons.
 */
async function coverageStats(c: Coverage, lessonIds: string[]): Promise<{ covered: number; completed: number }> {
  const where = coverageCondition(c);
  const count = async (sql: string, ...args: unknown[]) => Number((await db.$queryRawUnsafe<{ n: bigint | number }[]>(sql, ...args))[0]?.n ?? 0);
  const covered = await count(`SELECT count(*) AS n FROM "Person" p WHERE ${where.sql}`, ...where.args);
  // A course without lessons cannot be completed (a published one always has lessons).
  if (covered === 0 || lessonIds.length === 0) return { covered, completed: 0 };
  const inList = lessonIds.map(() => "?").join(",");
  // Learning records are append-only, so the largest rowid is a cheap estimate of their number.
  const records = await count(`SELECT coalesce(max(rowid), 0) AS n FROM "LearningRecord"`);
  const completed =
    records < covered * lessonIds.length
      ? await count(
          `SELECT count(*) AS n FROM (
             SELECT "personId" FROM "LearningRecord" WHERE "lessonVersionId" IN (${inList}) GROUP BY "personId" HAVING count(*) = ?
           ) d JOIN "Person" p ON p."id" = d."personId" WHERE ${where.sql}`,
          ...lessonIds,
          lessonIds.length,
          ...where.args,
        )
      : await count(`SELECT count(*) AS n FROM "Person" p WHERE ${where.sql} AND ${doneExpression(lessonIds)} = ?`, ...where.args, ...lessonIds, lessonIds.length);
  return { covered, completed };
}

/** Lesson ids and version number of each course's current published version. */
async function publishedLessons(courseIds: string[]) {
  const courses = await db.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, code: true, publishedVersionId: true } });
  const versions = await db.courseVersion.findMany({
    where: { id: { in: courses.map((c) => c.publishedVersionId).filter((v): v is string => !!v) } },
    select: { id: true, courseId: true, title: true, version: true, lessons: { select: { id: true } } },
  });
  const byCourse = new Map(versions.map((v) => [v.courseId, v]));
  return new Map(
    courses.map((c) => {
      const v = byCourse.get(c.id);
      return [c.id, { code: c.code, title: v?.title ?? c.code, version: v?.version ?? 0, lessonIds: v?.lessons.map((l) => l.id) ?? [] }];
    }),
  );
}

type AssignmentRow = {
  id: string;
  courseId: string;
  unitId: string | null;
  category: string | null;
  personId: string | null;
  dueDate: Date | null;
  assignedById: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  revokedById: string | null;
};

/** The target of each assignment, with the unit path that decides scope. */
async function targetsOf(rows: AssignmentRow[]) {
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((v): v is string => !!v))];
  const personIds = [...new Set(rows.map((r) => r.personId).filter((v): v is string => !!v))];
  const [units, people] = await Promise.all([
    db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, code: true, path: true } }),
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true, staffNo: true, unit: { select: { name: true, path: true } } } }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const personById = new Map(people.map((p) => [p.id, p]));
  return (r: AssignmentRow) => {
    if (r.personId) {
      const p = personById.get(r.personId);
      return {
        path: p?.unit.path ?? null,
        target: { kind: "PERSON" as const, personId: r.personId, name: p?.name ?? "", staffNo: p?.staffNo ?? "", unitName: p?.unit.name ?? "" },
      };
    }
    const u = r.unitId ? unitById.get(r.unitId) : undefined;
    return {
      path: u?.path ?? null,
      target: { kind: "UNIT" as const, unitId: r.unitId ?? "", name: u?.name ?? "", code: u?.code ?? "", category: (r.category as StaffCategory | null) ?? null },
    };
  };
}

// ---------------------------------------------------------------------------
// Assign
// ---------------------------------------------------------------------------
export async function assignCourse(actor: Actor, input: AssignInput): Promise<AssignResult> {
  requireAnyScope(actor, "course.assign");
  const errors: Record<string, string> = {};
  const dueDate = input.dueDate?.trim() || null;
  if (dueDate) {
    const problem = dueDateProblem(dueDate);
    if (problem) errors.dueDate = problem;
  }

  // The target, in scope or "unknown".
  let targetPath: string | null = null;
  let targetUnitId: string | null = null;
  let unitId: string | null = null;
  let personId: string | null = null;
  let category: StaffCategory | null = null;
  const target = input.target;
  if (target.kind === "UNIT") {
    const unit = target.unitId ? await db.orgUnit.findUnique({ where: { id: target.unitId }, select: { id: true, path: true, active: true } }) : null;
    if (!unit || !can(actor, "course.assign", unit.path)) errors.unitId = "assignments.errors.unknownUnit";
    else if (!unit.active) errors.unitId = "assignments.errors.unitInactive";
    else {
      targetPath = unit.path;
      targetUnitId = unitId = unit.id;
    }
    if (target.category) {
      if ((STAFF_CATEGORIES as readonly string[]).includes(target.category)) category = target.category;
      else errors.category = "errors.category";
    }
  } else {
    const staffNo = target.staffNo.trim();
    const person = staffNo ? await db.person.findUnique({ where: { staffNo }, select: { id: true, status: true, unitId: true, unit: { select: { path: true } } } }) : null;
    if (!person || !can(actor, "course.assign", person.unit.path)) errors.staffNo = "assignments.errors.unknownPerson";
    else if (person.status !== "ACTIVE") errors.staffNo = "assignments.errors.personInactive";
    else {
      targetPath = person.unit.path;
      targetUnitId = person.unitId;
      personId = person.id;
    }
  }

  // The course: published, offered to this actor, and visible to everyone it will cover.
  const course = input.courseId
    ? await db.course.findUnique({ where: { id: input.courseId }, select: { id: true, code: true, status: true, publishedVersionId: true, ownerUnit: { select: { path: true } } } })
    : null;
  if (!course || !course.publishedVersionId || course.status === "RETIRED" || !relatedToScope(course.ownerUnit.path, scopePaths(actor, "course.assign"))) {
    errors.courseId = "assignments.errors.unknownCourse";
  } else if (targetPath) {
    const owner = course.ownerUnit.path;
    const visible = personId ? covers(owner, targetPath) || covers(targetPath, owner) : covers(owner, targetPath);
    if (!visible) errors.courseId = "assignments.errors.courseNotVisible";
  }
  if (Object.keys(errors).length || !course) return { ok: false, errors };

  const due = dueDate ? dueDateToUtc(dueDate) : null;
  const id = await write(async (tx) => {
    // Checked inside the write so two identical submissions cannot both pass.
    const duplicate = await tx.courseAssignment.findFirst({ where: { courseId: course.id, unitId, personId, category, revokedAt: null }, select: { id: true } });
    if (duplicate) return null;
    const created = await tx.courseAssignment.create({
      data: { courseId: course.id, unitId, personId, category, dueDate: due, assignedById: actor.userId },
    });
    await audit(tx, actorAudit(actor), {
      action: "assignment.create",
      objectType: "CourseAssignment",
      objectId: created.id,
      unitId: targetUnitId,
      after: { course: course.code, unitId, category, personId, staffNo: target.kind === "PERSON" ? target.staffNo.trim() : undefined, dueDate },
    });
    return created.id;
  });
  if (!id) return { ok: false, errors: { courseId: "assignments.errors.duplicate" } };
  return { ok: true, id };
}

// ---------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------
export const ASSIGNMENT_STATUSES = ["ACTIVE", "REVOKED", "ALL"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export type AssignmentFilter = {
  courseId?: string;
  /** Targets at or below this unit (people by their current unit). Must be in scope. */
  unitId?: string;
  /** Default ACTIVE. */
  status?: AssignmentStatus;
  /** 1-based. */
  page?: number;
};

function prefixCondition(column: string, paths: string[]): { sql: string; args: unknown[] } {
  return { sql: `(${paths.map(() => `substr(${column}, 1, ?) = ?`).join(" OR ")})`, args: paths.flatMap((p) => [p.length, p]) };
}

/**
 * Assignments whose target (unit, or person's current unit) is in the actor's
 * `course.assign` scope, newest first, with how many learners each covers, how many have
 * completed the course's published version and how many are overdue.
 */
export async function listAssignments(actor: Actor, filter: AssignmentFilter = {}) {
  const paths = requireAnyScope(actor, "course.assign");
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const where: string[] = [];
  const args: unknown[] = [];
  const target = `coalesce(tu."path", pu."path")`;
  const scope = prefixCondition(target, paths);
  where.push(scope.sql);
  args.push(...scope.args);
  if (filter.unitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
    if (!unit || !can(actor, "course.assign", unit.path)) notFound();
    const under = prefixCondition(target, [unit.path]);
    where.push(under.sql);
    args.push(...under.args);
  }
  if (filter.courseId) {
    where.push(`a."courseId" = ?`);
    args.push(filter.courseId);
  }
  const status = filter.status ?? "ACTIVE";
  if (status === "ACTIVE") where.push(`a."revokedAt" IS NULL`);
  if (status === "REVOKED") where.push(`a."revokedAt" IS NOT NULL`);
  const from = `FROM "CourseAssignment" a
    LEFT JOIN "OrgUnit" tu ON tu."id" = a."unitId"
    LEFT JOIN "Person" tp ON tp."id" = a."personId"
    LEFT JOIN "OrgUnit" pu ON pu."id" = tp."unitId"
    WHERE ${where.join(" AND ")}`;
  const [idRows, countRows] = await Promise.all([
    db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT a."id" AS id ${from} ORDER BY (a."revokedAt" IS NOT NULL), a."createdAt" DESC, a."id" DESC LIMIT ? OFFSET ?`,
      ...args,
      ASSIGNMENT_PAGE_SIZE,
      (page - 1) * ASSIGNMENT_PAGE_SIZE,
    ),
    db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n ${from}`, ...args),
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  const order = new Map(idRows.map((r, i) => [r.id, i]));
  const rows = (await db.courseAssignment.findMany({ where: { id: { in: idRows.map((r) => r.id) } } })).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const [targetOf, lessons] = await Promise.all([targetsOf(rows), publishedLessons([...new Set(rows.map((r) => r.courseId))])]);
  const now = new Date();
  const items = [];
  // One aggregate per row; a page is small. Reads share one connection, so run in sequence.
  for (const r of rows) {
    const { path, target } = targetOf(r);
    const course = lessons.get(r.courseId)!;
    const stats = await coverageStats({ unitPath: r.personId ? null : path, category: r.category, personId: r.personId }, course.lessonIds);
    items.push({
      id: r.id,
      course: { id: r.courseId, title: course.title, version: course.version },
      target,
      dueDate: r.dueDate,
      createdAt: r.createdAt,
      revokedAt: r.revokedAt,
      covered: stats.covered,
      completed: stats.completed,
      overdue: isPastDue(r.dueDate, now) ? stats.covered - stats.completed : 0,
    });
  }
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / ASSIGNMENT_PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------
// One assignment
// ---------------------------------------------------------------------------
/** The assignment if its target is in the actor's scope; 404 otherwise (also when missing). */
async function assignmentInScope(actor: Actor, id: string) {
  requireAnyScope(actor, "course.assign");
  const row = await db.courseAssignment.findUnique({ where: { id } });
  if (!row) notFound();
  const { path, target } = (await targetsOf([row]))(row);
  if (!path || !can(actor, "course.assign", path)) notFound();
  return { row, path, target };
}

export async function getAssignment(actor: Actor, id: string) {
  const { row, path, target } = await assignmentInScope(actor, id);
  const course = (await publishedLessons([row.courseId])).get(row.courseId)!;
  const stats = await coverageStats({ unitPath: row.personId ? null : path, category: row.category, personId: row.personId }, course.lessonIds);
  const userIds = [row.assignedById, row.revokedById].filter((v): v is string => !!v);
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, person: { select: { name: true, staffNo: true } } } });
  const who = (userId: string | null) => {
    const u = users.find((x) => x.id === userId);
    return u ? { name: u.person.name, staffNo: u.person.staffNo } : null;
  };
  return {
    id: row.id,
    course: { id: row.courseId, title: course.title, version: course.version, lessons: course.lessonIds.length },
    target,
    dueDate: row.dueDate,
    pastDue: isPastDue(row.dueDate),
    createdAt: row.createdAt,
    assignedBy: who(row.assignedById),
    revokedAt: row.revokedAt,
    revokedBy: who(row.revokedById),
    covered: stats.covered,
    completed: stats.completed,
    overdue: isPastDue(row.dueDate) ? stats.covered - stats.completed : 0,
    canRevoke: !row.revokedAt,
  };
}

export const LEARNER_STATES = ["done", "pending"] as const;
export type LearnerState = (typeof LEARNER_STATES)[number];

/**
 * One page of the people an assignment covers, by staff number (keyset paging: `after` is
 * the last staff number seen), optionally only those done or not yet done.
 */
export async function assignmentLearners(actor: Actor, id: string, options: { state?: LearnerState; after?: string } = {}) {
  const { row, path } = await assignmentInScope(actor, id);
  const course = (await publishedLessons([row.courseId])).get(row.courseId)!;
  const lessonIds = course.lessonIds;
  const where = coverageCondition({ unitPath: row.personId ? null : path, category: row.category, personId: row.personId });
  const outer: string[] = [];
  const outerArgs: unknown[] = [];
  if (options.after) {
    outer.push(`"staffNo" > ?`);
    outerArgs.push(options.after);
  }
  if (options.state === "done") outer.push(lessonIds.length ? `done = ${lessonIds.length}` : "0");
  if (options.state === "pending") outer.push(lessonIds.length ? `done < ${lessonIds.length}` : "1");
  const rows = await db.$queryRawUnsafe<{ id: string; staffNo: string; name: string; category: string; unitName: string; done: bigint | number }[]>(
    `SELECT * FROM (
       SELECT p."id" AS id, p."staffNo" AS staffNo, p."name" AS name, p."category" AS category, u."name" AS unitName, ${doneExpression(lessonIds)} AS done
       FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId"
       WHERE ${where.sql}
     ) ${outer.length ? `WHERE ${outer.join(" AND ")}` : ""}
     ORDER BY staffNo LIMIT ?`,
    ...lessonIds,
    ...where.args,
    ...outerArgs,
    LEARNER_PAGE_SIZE + 1,
  );
  const hasMore = rows.length > LEARNER_PAGE_SIZE;
  const pageRows = hasMore ? rows.slice(0, LEARNER_PAGE_SIZE) : rows;
  const records = await db.learningRecord.findMany({
    where: { personId: { in: pageRows.map((r) => r.id) }, lessonVersionId: { in: lessonIds } },
    select: { personId: true, completedAt: true },
  });
  const last = new Map<string, Date>();
  for (const r of records) if (!last.has(r.personId) || last.get(r.personId)! < r.completedAt) last.set(r.personId, r.completedAt);
  const pastDue = isPastDue(row.dueDate);
  return {
    lessons: lessonIds.length,
    learners: pageRows.map((r) => {
      const done = Number(r.done);
      const complete = lessonIds.length > 0 && done === lessonIds.length;
      return {
        personId: r.id,
        staffNo: r.staffNo,
        name: r.name,
        category: r.category as StaffCategory,
        unitName: r.unitName,
        lessonsDone: done,
        lastCompletedAt: last.get(r.id) ?? null,
        state: complete ? ("done" as const) : pastDue ? ("overdue" as const) : done > 0 ? ("inProgress" as const) : ("notStarted" as const),
      };
    }),
    nextAfter: hasMore ? pageRows[pageRows.length - 1].staffNo : null,
  };
}

// ---------------------------------------------------------------------------
// Revoke
// ---------------------------------------------------------------------------
export async function revokeAssignment(actor: Actor, id: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const { row, target } = await assignmentInScope(actor, id);
  const targetUnitId = target.kind === "UNIT" ? target.unitId : null;
  const personUnitId = row.personId ? (await db.person.findUnique({ where: { id: row.personId }, select: { unitId: true } }))?.unitId ?? null : null;
  const revoked = await write(async (tx) => {
    const current = await tx.courseAssignment.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } });
    if (current.revokedAt) return false;
    const now = new Date();
    await tx.courseAssignment.update({ where: { id }, data: { revokedAt: now, revokedById: actor.userId } });
    await audit(tx, actorAudit(actor), {
      action: "assignment.revoke",
      objectType: "CourseAssignment",
      objectId: id,
      unitId: targetUnitId ?? personUnitId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
    return true;
  });
  return revoked ? { ok: true } : { ok: false, error: "assignments.errors.alreadyRevoked" };
}
