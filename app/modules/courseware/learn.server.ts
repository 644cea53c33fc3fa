import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, rawQuery, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { covers } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import type { Answer, QuestionContent } from "~/modules/questions/content";
import { parseContent } from "~/modules/questions/questions.server";
import { score, type Response } from "~/modules/questions/rules";
import type { Locale } from "~/lib/i18n";
import type { PublicQuestion } from "./components/lesson-content";
import { compileLesson } from "./compile.server";
import { lessonSegments, stemHtml } from "./lesson-html.server";
import { recordBeat } from "./heartbeats.server";
import { postLessonRecord, rulesInForce } from "~/modules/hours/ledger.server";
import { lessonHours, shanghaiYear } from "~/modules/hours/rules";
import { completionBlockers, minutesStillNeeded, resumeLesson, type Beat } from "./rules";

/*
 * The learner's side: catalogue, course and lesson pages, heartbeats, knowledge checks
 * and completion. Learners only ever see published versions; progress and records point
 * at the exact lesson version studied.
 */

/** Published courses owned by the actor's unit, the units above it, or units in their scope. */
async function visibleCourses(actor: Actor) {
  const courses = await db.course.findMany({
    where: { publishedVersionId: { not: null }, status: { not: "RETIRED" } },
    include: { ownerUnit: { select: { path: true } } },
  });
  const paths = [actor.unitPath, ...actor.grants.map((g) => g.unitPath)];
  return courses.filter((c) => paths.some((p) => covers(c.ownerUnit.path, p) || covers(p, c.ownerUnit.path)));
}

/** Active assignments that apply to the actor: to them, or to a unit above them (optionally their category). */
export async function myAssignments(actor: Actor) {
  const person = await db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { category: true } });
  const rows = await db.courseAssignment.findMany({
    where: { revokedAt: null, OR: [{ personId: actor.personId }, { unitId: { not: null } }] },
    include: { course: { select: { id: true } } },
  });
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((v): v is string => !!v))];
  const units = new Map((await db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, path: true } })).map((u) => [u.id, u.path]));
  const applies = rows.filter(
    (r) => r.personId === actor.personId || (r.unitId && covers(units.get(r.unitId) ?? "\0", actor.unitPath) && (!r.category || r.category === person.category)),
  );
  // The earliest due date wins when a course is assigned more than once.
  const byCourse = new Map<string, Date | null>();
  for (const a of applies) {
    const current = byCourse.get(a.courseId);
    if (current === undefined || (a.dueDate && (!current || a.dueDate < current))) byCourse.set(a.courseId, a.dueDate);
  }
  return byCourse;
}

export type CatalogueFilter = { audience?: string; topic?: string; assignedOnly?: boolean; q?: string };

export async function catalogue(actor: Actor, filter: CatalogueFilter) {
  const [courses, assigned, records] = await Promise.all([
    visibleCourses(actor),
    myAssignments(actor),
    db.learningRecord.findMany({ where: { personId: actor.personId }, select: { lessonVersionId: true } }),
  ]);
  const versions = await db.courseVersion.findMany({
    where: { id: { in: courses.map((c) => c.publishedVersionId!) } },
    include: { lessons: { select: { id: true } } },
  });
  const done = new Set(records.map((r) => r.lessonVersionId));
  const now = new Date();
  const items = versions.map((v) => {
    const audiences = JSON.parse(v.audiences) as string[];
    const syllabusCodes = JSON.parse(v.syllabusCodes) as string[];
    const due = assigned.get(v.courseId);
    const completed = v.lessons.filter((l) => done.has(l.id)).length;
    return {
      courseId: v.courseId,
      title: v.title,
      summary: v.summary,
      version: v.version,
      audiences,
      syllabusCodes,
      creditHours: v.creditHours,
      lessons: v.lessons.length,
      completed,
      assigned: due !== undefined,
      dueDate: due ?? null,
      overdue: !!due && due < now && completed < v.lessons.length,
    };
  });
  return items
    .filter((c) => !filter.audience || c.audiences.includes(filter.audience))
    .filter((c) => !filter.topic || c.syllabusCodes.some((s) => s === filter.topic || s.startsWith(`${filter.topic}.`)))
    .filter((c) => !filter.assignedOnly || c.assigned)
    .filter((c) => !filter.q || c.title.includes(filter.q) || c.summary.includes(filter.q))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || Number(b.assigned) - Number(a.assigned) || (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity) || a.title.localeCompare(b.title, "zh-CN"));
}

