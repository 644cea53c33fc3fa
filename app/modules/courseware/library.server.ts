import matter from "gray-matter";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AuditActor } from "~/lib/audit.server";
import { audit } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { compileLesson } from "./compile.server";
import { courseMetaSchema, lessonMetaSchema, type CourseMeta, type LessonMeta } from "./rules";

/*
 * Lesson files (front matter + MDX) and the shipped course library in content/courses.
 * Importing validates every file first; any problem (with file and line) refuses the
 * whole import and the published versions already in the database keep being served.
 */
export type FileProblem = { file: string; line: number; column?: number; message: string; params?: Record<string, string> };

export type ParsedLesson = { meta: LessonMeta; source: string; questionIds: string[]; hash: string };

/** Reads front matter and body of one lesson; compile problems carry file line numbers. */
export async function parseLessonSource(source: string, file = "lesson.mdx", options: { persist?: boolean } = {}): Promise<{ ok: true; lesson: ParsedLesson } | { ok: false; problems: FileProblem[] }> {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object: gray-matter caches results by input otherwise.
    parsed = matter(source, {});
  } catch (error) {
    const e = error as { mark?: { line?: number; column?: number }; reason?: string; message?: string };
    return { ok: false, problems: [{ file, line: (e.mark?.line ?? 0) + 2, message: "courseware.errors.frontMatter", params: { field: "", detail: e.reason ?? e.message ?? "" } }] };
  }
  const meta = lessonMetaSchema.safeParse(parsed.data);
  const problems: FileProblem[] = meta.success
    ? []
    : meta.error.issues.map((i) => ({ file, line: 1, message: /^[A-Za-z]+(\.[A-Za-z]+)+$/.test(i.message) ? i.message : "courseware.errors.frontMatter", params: { field: i.path.join("."), detail: "" } }));
  const compiled = await compileLesson(source, options);
  if (!compiled.ok) problems.push(...compiled.problems.map((p) => ({ file, line: p.line, column: p.column, message: p.message, params: p.params })));
  if (problems.length || !meta.success || !compiled.ok) return { ok: false, problems };
  return { ok: true, lesson: { meta: meta.data, source, questionIds: compiled.questionIds, hash: compiled.hash } };
}

/** Syllabus codes and knowledge-check questions a course refers to must exist. */
async function referenceProblems(file: string, codes: string[], questionIds: string[]): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  if (codes.length) {
    const known = new Set((await db.syllabusTopic.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((t) => t.code));
    for (const code of codes.filter((c) => !known.has(c))) problems.push({ file, line: 1, message: "courseware.errors.unknownTopic", params: { code } });
  }
  if (questionIds.length) {
    const questions = await db.question.findMany({ where: { id: { in: questionIds } }, select: { id: true, type: true, status: true } });
    const byId = new Map(questions.map((q) => [q.id, q]));
    for (const id of questionIds) {
      const q = byId.get(id);
      if (!q || q.status === "RETIRED") problems.push({ file, line: 1, message: "courseware.errors.unknownQuestion", params: { id } });
      else if (q.type === "CASE_ANALYSIS") problems.push({ file, line: 1, message: "courseware.errors.subjectiveQuestion", params: { id } });
    }
  }
  return problems;
}

export type LibraryCourse = { dir: string; meta: CourseMeta; lessons: (ParsedLesson & { file: string })[]; hash: string };

/** Reads and validates the whole library; nothing is written. */
export async function readLibrary(root = path.resolve("content/courses")): Promise<{ courses: LibraryCourse[]; problems: FileProblem[] }> {
  const courses: LibraryCourse[] = [];
  const problems: FileProblem[] = [];
  if (!existsSync(root)) return { courses, problems };
  for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const courseFile = path.join(root, dir, "course.json");
    const rel = (f: string) => path.relative(process.cwd(), f);
    if (!existsSync(courseFile)) {
      problems.push({ file: rel(path.join(root, dir)), line: 0, message: "courseware.errors.noCourseFile" });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(courseFile, "utf8"));
    } catch (error) {
      problems.push({ file: rel(courseFile), line: 1, message: "courseware.errors.courseJson", params: { detail: (error as Error).message } });
      continue;
    }
    const meta = courseMetaSchema.safeParse(raw);
    if (!meta.success) {
      problems.push(...meta.error.issues.map((i) => ({ file: rel(courseFile), line: 1, message: "courseware.errors.courseJson", params: { detail: `${i.path.join(".")}: ${i.message}` } })));
      continue;
    }
    const lessonDir = path.join(root, dir, "lessons");
    const files = existsSync(lessonDir) ? readdirSync(lessonDir).filter((f) => f.endsWith(".mdx")).sort() : [];
    if (files.length === 0) problems.push({ file: rel(lessonDir), line: 0, message: "courseware.errors.noLessons" });
    const lessons: LibraryCourse["lessons"] = [];
    for (const f of files) {
      const file = rel(path.join(lessonDir, f));
      const result = await parseLessonSource(readFileSync(path.join(lessonDir, f), "utf8"), file);
      if (!result.ok) problems.push(...result.problems);
      else {
        problems.push(...(await referenceProblems(file, result.lesson.meta.syllabusCodes, result.lesson.questionIds)));
        lessons.push({ ...result.lesson, file });
      }
    }
    problems.push(...(await referenceProblems(rel(courseFile), meta.data.syllabusCodes, [])));
    const hash = createHash("sha256")
      .update(JSON.stringify(meta.data))
      .update(lessons.map((l) => l.hash).join(","))
      .digest("hex");
    courses.push({ dir, meta: meta.data, lessons, hash });
  }
  return { courses, problems };
}

