import matter from "gray-matter";
import { createHash } from "node:crypto";
import type { Actor } from "~/lib/actor.server";
import { requireAnyScope, requireScope, unitScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { compileLesson } from "./compile.server";
import type { LessonNode } from "./lesson-tree";
import { parseLessonSource, publishVersion, type DraftLesson } from "./library.server";
import { courseMetaSchema, lessonMetaSchema } from "./rules";

/*
 * Trainer authoring: course drafts written in the browser, review, and publication as
 * immutable versions. Learners only ever see published versions (learn.server.ts); the
 * draft (Course.draft + LessonDraft rows) is the trainers' working copy.
 *
 * Decisions:
 * - A lesson is saved even when its front matter or MDX is invalid, so no work is lost.
 *   Validity is not stored: it is derived from the source whenever it is shown (the
 *   compiler caches valid sources by hash, so this is cheap), and submitting for review
 *   (and approving) refuses while any lesson has a problem.
 * - Any edit to the draft moves the course back to DRAFT: a PUBLISHED course keeps
 *   serving its published version to learners until the next approval; an IN_REVIEW
 *   course is withdrawn from review (the reviewer must see the final text). A save that
 *   changes nothing is not an edit. RETIRED courses are read-only until reinstated.
 * - Four eyes: the reviewer may be neither the person who submitted nor anyone who
 *   changed the draft since the last publication (read from the audit trail).
 * - Optimistic concurrency: every draft edit touches Course.updatedAt; review decisions
 *   and submission claim the course with `updateMany where status and updatedAt match`,
 *   so a decision never applies to text its reviewer did not see. Lesson saves carry the
 *   lesson's updatedAt they started from.
 */

export type CourseStatus = "DRAFT" | "IN_REVIEW" | "PUBLISHED" | "RETIRED";
export type CourseDraftMeta = { title: string; summary: string; audiences: string[]; syllabusCodes: string[] };
/** A problem in a lesson or the course: a dictionary key with its place in the file. */
export type AuthoringProblem = { line: number; column: number | null; message: string; params?: Record<string, string> };
export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; errors?: Record<string, string>; problems?: AuthoringProblem[] };

/** Longest lesson file accepted (the shipped lessons are about 25,000 characters). */
export const MAX_LESSON_CHARS = 200_000;

export const courseCreateSchema = courseMetaSchema.pick({ code: true, title: true, summary: true, audiences: true, syllabusCodes: true });
export const courseUpdateSchema = courseMetaSchema.pick({ title: true, summary: true, audiences: true, syllabusCodes: true });

function parseDraft(json: string): CourseDraftMeta {
  const raw = JSON.parse(json) as Partial<CourseDraftMeta>;
  return { title: raw.title ?? "", summary: raw.summary ?? "", audiences: raw.audiences ?? [], syllabusCodes: raw.syllabusCodes ?? [] };
}

function sha256(text: string) {
  return createHash("sha256").update(text).digest("hex");
}

const issueKey = (message: string, fallback: string) => (/^[A-Za-z]+(\.[A-Za-z]+)+$/.test(message) ? message : fallback);

// ---------------------------------------------------------------------------
// Lesson checks
// ---------------------------------------------------------------------------

/** Line (1-based) of the first line matching `test`, or `fallback`. */
function findLine(source: string, test: (line: string) => boolean, fallback = 1, from = 0, to = Infinity): number {
  const lines = source.split("\n");
  for (let i = from; i < Math.min(lines.length, to); i++) if (test(lines[i])) return i + 1;
  return fallback;
}

/** Number of lines of the front matter block, including both fences (0 when absent). */
function frontMatterEnd(source: string): number {
  const lines = source.split("\n");
  if (lines[0]?.trim() !== "---") return 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === "---") return i + 1;
  return 0;
}

/** Syllabus topics and knowledge-check questions a lesson or course names must exist. */
async function referenceProblems(source: string | null, syllabusCodes: string[], questionIds: string[]): Promise<AuthoringProblem[]> {
  const problems: AuthoringProblem[] = [];
  const fmEnd = source ? frontMatterEnd(source) : 0;
  if (syllabusCodes.length) {
    const known = new Set((await db.syllabusTopic.findMany({ where: { code: { in: syllabusCodes }, retiredAt: null }, select: { code: true } })).map((t) => t.code));
    for (const code of syllabusCodes.filter((c) => !known.has(c))) {
      const line = source ? findLine(source, (l) => l.includes(code), 1, 0, fmEnd || Infinity) : 0;
      problems.push({ line, column: null, message: "courseware.errors.unknownTopic", params: { code } });
    }
  }
  if (questionIds.length) {
    const questions = await db.question.findMany({ where: { id: { in: questionIds } }, select: { id: true, type: true, status: true } });
    const byId = new Map(questions.map((q) => [q.id, q]));
    for (const id of questionIds) {
      const q = byId.get(id);
      const line = source ? findLine(source, (l) => l.includes(`"${id}"`) || l.includes(`'${id}'`), 1, fmEnd) : 0;
      if (!q || q.status === "RETIRED") problems.push({ line, column: null, message: "courseware.errors.unknownQuestion", params: { id } });
      else if (q.type === "CASE_ANALYSIS") problems.push({ line, column: null, message: "courseware.errors.subjectiveQuestion", params: { id } });
    }
  }
  return problems;
}

