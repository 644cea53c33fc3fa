import { max, mean, median, quantile, sampleCorrelation, standardDeviation, variance } from "simple-statistics";

/*
 * Classical test theory item analysis and exam statistics, for reviewing an exam
 * after it closes: which questions work, which are miskeyed or too easy, how each
 * unit did. Pure: no I/O. Fractions come from `score` in questions/rules.ts (or from
 * marking for case analysis).
 */

export type ItemResponse = {
  attemptId: string;
  questionId: string;
  /** 0..1 of the item's points earned; null = not yet marked (excluded from statistics). */
  fraction: number | null;
  /** Option keys chosen; [] if none or the question has no options. */
  choices: string[];
  /** The question's option keys; [] for true/false, fill-in and case analysis. */
  optionKeys: string[];
  /**
   * The item's points on this paper. Optional: with it the rest-score is the attempt's
   * total minus this item; without it every item weighs 1 (see `pointBiserial`).
   */
  points?: number;
};

export type AttemptScore = {
  attemptId: string;
  score: number;
  maxScore: number;
  unitId: string;
  unitName: string;
  passed: boolean;
  secondsUsed: number;
};

export type ItemFlag = "NEGATIVE_DISCRIMINATION" | "LOW_DISCRIMINATION" | "UNUSED_DISTRACTOR" | "TOO_EASY" | "TOO_HARD" | "FEW_RESPONSES";

export type OptionStats = { key: string; count: number; share: number; upperCount: number; lowerCount: number };

export type ItemStats = {
  questionId: string;
  /** Marked responses: the base of facility, discrimination and point-biserial. */
  responses: number;
  /** Mean fraction earned (difficulty index p); null when nothing is marked yet. */
  facility: number | null;
  /** Discrimination index D: facility of the upper group minus that of the lower group. */
  discrimination: number | null;
  /** Correlation of the item fraction with the rest-score; null when either does not vary. */
  pointBiserial: number | null;
  /** Choice counts per option (single and multiple choice only); share = count / responses to the item. */
  options: OptionStats[];
  flags: ItemFlag[];
};

// ---------------------------------------------------------------------------
// Rules of thumb (classical test theory)
// ---------------------------------------------------------------------------

/** Upper and lower groups are the top and bottom 27 % (Kelley): the split that best separates them while keeping each group large. */
export const EXTREME_GROUP_SHARE = 0.27;

/** Ebel's guidelines: D below 0.20 is a poor item, to be revised or dropped (0.20–0.29 marginal, 0.30–0.39 good, ≥ 0.40 very good). */
export const LOW_DISCRIMINATION_BELOW = 0.2;

/** D below 0 means weaker candidates beat stronger ones on the item: usually a wrong key or an ambiguous stem. */
export const NEGATIVE_DISCRIMINATION_BELOW = 0;

/** Facility above 0.9: almost everyone gets it, so it tells candidates apart very little. */
export const TOO_EASY_ABOVE = 0.9;

/** Facility below 0.2: close to what guessing gives on a four-option question; check the key and the teaching. */
export const TOO_HARD_BELOW = 0.2;

/** Below 10 marked responses the statistics swing on one candidate; show them but do not act on them. */
export const MIN_RESPONSES = 10;

// ---------------------------------------------------------------------------
// Item analysis
// ---------------------------------------------------------------------------

/**
 * Facility, discrimination, point-biserial, option counts and review flags per
 * question, in the order questions first appear in `items`.
 *
 * Candidates are ranked by total score as a share of their paper's maximum (papers
 * drawn at random may differ in points), ties broken by attemptId so the groups are
 * the same on every run. Groups are formed per item among the candidates with a
 * marked response to it, so a question that only some papers carried is compared
 * among those who saw it. Responses of attempts missing from `attempts` are ignored.
 */
