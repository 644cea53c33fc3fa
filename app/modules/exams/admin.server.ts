import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { covers, scopePaths } from "~/modules/access/rules";
import { currentSyllabus } from "~/modules/syllabus/syllabus.server";
import { versionContent } from "./attempts.server";
import { drawFromPrepared, drawPaper, PaperShortError, type Availability } from "./draw";
import { examFormChoices, examFormValues, getExam, type ExamView } from "./exams.server";
import { livePool, preparedPool, previewAvailability } from "./papers.server";
import { toShanghaiWallClock } from "./rules";

/*
 * What the exam administration pages need beyond exams.server.ts: the blueprint's
 * availability against the bank (live for a draft, the frozen pool once published), a
 * sample paper for a seed (stems only, never answers), and the form's choices and values.
 */

async function topicNames(codes: string[]): Promise<Record<string, string>> {
  const syllabus = await currentSyllabus();
  if (!syllabus || !codes.length) return {};
  const rows = await db.syllabusTopic.findMany({ where: { syllabusId: syllabus.id, code: { in: [...new Set(codes)] } }, select: { code: true, name: true } });
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** The pool's availability for the exam's cells: what publishing would check (draft) or what was frozen (published). */
async function examAvailability(exam: ExamView, unitPath: string): Promise<{ source: "LIVE" | "FROZEN"; availability: Availability }> {
  if (exam.status === "PUBLISHED") return { source: "FROZEN", availability: preparedPool(exam.id, exam.cells).availability };
  return { source: "LIVE", availability: await previewAvailability(unitPath, exam.cells) };
}

async function unitPathOf(exam: ExamView): Promise<string> {
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: exam.unit.id }, select: { path: true } });
  return unit.path;
}

/** The exam detail page: settings, cells with availability, eligibility spelled out. */
export async function examDetail(actor: Actor, id: string) {
  const exam = await getExam(actor, id);
  const unitPath = await unitPathOf(exam);
  const [{ source, availability }, names, units, people, courses, attempts] = await Promise.all([
    examAvailability(exam, unitPath),
    topicNames(exam.cells.map((c) => c.topicCode)),
    exam.eligibility.unitIds.length ? db.orgUnit.findMany({ where: { id: { in: exam.eligibility.unitIds } }, select: { id: true, name: true } }) : [],
    exam.eligibility.personIds.length ? db.person.findMany({ where: { id: { in: exam.eligibility.personIds } }, select: { staffNo: true, name: true } }) : [],
    exam.eligibility.prerequisiteCourseIds.length ? courseTitles(exam.eligibility.prerequisiteCourseIds) : [],
    db.examAttempt.groupBy({ by: ["status"], where: { examId: id }, _count: { _all: true } }),
  ]);
  return {
    exam,
    availability: { source, ...availability },
    topicNames: names,
    eligibility: {
      units: units.map((u) => u.name),
      categories: exam.eligibility.categories,
      people: people.map((p) => `${p.name}（${p.staffNo}）`),
      courses: courses.map((c) => c.title),
    },
    attempts: {
      inProgress: attempts.find((a) => a.status === "IN_PROGRESS")?._count._all ?? 0,
      submitted: attempts.find((a) => a.status === "SUBMITTED")?._count._all ?? 0,
    },
  };
}

export type PreviewItem = { position: number; type: string; points: number; cellIndex: number; topicCode: string; stem: string; options: number };
export type PaperPreview = { ok: true; seed: string; items: PreviewItem[]; totalMarks: number } | { ok: false; seed: string; short: number };

/**
 * A sample paper for a seed, as the draw would give it: from the live bank for a draft,
 * from the frozen pool once published. Staff only (exam.manage over the exam's unit);
 * stems only — the answer key never leaves the server here.
 */
export async function paperPreview(actor: Actor, id: string, seed: string): Promise<PaperPreview> {
  const exam = await getExam(actor, id);
  if (!exam.canManage) notFound();
  const options = { shuffleQuestions: exam.shuffleQuestions, shuffleOptions: exam.shuffleOptions };
  try {
    const items =
      exam.status === "PUBLISHED" ? drawFromPrepared(seed, preparedPool(exam.id, exam.cells), options) : drawPaper(seed, exam.cells, await livePool(await unitPathOf(exam)), options);
    return {
      ok: true,
      seed,
      totalMarks: items.reduce((s, i) => s + i.points, 0),
      items: items.map((i) => ({
        position: i.position,
        type: i.type,
        points: i.points,
        cellIndex: i.cellIndex,
        topicCode: exam.cells[i.cellIndex]?.topicCode ?? "",
        stem: versionContent(i.versionId).stem,
        options: i.optionOrder.length,
      })),
    };
  } catch (error) {
    if (error instanceof PaperShortError) return { ok: false, seed, short: error.availability.shortTotal };
    throw error;
  }
}

