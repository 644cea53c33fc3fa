import { z } from "zod";
import type { QuestionContent } from "~/modules/questions/content";
import { countingAttempt, type AttemptPolicy } from "./marking";

/*
 * Small pure helpers of the results pages, the export and item analysis: reading the
 * choices out of a saved response, the answer key of a question version, a one-line
 * preview of a stem. No I/O.
 */

/** Option keys chosen in a saved response (JSON of questions/rules Response); [] for other types or bad JSON. */
export function optionChoices(responseJson: string | null): string[] {
  if (!responseJson) return [];
  let response: unknown;
  try {
    response = JSON.parse(responseJson);
  } catch {
    return [];
  }
  if (!response || typeof response !== "object") return [];
  const r = response as { type?: unknown; choice?: unknown; choices?: unknown };
  if (r.type === "SINGLE") return typeof r.choice === "string" && r.choice ? [r.choice] : [];
  if (r.type === "MULTIPLE") return Array.isArray(r.choices) ? [...new Set(r.choices.filter((c): c is string => typeof c === "string" && c !== ""))] : [];
  return [];
}

/** The correct option keys of a choice question; [] for other types (no distractors to check). */
export function correctKeysOf(content: Pick<QuestionContent, "answer">): string[] {
  const answer = content.answer;
  if (answer.type === "SINGLE") return [answer.correct];
  if (answer.type === "MULTIPLE") return [...answer.correct];
  return [];
}

/** A stem as one plain line of at most `max` characters (Markdown marks and blanks shortened). */
export function stemPreview(stem: string, max = 80): string {
  const plain = stem
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "") // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links keep their text
    .replace(/_{3,}/g, "____") // blanks of any length read alike
    .replace(/[*`#>|]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** The positions a question held on the papers: "7" on a fixed paper, "3–17" on drawn ones. */
export function positionLabel(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** Seconds as "m:ss" or "h:mm:ss" (time used on an exam). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

// ---------------------------------------------------------------------------
// The results filter (query string of the results page and the export)
// ---------------------------------------------------------------------------

export const PASSED_FILTERS = ["PASSED", "FAILED", "PENDING"] as const;
export type PassedFilter = (typeof PASSED_FILTERS)[number];

export const resultsFilterSchema = z.object({
  unitId: z.string().max(40).optional().catch(undefined),
  passed: z.enum(PASSED_FILTERS).optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type ResultsFilter = z.output<typeof resultsFilterSchema>;

/** Reads the filter from a query string; empty and invalid values are dropped. */
export function parseResultsFilter(params: URLSearchParams): ResultsFilter {
  return resultsFilterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}

// ---------------------------------------------------------------------------
// One row per candidate
// ---------------------------------------------------------------------------

export const CANDIDATE_STATES = ["COUNTED", "AWAITING_MARKING", "IN_PROGRESS"] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

/** Dates from raw SQLite reads (ISO text, or epoch milliseconds). */
export function toDate(value: string | number | null): Date | null {
  return value === null ? null : new Date(value);
}

export type AttemptJoinRow = {
  id: string;
  personId: string;
  number: number;
  status: string;
  startedAt: string | number;
  submittedAt: string | number | null;
  submitKind: string | null;
  maxScore: number;
  score: number | null;
  complete: number;
  passed: number | null;
  name: string;
  staffNo: string;
  unitId: string;
  unitName: string;
  unitPath: string;
};

export type CandidateRow = {
  personId: string;
  name: string;
  staffNo: string;
  unitId: string;
  unitName: string;
  /** The attempt shown: the counting one, else the one awaiting marking, else the one in progress. */
  attemptId: string;
  attemptNumber: number;
  state: CandidateState;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  /** False while the shown attempt awaits marking (or is still in progress). */
  complete: boolean;
  attemptsUsed: number;
  secondsUsed: number | null;
  submitKind: string | null;
  submittedAt: Date | null;
};

export function secondsBetween(start: Date | null, end: Date | null): number | null {
  return start && end ? Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000)) : null;
}

/** Groups a candidate's attempts and picks the one that counts (marking.countingAttempt). */
export function candidateRows(attempts: AttemptJoinRow[], policy: AttemptPolicy): (CandidateRow & { unitPath: string })[] {
  const byPerson = new Map<string, AttemptJoinRow[]>();
  for (const a of attempts) {
    const list = byPerson.get(a.personId);
    if (list) list.push(a);
    else byPerson.set(a.personId, [a]);
  }
  return [...byPerson.values()].map((list) => {
    const submitted = list.filter((a) => a.status === "SUBMITTED").map((a) => ({ ...a, complete: !!a.complete }));
    const counted = countingAttempt(policy, submitted);
    const pending = submitted.filter((a) => !a.complete).sort((a, b) => b.number - a.number)[0];
    const shown = counted ?? pending ?? list.filter((a) => a.status === "IN_PROGRESS").sort((a, b) => b.number - a.number)[0] ?? list[list.length - 1];
    const state: CandidateState = counted ? "COUNTED" : pending ? "AWAITING_MARKING" : "IN_PROGRESS";
    const submittedAt = toDate(shown.submittedAt);
    return {
      personId: shown.personId,
      name: shown.name,
      staffNo: shown.staffNo,
      unitId: shown.unitId,
      unitName: shown.unitName,
      unitPath: shown.unitPath,
      attemptId: shown.id,
      attemptNumber: shown.number,
      state,
      score: counted ? counted.score : null,
      maxScore: shown.maxScore,
      passed: counted ? (counted.passed === null ? null : !!counted.passed) : null,
      complete: state === "COUNTED",
      attemptsUsed: list.length,
      secondsUsed: state === "IN_PROGRESS" ? null : secondsBetween(toDate(shown.startedAt), submittedAt),
      submitKind: shown.submitKind,
      submittedAt,
    };
  });
}

