import { z } from "zod";
import { covers } from "~/modules/access/rules";
import { EXAM_TYPES } from "~/modules/syllabus/rules";

/*
 * Exam rules as pure functions: settings, the server's clock, who may start, what a
 * candidate may see after submitting. Server modules call these; tests call them with
 * plain data.
 */

export const PAPER_MODES = ["FIXED", "DRAWN"] as const;
export type PaperMode = (typeof PAPER_MODES)[number];
export const COUNTING_POLICIES = ["BEST", "LAST", "FIRST"] as const;
export const SCORE_VISIBILITY = ["ON_SUBMIT", "ON_PUBLISH", "NEVER"] as const;
export const ANSWER_VISIBILITY = ["NEVER", "AFTER_CLOSE", "ON_PUBLISH"] as const;
export const STAFF_CATEGORIES = ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "OTHER"] as const;

export type ReviewPolicy = { showScore: (typeof SCORE_VISIBILITY)[number]; showAnswers: (typeof ANSWER_VISIBILITY)[number] };
export type Eligibility = { unitIds: string[]; categories: string[]; personIds: string[]; prerequisiteCourseIds: string[] };

/** Answers already on their way when the deadline passes are still accepted for this long. */
export const GRACE_SECONDS = 30;

const ids = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(/[\s,，;；]+/).filter(Boolean));

/** The exam form. Messages are dictionary keys. Times arrive as Shanghai wall-clock "YYYY-MM-DDTHH:mm". */
export const examSettingsSchema = z
  .object({
    code: z.string({ message: "errors.required" }).trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,40}$/, { message: "exams.errors.codeFormat" }),
    title: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.required" }).max(120, { message: "errors.tooLong" }),
    examType: z.enum(EXAM_TYPES, { message: "errors.required" }),
    unitId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }),
    blueprintId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }),
    paperMode: z.enum(PAPER_MODES, { message: "errors.required" }),
    shuffleQuestions: z.coerce.boolean().default(false),
    shuffleOptions: z.coerce.boolean().default(false),
    passMark: z.coerce.number({ message: "exams.errors.passMark" }).min(0, { message: "exams.errors.passMark" }),
    durationMinutes: z.coerce.number({ message: "exams.errors.duration" }).int({ message: "exams.errors.duration" }).min(5, { message: "exams.errors.duration" }).max(600, { message: "exams.errors.duration" }),
    opensAt: z.string({ message: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "exams.errors.dateTime" }),
    closesAt: z.string({ message: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "exams.errors.dateTime" }),
    attemptsAllowed: z.coerce.number({ message: "exams.errors.attempts" }).int({ message: "exams.errors.attempts" }).min(1, { message: "exams.errors.attempts" }).max(20, { message: "exams.errors.attempts" }),
    countingPolicy: z.enum(COUNTING_POLICIES).default("BEST"),
    showScore: z.enum(SCORE_VISIBILITY).default("ON_PUBLISH"),
    showAnswers: z.enum(ANSWER_VISIBILITY).default("NEVER"),
    tabSwitchLimit: z.coerce.number().int().min(1, { message: "exams.errors.tabLimit" }).max(100, { message: "exams.errors.tabLimit" }).optional(),
    accessCode: z.string().trim().max(20, { message: "errors.tooLong" }).optional(),
    doubleMarking: z.coerce.boolean().default(false),
    markingThreshold: z.coerce.number().min(0).max(100).default(2),
    eligibleUnitIds: ids,
    eligibleCategories: z.array(z.enum(STAFF_CATEGORIES)).default([]),
    eligibleStaffNos: ids,
    prerequisiteCourseIds: ids,
  })
  .refine((v) => shanghaiWallClock(v.closesAt).getTime() > shanghaiWallClock(v.opensAt).getTime(), { path: ["closesAt"], message: "exams.errors.closeBeforeOpen" });
export type ExamSettingsInput = z.input<typeof examSettingsSchema>;
export type ExamSettings = z.output<typeof examSettingsSchema>;

