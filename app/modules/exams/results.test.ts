import { describe, expect, it } from "vitest";
import { candidateRows, correctKeysOf, formatDuration, optionChoices, parseResultsFilter, positionLabel, stemPreview, type AttemptJoinRow } from "./results";

describe("optionChoices", () => {
  it("reads single and multiple choice responses", () => {
    expect(optionChoices(JSON.stringify({ type: "SINGLE", choice: "B" }))).toEqual(["B"]);
    expect(optionChoices(JSON.stringify({ type: "SINGLE", choice: null }))).toEqual([]);
    expect(optionChoices(JSON.stringify({ type: "MULTIPLE", choices: ["A", "C", "A"] }))).toEqual(["A", "C"]);
  });
  it("gives nothing for other types, no answer or broken JSON", () => {
    expect(optionChoices(JSON.stringify({ type: "TRUE_FALSE", value: true }))).toEqual([]);
    expect(optionChoices(null)).toEqual([]);
    expect(optionChoices("{not json")).toEqual([]);
  });
});

describe("correctKeysOf", () => {
  it("gives the keys of choice questions only", () => {
    expect(correctKeysOf({ answer: { type: "SINGLE", correct: "C" } })).toEqual(["C"]);
    expect(correctKeysOf({ answer: { type: "MULTIPLE", correct: ["A", "D"], scoring: "ALL_OR_NOTHING" } })).toEqual(["A", "D"]);
    expect(correctKeysOf({ answer: { type: "TRUE_FALSE", correct: false } })).toEqual([]);
  });
});

describe("stemPreview and labels", () => {
  it("flattens Markdown to one short line", () => {
    expect(stemPreview("**依据**《行政处罚法》，\n\n听证应当在 ______ 日前通知。")).toBe("依据《行政处罚法》， 听证应当在 ____ 日前通知。");
    expect(stemPreview("见[第六十四条](https://example.org)规定")).toBe("见第六十四条规定");
    const long = stemPreview("长".repeat(200), 10);
    expect(long).toHaveLength(10);
    expect(long.endsWith("…")).toBe(true);
  });
  it("labels positions and durations", () => {
    expect(positionLabel(7, 7)).toBe("7");
    expect(positionLabel(3, 17)).toBe("3–17");
    expect(formatDuration(null)).toBe("");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(3_725)).toBe("1:02:05");
  });
});

describe("parseResultsFilter", () => {
  it("keeps valid values and drops the rest", () => {
    expect(parseResultsFilter(new URLSearchParams("unitId=u1&passed=FAILED&q=%20张%20&page=2"))).toEqual({ unitId: "u1", passed: "FAILED", q: "张", page: 2 });
    expect(parseResultsFilter(new URLSearchParams("passed=MAYBE&page=-1&q="))).toEqual({});
  });
});

describe("candidateRows", () => {
  const base = { personId: "p1", name: "张伟", staffNo: "S1", unitId: "u1", unitName: "杭州市", unitPath: "/n/z/h/", maxScore: 100, submitKind: "CANDIDATE", passed: null } as const;
  const attempt = (over: Partial<AttemptJoinRow>): AttemptJoinRow => ({
    ...base,
    id: "a",
    number: 1,
    status: "SUBMITTED",
    startedAt: "2026-01-01T01:00:00.000Z",
    submittedAt: "2026-01-01T01:30:00.000Z",
    score: null,
    complete: 0,
    ...over,
  });

  it("shows the counting attempt with its score, time used and attempts used", () => {
    const rows = candidateRows(
      [attempt({ id: "a1", number: 1, score: 72, complete: 1, passed: 1 }), attempt({ id: "a2", number: 2, score: 55, complete: 1, passed: 0, submittedAt: "2026-01-01T01:10:00.000Z" })],
      "BEST",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attemptId: "a1", state: "COUNTED", score: 72, passed: true, attemptsUsed: 2, secondsUsed: 1800 });
    expect(candidateRows([attempt({ id: "a1", number: 1, score: 72, complete: 1, passed: 1 }), attempt({ id: "a2", number: 2, score: 55, complete: 1, passed: 0 })], "LAST")[0]).toMatchObject({
      attemptId: "a2",
      passed: false,
    });
  });

  it("never shows a provisional score: awaiting marking and in progress have none", () => {
    const [pending] = candidateRows([attempt({ id: "a1", score: null, complete: 0 })], "BEST");
    expect(pending).toMatchObject({ state: "AWAITING_MARKING", score: null, passed: null, complete: false });
    const [sitting] = candidateRows([attempt({ id: "a1", status: "IN_PROGRESS", submittedAt: null, submitKind: null })], "BEST");
    expect(sitting).toMatchObject({ state: "IN_PROGRESS", score: null, secondsUsed: null });
  });
});
