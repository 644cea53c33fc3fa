import { z } from "zod";
import { SYLLABUS_AUDIENCES } from "~/modules/syllabus/rules";

/*
 * Courseware decisions: what a course and a lesson file must say, how heartbeats become
 * time on task, when a lesson is complete and how many study hours (学时) it earns.
 * Pure: no I/O.
 */

export const courseMetaSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{2,60}$/, { message: "courseware.errors.codeFormat" }),
  title: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.tooShort" }).max(100, { message: "errors.tooLong" }),
  summary: z.string().trim().max(1_000, { message: "errors.tooLong" }).default(""),
  audiences: z.array(z.enum(SYLLABUS_AUDIENCES)).min(1, { message: "courseware.errors.audiences" }),
  syllabusCodes: z.array(z.string().trim().min(1)).default([]),
  creditHours: z.number().min(0).max(200).optional(),
  version: z.number().int().min(1).optional(),
});
export type CourseMeta = z.infer<typeof courseMetaSchema>;

/** Lesson front matter. */
export const lessonMetaSchema = z.object({
  title: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.tooShort" }).max(100, { message: "errors.tooLong" }),
  minutes: z.number({ message: "courseware.errors.minutes" }).int({ message: "courseware.errors.minutes" }).min(1, { message: "courseware.errors.minutes" }).max(600, { message: "courseware.errors.minutes" }),
  creditHours: z
    .number({ message: "courseware.errors.creditHours" })
    .min(0.25, { message: "courseware.errors.creditHours" })
    .max(10, { message: "courseware.errors.creditHours" })
    .multipleOf(0.25, { message: "courseware.errors.creditHours" }),
  syllabusCodes: z.array(z.string().trim().min(1)).default([]),
  laws: z.array(z.string().trim().min(1)).default([]),
  notes: z.string().trim().max(4_000).default(""),
});
export type LessonMeta = z.infer<typeof lessonMetaSchema>;

// ---------------------------------------------------------------------------
// Time on task
// ---------------------------------------------------------------------------
/** The page sends a heartbeat this often while visible. */
export const HEARTBEAT_SECONDS = 30;
/** A gap longer than this between beats is not counted (the tab slept, the phone locked). */
export const MAX_BEAT_GAP_SECONDS = 90;
/** No keyboard, pointer, scroll or touch for this long stops the clock. */
export const IDLE_LIMIT_SECONDS = 180;

export type Beat = { visible: boolean; idleSeconds: number };

/**
 * Seconds a heartbeat adds: the time since the previous beat, only while the page was
 * visible and the learner active, and never more than one beat gap — so leaving a tab
 * open, or a clock that jumps, earns nothing.
 */
export function secondsForBeat(lastBeatAt: Date | null, now: Date, beat: Beat): number {
  if (!beat.visible || beat.idleSeconds >= IDLE_LIMIT_SECONDS || !lastBeatAt) return 0;
  const elapsed = (now.getTime() - lastBeatAt.getTime()) / 1000;
  if (elapsed <= 0 || elapsed > MAX_BEAT_GAP_SECONDS) return 0;
  return Math.round(Math.min(elapsed, HEARTBEAT_SECONDS + 5));
}

// ---------------------------------------------------------------------------
// Completion and credit
// ---------------------------------------------------------------------------
/** Share of the estimated reading time a learner must spend before a lesson can complete. */
export const MIN_SHARE_OF_ESTIMATE = 0.6;

export type CompletionInput = { secondsOnTask: number; estimatedMinutes: number; checksTotal: number; checksPassed: number };

/** Why a lesson cannot complete yet (dictionary keys); empty when it can. */
export function completionBlockers(input: CompletionInput): string[] {
  const blockers: string[] = [];
  if (input.secondsOnTask < input.estimatedMinutes * 60 * MIN_SHARE_OF_ESTIMATE) blockers.push("courseware.blockers.time");
  if (input.checksPassed < input.checksTotal) blockers.push("courseware.blockers.checks");
  return blockers;
}

/** Minutes still needed before the time condition is met. */
export function minutesStillNeeded(secondsOnTask: number, estimatedMinutes: number): number {
  return Math.max(0, Math.ceil((estimatedMinutes * 60 * MIN_SHARE_OF_ESTIMATE - secondsOnTask) / 60));
}

/** The lesson a learner should open next: the last one they worked on, else the first not completed. */
export function resumeLesson<T extends { id: string; position: number }>(
  lessons: T[],
  progress: { lessonVersionId: string; lastBeatAt: Date | null; completedAt: Date | null }[],
): T | null {
  const byId = new Map(progress.map((p) => [p.lessonVersionId, p]));
  const recent = [...progress].filter((p) => p.lastBeatAt && !p.completedAt).sort((a, b) => b.lastBeatAt!.getTime() - a.lastBeatAt!.getTime())[0];
  if (recent) return lessons.find((l) => l.id === recent.lessonVersionId) ?? null;
  return [...lessons].sort((a, b) => a.position - b.position).find((l) => !byId.get(l.id)?.completedAt) ?? null;
}
