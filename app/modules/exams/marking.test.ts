import { describe, expect, it } from "vitest";
import {
  attemptTotal,
  canMark,
  countingAttempt,
  markingState,
  nextRound,
  validatePoints,
  type Mark,
  type MarkingPolicy,
  type ScoredItem,
} from "./marking";

const SINGLE: MarkingPolicy = { doubleMarking: false, differenceThreshold: 2, maxPoints: 20 };
const DOUBLE: MarkingPolicy = { doubleMarking: true, differenceThreshold: 2, maxPoints: 20 };

const mark = (markerId: string, points: number, round: 1 | 2 | 3): Mark => ({ markerId, points, round });

describe("markingState and nextRound: single marking", () => {
  it("awaits a first mark, which is then final", () => {
    expect(markingState(SINGLE, [])).toEqual({ status: "AWAITING_FIRST", finalPoints: null });
    expect(nextRound(SINGLE, [])).toBe(1);
    expect(markingState(SINGLE, [mark("m1", 13.5, 1)])).toEqual({ status: "FINAL", finalPoints: 13.5, reason: "SINGLE" });
    expect(nextRound(SINGLE, [mark("m1", 13.5, 1)])).toBeNull();
  });
});

describe("markingState and nextRound: double marking", () => {
  it("awaits a second mark after the first", () => {
    expect(markingState(DOUBLE, [mark("m1", 12, 1)])).toEqual({ status: "AWAITING_SECOND", finalPoints: null });
    expect(nextRound(DOUBLE, [mark("m1", 12, 1)])).toBe(2);
  });

  it("averages two marks within the threshold, the threshold itself included", () => {
    expect(markingState(DOUBLE, [mark("m1", 12, 1), mark("m2", 14, 2)])).toEqual({ status: "FINAL", finalPoints: 13, reason: "AGREED" });
    expect(markingState(DOUBLE, [mark("m1", 12, 1), mark("m2", 12, 2)])).toMatchObject({ finalPoints: 12, reason: "AGREED" });
  });

  it("rounds an agreed mean that ends in a quarter up to the half point", () => {
    // (12 + 13.5) / 2 = 12.75 → 13; (12 + 12.5) / 2 = 12.25 → 12.5.
    expect(markingState(DOUBLE, [mark("m1", 12, 1), mark("m2", 13.5, 2)]).finalPoints).toBe(13);
    expect(markingState(DOUBLE, [mark("m1", 12, 1), mark("m2", 12.5, 2)]).finalPoints).toBe(12.5);
  });

  it("sends marks further apart than the threshold to a third marker, whose mark is final", () => {
    const apart = [mark("m1", 10, 1), mark("m2", 12.5, 2)]; // 2.5 > 2
    expect(markingState(DOUBLE, apart)).toEqual({ status: "AWAITING_THIRD", finalPoints: null });
    expect(nextRound(DOUBLE, apart)).toBe(3);
    // The third mark stands even though it is outside both earlier marks.
    const arbitrated = [...apart, mark("m3", 15, 3)];
    expect(markingState(DOUBLE, arbitrated)).toEqual({ status: "FINAL", finalPoints: 15, reason: "THIRD_MARKER" });
    expect(nextRound(DOUBLE, arbitrated)).toBeNull();
  });

  it("reads rounds from the marks, not from the order they are listed in", () => {
    expect(markingState(DOUBLE, [mark("m3", 15, 3), mark("m2", 12.5, 2), mark("m1", 10, 1)])).toMatchObject({ finalPoints: 15, reason: "THIRD_MARKER" });
    expect(markingState(DOUBLE, [mark("m2", 14, 2)])).toMatchObject({ status: "AWAITING_FIRST" });
  });

  it("with a zero threshold, agreement means identical marks", () => {
    const strict = { ...DOUBLE, differenceThreshold: 0 };
    expect(markingState(strict, [mark("m1", 8, 1), mark("m2", 8, 2)])).toMatchObject({ finalPoints: 8, reason: "AGREED" });
    expect(markingState(strict, [mark("m1", 8, 1), mark("m2", 8.5, 2)]).status).toBe("AWAITING_THIRD");
  });
});

describe("canMark", () => {
  it("tells a marker the round their mark would be", () => {
    expect(canMark(DOUBLE, [], "m1")).toEqual({ ok: true, round: 1 });
    expect(canMark(DOUBLE, [mark("m1", 10, 1)], "m2")).toEqual({ ok: true, round: 2 });
    expect(canMark(DOUBLE, [mark("m1", 10, 1), mark("m2", 18, 2)], "m3")).toEqual({ ok: true, round: 3 });
  });

  it("never lets the same marker mark a response twice, so second and third marks are independent", () => {
    expect(canMark(DOUBLE, [mark("m1", 10, 1)], "m1")).toEqual({ ok: false, reason: "ALREADY_MARKED" });
    expect(canMark(DOUBLE, [mark("m1", 10, 1), mark("m2", 18, 2)], "m1")).toEqual({ ok: false, reason: "ALREADY_MARKED" });
    expect(canMark(DOUBLE, [mark("m1", 10, 1), mark("m2", 18, 2)], "m2")).toEqual({ ok: false, reason: "ALREADY_MARKED" });
  });

  it("refuses once marking is final", () => {
    expect(canMark(SINGLE, [mark("m1", 10, 1)], "m2")).toEqual({ ok: false, reason: "FINAL" });
    expect(canMark(DOUBLE, [mark("m1", 10, 1), mark("m2", 11, 2)], "m3")).toEqual({ ok: false, reason: "FINAL" });
  });
});