export type LessonCheck =
  | { ok: true; lesson: DraftLesson; questionIds: string[]; problems: [] }
  | { ok: false; problems: AuthoringProblem[] };

/**
 * Everything that must hold before a lesson can be published: front matter, the MDX
 * rules, and references to syllabus topics and questions. Problems carry file lines.
 */
export async function checkLesson(source: string, options: { persist?: boolean } = {}): Promise<LessonCheck> {
  if (source.length > MAX_LESSON_CHARS) return { ok: false, problems: [{ line: 1, column: null, message: "authoring.errors.lessonTooLong", params: { max: String(MAX_LESSON_CHARS) } }] };
  const parsed = await parseLessonSource(source, "lesson.mdx", options);
  if (!parsed.ok) {
    const fmEnd = frontMatterEnd(source);
    const problems = parsed.problems.map((p): AuthoringProblem => {
      // Front-matter field problems come back on line 1: point at the field's own line.
      const field = p.params?.field?.split(".")[0];
      const line = field && p.line === 1 && fmEnd ? findLine(source, (l) => l.startsWith(`${field}:`), 1, 1, fmEnd) : p.line;
      return { line, column: p.column ?? null, message: p.message, params: p.params };
    });
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)) };
  }
  const { meta, questionIds } = parsed.lesson;
  const problems = await referenceProblems(source, meta.syllabusCodes, questionIds);
  if (problems.length) return { ok: false, problems };
  return { ok: true, lesson: { ...meta, source }, questionIds, problems: [] };
}

export type PreviewResult = { ok: boolean; tree: LessonNode[] | null; problems: AuthoringProblem[]; title: string | null };

/**
 * The live preview: the rendered tree whenever the MDX compiles (even if, say, the front
 * matter still has a problem), and every problem with its line and column.
 */
export async function previewLesson(source: string): Promise<PreviewResult> {
  const checked = await checkLesson(source, { persist: false });
  let tree: LessonNode[] | null = null;
  if (source.length <= MAX_LESSON_CHARS) {
    const compiled = await compileLesson(source, { persist: false });
    if (compiled.ok) tree = compiled.tree;
  }
  return { ok: checked.ok, tree, problems: checked.problems, title: mirroredMeta(source, null).title || null };
}

/**
 * The list columns a lesson row mirrors from its front matter, read leniently so that a
 * lesson with an invalid front matter can still be saved (keeping `previous` values).
 */
function mirroredMeta(source: string, previous: { title: string; minutes: number; creditHours: number; syllabusCodes: string } | null) {
  let data: Record<string, unknown> = {};
  try {
    data = matter(source, {}).data as Record<string, unknown>;
  } catch {
    // Invalid YAML: keep what we had.
  }
  const fields = lessonMetaSchema.shape;
  const title = fields.title.safeParse(data.title);
  const minutes = fields.minutes.safeParse(data.minutes);
  const creditHours = fields.creditHours.safeParse(data.creditHours);
  const syllabusCodes = fields.syllabusCodes.safeParse(data.syllabusCodes);
  return {
    title: title.success ? title.data : typeof data.title === "string" && data.title.trim() ? data.title.trim().slice(0, 100) : (previous?.title ?? ""),
    minutes: minutes.success ? minutes.data : (previous?.minutes ?? 0),
    creditHours: creditHours.success ? creditHours.data : (previous?.creditHours ?? 0),
    syllabusCodes: syllabusCodes.success ? JSON.stringify(syllabusCodes.data) : (previous?.syllabusCodes ?? "[]"),
  };
}

/** A new lesson file: front matter with the title, and a starting outline. */
export function lessonTemplate(title: string, headings: string[]): string {
  return ["---", `title: ${JSON.stringify(title)}`, "minutes: 45", "creditHours: 1", "syllabusCodes: []", "laws: []", "---", "", ...headings.flatMap((h) => [`## ${h}`, "", ""])].join("\n");
}

// ---------------------------------------------------------------------------
// Loading and authorising
// ---------------------------------------------------------------------------

async function loadCourse(id: string) {
  const course = await db.course.findUnique({ where: { id }, include: { ownerUnit: { select: { id: true, path: true, name: true } } } });
  if (!course) notFound();
  return course;
}
type LoadedCourse = Awaited<ReturnType<typeof loadCourse>>;