export function itemStatistics(items: ItemResponse[], attempts: AttemptScore[], correctKeys: Map<string, string[]>): ItemStats[] {
  const attemptById = new Map(attempts.map((a) => [a.attemptId, a]));
  const rankById = new Map(rankAttempts(attempts).map((a, i) => [a.attemptId, i]));
  const known = items.filter((item) => attemptById.has(item.attemptId));

  // Sum of marked fractions per attempt: the rest-score when item points are not given.
  const fractionSumByAttempt = new Map<string, number>();
  for (const item of known) {
    if (item.fraction !== null) fractionSumByAttempt.set(item.attemptId, (fractionSumByAttempt.get(item.attemptId) ?? 0) + item.fraction);
  }

  const byQuestion = new Map<string, ItemResponse[]>();
  for (const item of known) {
    const list = byQuestion.get(item.questionId);
    if (list) list.push(item);
    else byQuestion.set(item.questionId, [item]);
  }

  return [...byQuestion].map(([questionId, responses]) => {
    const marked = responses
      .filter((r): r is ItemResponse & { fraction: number } => r.fraction !== null)
      .sort((a, b) => (rankById.get(a.attemptId) ?? 0) - (rankById.get(b.attemptId) ?? 0));
    const fractions = marked.map((r) => r.fraction);

    const groupSize = extremeGroupSize(marked.length);
    const upper = marked.slice(0, groupSize);
    const lower = groupSize > 0 ? marked.slice(-groupSize) : [];

    const facility = marked.length > 0 ? clean(mean(fractions)) : null;
    const discrimination = groupSize > 0 ? clean(mean(upper.map((r) => r.fraction)) - mean(lower.map((r) => r.fraction))) : null;
    const restScores = marked.map((r) => {
      const attempt = attemptById.get(r.attemptId) as AttemptScore;
      return r.points !== undefined ? attempt.score - r.fraction * r.points : (fractionSumByAttempt.get(r.attemptId) ?? 0) - r.fraction;
    });
    const pointBiserial = correlationOrNull(fractions, restScores);

    const options = optionStats(responses, upper, lower);
    const correct = new Set(correctKeys.get(questionId) ?? []);

    const flags: ItemFlag[] = [];
    if (discrimination !== null && discrimination < NEGATIVE_DISCRIMINATION_BELOW) flags.push("NEGATIVE_DISCRIMINATION");
    else if (discrimination !== null && discrimination < LOW_DISCRIMINATION_BELOW) flags.push("LOW_DISCRIMINATION");
    // Without a known key every option would look like a distractor: skip the check.
    if (correct.size > 0 && options.some((o) => !correct.has(o.key) && o.count === 0)) flags.push("UNUSED_DISTRACTOR");
    if (facility !== null && facility > TOO_EASY_ABOVE) flags.push("TOO_EASY");
    if (facility !== null && facility < TOO_HARD_BELOW) flags.push("TOO_HARD");
    if (marked.length < MIN_RESPONSES) flags.push("FEW_RESPONSES");

    return { questionId, responses: marked.length, facility, discrimination, pointBiserial, options, flags };
  });
}