describe("validatePoints", () => {
  it("accepts half points from 0 to the maximum", () => {
    for (const points of [0, 0.5, 7, 19.5, 20]) expect(validatePoints(points, 20), String(points)).toBe("OK");
  });

  it("names what is wrong", () => {
    expect(validatePoints(-0.5, 20)).toBe("NEGATIVE");
    expect(validatePoints(20.5, 20)).toBe("ABOVE_MAX");
    expect(validatePoints(7.25, 20)).toBe("NOT_HALF_STEP");
    expect(validatePoints(3.3, 20)).toBe("NOT_HALF_STEP");
    expect(validatePoints(Number.NaN, 20)).toBe("NOT_HALF_STEP");
  });
});

describe("attemptTotal", () => {
  const objective = (points: number, fraction: number | null): ScoredItem => ({ points, fraction, markedPoints: null, subjective: false });
  const subjective = (points: number, markedPoints: number | null): ScoredItem => ({ points, fraction: null, markedPoints, subjective: true });

  it("adds objective points × fraction (to hundredths) and final subjective marks", () => {
    // 1 + 0 + 2 × 1/3 (0.67) + 2 × 0.5 (1) + 13.5 = 16.17 of 1 + 1 + 2 + 2 + 20 = 26.
    const items = [objective(1, 1), objective(1, 0), objective(2, 1 / 3), objective(2, 0.5), subjective(20, 13.5)];
    expect(attemptTotal(items)).toEqual({ score: 16.17, maxScore: 26, complete: true });
  });

  it("is incomplete while a subjective item awaits its final mark", () => {
    expect(attemptTotal([objective(1, 1), subjective(20, null)])).toEqual({ score: 1, maxScore: 21, complete: false });
  });

  it("does not drift in binary: ten items of 0.1 points make 1", () => {
    expect(attemptTotal(Array.from({ length: 10 }, () => objective(0.1, 1))).score).toBe(1);
  });

  it("rounds halves of a hundredth up", () => {
    // 2.01 × 0.5 = 1.005, stored in binary just below; still 1.01.
    expect(attemptTotal([objective(2.01, 0.5)]).score).toBe(1.01);
  });

  it("counts an ungraded objective item as 0 and an empty paper as complete", () => {
    expect(attemptTotal([objective(2, null)])).toEqual({ score: 0, maxScore: 2, complete: true });
    expect(attemptTotal([])).toEqual({ score: 0, maxScore: 0, complete: true });
  });
});

describe("countingAttempt", () => {
  type Attempt = { id: string; number: number; score: number | null; complete: boolean };
  const done = (number: number, score: number): Attempt => ({ id: `t${number}`, number, score, complete: true });
  const pending = (number: number, score: number | null): Attempt => ({ id: `t${number}`, number, score, complete: false });

  it("BEST takes the highest complete score, the earliest on ties", () => {
    expect(countingAttempt("BEST", [done(1, 70), done(2, 85), done(3, 60)])?.id).toBe("t2");
    expect(countingAttempt("BEST", [done(3, 85), done(1, 70), done(2, 85)])?.id).toBe("t2");
  });

  it("BEST ignores attempts awaiting marking, even with a higher provisional score", () => {
    expect(countingAttempt("BEST", [done(1, 70), pending(2, 95)])?.id).toBe("t1");
    expect(countingAttempt("BEST", [pending(1, 95)])).toBeNull();
  });

  it("FIRST and LAST take the lowest and highest numbered attempt, whatever the listing order", () => {
    const attempts = [done(2, 85), done(3, 60), done(1, 70)];
    expect(countingAttempt("FIRST", attempts)?.id).toBe("t1");
    expect(countingAttempt("LAST", attempts)?.id).toBe("t3");
  });

  it("FIRST and LAST wait for their attempt's marking instead of falling back to another attempt", () => {
    expect(countingAttempt("LAST", [done(1, 70), pending(2, 40)])).toBeNull();
    expect(countingAttempt("FIRST", [pending(1, 40), done(2, 70)])).toBeNull();
  });

  it("is null without attempts", () => {
    for (const policy of ["BEST", "FIRST", "LAST"] as const) expect(countingAttempt(policy, [])).toBeNull();
  });
});