/** 404 unless the actor may author the course's unit. */
async function courseForAuthor(actor: Actor, id: string) {
  const course = await loadCourse(id);
  requireScope(actor, "course.author", course.ownerUnit.path);
  return course;
}

/** Any edit to the draft: a PUBLISHED or IN_REVIEW course goes back to DRAFT. */
function statusAfterEdit(status: string): CourseStatus | null {
  if (status === "RETIRED") return null;
  return "DRAFT";
}

/**
 * Claims the course for an edit inside the transaction: only if its status is still what
 * we read (a submission or decision meanwhile wins); moves it to DRAFT and touches
 * updatedAt, which makes any review decision based on an earlier read fail its claim.
 * Two authors saving different lessons do not conflict; the same lesson does (its own
 * updatedAt is checked).
 */
async function claimForEdit(tx: Tx, course: LoadedCourse, extra: { draft?: string } = {}): Promise<boolean> {
  const claimed = await tx.course.updateMany({
    where: { id: course.id, status: course.status },
    data: { status: "DRAFT", submittedById: null, updatedAt: new Date(), ...extra },
  });
  return claimed.count === 1;
}

const CHANGED = { ok: false as const, error: "authoring.errors.changedMeanwhile" };
const READ_ONLY = { ok: false as const, error: "authoring.errors.retiredReadOnly" };

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

/** Courses the actor authors or reviews, with status, latest version and unpublished changes. */
export async function listAuthorCourses(actor: Actor) {
  requireAnyAuthoring(actor);
  const courses = await db.course.findMany({
    where: { OR: [{ ownerUnit: unitScope(actor, "course.author") }, { ownerUnit: unitScope(actor, "course.review") }] },
    include: {
      ownerUnit: { select: { name: true, path: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, publishedAt: true } },
      _count: { select: { lessonDrafts: true } },
    },
    orderBy: [{ updatedAt: "desc" }],
    take: 500,
  });
  return courses.map((c) => {
    const draft = parseDraft(c.draft);
    return {
      id: c.id,
      code: c.code,
      title: draft.title,
      status: c.status as CourseStatus,
      source: c.source,
      unitName: c.ownerUnit.name,
      lessons: c._count.lessonDrafts,
      latestVersion: c.versions[0] ? { version: c.versions[0].version, publishedAt: c.versions[0].publishedAt } : null,
      // Edits move a published course to DRAFT and no-op saves are skipped, so a course
      // with a published version that is not PUBLISHED (or RETIRED) has unpublished changes.
      draftDiffers: !!c.publishedVersionId && (c.status === "DRAFT" || c.status === "IN_REVIEW"),
      updatedAt: c.updatedAt,
      canAuthor: can(actor, "course.author", c.ownerUnit.path),
    };
  });
}

/** 404 unless the actor authors or reviews courses somewhere (the authoring pages). */
export function requireAnyAuthoring(actor: Actor) {
  if (scopePaths(actor, "course.author").length === 0 && scopePaths(actor, "course.review").length === 0) notFound();
}

/** Courses waiting for the actor's review, excluding those the actor submitted. */
export async function courseReviewQueue(actor: Actor) {
  requireAnyScope(actor, "course.review");
  const courses = await db.course.findMany({
    where: { status: "IN_REVIEW", ownerUnit: unitScope(actor, "course.review"), NOT: { submittedById: actor.userId } },
    include: { ownerUnit: { select: { name: true } }, _count: { select: { lessonDrafts: true } } },
    orderBy: { updatedAt: "asc" },
    take: 200,
  });
  const names = await userNames(courses.map((c) => c.submittedById));
  return courses.map((c) => ({
    id: c.id,
    code: c.code,
    title: parseDraft(c.draft).title,
    unitName: c.ownerUnit.name,
    lessons: c._count.lessonDrafts,
    latestVersionNo: c.latestVersionNo,
    submittedBy: c.submittedById ? (names.get(c.submittedById) ?? "") : "",
    submittedAt: c.updatedAt,
  }));
}

async function userNames(ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((v): v is string => !!v))];
  const users = unique.length ? await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, person: { select: { name: true, staffNo: true } } } }) : [];
  return new Map(users.map((u) => [u.id, `${u.person.name}（${u.person.staffNo}）`]));
}

// ---------------------------------------------------------------------------
// One course
// ---------------------------------------------------------------------------

/** The unit a new course belongs to: the highest unit where the actor authors courses. */
async function authoringHomeUnit(actor: Actor) {
  const paths = scopePaths(actor, "course.author");
  if (paths.length === 0) notFound();
  const highest = [...paths].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))[0];
  return db.orgUnit.findUniqueOrThrow({ where: { path: highest }, select: { id: true, path: true, name: true } });
}

export type CourseInput = { code: string; title: string; summary: string; audiences: string[]; syllabusCodes: string[] };

