import { describe, expect, it } from "vitest";
import {
  LOW_DISCRIMINATION_BELOW,
  MIN_RESPONSES,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
  examSummary,
  itemStatistics,
  passRateByUnit,
  scoreDistribution,
  timeUsedSummary,
  type AttemptScore,
  type ItemResponse,
  type ItemStats,
} from "./analysis";

const ABCD = ["A", "B", "C", "D"];

function attempt(attemptId: string, score: number, extra: Partial<AttemptScore> = {}): AttemptScore {
  return { attemptId, score, maxScore: 10, unitId: "u1", unitName: "北京市生态环境局", passed: score >= 6, secondsUsed: 600, ...extra };
}

function response(attemptId: string, questionId: string, fraction: number | null, extra: Partial<ItemResponse> = {}): ItemResponse {
  return { attemptId, questionId, fraction, choices: [], optionKeys: [], ...extra };
}

/** A single-choice response worth 1 point: fraction 1 when the choice is the key. */
function choice(attemptId: string, questionId: string, chosen: string, key: string): ItemResponse {
  return response(attemptId, questionId, chosen === key ? 1 : 0, { choices: [chosen], optionKeys: ABCD, points: 1 });
}

function statsFor(stats: ItemStats[], questionId: string): ItemStats {
  const found = stats.find((s) => s.questionId === questionId);
  if (!found) throw new Error(`no statistics for ${questionId}`);
  return found;
}

/*
 * Six candidates, ranked by total (out of 10): a1 9, a2 8, a3 7, a4 5, a5 4, a6 2.
 * 27 % of 6 = 1.62 → groups of 2: upper = a1, a2; lower = a5, a6.
 */
const SIX = [attempt("a4", 5), attempt("a1", 9), attempt("a6", 2), attempt("a3", 7), attempt("a5", 4), attempt("a2", 8)];

const SIX_ITEMS: ItemResponse[] = [
  // q1, key B. Chosen: a1 B, a2 B, a3 B, a4 C, a5 B, a6 C.
  //   facility = 4/6 ≈ 0.667; D = (1+1)/2 − (1+0)/2 = 0.5.
  //   Options: A 0, B 4, C 2, D 0 → A and D are unused distractors.
  //   Rest-scores (total − 1 point if right): 8, 7, 6, 5, 3, 2 against fractions 1,1,1,0,1,0 → r ≈ 0.557.
  choice("a1", "q1", "B", "B"),
  choice("a2", "q1", "B", "B"),
  choice("a3", "q1", "B", "B"),
  choice("a4", "q1", "C", "B"),
  choice("a5", "q1", "B", "B"),
  choice("a6", "q1", "C", "B"),
  // q2, key A: the two best candidates miss it, everyone else gets it → D = 0 − 1 = −1.
  choice("a1", "q2", "C", "A"),
  choice("a2", "q2", "D", "A"),
  choice("a3", "q2", "A", "A"),
  choice("a4", "q2", "A", "A"),
  choice("a5", "q2", "A", "A"),
  choice("a6", "q2", "A", "A"),
  // q3, true/false that everyone gets right: facility 1, D 0, no point-biserial (no variance).
  ...SIX.map((a) => response(a.attemptId, "q3", 1, { points: 1 })),
  // q4, case analysis; a3 not yet marked → 5 marked responses. 27 % of 5 = 1.35 → groups of 1:
  //   upper = a1 (0.8), lower = a6 (0.1) → D = 0.7; facility = (0.8+0.6+0.5+0.2+0.1)/5 = 0.44.
  response("a1", "q4", 0.8),
  response("a2", "q4", 0.6),
  response("a3", "q4", null),
  response("a4", "q4", 0.5),
  response("a5", "q4", 0.2),
  response("a6", "q4", 0.1),
  // q5: only a1 gets it → facility 1/6 ≈ 0.167; D = (1+0)/2 − 0 = 0.5.
  ...SIX.map((a) => response(a.attemptId, "q5", a.attemptId === "a1" ? 1 : 0)),
];

const SIX_KEYS = new Map([
  ["q1", ["B"]],
  ["q2", ["A"]],
]);