/** "2026-12-01T09:00" in Asia/Shanghai (UTC+8, no daylight saving) as an instant. */
export function shanghaiWallClock(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

/** An instant as Shanghai wall-clock "YYYY-MM-DDTHH:mm" (for datetime-local inputs). */
export function toShanghaiWallClock(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** The pass mark must lie within the paper's marks. */
export function passMarkProblem(passMark: number, totalMarks: number): string | null {
  return passMark > totalMarks ? "exams.errors.passMarkAboveTotal" : null;
}

// ---------------------------------------------------------------------------
// The server's clock
// ---------------------------------------------------------------------------

/** When an attempt must end: its time allowance, but never after the exam closes (plus extensions for this candidate). */
export function attemptDeadline(startedAt: Date, durationMinutes: number, extraMinutes: number, closesAt: Date): Date {
  const byDuration = startedAt.getTime() + (durationMinutes + extraMinutes) * 60_000;
  const byClose = closesAt.getTime() + extraMinutes * 60_000;
  return new Date(Math.min(byDuration, byClose));
}

/** Saves are accepted until the deadline plus a short grace for answers already in flight. */
export function acceptsSaves(deadlineAt: Date, now: Date): boolean {
  return now.getTime() <= deadlineAt.getTime() + GRACE_SECONDS * 1000;
}

/** Past deadline and grace: the server submits the attempt itself. */
export function isOverdue(deadlineAt: Date, now: Date): boolean {
  return !acceptsSaves(deadlineAt, now);
}

// ---------------------------------------------------------------------------
// Starting
// ---------------------------------------------------------------------------

export type StartCheck = {
  status: string;
  opensAt: Date;
  closesAt: Date;
  durationMinutes: number;
  attemptsAllowed: number;
  attemptsUsed: number;
  accessCode: string | null;
  givenAccessCode: string | null;
  eligible: boolean;
};

/** Why a candidate may not start a new attempt now (a dictionary key), or null. */
export function startProblem(c: StartCheck, now: Date): string | null {
  if (c.status !== "PUBLISHED") return "take.errors.notOpen";
  if (!c.eligible) return "take.errors.notEligible";
  if (now < c.opensAt) return "take.errors.notYetOpen";
  if (now >= c.closesAt) return "take.errors.closed";
  if (c.attemptsUsed >= c.attemptsAllowed) return "take.errors.noAttemptsLeft";
  if (c.accessCode && (c.givenAccessCode ?? "").trim() !== c.accessCode) return "take.errors.accessCode";
  return null;
}

export type Candidate = { personId: string; unitPath: string; category: string; completedCourseIds: ReadonlySet<string> };

/**
 * Whether a person may sit an exam: every listed condition must hold (unit subtree,
 * category, named people, prerequisite courses); an empty list does not restrict. Named
 * people are eligible even outside the listed units — naming someone is explicit.
 */
export function eligibilityProblems(e: Eligibility, unitPaths: ReadonlyMap<string, string>, c: Candidate): string[] {
  if (e.personIds.includes(c.personId)) return missingCourses(e, c);
  const problems: string[] = [];
  if (e.personIds.length && !e.unitIds.length && !e.categories.length) problems.push("take.eligibility.notNamed");
  if (e.unitIds.length && !e.unitIds.some((id) => unitPaths.has(id) && covers(unitPaths.get(id)!, c.unitPath))) problems.push("take.eligibility.unit");
  if (e.categories.length && !e.categories.includes(c.category)) problems.push("take.eligibility.category");
  return [...problems, ...missingCourses(e, c)];
}

function missingCourses(e: Eligibility, c: Candidate): string[] {
  return e.prerequisiteCourseIds.some((id) => !c.completedCourseIds.has(id)) ? ["take.eligibility.prerequisite"] : [];
}

// ---------------------------------------------------------------------------
// After submitting
// ---------------------------------------------------------------------------

export type Visibility = { submitted: boolean; resultsPublished: boolean; closed: boolean };

export function canSeeScore(policy: ReviewPolicy, v: Visibility): boolean {
  if (!v.submitted) return false;
  if (policy.showScore === "ON_SUBMIT") return true;
  if (policy.showScore === "ON_PUBLISH") return v.resultsPublished;
  return false;
}

/** The answer key reaches a candidate only when the policy allows it, never during the attempt. */
export function canSeeAnswers(policy: ReviewPolicy, v: Visibility): boolean {
  if (!v.submitted) return false;
  if (policy.showAnswers === "AFTER_CLOSE") return v.closed;
  if (policy.showAnswers === "ON_PUBLISH") return v.resultsPublished;
  return false;
}

export function parseReviewPolicy(json: string): ReviewPolicy {
  const raw = JSON.parse(json || "{}") as Partial<ReviewPolicy>;
  return { showScore: raw.showScore ?? "ON_PUBLISH", showAnswers: raw.showAnswers ?? "NEVER" };
}

export function parseEligibility(json: string): Eligibility {
  const raw = JSON.parse(json || "{}") as Partial<Eligibility>;
  return { unitIds: raw.unitIds ?? [], categories: raw.categories ?? [], personIds: raw.personIds ?? [], prerequisiteCourseIds: raw.prerequisiteCourseIds ?? [] };
}

// ---------------------------------------------------------------------------
// Saves from the browser
// ---------------------------------------------------------------------------

const short = z.string().max(200);
/** One answer as the browser sends it; the shape must fit the question's type (checked on the server). */
export const responseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("SINGLE"), choice: short.nullable() }),
  z.object({ type: z.literal("MULTIPLE"), choices: z.array(short).max(8) }),
  z.object({ type: z.literal("TRUE_FALSE"), value: z.boolean().nullable() }),
  z.object({ type: z.literal("FILL_BLANK"), blanks: z.array(z.string().max(500)).max(20) }),
  z.object({ type: z.literal("CASE_ANALYSIS"), text: z.string().max(20_000) }),
]);

export const saveBatchSchema = z.object({
  attemptId: z.string().min(1).max(40),
  deviceId: z.string().min(8).max(64),
  saves: z
    .array(
      z.object({
        /** Idempotency key: the same save retried is stored once. */
        key: z.string().min(8).max(64),
        questionId: z.string().min(1).max(40),
        seq: z.number().int().min(0),
        flagged: z.boolean().default(false),
        response: responseSchema,
      }),
    )
    .max(200),
});
export type SaveBatch = z.infer<typeof saveBatchSchema>;

export const INTEGRITY_EVENTS = ["FOCUS_LOST", "TAB_HIDDEN", "COPY", "PASTE", "RECONNECT"] as const;
export type IntegrityEvent = (typeof INTEGRITY_EVENTS)[number];
/** Events that count toward the tab-switch limit. */
export const TAB_SWITCH_EVENTS: readonly IntegrityEvent[] = ["TAB_HIDDEN"];

export function responseMatches(type: string, response: { type: string }): boolean {
  return type === response.type;
}

/** Whether a response counts as answered (for the unanswered summary before submitting). */
export function isAnswered(response: z.infer<typeof responseSchema> | null | undefined): boolean {
  if (!response) return false;
  switch (response.type) {
    case "SINGLE":
      return !!response.choice;
    case "MULTIPLE":
      return response.choices.length > 0;
    case "TRUE_FALSE":
      return response.value !== null;
    case "FILL_BLANK":
      return response.blanks.some((b) => b.trim() !== "");
    case "CASE_ANALYSIS":
      return response.text.trim() !== "";
  }
}