export async function createCourse(actor: Actor, input: CourseInput): Promise<Result<{ id: string }>> {
  const unit = await authoringHomeUnit(actor);
  const parsed = courseCreateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "authoring.errors.invalidCourse", errors: fieldErrors(parsed.error.issues) };
  const unknown = await referenceProblems(null, parsed.data.syllabusCodes, []);
  if (unknown.length) return { ok: false, error: "authoring.errors.invalidCourse", errors: { syllabusCodes: "authoring.errors.unknownTopics" }, problems: unknown };
  const { code, ...meta } = parsed.data;
  try {
    const id = await write(async (tx) => {
      const course = await tx.course.create({ data: { code, ownerUnitId: unit.id, source: "AUTHORED", status: "DRAFT", draft: JSON.stringify(meta), createdById: actor.userId } });
      await audit(tx, actorAudit(actor), { action: "course.create", objectType: "Course", objectId: course.id, unitId: unit.id, after: { code, ...meta } });
      return course.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "authoring.errors.invalidCourse", errors: { code: "authoring.errors.codeTaken" } };
    throw error;
  }
}

/** Reads the course form: audiences are checkboxes, topic codes a space/comma separated list. */
export function courseInputFromForm(form: FormData): CourseInput {
  return {
    code: String(form.get("code") ?? "").trim(),
    title: String(form.get("title") ?? ""),
    summary: String(form.get("summary") ?? ""),
    audiences: form.getAll("audiences").map(String),
    syllabusCodes: [...new Set(String(form.get("syllabusCodes") ?? "").split(/[\s,，;；、]+/).filter(Boolean))],
  };
}

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[String(i.path[0] ?? "form")] ??= issueKey(i.message, "errors.invalid");
  return errors;
}

/** Course draft, lessons with their validity, versions, reviews and what the actor may do. */
export async function getCourseDraft(actor: Actor, id: string) {
  const course = await loadCourse(id);
  const canAuthor = can(actor, "course.author", course.ownerUnit.path);
  const canReview = can(actor, "course.review", course.ownerUnit.path);
  if (!canAuthor && !canReview) notFound();
  const [lessons, versions, reviews, published] = await Promise.all([
    db.lessonDraft.findMany({ where: { courseId: id }, orderBy: { position: "asc" } }),
    db.courseVersion.findMany({ where: { courseId: id }, orderBy: { version: "desc" }, include: { lessons: { orderBy: { position: "asc" }, select: { id: true, title: true, position: true, creditHours: true } } } }),
    db.courseReview.findMany({ where: { courseId: id }, orderBy: { createdAt: "desc" } }),
    course.publishedVersionId ? db.lessonVersion.findMany({ where: { courseVersionId: course.publishedVersionId }, orderBy: { position: "asc" }, select: { sourceHash: true } }) : Promise.resolve([]),
  ]);
  const checks = await Promise.all(lessons.map((l) => checkLesson(l.source)));
  const names = await userNames([course.submittedById, course.createdById, ...reviews.map((r) => r.reviewerId), ...versions.map((v) => v.publishedById), ...lessons.map((l) => l.updatedById)]);
  const draft = parseDraft(course.draft);
  const publishedVersion = versions.find((v) => v.id === course.publishedVersionId) ?? null;
  const publishedHashes = published.map((p) => p.sourceHash);
  const lessonHashes = lessons.map((l) => sha256(l.source));
  const metaChanged =
    !!publishedVersion &&
    (publishedVersion.title !== draft.title ||
      publishedVersion.summary !== draft.summary ||
      publishedVersion.audiences !== JSON.stringify(draft.audiences) ||
      publishedVersion.syllabusCodes !== JSON.stringify(draft.syllabusCodes));
  const lessonsChanged = !!publishedVersion && JSON.stringify(publishedHashes) !== JSON.stringify(lessonHashes);
  const status = course.status as CourseStatus;
  const allValid = lessons.length > 0 && checks.every((c) => c.ok);
  const selfReview = course.status === "IN_REVIEW" && (course.submittedById === actor.userId || (await editedSincePublication(actor, course.id)));
  return {
    id: course.id,
    code: course.code,
    status,
    source: course.source,
    unit: { id: course.ownerUnit.id, name: course.ownerUnit.name },
    meta: draft,
    updatedAt: course.updatedAt,
    createdBy: course.createdById ? (names.get(course.createdById) ?? "") : "",
    submittedBy: course.submittedById ? (names.get(course.submittedById) ?? "") : "",
    creditHours: lessons.reduce((s, l) => s + l.creditHours, 0),
    lessons: lessons.map((l, i) => ({
      id: l.id,
      position: l.position,
      title: l.title,
      minutes: l.minutes,
      creditHours: l.creditHours,
      updatedAt: l.updatedAt,
      updatedBy: l.updatedById ? (names.get(l.updatedById) ?? "") : "",
      valid: checks[i].ok,
      problems: checks[i].problems.length,
      /** Compared with the published lesson at the same position: SAME, CHANGED or NEW; null when never published. */
      published: publishedVersion ? (i >= publishedHashes.length ? "NEW" : publishedHashes[i] === lessonHashes[i] ? "SAME" : "CHANGED") : null,
    })),
    draftDiffers: !!publishedVersion && (metaChanged || lessonsChanged),
    metaChanged,
    /** How many fewer lessons the draft has than the published version. */
    removedSincePublished: Math.max(0, publishedHashes.length - lessonHashes.length),
    publishedVersionNo: publishedVersion?.version ?? null,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      title: v.title,
      creditHours: v.creditHours,
      publishedAt: v.publishedAt,
      publishedBy: v.publishedById ? (names.get(v.publishedById) ?? "") : "",
      current: v.id === course.publishedVersionId,
      lessons: v.lessons,
    })),
    reviews: reviews.map((r) => ({ id: r.id, decision: r.decision as "APPROVED" | "RETURNED", comment: r.comment, createdAt: r.createdAt, reviewer: names.get(r.reviewerId) ?? "" })),
    permissions: {
      edit: canAuthor && status !== "RETIRED",
      submit: canAuthor && status === "DRAFT" && allValid,
      /** Shown to explain why submit is not offered. */
      submitBlocked: canAuthor && status === "DRAFT" && !allValid,
      review: canReview && status === "IN_REVIEW" && !selfReview,
      selfReview: canReview && status === "IN_REVIEW" && selfReview,
      retire: status !== "RETIRED" && (canReview || (canAuthor && !course.publishedVersionId)),
      reinstate: status === "RETIRED" && (canReview || (canAuthor && !course.publishedVersionId)),
    },
  };
}