describe("itemStatistics: the hand-computed six-candidate example", () => {
  const stats = itemStatistics(SIX_ITEMS, SIX, SIX_KEYS);

  it("reports questions in the order they first appear", () => {
    expect(stats.map((s) => s.questionId)).toEqual(["q1", "q2", "q3", "q4", "q5"]);
  });

  it("computes facility, D, point-biserial and option counts for a working item", () => {
    const q1 = statsFor(stats, "q1");
    expect(q1.responses).toBe(6);
    expect(q1.facility).toBeCloseTo(4 / 6, 10);
    expect(q1.discrimination).toBeCloseTo(0.5, 10);
    expect(q1.pointBiserial).toBeCloseTo(0.557, 3);
    expect(q1.options).toEqual([
      { key: "A", count: 0, share: 0, upperCount: 0, lowerCount: 0 },
      { key: "B", count: 4, share: 4 / 6, upperCount: 2, lowerCount: 1 },
      { key: "C", count: 2, share: 2 / 6, upperCount: 0, lowerCount: 1 },
      { key: "D", count: 0, share: 0, upperCount: 0, lowerCount: 0 },
    ]);
    expect(q1.flags).toEqual(["UNUSED_DISTRACTOR", "FEW_RESPONSES"]);
  });

  it("flags an item the stronger candidates get wrong (likely miskeyed)", () => {
    const q2 = statsFor(stats, "q2");
    expect(q2.discrimination).toBe(-1);
    expect(q2.pointBiserial).toBeLessThan(0);
    expect(q2.flags).toContain("NEGATIVE_DISCRIMINATION");
    expect(q2.flags).not.toContain("LOW_DISCRIMINATION");
    // B was never chosen.
    expect(q2.flags).toContain("UNUSED_DISTRACTOR");
  });

  it("flags an item everyone gets right as too easy and not discriminating, with no point-biserial", () => {
    const q3 = statsFor(stats, "q3");
    expect(q3).toMatchObject({ facility: 1, discrimination: 0, pointBiserial: null, options: [] });
    expect(q3.flags).toEqual(["LOW_DISCRIMINATION", "TOO_EASY", "FEW_RESPONSES"]);
  });

  it("leaves unmarked responses out and forms the groups among the marked ones", () => {
    const q4 = statsFor(stats, "q4");
    expect(q4.responses).toBe(5);
    expect(q4.facility).toBeCloseTo(0.44, 10);
    expect(q4.discrimination).toBeCloseTo(0.7, 10);
    expect(q4.flags).toEqual(["FEW_RESPONSES"]);
  });

  it("flags an item almost nobody gets as too hard", () => {
    const q5 = statsFor(stats, "q5");
    expect(q5.facility).toBeCloseTo(1 / 6, 10);
    expect(q5.discrimination).toBeCloseTo(0.5, 10);
    expect(q5.flags).toEqual(["TOO_HARD", "FEW_RESPONSES"]);
  });

  it("gives the same answer whatever order attempts and responses arrive in", () => {
    expect(itemStatistics([...SIX_ITEMS].reverse(), [...SIX].reverse(), SIX_KEYS).sort((a, b) => a.questionId.localeCompare(b.questionId))).toEqual(stats);
  });
});