/** Best first: share of the paper's maximum, then attemptId. */
function rankAttempts(attempts: AttemptScore[]): AttemptScore[] {
  return [...attempts].sort((a, b) => percentOf(b) - percentOf(a) || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
}

function percentOf(attempt: AttemptScore): number {
  return attempt.maxScore > 0 ? attempt.score / attempt.maxScore : 0;
}

/** 27 % of the candidates, at least one, but never so many that the groups overlap. */
function extremeGroupSize(candidates: number): number {
  return Math.min(Math.floor(candidates / 2), Math.max(1, Math.round(candidates * EXTREME_GROUP_SHARE)));
}

function optionStats(responses: ItemResponse[], upper: ItemResponse[], lower: ItemResponse[]): OptionStats[] {
  // Union over responses: an option removed in a later version still shows its counts.
  const keys = [...new Set(responses.flatMap((r) => r.optionKeys))];
  const chose = (group: ItemResponse[], key: string) => group.filter((r) => r.choices.includes(key)).length;
  return keys.map((key) => {
    const count = chose(responses, key);
    return { key, count, share: count / responses.length, upperCount: chose(upper, key), lowerCount: chose(lower, key) };
  });
}

function correlationOrNull(x: number[], y: number[]): number | null {
  if (x.length < 2 || variance(x) === 0 || variance(y) === 0) return null;
  return clean(Math.max(-1, Math.min(1, sampleCorrelation(x, y))));
}

/** Drops floating-point noise, so that equal group means give D = 0 and not −5.6e-17 (which would flag NEGATIVE). */
function clean(value: number): number {
  return Math.round(value * 1e10) / 1e10 + 0; // + 0 turns −0 into 0
}

// ---------------------------------------------------------------------------
// Exam statistics
// ---------------------------------------------------------------------------

/**
 * Number of attempts per band of the score as a percentage of the maximum. Bands
 * are [from, to) except the last, which includes 100 %. Attempts with no maximum
 * are left out.
 */
export function scoreDistribution(attempts: AttemptScore[], bins = 10): { from: number; to: number; count: number }[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const counts = new Array<number>(bins).fill(0);
  for (const attempt of attempts) {
    if (attempt.maxScore <= 0) continue;
    // score × bins / max rather than a percentage first: 7/10 × 100 is 70.00000000000001.
    const index = Math.floor((attempt.score * bins) / attempt.maxScore);
    counts[Math.min(bins - 1, Math.max(0, index))]++;
  }
  return counts.map((count, i) => ({ from: (i * 100) / bins, to: ((i + 1) * 100) / bins, count }));
}

/** Candidates, passes, pass rate and mean score per unit, sorted by unit name (Chinese collation). */
export function passRateByUnit(
  attempts: AttemptScore[],
): { unitId: string; unitName: string; candidates: number; passed: number; rate: number; meanScore: number }[] {
  const byUnit = new Map<string, AttemptScore[]>();
  for (const attempt of attempts) {
    const list = byUnit.get(attempt.unitId);
    if (list) list.push(attempt);
    else byUnit.set(attempt.unitId, [attempt]);
  }
  return [...byUnit]
    .map(([unitId, list]) => {
      const passed = list.filter((a) => a.passed).length;
      return { unitId, unitName: list[0].unitName, candidates: list.length, passed, rate: passed / list.length, meanScore: mean(list.map((a) => a.score)) };
    })
    .sort((a, b) => a.unitName.localeCompare(b.unitName, "zh-CN") || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** Median, 90th percentile (linear interpolation) and maximum time used, in whole seconds; null without attempts. */
export function timeUsedSummary(attempts: AttemptScore[]): { median: number; p90: number; max: number } | null {
  if (attempts.length === 0) return null;
  const seconds = attempts.map((a) => a.secondsUsed);
  return { median: Math.round(median(seconds)), p90: Math.round(quantile(seconds, 0.9)), max: max(seconds) };
}

export type ExamSummary = {
  candidates: number;
  passed: number;
  passRate: number;
  mean: number;
  median: number;
  /** Population standard deviation: the candidates are the whole group being described, not a sample. */
  sd: number;
  /** Kuder–Richardson 20, when every item is scored right/wrong (see `reliability`). */
  reliabilityKR20?: number;
  /** Cronbach's alpha, when some item earns partial credit (see `reliability`). */
  reliabilityAlpha?: number;
};

/**
 * Headline numbers of an exam. Pass `items` to get internal-consistency reliability:
 * KR-20 when every marked fraction is 0 or 1, Cronbach's alpha otherwise (KR-20 is
 * alpha's special case for right/wrong items). Reliability is left out unless every
 * attempt has a marked response to the same questions (a fixed, fully marked paper),
 * there are at least two questions and two candidates, and total scores vary.
 */
export function examSummary(attempts: AttemptScore[], items?: ItemResponse[]): ExamSummary {
  if (attempts.length === 0) return { candidates: 0, passed: 0, passRate: 0, mean: 0, median: 0, sd: 0 };
  const scores = attempts.map((a) => a.score);
  const passed = attempts.filter((a) => a.passed).length;
  const summary: ExamSummary = {
    candidates: attempts.length,
    passed,
    passRate: passed / attempts.length,
    mean: mean(scores),
    median: median(scores),
    sd: standardDeviation(scores),
  };
  const result = items ? reliability(attempts, items) : null;
  if (result?.kind === "KR20") summary.reliabilityKR20 = result.value;
  if (result?.kind === "ALPHA") summary.reliabilityAlpha = result.value;
  return summary;
}

/**
 * alpha = k/(k−1) × (1 − Σ item variances / variance of totals), population
 * variances throughout. Right/wrong items are counted unweighted (number correct),
 * which makes this exactly KR-20 (item variance = p·q); partial-credit items are
 * weighted by their points when given.
 */
function reliability(attempts: AttemptScore[], items: ItemResponse[]): { kind: "KR20" | "ALPHA"; value: number } | null {
  const attemptIds = new Set(attempts.map((a) => a.attemptId));
  const marked = items.filter((i) => attemptIds.has(i.attemptId));
  if (marked.some((i) => i.fraction === null)) return null;

  const questionIds = [...new Set(marked.map((i) => i.questionId))];
  const row = new Map<string, Map<string, ItemResponse>>();
  for (const item of marked) {
    const cells = row.get(item.attemptId) ?? new Map<string, ItemResponse>();
    cells.set(item.questionId, item);
    row.set(item.attemptId, cells);
  }
  const complete = attempts.every((a) => row.get(a.attemptId)?.size === questionIds.length);
  if (!complete || questionIds.length < 2 || attempts.length < 2) return null;

  const dichotomous = marked.every((i) => i.fraction === 0 || i.fraction === 1);
  const itemScore = (i: ItemResponse) => (i.fraction ?? 0) * (dichotomous ? 1 : (i.points ?? 1));
  const columns = questionIds.map((q) => attempts.map((a) => itemScore(row.get(a.attemptId)?.get(q) as ItemResponse)));
  const totals = attempts.map((_, r) => columns.reduce((sum, column) => sum + column[r], 0));

  const totalVariance = variance(totals);
  if (totalVariance === 0) return null;
  const k = questionIds.length;
  const itemVariance = columns.reduce((sum, column) => sum + variance(column), 0);
  return { kind: dichotomous ? "KR20" : "ALPHA", value: clean((k / (k - 1)) * (1 - itemVariance / totalVariance)) };
}