export async function updateCourseMeta(actor: Actor, id: string, input: Omit<CourseInput, "code">): Promise<Result> {
  const course = await courseForAuthor(actor, id);
  if (!statusAfterEdit(course.status)) return READ_ONLY;
  const parsed = courseUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "authoring.errors.invalidCourse", errors: fieldErrors(parsed.error.issues) };
  const unknown = await referenceProblems(null, parsed.data.syllabusCodes, []);
  if (unknown.length) return { ok: false, error: "authoring.errors.invalidCourse", errors: { syllabusCodes: "authoring.errors.unknownTopics" }, problems: unknown };
  const before = parseDraft(course.draft);
  const after: CourseDraftMeta = parsed.data;
  if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true };
  // Keep keys other modules store in the draft (the library's content hash).
  const draft = JSON.stringify({ ...(JSON.parse(course.draft) as object), ...after });
  const saved = await write(async (tx) => {
    if (!(await claimForEdit(tx, course, { draft }))) return false;
    await audit(tx, actorAudit(actor), { action: "course.edit", objectType: "Course", objectId: id, unitId: course.ownerUnitId, before: { ...before, status: course.status }, after: { ...after, status: "DRAFT" } });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

// ---------------------------------------------------------------------------
// Lessons
// ---------------------------------------------------------------------------

/** Adds a lesson at the end. The source is saved even if invalid; the problems come back. */
export async function addLesson(actor: Actor, courseId: string, source: string): Promise<Result<{ id: string; problems: AuthoringProblem[] }>> {
  const course = await courseForAuthor(actor, courseId);
  if (!statusAfterEdit(course.status)) return READ_ONLY;
  if (source.length > MAX_LESSON_CHARS) return { ok: false, error: "authoring.errors.lessonTooLong" };
  const checked = await checkLesson(source);
  const mirrored = mirroredMeta(source, null);
  const id = await write(async (tx) => {
    if (!(await claimForEdit(tx, course))) return null;
    const last = await tx.lessonDraft.findFirst({ where: { courseId }, orderBy: { position: "desc" }, select: { position: true } });
    const lesson = await tx.lessonDraft.create({ data: { courseId, position: (last?.position ?? 0) + 1, ...mirrored, source, updatedById: actor.userId } });
    await audit(tx, actorAudit(actor), {
      action: "course.lesson.add",
      objectType: "Course",
      objectId: courseId,
      unitId: course.ownerUnitId,
      before: { status: course.status },
      after: { lessonId: lesson.id, title: mirrored.title, position: lesson.position, valid: checked.ok, hash: sha256(source), status: "DRAFT" },
    });
    return lesson.id;
  });
  return id ? { ok: true, id, problems: checked.problems } : CHANGED;
}

async function lessonForAuthor(actor: Actor, lessonDraftId: string) {
  const lesson = await db.lessonDraft.findUnique({ where: { id: lessonDraftId } });
  if (!lesson) notFound();
  const course = await courseForAuthor(actor, lesson.courseId);
  return { lesson, course };
}

/** A lesson draft for the editor (authors edit it; reviewers read it). */
export async function getLessonDraft(actor: Actor, lessonDraftId: string) {
  const lesson = await db.lessonDraft.findUnique({ where: { id: lessonDraftId } });
  if (!lesson) notFound();
  const course = await loadCourse(lesson.courseId);
  const canAuthor = can(actor, "course.author", course.ownerUnit.path);
  if (!canAuthor && !can(actor, "course.review", course.ownerUnit.path)) notFound();
  const siblings = await db.lessonDraft.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true, position: true, title: true } });
  return {
    lesson: { id: lesson.id, position: lesson.position, title: lesson.title, source: lesson.source, updatedAt: lesson.updatedAt },
    course: { id: course.id, code: course.code, title: parseDraft(course.draft).title, status: course.status as CourseStatus },
    canEdit: canAuthor && course.status !== "RETIRED",
    previous: siblings.filter((s) => s.position < lesson.position).at(-1) ?? null,
    next: siblings.find((s) => s.position > lesson.position) ?? null,
  };
}