describe("itemStatistics: groups, thresholds and edge cases", () => {
  it("breaks score ties by attemptId, so the upper and lower groups are reproducible", () => {
    // Four candidates all on 5/10: 27 % of 4 = 1.08 → groups of 1; by id: upper = a, lower = d.
    const tied = ["b", "d", "a", "c"].map((id) => attempt(id, 5));
    const items = [response("a", "q", 1), response("b", "q", 0.5), response("c", "q", 0.5), response("d", "q", 0)];
    expect(itemStatistics(items, tied, new Map())[0].discrimination).toBe(1);
    expect(itemStatistics([...items].reverse(), [...tied].reverse(), new Map())[0].discrimination).toBe(1);
  });

  it("ranks by share of the paper's maximum, since drawn papers may carry different points", () => {
    // x: 45/50 = 90 % ranks above y: 60/100 = 60 % despite the lower raw score.
    const attempts = [attempt("x", 45, { maxScore: 50 }), attempt("y", 60, { maxScore: 100 })];
    const items = [response("x", "q", 1), response("y", "q", 0)];
    expect(itemStatistics(items, attempts, new Map())[0].discrimination).toBe(1);
  });

  it("uses 27 % groups and drops FEW_RESPONSES from ten marked responses on", () => {
    // Eleven candidates scoring 10, 9, …, 0; 27 % of 11 = 2.97 → groups of 3.
    // The item is right for the top 5 only: upper 3/3, lower 0/3 → D = 1; facility 5/11.
    const attempts = Array.from({ length: 11 }, (_, i) => attempt(`c${String(i).padStart(2, "0")}`, 10 - i));
    const items = attempts.map((a, i) => response(a.attemptId, "q", i < 5 ? 1 : 0));
    const [q] = itemStatistics(items, attempts, new Map());
    expect(q.responses).toBe(11);
    expect(q.facility).toBeCloseTo(5 / 11, 10);
    expect(q.discrimination).toBe(1);
    expect(q.flags).toEqual([]);
    expect(MIN_RESPONSES).toBe(10);
  });

  it("flags LOW_DISCRIMINATION just under Ebel's 0.20 but not at it", () => {
    expect(LOW_DISCRIMINATION_BELOW).toBe(0.2);
    // Ten candidates → groups of round(2.7) = 3. Upper fractions sum to s, lower to 0 → D = s/3.
    const attempts = Array.from({ length: 10 }, (_, i) => attempt(`c${i}`, 10 - i));
    const withUpperSum = (upper: number[]) => attempts.map((a, i) => response(a.attemptId, "q", i < 3 ? upper[i] : i < 7 ? 0.5 : 0));
    const [atThreshold] = itemStatistics(withUpperSum([0.2, 0.2, 0.2]), attempts, new Map()); // D = 0.6/3 = 0.2
    const [below] = itemStatistics(withUpperSum([0.2, 0.2, 0.1]), attempts, new Map()); // D = 0.5/3 ≈ 0.167
    expect(atThreshold.discrimination).toBeCloseTo(0.2, 10);
    expect(atThreshold.flags).not.toContain("LOW_DISCRIMINATION");
    expect(below.flags).toContain("LOW_DISCRIMINATION");
  });

  it("does not call floating-point noise a negative discrimination", () => {
    // Seven candidates → groups of 2. Upper 0.1, 0.7 and lower 0.8, 0 have equal means, but in
    // binary floating point the raw difference comes out as −5.6e-17.
    const attempts = ["a", "b", "c", "d", "e", "f", "g"].map((id, i) => attempt(id, 10 - i));
    const fractions = [0.1, 0.7, 0.5, 0.5, 0.5, 0.8, 0];
    const items = attempts.map((a, i) => response(a.attemptId, "q", fractions[i]));
    const [q] = itemStatistics(items, attempts, new Map());
    expect(q.discrimination).toBe(0);
    expect(q.flags).toContain("LOW_DISCRIMINATION");
    expect(q.flags).not.toContain("NEGATIVE_DISCRIMINATION");
  });

  it("uses the thresholds for facility strictly: 0.9 and 0.2 themselves are not flagged", () => {
    expect([TOO_EASY_ABOVE, TOO_HARD_BELOW]).toEqual([0.9, 0.2]);
    const attempts = Array.from({ length: 10 }, (_, i) => attempt(`c${i}`, 10 - i));
    const withFacility = (rightCount: number) => attempts.map((a, i) => response(a.attemptId, "q", i < rightCount ? 1 : 0));
    expect(itemStatistics(withFacility(9), attempts, new Map())[0].flags).not.toContain("TOO_EASY");
    expect(itemStatistics(withFacility(10), attempts, new Map())[0].flags).toContain("TOO_EASY");
    expect(itemStatistics(withFacility(2), attempts, new Map())[0].flags).not.toContain("TOO_HARD");
    expect(itemStatistics(withFacility(1), attempts, new Map())[0].flags).toContain("TOO_HARD");
  });

  it("counts every option of a multiple-choice item a candidate ticked", () => {
    const attempts = [attempt("a", 9), attempt("b", 5)];
    const items = [
      response("a", "q", 1, { choices: ["A", "C"], optionKeys: ABCD }),
      response("b", "q", 0, { choices: ["A", "B"], optionKeys: ABCD }),
    ];
    const [q] = itemStatistics(items, attempts, new Map([["q", ["A", "C"]]]));
    expect(q.options.map((o) => [o.key, o.count, o.upperCount, o.lowerCount])).toEqual([
      ["A", 2, 1, 1],
      ["B", 1, 0, 1],
      ["C", 1, 1, 0],
      ["D", 0, 0, 0],
    ]);
    expect(q.flags).toContain("UNUSED_DISTRACTOR"); // D
  });

  it("skips the distractor check when the key is unknown, and for questions without options", () => {
    const attempts = [attempt("a", 9), attempt("b", 5)];
    const single = [choice("a", "q", "A", "A"), choice("b", "q", "A", "A")];
    expect(itemStatistics(single, attempts, new Map())[0].flags).not.toContain("UNUSED_DISTRACTOR");
    const trueFalse = [response("a", "t", 1), response("b", "t", 0)];
    expect(itemStatistics(trueFalse, attempts, new Map([["t", ["true"]]]))[0]).toMatchObject({ options: [] });
  });

  it("without item points, takes the rest-score as the sum of the attempt's other fractions", () => {
    // q1 fractions a 1, b 0, c 0; rest (= q2) a 1, b 1, c 0.
    // Deviations from the means (1/3, 2/3): x (2/3, −1/3, −1/3), y (1/3, 1/3, −2/3):
    // r = (2/9 − 1/9 + 2/9) / √(6/9 × 6/9) = (3/9) / (6/9) = 0.5. Attempt totals play no part.
    const attempts = [attempt("a", 0), attempt("b", 0), attempt("c", 0)];
    const items = [response("a", "q1", 1), response("b", "q1", 0), response("c", "q1", 0), response("a", "q2", 1), response("b", "q2", 1), response("c", "q2", 0)];
    expect(statsFor(itemStatistics(items, attempts, new Map()), "q1").pointBiserial).toBeCloseTo(0.5, 10);
  });

  it("returns nulls rather than made-up numbers when there is too little to go on", () => {
    const [alone] = itemStatistics([response("a", "q", 1)], [attempt("a", 9)], new Map());
    expect(alone).toMatchObject({ responses: 1, facility: 1, discrimination: null, pointBiserial: null });
    const [unmarked] = itemStatistics([response("a", "q", null)], [attempt("a", 9)], new Map());
    expect(unmarked).toMatchObject({ responses: 0, facility: null, discrimination: null, pointBiserial: null, flags: ["FEW_RESPONSES"] });
  });

  it("ignores responses of attempts it was not given", () => {
    const items = [response("a", "q", 1), response("b", "q", 0), response("ghost", "q", 0)];
    const [q] = itemStatistics(items, [attempt("a", 9), attempt("b", 3)], new Map());
    expect(q.responses).toBe(2);
    expect(q.facility).toBe(0.5);
  });
});