/** A course's published version with the learner's progress and where to resume. */
export async function learnerCourse(actor: Actor, courseId: string) {
  const course = (await visibleCourses(actor)).find((c) => c.id === courseId);
  if (!course) notFound();
  const version = await db.courseVersion.findUniqueOrThrow({
    where: { id: course.publishedVersionId! },
    include: { lessons: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, minutes: true, creditHours: true } } },
  });
  const lessonIds = version.lessons.map((l) => l.id);
  const [progress, records, assigned] = await Promise.all([
    db.lessonProgress.findMany({ where: { personId: actor.personId, lessonVersionId: { in: lessonIds } } }),
    db.learningRecord.findMany({ where: { personId: actor.personId, lessonVersionId: { in: lessonIds } } }),
    myAssignments(actor),
  ]);
  const byLesson = new Map(progress.map((p) => [p.lessonVersionId, p]));
  const recordBy = new Map(records.map((r) => [r.lessonVersionId, r]));
  return {
    course: { id: course.id, code: course.code, title: version.title, summary: version.summary, version: version.version, creditHours: version.creditHours, dueDate: assigned.get(course.id) ?? null },
    lessons: version.lessons.map((l) => ({
      ...l,
      minutesOnTask: Math.floor((byLesson.get(l.id)?.secondsOnTask ?? 0) / 60),
      completed: !!recordBy.get(l.id),
      creditedHours: recordBy.get(l.id)?.creditedHours ?? 0,
    })),
    resume: resumeLesson(version.lessons, progress)?.id ?? null,
  };
}

/** What a learner may see of a knowledge-check question: never the answer. */
export function publicQuestion(id: string, content: QuestionContent) {
  return {
    id,
    type: content.type,
    stem: content.stem,
    options: content.options,
    blanks: content.answer.type === "FILL_BLANK" ? content.answer.blanks.length : 0,
  };
}

const publicQuestions = new Map<string, PublicQuestion>();

/** Question versions are immutable: parse and render each once. */
function cachedPublicQuestion(row: { id: string; versionId: string; content: string }): PublicQuestion {
  let q = publicQuestions.get(row.versionId);
  if (!q) {
    const content = parseContent(row.content);
    q = { ...publicQuestion(row.id, content), stemHtml: stemHtml(content.stem) };
    if (publicQuestions.size >= 5_000) publicQuestions.delete(publicQuestions.keys().next().value!);
    publicQuestions.set(row.versionId, q);
  }
  return q;
}

type LessonRow = {
  id: string;
  courseVersionId: string;
  position: number;
  title: string;
  minutes: number;
  creditHours: number;
  laws: string;
  source: string;
  courseId: string;
  courseTitle: string;
  courseVersion: number;
  courseStatus: string;
  publishedVersionId: string | null;
  ownerPath: string;
};

/*
 * The lesson page and its knowledge checks are the hottest pages a learner opens; their
 * reads use prepared statements on the raw read connection (see db.server.ts).
 */
function lessonForActor(actor: Actor, lessonVersionId: string): LessonRow {
  const lesson = rawQuery(
    `SELECT l."id", l."courseVersionId", l."position", l."title", l."minutes", l."creditHours", l."laws", l."source",
            cv."courseId", cv."title" AS courseTitle, cv."version" AS courseVersion, c."status" AS courseStatus, c."publishedVersionId", o."path" AS ownerPath
       FROM "LessonVersion" l JOIN "CourseVersion" cv ON cv."id" = l."courseVersionId" JOIN "Course" c ON c."id" = cv."courseId" JOIN "OrgUnit" o ON o."id" = c."ownerUnitId"
      WHERE l."id" = ?`,
  ).get(lessonVersionId) as LessonRow | undefined;
  if (!lesson) notFound();
  const paths = [actor.unitPath, ...actor.grants.map((g) => g.unitPath)];
  const visible = !!lesson.publishedVersionId && lesson.courseStatus !== "RETIRED" && paths.some((p) => covers(lesson.ownerPath, p) || covers(p, lesson.ownerPath));
  // A learner keeps access to a version they started even after a newer one is published.
  const started = visible || !!rawQuery(`SELECT 1 FROM "LessonProgress" WHERE "personId" = ? AND "lessonVersionId" = ?`).get(actor.personId, lessonVersionId);
  if (!started) notFound();
  return lesson;
}

/*
 * A lesson version never changes, so its compiled form is kept per version id: the page
 * view then skips hashing the whole source to find it in the compile cache.
 */
const compiledByVersion = new Map<string, Awaited<ReturnType<typeof compileLesson>>>();