/**
 * Saves a lesson's whole file. Saved even when invalid (problems are returned, submit is
 * refused until they are fixed). `expectedUpdatedAt`, when given, refuses to overwrite
 * someone else's save made since the editor loaded the lesson.
 */
export async function updateLesson(
  actor: Actor,
  lessonDraftId: string,
  source: string,
  expectedUpdatedAt?: Date | string | null,
): Promise<Result<{ problems: AuthoringProblem[]; updatedAt: Date; changed: boolean }>> {
  const { lesson, course } = await lessonForAuthor(actor, lessonDraftId);
  if (!statusAfterEdit(course.status)) return READ_ONLY;
  if (source.length > MAX_LESSON_CHARS) return { ok: false, error: "authoring.errors.lessonTooLong" };
  if (expectedUpdatedAt && new Date(expectedUpdatedAt).getTime() !== lesson.updatedAt.getTime()) return CHANGED;
  const checked = await checkLesson(source);
  if (source === lesson.source) return { ok: true, problems: checked.problems, updatedAt: lesson.updatedAt, changed: false };
  const mirrored = mirroredMeta(source, lesson);
  const updatedAt = await write(async (tx) => {
    const claimed = await tx.lessonDraft.updateMany({ where: { id: lesson.id, updatedAt: lesson.updatedAt }, data: { ...mirrored, source, updatedById: actor.userId } });
    if (claimed.count !== 1 || !(await claimForEdit(tx, course))) throw new ChangedMeanwhile();
    await audit(tx, actorAudit(actor), {
      action: "course.lesson.edit",
      objectType: "Course",
      objectId: course.id,
      unitId: course.ownerUnitId,
      before: { lessonId: lesson.id, title: lesson.title, hash: sha256(lesson.source), status: course.status },
      after: { lessonId: lesson.id, title: mirrored.title, hash: sha256(source), valid: checked.ok, status: "DRAFT" },
    });
    return (await tx.lessonDraft.findUniqueOrThrow({ where: { id: lesson.id }, select: { updatedAt: true } })).updatedAt;
  }).catch((error: unknown) => {
    if (error instanceof ChangedMeanwhile) return null;
    throw error;
  });
  return updatedAt ? { ok: true, problems: checked.problems, updatedAt, changed: true } : CHANGED;
}

/** Thrown inside write() to roll back a half-claimed edit. */
class ChangedMeanwhile extends Error {}

