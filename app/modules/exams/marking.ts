/*
 * Marking of subjective (case-analysis) answers, with optional double marking, and
 * the totals of an attempt. Pure: no I/O. The server stores Mark rows and asks these
 * functions what happens next.
 */

export type Mark = { markerId: string; points: number; round: 1 | 2 | 3 };

export type MarkingPolicy = {
  doubleMarking: boolean;
  /** Largest gap between the first two marks that still counts as agreement, in points. */
  differenceThreshold: number;
  maxPoints: number;
};

export type MarkingState = {
  status: "AWAITING_FIRST" | "AWAITING_SECOND" | "AWAITING_THIRD" | "FINAL";
  finalPoints: number | null;
  reason?: "SINGLE" | "AGREED" | "THIRD_MARKER";
};

/** Marks are given in half points, as on Chinese exam marking sheets. */
export const POINT_STEP = 0.5;

/**
 * Where a response stands in marking, and its final points once settled.
 *
 * Single marking: the first mark is final. Double marking: two different markers
 * mark blind; if they are within `differenceThreshold` the final is their mean,
 * rounded to the half point; otherwise a third marker arbitrates and that mark is
 * final — the rule used in Chinese public exams (仲裁/三评). Some schemes instead
 * average the third mark with the nearer of the first two; we take the third as
 * final because it is simpler to explain and to audit: the final score is one
 * named person's mark.
 *
 * Marks are matched to rounds by their `round` field, not by array order.
 */
export function markingState(policy: MarkingPolicy, marks: Mark[]): MarkingState {
  const first = marks.find((m) => m.round === 1);
  if (!first) return { status: "AWAITING_FIRST", finalPoints: null };
  if (!policy.doubleMarking) return { status: "FINAL", finalPoints: first.points, reason: "SINGLE" };

  const second = marks.find((m) => m.round === 2);
  if (!second) return { status: "AWAITING_SECOND", finalPoints: null };
  if (Math.abs(first.points - second.points) <= policy.differenceThreshold) {
    return { status: "FINAL", finalPoints: roundToHalfPoint((first.points + second.points) / 2), reason: "AGREED" };
  }

  const third = marks.find((m) => m.round === 3);
  if (!third) return { status: "AWAITING_THIRD", finalPoints: null };
  return { status: "FINAL", finalPoints: third.points, reason: "THIRD_MARKER" };
}

/**
 * The mean of two half-point marks can end in .25 or .75; it rounds up to the half
 * point, so that an agreed pair never costs the candidate a quarter point.
 */
function roundToHalfPoint(points: number): number {
  return Math.round(points / POINT_STEP) * POINT_STEP;
}

/** The round a new mark would be, or null when marking is final. */
export function nextRound(policy: MarkingPolicy, marks: Mark[]): 1 | 2 | 3 | null {
  switch (markingState(policy, marks).status) {
    case "AWAITING_FIRST":
      return 1;
    case "AWAITING_SECOND":
      return 2;
    case "AWAITING_THIRD":
      return 3;
    case "FINAL":
      return null;
  }
}

/**
 * Whether `markerId` may mark this response now, and in which round. Nobody marks
 * the same response twice: double marking and arbitration are only worth anything
 * if each round is an independent judgement.
 */
export function canMark(
  policy: MarkingPolicy,
  marks: Mark[],
  markerId: string,
): { ok: true; round: 1 | 2 | 3 } | { ok: false; reason: "FINAL" | "ALREADY_MARKED" } {
  const round = nextRound(policy, marks);
  if (round === null) return { ok: false, reason: "FINAL" };
  if (marks.some((m) => m.markerId === markerId)) return { ok: false, reason: "ALREADY_MARKED" };
  return { ok: true, round };
}

/** Checks points a marker entered, in the order a marker would want to hear about it. */
export function validatePoints(points: number, maxPoints: number): "OK" | "NEGATIVE" | "ABOVE_MAX" | "NOT_HALF_STEP" {
  if (points < 0) return "NEGATIVE";
  if (points > maxPoints) return "ABOVE_MAX";
  // Also catches NaN and Infinity, which are not integers either.
  if (!Number.isInteger(points / POINT_STEP)) return "NOT_HALF_STEP";
  return "OK";
}

// ---------------------------------------------------------------------------
// Attempt totals
// ---------------------------------------------------------------------------

export type ScoredItem = {
  /** The item's maximum points on this paper. */
  points: number;
  /** Objective items: fraction of the points earned (from `score`); null counts as 0. */
  fraction: number | null;
  /** Subjective items: final points from marking; null while marking is not final. */
  markedPoints: number | null;
  subjective: boolean;
};

/**
 * Score and maximum of an attempt. Objective items earn points × fraction rounded to
 * hundredths (a third of 2 points is 0.67); subjective items earn their final marked
 * points. `complete` stays false while any subjective item awaits its final mark, so
 * a provisional total is never shown as a result.
 */
export function attemptTotal(items: ScoredItem[]): { score: number; maxScore: number; complete: boolean } {
  let score = 0;
  let maxScore = 0;
  let complete = true;
  for (const item of items) {
    maxScore += item.points;
    if (item.subjective) {
      if (item.markedPoints === null) complete = false;
      else score += item.markedPoints;
    } else {
      score += roundToHundredths(item.points * (item.fraction ?? 0));
    }
  }
  // Sums of hundredths drift in binary (0.1 + 0.2); round the totals too.
  return { score: roundToHundredths(score), maxScore: roundToHundredths(maxScore), complete };
}

/** Half-up to two decimals, robust to binary representation (1.005 → 1.01, not 1). */
function roundToHundredths(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

export type AttemptPolicy = "BEST" | "LAST" | "FIRST";

/**
 * The attempt whose score counts for the exam, or null when none does yet. An
 * attempt still awaiting marking never counts.
 *
 * - BEST: the highest score among complete attempts; ties go to the earliest. A
 *   pending attempt can only raise this later, so the answer is a safe floor.
 * - FIRST / LAST: the attempt with the lowest / highest number, once it is complete.
 *   While it is pending the answer is null rather than another attempt's score,
 *   which would be replaced when marking finishes.
 *
 * `attempts` are the candidate's submitted attempts; leave out one still in progress.
 */
export function countingAttempt<T extends { id: string; number: number; score: number | null; complete: boolean }>(
  policy: AttemptPolicy,
  attempts: T[],
): T | null {
  const isCounted = (a: T) => a.complete && a.score !== null;
  if (policy === "BEST") {
    const byScoreThenNumber = attempts.filter(isCounted).sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.number - b.number);
    return byScoreThenNumber[0] ?? null;
  }
  if (attempts.length === 0) return null;
  const designated = attempts.reduce((pick, a) => ((policy === "FIRST" ? a.number < pick.number : a.number > pick.number) ? a : pick));
  return isCounted(designated) ? designated : null;
}