async function compiledVersion(lesson: { id: string; source: string }) {
  let compiled = compiledByVersion.get(lesson.id);
  if (!compiled) {
    compiled = await compileLesson(lesson.source);
    if (compiled.ok) compiledByVersion.set(lesson.id, compiled);
  }
  return compiled;
}

export async function learnerLesson(actor: Actor, lessonVersionId: string, locale: Locale) {
  const lesson = lessonForActor(actor, lessonVersionId);
  const compiled = await compiledVersion(lesson);
  if (!compiled.ok) throw new Error(`published lesson ${lesson.id} no longer compiles`);
  const ids = compiled.questionIds;
  const questions = ids.length
    ? (rawQuery(
        `SELECT q."id", v."id" AS versionId, v."content" FROM "Question" q JOIN "QuestionVersion" v ON v."id" = q."latestVersionId" WHERE q."id" IN (${ids.map(() => "?").join(", ")})`,
      ).all(...ids) as { id: string; versionId: string; content: string }[])
    : [];
  const progress = rawQuery(`SELECT "secondsOnTask" FROM "LessonProgress" WHERE "personId" = ? AND "lessonVersionId" = ?`).get(actor.personId, lessonVersionId) as
    | { secondsOnTask: number }
    | undefined;
  const record = rawQuery(`SELECT "creditedHours", "minutes", "completedAt" FROM "LearningRecord" WHERE "personId" = ? AND "lessonVersionId" = ?`).get(actor.personId, lessonVersionId) as
    | { creditedHours: number; minutes: number; completedAt: string }
    | undefined;
  const passed = (
    rawQuery(`SELECT DISTINCT "questionId" FROM "KnowledgeCheckAnswer" WHERE "personId" = ? AND "lessonVersionId" = ? AND "correct" = 1`).all(actor.personId, lessonVersionId) as {
      questionId: string;
    }[]
  ).map((r) => r.questionId);
  const siblings = rawQuery(`SELECT "id", "title", "position" FROM "LessonVersion" WHERE "courseVersionId" = ? ORDER BY "position"`).all(lesson.courseVersionId) as {
    id: string;
    title: string;
    position: number;
  }[];
  const seconds = progress?.secondsOnTask ?? 0;
  return {
    lesson: { id: lesson.id, title: lesson.title, minutes: lesson.minutes, creditHours: lesson.creditHours, position: lesson.position, laws: JSON.parse(lesson.laws) as string[] },
    course: { id: lesson.courseId, title: lesson.courseTitle, version: lesson.courseVersion },
    segments: lessonSegments(lesson.id, locale, compiled.tree),
    questions: Object.fromEntries(questions.map((q) => [q.id, cachedPublicQuestion(q)])),
    passed,
    minutesOnTask: Math.floor(seconds / 60),
    minutesNeeded: minutesStillNeeded(seconds, lesson.minutes),
    blockers: completionBlockers({ secondsOnTask: seconds, estimatedMinutes: lesson.minutes, checksTotal: ids.length, checksPassed: passed.filter((id) => ids.includes(id)).length }),
    record: record ? { creditedHours: record.creditedHours, minutes: record.minutes, completedAt: new Date(record.completedAt) } : null,
    previous: siblings.find((x) => x.position === lesson.position - 1) ?? null,
    next: siblings.find((x) => x.position === lesson.position + 1) ?? null,
  };
}

/** Adds a heartbeat's time to the learner's progress; returns the minutes on task. */
export async function heartbeat(actor: Actor, lessonVersionId: string, beat: Beat): Promise<{ minutesOnTask: number }> {
  const lesson = rawQuery(`SELECT "courseVersionId" FROM "LessonVersion" WHERE "id" = ?`).get(lessonVersionId) as { courseVersionId: string } | undefined;
  if (!lesson) notFound();
  const seconds = await recordBeat({ personId: actor.personId, lessonVersionId, courseVersionId: lesson.courseVersionId, beat });
  return { minutesOnTask: Math.floor(seconds / 60) };
}

function responseFromForm(answer: Answer, form: { choice?: string; choices?: string[]; value?: string; blanks?: string[] }): Response {
  switch (answer.type) {
    case "SINGLE":
      return { type: "SINGLE", choice: form.choice ?? null };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: form.choices ?? [] };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: form.value === "true" ? true : form.value === "false" ? false : null };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: form.blanks ?? [] };
    case "CASE_ANALYSIS":
      return { type: "CASE_ANALYSIS", text: "" };
  }
}