/** Moves a lesson one place up or down. */
export async function moveLesson(actor: Actor, lessonDraftId: string, direction: "up" | "down"): Promise<Result> {
  const { lesson, course } = await lessonForAuthor(actor, lessonDraftId);
  if (!statusAfterEdit(course.status)) return READ_ONLY;
  const siblings = await db.lessonDraft.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true, position: true } });
  const index = siblings.findIndex((s) => s.id === lesson.id);
  const other = siblings[direction === "up" ? index - 1 : index + 1];
  if (!other) return { ok: true };
  const order = siblings.map((s) => s.id);
  [order[index], order[siblings.indexOf(other)]] = [order[siblings.indexOf(other)], order[index]];
  const saved = await write(async (tx) => {
    if (!(await claimForEdit(tx, course))) return false;
    await renumber(tx, order);
    await audit(tx, actorAudit(actor), {
      action: "course.lesson.move",
      objectType: "Course",
      objectId: course.id,
      unitId: course.ownerUnitId,
      before: { lessonId: lesson.id, position: index + 1, status: course.status },
      after: { lessonId: lesson.id, position: order.indexOf(lesson.id) + 1, status: "DRAFT" },
    });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

async function renumber(tx: Tx, order: string[]) {
  for (const [i, id] of order.entries()) await tx.lessonDraft.update({ where: { id }, data: { position: i + 1 } });
}

/** Removes a lesson from the draft. Published versions keep their copy. */
export async function removeLesson(actor: Actor, lessonDraftId: string): Promise<Result> {
  const { lesson, course } = await lessonForAuthor(actor, lessonDraftId);
  if (!statusAfterEdit(course.status)) return READ_ONLY;
  const saved = await write(async (tx) => {
    if (!(await claimForEdit(tx, course))) return false;
    await tx.lessonDraft.delete({ where: { id: lesson.id } });
    const rest = await tx.lessonDraft.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true } });
    await renumber(tx, rest.map((r) => r.id));
    await audit(tx, actorAudit(actor), {
      action: "course.lesson.remove",
      objectType: "Course",
      objectId: course.id,
      unitId: course.ownerUnitId,
      before: { lessonId: lesson.id, title: lesson.title, position: lesson.position, hash: sha256(lesson.source), status: course.status },
      after: { status: "DRAFT" },
    });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

// ---------------------------------------------------------------------------
// Review and publication
// ---------------------------------------------------------------------------

/** Every lesson checked; the course must have at least one and none may have a problem. */
async function publishableLessons(courseId: string): Promise<{ ok: true; lessons: DraftLesson[] } | { ok: false; error: string; problems?: AuthoringProblem[] }> {
  const drafts = await db.lessonDraft.findMany({ where: { courseId }, orderBy: { position: "asc" } });
  if (drafts.length === 0) return { ok: false, error: "authoring.errors.noLessons" };
  const lessons: DraftLesson[] = [];
  for (const d of drafts) {
    const checked = await checkLesson(d.source);
    if (!checked.ok) return { ok: false, error: "authoring.errors.invalidLessons", problems: checked.problems };
    lessons.push(checked.lesson);
  }
  return { ok: true, lessons };
}

export async function submitForReview(actor: Actor, id: string): Promise<Result> {
  const course = await courseForAuthor(actor, id);
  if (course.status !== "DRAFT") return { ok: false, error: "authoring.errors.notDraft" };
  const meta = courseUpdateSchema.safeParse(parseDraft(course.draft));
  if (!meta.success) return { ok: false, error: "authoring.errors.invalidCourse" };
  const ready = await publishableLessons(id);
  if (!ready.ok) return ready;
  const saved = await write(async (tx) => {
    const claimed = await tx.course.updateMany({ where: { id, status: "DRAFT", updatedAt: course.updatedAt }, data: { status: "IN_REVIEW", submittedById: actor.userId } });
    if (claimed.count !== 1) return false;
    await audit(tx, actorAudit(actor), { action: "course.submit", objectType: "Course", objectId: id, unitId: course.ownerUnitId, before: { status: "DRAFT" }, after: { status: "IN_REVIEW", lessons: ready.lessons.length } });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

const EDIT_ACTIONS = ["course.create", "course.edit", "course.lesson.add", "course.lesson.edit", "course.lesson.move", "course.lesson.remove"];

/**
 * Whether the actor changed the draft (course details or any lesson) since the course was
 * last published. Read from the audit trail, which records every edit with its author.
 */
async function editedSincePublication(actor: Actor, courseId: string): Promise<boolean> {
  const lastPublish = await db.auditEvent.findFirst({ where: { objectType: "Course", objectId: courseId, action: "course.publish" }, orderBy: { id: "desc" }, select: { id: true } });
  const edit = await db.auditEvent.findFirst({
    where: { objectType: "Course", objectId: courseId, actorId: actor.userId, action: { in: EDIT_ACTIONS }, id: { gt: lastPublish?.id ?? 0 } },
    select: { id: true },
  });
  return !!edit;
}

/** Reviewer checks shared by approve and return. */
async function courseForReviewer(reviewer: Actor, id: string) {
  const course = await loadCourse(id);
  requireScope(reviewer, "course.review", course.ownerUnit.path);
  if (course.status !== "IN_REVIEW") return { ok: false as const, error: "authoring.errors.notInReview" };
  if (course.submittedById === reviewer.userId || (await editedSincePublication(reviewer, id))) return { ok: false as const, error: "authoring.errors.selfReview" };
  return { ok: true as const, course };
}

/** Approves the draft under review and publishes it as the course's next version. */
export async function approveAndPublish(reviewer: Actor, id: string, comment = ""): Promise<Result<{ version: number }>> {
  const checked = await courseForReviewer(reviewer, id);
  if (!checked.ok) return checked;
  const { course } = checked;
  const meta = courseUpdateSchema.safeParse(parseDraft(course.draft));
  if (!meta.success) return { ok: false, error: "authoring.errors.invalidCourse" };
  const ready = await publishableLessons(id);
  if (!ready.ok) return ready;
  const version = await write(async (tx) => {
    // Claim: still in review and untouched since we read it (any draft edit moves updatedAt).
    const claimed = await tx.course.updateMany({ where: { id, status: "IN_REVIEW", updatedAt: course.updatedAt }, data: { status: "PUBLISHED" } });
    if (claimed.count !== 1) return null;
    const v = await publishVersion(tx, id, meta.data, ready.lessons, reviewer.userId);
    await tx.courseReview.create({ data: { courseId: id, reviewerId: reviewer.userId, decision: "APPROVED", comment: comment.trim() } });
    await audit(tx, actorAudit(reviewer), {
      action: "course.publish",
      objectType: "Course",
      objectId: id,
      unitId: course.ownerUnitId,
      before: { status: "IN_REVIEW", version: course.latestVersionNo || null },
      after: { status: "PUBLISHED", version: v.version, versionId: v.id, lessons: ready.lessons.length, creditHours: v.creditHours, comment: comment.trim() || undefined },
    });
    return v.version;
  });
  return version ? { ok: true, version } : CHANGED;
}

/** Sends the draft back to its authors with a comment (required). */
export async function returnForChanges(reviewer: Actor, id: string, comment: string): Promise<Result> {
  const checked = await courseForReviewer(reviewer, id);
  if (!checked.ok) return checked;
  const { course } = checked;
  if (comment.trim().length < 2) return { ok: false, error: "authoring.errors.commentRequired" };
  const saved = await write(async (tx) => {
    const claimed = await tx.course.updateMany({ where: { id, status: "IN_REVIEW", updatedAt: course.updatedAt }, data: { status: "DRAFT", submittedById: null } });
    if (claimed.count !== 1) return false;
    await tx.courseReview.create({ data: { courseId: id, reviewerId: reviewer.userId, decision: "RETURNED", comment: comment.trim() } });
    await audit(tx, actorAudit(reviewer), { action: "course.return", objectType: "Course", objectId: id, unitId: course.ownerUnitId, before: { status: "IN_REVIEW" }, after: { status: "DRAFT", comment: comment.trim() } });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

/**
 * Retires a course: learners no longer find it (records already earned stay). Reviewers
 * may retire any course in scope; authors only one that was never published.
 */
export async function retireCourse(actor: Actor, id: string): Promise<Result> {
  const course = await loadCourse(id);
  const allowed = retireAllowed(actor, course);
  if (!allowed.ok) return allowed;
  if (course.status === "RETIRED") return { ok: false, error: "authoring.errors.alreadyRetired" };
  const saved = await write(async (tx) => {
    const claimed = await tx.course.updateMany({ where: { id, status: course.status, updatedAt: course.updatedAt }, data: { status: "RETIRED", retiredAt: new Date(), submittedById: null } });
    if (claimed.count !== 1) return false;
    await audit(tx, actorAudit(actor), { action: "course.retire", objectType: "Course", objectId: id, unitId: course.ownerUnitId, before: { status: course.status }, after: { status: "RETIRED" } });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

/**
 * Undoes a retirement. The published version (if any) is served again; the course is
 * PUBLISHED when its draft is that version, otherwise DRAFT.
 */
export async function reinstateCourse(actor: Actor, id: string): Promise<Result> {
  const course = await loadCourse(id);
  const allowed = retireAllowed(actor, course);
  if (!allowed.ok) return allowed;
  if (course.status !== "RETIRED") return { ok: false, error: "authoring.errors.notRetired" };
  const status: CourseStatus = (await draftMatchesPublished(course)) ? "PUBLISHED" : "DRAFT";
  const saved = await write(async (tx) => {
    const claimed = await tx.course.updateMany({ where: { id, status: "RETIRED", updatedAt: course.updatedAt }, data: { status, retiredAt: null } });
    if (claimed.count !== 1) return false;
    await audit(tx, actorAudit(actor), { action: "course.reinstate", objectType: "Course", objectId: id, unitId: course.ownerUnitId, before: { status: "RETIRED" }, after: { status } });
    return true;
  });
  return saved ? { ok: true } : CHANGED;
}

function retireAllowed(actor: Actor, course: LoadedCourse): Result {
  if (can(actor, "course.review", course.ownerUnit.path)) return { ok: true };
  requireScope(actor, "course.author", course.ownerUnit.path);
  return course.publishedVersionId ? { ok: false, error: "authoring.errors.retireNeedsReviewer" } : { ok: true };
}

async function draftMatchesPublished(course: LoadedCourse): Promise<boolean> {
  if (!course.publishedVersionId) return false;
  const [version, drafts] = await Promise.all([
    db.courseVersion.findUniqueOrThrow({ where: { id: course.publishedVersionId }, include: { lessons: { orderBy: { position: "asc" }, select: { sourceHash: true } } } }),
    db.lessonDraft.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { source: true } }),
  ]);
  const draft = parseDraft(course.draft);
  return (
    version.title === draft.title &&
    version.summary === draft.summary &&
    version.audiences === JSON.stringify(draft.audiences) &&
    version.syllabusCodes === JSON.stringify(draft.syllabusCodes) &&
    JSON.stringify(version.lessons.map((l) => l.sourceHash)) === JSON.stringify(drafts.map((d) => sha256(d.source)))
  );
}