describe("scoreDistribution", () => {
  it("counts percentages in ten 10 % bands, 100 % in the last and each boundary in the band it starts", () => {
    const scores = [0, 5.5, 6, 7, 9.5, 10];
    const bands = scoreDistribution(scores.map((s, i) => attempt(`a${i}`, s)));
    expect(bands).toHaveLength(10);
    expect(bands[0]).toEqual({ from: 0, to: 10, count: 1 });
    expect(bands.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 0, 2]);
    expect(bands[9]).toEqual({ from: 90, to: 100, count: 2 });
  });

  it("takes a different number of bins and papers of different maxima", () => {
    // 30/40 = 75 % → [75, 100]; 12/50 = 24 % → [0, 25); 50/100 → [50, 75).
    const attempts = [attempt("a", 30, { maxScore: 40 }), attempt("b", 12, { maxScore: 50 }), attempt("c", 50, { maxScore: 100 })];
    expect(scoreDistribution(attempts, 4)).toEqual([
      { from: 0, to: 25, count: 1 },
      { from: 25, to: 50, count: 0 },
      { from: 50, to: 75, count: 1 },
      { from: 75, to: 100, count: 1 },
    ]);
  });

  it("leaves out attempts with no maximum and refuses a nonsensical bin count", () => {
    expect(scoreDistribution([attempt("a", 0, { maxScore: 0 })]).every((b) => b.count === 0)).toBe(true);
    expect(() => scoreDistribution([], 0)).toThrow(RangeError);
    expect(() => scoreDistribution([], 2.5)).toThrow(RangeError);
  });
});

describe("passRateByUnit", () => {
  it("reports candidates, passes, rate and mean per unit, sorted by unit name in pinyin order", () => {
    const zj = { unitId: "zj", unitName: "浙江省生态环境厅" };
    const bj = { unitId: "bj", unitName: "北京市生态环境局" };
    const ah = { unitId: "ah", unitName: "安徽省生态环境厅" };
    const rows = passRateByUnit([
      attempt("1", 8, zj),
      attempt("2", 4, zj),
      attempt("3", 9, bj),
      attempt("4", 5, ah),
      attempt("5", 7, zj),
    ]);
    expect(rows).toEqual([
      { ...ah, candidates: 1, passed: 0, rate: 0, meanScore: 5 },
      { ...bj, candidates: 1, passed: 1, rate: 1, meanScore: 9 },
      { ...zj, candidates: 3, passed: 2, rate: 2 / 3, meanScore: (8 + 4 + 7) / 3 },
    ]);
    expect(passRateByUnit([])).toEqual([]);
  });
});