/** Checks a knowledge-check answer on the server and records it. */
export async function answerKnowledgeCheck(
  actor: Actor,
  lessonVersionId: string,
  questionId: string,
  form: { choice?: string; choices?: string[]; value?: string; blanks?: string[] },
) {
  const lesson = lessonForActor(actor, lessonVersionId);
  const compiled = await compiledVersion(lesson);
  if (!compiled.ok || !compiled.questionIds.includes(questionId)) notFound();
  const question = await db.question.findUnique({ where: { id: questionId }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  if (!question) notFound();
  const version = question.versions[0];
  const content = parseContent(version.content);
  const response = responseFromForm(content.answer, form);
  const correct = score(content, response) === 1;
  await write((tx) =>
    tx.knowledgeCheckAnswer.create({
      data: { personId: actor.personId, lessonVersionId, questionId, questionVersionId: version.id, response: JSON.stringify(response), correct },
    }),
  );
  // After an attempt the learner may see why: this is a learning check, not an exam.
  return { correct, explanation: content.explanation };
}

/** Completes a lesson when its conditions are met, posting the learning record once. */
export async function completeLesson(actor: Actor, lessonVersionId: string): Promise<{ ok: true; creditedHours: number } | { ok: false; blockers: string[] }> {
  const view = await learnerLesson(actor, lessonVersionId, "zh-CN"); // only its state is used; segments are cached
  if (view.record) return { ok: true, creditedHours: view.record.creditedHours };
  if (view.blockers.length) return { ok: false, blockers: view.blockers };
  const lesson = await db.lessonVersion.findUniqueOrThrow({ where: { id: lessonVersionId } });
  const result = await write(async (tx) => {
    const progress = await tx.lessonProgress.findUniqueOrThrow({ where: { personId_lessonVersionId: { personId: actor.personId, lessonVersionId } } });
    const existing = await tx.learningRecord.findUnique({ where: { personId_lessonVersionId: { personId: actor.personId, lessonVersionId } } });
    if (existing) return existing;
    // One conversion of minutes into hours for the whole platform: the hours rules in force
    // for this year and the learner's province, capped at the lesson's credit.
    const completedAt = new Date();
    const minutes = Math.floor(progress.secondsOnTask / 60);
    const inForce = await rulesInForce(tx, shanghaiYear(completedAt), actor.unitPath);
    const hours = lessonHours(minutes, lesson.creditHours, inForce.rules);
    const record = await tx.learningRecord.create({
      data: { personId: actor.personId, lessonVersionId, courseVersionId: lesson.courseVersionId, minutes, creditedHours: hours, completedAt },
    });
    await tx.lessonProgress.update({ where: { id: progress.id }, data: { completedAt: record.completedAt } });
    await postLessonRecord(tx, record, lesson, inForce.provincial?.id ?? inForce.national?.id ?? null);
    await audit(tx, actorAudit(actor), { action: "learning.complete", objectType: "LessonVersion", objectId: lessonVersionId, unitId: actor.unitId, after: { minutes: record.minutes, creditedHours: hours } });
    return record;
  });
  return { ok: true, creditedHours: result.creditedHours };
}

/** The "my learning" page: records, lessons in progress and assigned courses. */
export async function myLearning(actor: Actor) {
  const [records, inProgress] = await Promise.all([
    db.learningRecord.findMany({ where: { personId: actor.personId }, orderBy: { completedAt: "desc" }, take: 200 }),
    db.lessonProgress.findMany({ where: { personId: actor.personId, completedAt: null, secondsOnTask: { gt: 0 } }, orderBy: { lastBeatAt: "desc" }, take: 20 }),
  ]);
  const lessonIds = [...new Set([...records.map((r) => r.lessonVersionId), ...inProgress.map((p) => p.lessonVersionId)])];
  const lessons = await db.lessonVersion.findMany({ where: { id: { in: lessonIds } }, include: { courseVersion: { select: { title: true, version: true, courseId: true } } } });
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const year = new Date().getFullYear();
  return {
    records: records.map((r) => ({ ...r, lesson: byId.get(r.lessonVersionId)?.title ?? "", course: byId.get(r.lessonVersionId)?.courseVersion.title ?? "", courseVersion: byId.get(r.lessonVersionId)?.courseVersion.version ?? 0 })),
    inProgress: inProgress.map((p) => ({ lessonVersionId: p.lessonVersionId, minutesOnTask: Math.floor(p.secondsOnTask / 60), lesson: byId.get(p.lessonVersionId)?.title ?? "", course: byId.get(p.lessonVersionId)?.courseVersion.title ?? "" })),
    hoursThisYear: records.filter((r) => r.completedAt.getFullYear() === year).reduce((s, r) => s + r.creditedHours, 0),
  };
}