export type DraftLesson = { title: string; minutes: number; creditHours: number; syllabusCodes: string[]; laws: string[]; notes: string; source: string };

/** Publishes the given content as the course's next immutable version. */
export async function publishVersion(
  tx: Tx,
  courseId: string,
  meta: { title: string; summary: string; audiences: string[]; syllabusCodes: string[] },
  lessons: DraftLesson[],
  publisherId: string | null,
) {
  const course = await tx.course.findUniqueOrThrow({ where: { id: courseId } });
  const version = await tx.courseVersion.create({
    data: {
      courseId,
      version: course.latestVersionNo + 1,
      title: meta.title,
      summary: meta.summary,
      audiences: JSON.stringify(meta.audiences),
      syllabusCodes: JSON.stringify(meta.syllabusCodes),
      creditHours: lessons.reduce((s, l) => s + l.creditHours, 0),
      publishedById: publisherId,
    },
  });
  await tx.lessonVersion.createMany({
    data: lessons.map((l, i) => ({
      courseVersionId: version.id,
      position: i + 1,
      title: l.title,
      minutes: l.minutes,
      creditHours: l.creditHours,
      syllabusCodes: JSON.stringify(l.syllabusCodes),
      laws: JSON.stringify(l.laws),
      notes: l.notes,
      source: l.source,
      sourceHash: createHash("sha256").update(l.source).digest("hex"),
    })),
  });
  await tx.course.update({ where: { id: courseId }, data: { publishedVersionId: version.id, latestVersionNo: version.version, status: "PUBLISHED", submittedById: null } });
  return version;
}

/**
 * Imports content/courses: every file validated first; a course whose content changed
 * gets a new published version (its drafts are replaced by the library text); unchanged
 * courses are left alone.
 */
export async function importLibrary(actor: AuditActor & { userId: string | null }, root?: string) {
  const { courses, problems } = await readLibrary(root);
  if (problems.length) return { ok: false as const, problems };
  const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
  const results: { code: string; version: number | null }[] = [];
  for (const c of courses) {
    const lessons: DraftLesson[] = c.lessons.map((l) => ({ ...l.meta, source: l.source }));
    const meta = { title: c.meta.title, summary: c.meta.summary, audiences: c.meta.audiences, syllabusCodes: c.meta.syllabusCodes };
    const draft = JSON.stringify({ ...meta, libraryHash: c.hash });
    const existing = await db.course.findUnique({ where: { code: c.meta.code } });
    if (existing && (JSON.parse(existing.draft) as { libraryHash?: string }).libraryHash === c.hash && existing.publishedVersionId) {
      results.push({ code: c.meta.code, version: null });
      continue;
    }
    const version = await write(async (tx) => {
      const course =
        existing ??
        (await tx.course.create({ data: { code: c.meta.code, ownerUnitId: national.id, source: "LIBRARY", draft, createdById: actor.userId } }));
      await tx.lessonDraft.deleteMany({ where: { courseId: course.id } });
      await tx.lessonDraft.createMany({
        data: lessons.map((l, i) => ({ courseId: course.id, position: i + 1, title: l.title, minutes: l.minutes, creditHours: l.creditHours, syllabusCodes: JSON.stringify(l.syllabusCodes), source: l.source, updatedById: actor.userId })),
      });
      await tx.course.update({ where: { id: course.id }, data: { draft } });
      const v = await publishVersion(tx, course.id, meta, lessons, actor.userId);
      await audit(tx, actor, { action: "course.publish", objectType: "Course", objectId: course.id, unitId: national.id, after: { code: c.meta.code, version: v.version, source: "library" } });
      return v.version;
    });
    results.push({ code: c.meta.code, version });
  }
  return { ok: true as const, courses: results };
}