describe("timeUsedSummary", () => {
  it("gives median, 90th percentile and maximum", () => {
    // 60, 120, …, 600 s. Median = (300 + 360)/2 = 330. p90: index (10 − 1) × 0.9 = 8.1 → 540 + 0.1 × 60 = 546.
    const attempts = Array.from({ length: 10 }, (_, i) => attempt(`a${i}`, 5, { secondsUsed: (i + 1) * 60 }));
    expect(timeUsedSummary(attempts)).toEqual({ median: 330, p90: 546, max: 600 });
    expect(timeUsedSummary([attempt("a", 5, { secondsUsed: 1234 })])).toEqual({ median: 1234, p90: 1234, max: 1234 });
  });

  it("is null without attempts", () => {
    expect(timeUsedSummary([])).toBeNull();
  });
});

describe("examSummary", () => {
  it("summarises the six-candidate exam", () => {
    // Scores 9, 8, 7, 5, 4, 2: mean 35/6 ≈ 5.833; median (7 + 5)/2 = 6;
    // squared deviations sum to 34.83, / 6 = 5.806 → population sd ≈ 2.409.
    const summary = examSummary(SIX);
    expect(summary).toMatchObject({ candidates: 6, passed: 3, passRate: 0.5, median: 6 });
    expect(summary.mean).toBeCloseTo(35 / 6, 10);
    expect(summary.sd).toBeCloseTo(2.409, 3);
    expect(summary.reliabilityKR20).toBeUndefined();
    expect(summary.reliabilityAlpha).toBeUndefined();
  });

  it("is all zeros without candidates", () => {
    expect(examSummary([])).toEqual({ candidates: 0, passed: 0, passRate: 0, mean: 0, median: 0, sd: 0 });
  });

  // Four candidates × three right/wrong items:
  //   c1 1 1 1 (3), c2 1 1 0 (2), c3 1 0 0 (1), c4 0 0 0 (0).
  //   p = 0.75, 0.5, 0.25 → Σpq = 0.1875 + 0.25 + 0.1875 = 0.625.
  //   Totals 3, 2, 1, 0: mean 1.5, variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25.
  //   KR-20 = 3/2 × (1 − 0.625/1.25) = 0.75.
  const grid = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 0],
    [0, 0, 0],
  ];
  const gridAttempts = grid.map((row, i) => attempt(`c${i + 1}`, row.reduce((s, x) => s + x, 0), { maxScore: 3 }));
  const gridItems = grid.flatMap((row, i) => row.map((fraction, j) => response(`c${i + 1}`, `q${j + 1}`, fraction, { points: 1 })));

  it("reports KR-20 when every item is right/wrong", () => {
    const summary = examSummary(gridAttempts, gridItems);
    expect(summary.reliabilityKR20).toBeCloseTo(0.75, 10);
    expect(summary.reliabilityAlpha).toBeUndefined();
  });

  it("reports Cronbach's alpha instead when an item earns partial credit", () => {
    // c1 1, 0.5 (1.5); c2 0.5, 0.5 (1); c3 0, 0 (0). Item variances 1/6 and 1/18; totals' variance 7/18.
    // alpha = 2 × (1 − (4/18)/(7/18)) = 6/7.
    const attempts = [attempt("c1", 1.5), attempt("c2", 1), attempt("c3", 0)];
    const items = [
      response("c1", "q1", 1),
      response("c1", "q2", 0.5),
      response("c2", "q1", 0.5),
      response("c2", "q2", 0.5),
      response("c3", "q1", 0),
      response("c3", "q2", 0),
    ];
    const summary = examSummary(attempts, items);
    expect(summary.reliabilityAlpha).toBeCloseTo(6 / 7, 10);
    expect(summary.reliabilityKR20).toBeUndefined();
  });

  it("omits reliability while a response is unmarked or when papers differ", () => {
    const unmarked = gridItems.map((item, i) => (i === 0 ? { ...item, fraction: null } : item));
    expect(examSummary(gridAttempts, unmarked).reliabilityKR20).toBeUndefined();
    const missingOne = gridItems.slice(1);
    expect(examSummary(gridAttempts, missingOne).reliabilityKR20).toBeUndefined();
  });
});
