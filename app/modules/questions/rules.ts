import { BLANK_MARKER, type Answer, type QuestionContent } from "./content";

/*
 * The question bank's decisions: review workflow, duplicate detection, and how an
 * answer scores. Pure: no I/O. Exams and knowledge checks grade with `score`.
 */

export const QUESTION_STATUSES = ["DRAFT", "IN_REVIEW", "ACTIVE", "RETIRED"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export type ReviewAction = "submit" | "approve" | "return" | "retire" | "reinstate";

/**
 * The status after `action`, or a dictionary key saying why it is not allowed.
 * Review needs a second person: whoever wrote the latest version or submitted it
 * cannot approve it.
 */
export function nextStatus(
  status: QuestionStatus,
  action: ReviewAction,
  people: { actorId: string; latestAuthorId: string | null; submittedById: string | null },
): { ok: true; status: QuestionStatus } | { ok: false; error: string } {
  switch (action) {
    case "submit":
      return status === "DRAFT" ? { ok: true, status: "IN_REVIEW" } : { ok: false, error: "questions.errors.notDraft" };
    case "approve":
    case "return":
      if (status !== "IN_REVIEW") return { ok: false, error: "questions.errors.notInReview" };
      if (people.actorId === people.latestAuthorId || people.actorId === people.submittedById) {
        return { ok: false, error: "questions.errors.selfReview" };
      }
      return { ok: true, status: action === "approve" ? "ACTIVE" : "DRAFT" };
    case "retire":
      return status === "RETIRED" ? { ok: false, error: "questions.errors.alreadyRetired" } : { ok: true, status: "RETIRED" };
    case "reinstate":
      return status === "RETIRED" ? { ok: true, status: "DRAFT" } : { ok: false, error: "questions.errors.notRetired" };
  }
}

/** What an edit does to the status: active questions stay active (a new version is recorded). */
export function statusAfterEdit(status: QuestionStatus): QuestionStatus | null {
  if (status === "RETIRED") return null; // reinstate first
  if (status === "IN_REVIEW") return "DRAFT"; // the reviewer must see the final text
  return status;
}

// ---------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------

/** Stem reduced to letters and digits: punctuation, spacing and full-width forms ignored. */
export function normalizeStem(stem: string): string {
  return stem
    .normalize("NFKC")
    .toLowerCase()
    .replace(BLANK_MARKER, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function pairs(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  for (let i = 0; i < chars.length - 1; i++) {
    const pair = chars[i] + chars[i + 1];
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character pairs of two normalised stems: 1 = identical. */
export function stemSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const pa = pairs(a);
  const pb = pairs(b);
  const total = [...pa.values()].reduce((s, n) => s + n, 0) + [...pb.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let shared = 0;
  for (const [pair, n] of pa) shared += Math.min(n, pb.get(pair) ?? 0);
  return (2 * shared) / total;
}

/** Stems at least this similar are shown as possible duplicates. */
export const DUPLICATE_THRESHOLD = 0.85;

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

export type Response =
  | { type: "SINGLE"; choice: string | null }
  | { type: "MULTIPLE"; choices: string[] }
  | { type: "TRUE_FALSE"; value: boolean | null }
  | { type: "FILL_BLANK"; blanks: string[] }
  | { type: "CASE_ANALYSIS"; text: string };

function normalizeBlank(value: string, answer: Extract<Answer, { type: "FILL_BLANK" }>): string {
  let v = value.normalize("NFKC");
  v = answer.ignoreWhitespace ? v.replace(/\s+/g, "") : v.trim();
  return answer.caseSensitive ? v : v.toLowerCase();
}

/**
 * The fraction of the marks (0–1) an objective response earns, or null for case
 * analysis, which a person marks. Multiple choice with PARTIAL scoring follows the
 * common exam rule: any wrong choice scores 0; otherwise credit is the share of the
 * correct options chosen.
 */
export function score(content: Pick<QuestionContent, "answer">, response: Response): number | null {
  const answer = content.answer;
  switch (answer.type) {
    case "SINGLE":
      return response.type === "SINGLE" && response.choice === answer.correct ? 1 : 0;
    case "TRUE_FALSE":
      return response.type === "TRUE_FALSE" && response.value === answer.correct ? 1 : 0;
    case "MULTIPLE": {
      if (response.type !== "MULTIPLE") return 0;
      const chosen = new Set(response.choices);
      const correct = new Set<string>(answer.correct);
      const wrong = [...chosen].some((c) => !correct.has(c));
      const right = [...chosen].filter((c) => correct.has(c)).length;
      if (answer.scoring === "ALL_OR_NOTHING") return !wrong && right === correct.size ? 1 : 0;
      return wrong ? 0 : right / correct.size;
    }
    case "FILL_BLANK": {
      if (response.type !== "FILL_BLANK") return 0;
      const hits = answer.blanks.filter((blank, i) => {
        const given = normalizeBlank(response.blanks[i] ?? "", answer);
        return given !== "" && blank.accepted.some((a) => normalizeBlank(a, answer) === given);
      }).length;
      return hits / answer.blanks.length;
    }
    case "CASE_ANALYSIS":
      return null;
  }
}

/** Total rubric points of a case-analysis question. */
export function rubricTotal(content: Pick<QuestionContent, "answer">): number {
  return content.answer.type === "CASE_ANALYSIS" ? content.answer.rubric.reduce((s, r) => s + r.points, 0) : 0;
}