async function courseTitles(ids: string[]) {
  const courses = await db.course.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, publishedVersionId: true } });
  const versions = await db.courseVersion.findMany({ where: { id: { in: courses.flatMap((c) => (c.publishedVersionId ? [c.publishedVersionId] : [])) } }, select: { id: true, title: true } });
  const titles = new Map(versions.map((v) => [v.id, v.title]));
  return courses.map((c) => ({ id: c.id, title: (c.publishedVersionId && titles.get(c.publishedVersionId)) || c.code }));
}

/** Published courses an exam may require first (those owned at or above the actor's exam.manage units, or below them). */
async function prerequisiteChoices(actor: Actor) {
  const paths = scopePaths(actor, "exam.manage");
  const courses = await db.course.findMany({
    where: { publishedVersionId: { not: null }, status: { not: "RETIRED" } },
    select: { id: true, ownerUnit: { select: { path: true } } },
  });
  const offered = courses.filter((c) => paths.some((p) => covers(c.ownerUnit.path, p) || covers(p, c.ownerUnit.path)));
  return (await courseTitles(offered.map((c) => c.id))).sort((a, b) => a.title.localeCompare(b.title, "zh-CN"));
}

/** Everything the exam form offers: units, blueprints (with total marks), prerequisite courses. */
export async function examFormOptions(actor: Actor) {
  const [choices, courses] = await Promise.all([examFormChoices(actor), prerequisiteChoices(actor)]);
  return { ...choices, courses };
}

/** Form values (strings, as the form posts them) for a new exam: opens tomorrow 09:00 Shanghai, for a week. */
export function newExamDefaults(now = new Date()) {
  const tomorrow = toShanghaiWallClock(new Date(now.getTime() + 86_400_000)).slice(0, 10);
  const weekLater = toShanghaiWallClock(new Date(now.getTime() + 8 * 86_400_000)).slice(0, 10);
  return {
    paperMode: "DRAWN",
    shuffleQuestions: "on",
    shuffleOptions: "on",
    passMark: "60",
    durationMinutes: "90",
    opensAt: `${tomorrow}T09:00`,
    closesAt: `${weekLater}T17:00`,
    attemptsAllowed: "1",
    countingPolicy: "BEST",
    showScore: "ON_PUBLISH",
    showAnswers: "NEVER",
    markingThreshold: "2",
  } as Record<string, string>;
}

/** A draft's settings as form values; null when it can no longer be edited. */
export async function editableExamValues(actor: Actor, id: string) {
  const { exam, eligibility, staffNos, review } = await examFormValues(actor, id);
  const values: Record<string, string | string[] | undefined> = {
    code: exam.code,
    title: exam.title,
    examType: exam.examType,
    unitId: exam.unitId,
    blueprintId: exam.blueprintId,
    paperMode: exam.paperMode,
    shuffleQuestions: exam.shuffleQuestions ? "on" : undefined,
    shuffleOptions: exam.shuffleOptions ? "on" : undefined,
    passMark: String(exam.passMark),
    durationMinutes: String(exam.durationMinutes),
    opensAt: toShanghaiWallClock(exam.opensAt),
    closesAt: toShanghaiWallClock(exam.closesAt),
    attemptsAllowed: String(exam.attemptsAllowed),
    countingPolicy: exam.countingPolicy,
    showScore: review.showScore,
    showAnswers: review.showAnswers,
    tabSwitchLimit: exam.tabSwitchLimit === null ? "" : String(exam.tabSwitchLimit),
    accessCode: exam.accessCode ?? "",
    doubleMarking: exam.doubleMarking ? "on" : undefined,
    markingThreshold: String(exam.markingThreshold),
    eligibleUnitIds: eligibility.unitIds.join(","),
    eligibleCategories: eligibility.categories,
    eligibleStaffNos: staffNos.join(" "),
    prerequisiteCourseIds: eligibility.prerequisiteCourseIds.join(","),
  };
  return { id: exam.id, code: exam.code, title: exam.title, status: exam.status, values };
}

const EXAM_PERMISSIONS = ["exam.manage", "exam.invigilate", "exam.mark", "exam.results"] as const;

/** 404 unless the actor holds some exam permission somewhere (the exam list). */
export function requireExamStaff(actor: Actor): void {
  if (!EXAM_PERMISSIONS.some((p) => scopePaths(actor, p).length > 0)) notFound();
}

/** saveExam's errors as Conform's reply: field errors beside their fields, `form` above the form. */
export function replyWithExamErrors<T>(submission: Submission<T>, errors: Record<string, string>) {
  const { form, ...fields } = errors;
  return data(submission.reply({ formErrors: form ? [form] : undefined, fieldErrors: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])) }), { status: 400 });
}
