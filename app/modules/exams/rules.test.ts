import { describe, expect, it } from "vitest";
import {
  acceptsSaves,
  attemptDeadline,
  canSeeAnswers,
  canSeeScore,
  eligibilityProblems,
  GRACE_SECONDS,
  isAnswered,
  shanghaiWallClock,
  startProblem,
  toShanghaiWallClock,
  type StartCheck,
} from "./rules";

const at = (iso: string) => new Date(iso);

describe("the server's clock", () => {
  it("an attempt ends after its duration, but never after the exam closes", () => {
    expect(attemptDeadline(at("2026-12-01T01:00:00Z"), 90, 0, at("2026-12-01T10:00:00Z"))).toEqual(at("2026-12-01T02:30:00Z"));
    expect(attemptDeadline(at("2026-12-01T09:30:00Z"), 90, 0, at("2026-12-01T10:00:00Z"))).toEqual(at("2026-12-01T10:00:00Z"));
  });

  it("an extension moves both limits for that candidate", () => {
    expect(attemptDeadline(at("2026-12-01T09:30:00Z"), 90, 15, at("2026-12-01T10:00:00Z"))).toEqual(at("2026-12-01T10:15:00Z"));
  });

  it("saves are accepted up to the grace period after the deadline, not a second later", () => {
    const deadline = at("2026-12-01T02:30:00Z");
    expect(acceptsSaves(deadline, new Date(deadline.getTime() + GRACE_SECONDS * 1000))).toBe(true);
    expect(acceptsSaves(deadline, new Date(deadline.getTime() + GRACE_SECONDS * 1000 + 1))).toBe(false);
  });

  it("form times are Shanghai wall clock", () => {
    expect(shanghaiWallClock("2026-12-01T09:00")).toEqual(at("2026-12-01T01:00:00Z"));
    expect(toShanghaiWallClock(at("2026-12-01T01:00:00Z"))).toBe("2026-12-01T09:00");
  });
});

describe("starting", () => {
  const base: StartCheck = {
    status: "PUBLISHED",
    opensAt: at("2026-12-01T01:00:00Z"),
    closesAt: at("2026-12-01T10:00:00Z"),
    durationMinutes: 90,
    attemptsAllowed: 2,
    attemptsUsed: 0,
    accessCode: null,
    givenAccessCode: null,
    eligible: true,
  };
  const during = at("2026-12-01T02:00:00Z");

  it("allows an eligible candidate inside the window with attempts left", () => {
    expect(startProblem(base, during)).toBeNull();
  });

  it.each([
    [{ status: "DRAFT" }, during, "take.errors.notOpen"],
    [{ eligible: false }, during, "take.errors.notEligible"],
    [{}, at("2026-12-01T00:59:59Z"), "take.errors.notYetOpen"],
    [{}, at("2026-12-01T10:00:00Z"), "take.errors.closed"],
    [{ attemptsUsed: 2 }, during, "take.errors.noAttemptsLeft"],
    [{ accessCode: "2468", givenAccessCode: "1357" }, during, "take.errors.accessCode"],
  ] as const)("refuses %o at %s with %s", (change, now, expected) => {
    expect(startProblem({ ...base, ...change }, now)).toBe(expected);
  });

  it("accepts the right access code with stray spaces", () => {
    expect(startProblem({ ...base, accessCode: "2468", givenAccessCode: " 2468 " }, during)).toBeNull();
  });
});

describe("eligibility", () => {
  const paths = new Map([
    ["zj", "/cn/zj/"],
    ["js", "/cn/js/"],
  ]);
  const officer = { personId: "p1", unitPath: "/cn/zj/hz/", category: "ENFORCEMENT", completedCourseIds: new Set(["c1"]) };
  const none = { unitIds: [], categories: [], personIds: [], prerequisiteCourseIds: [] };

  it("no conditions: everyone", () => {
    expect(eligibilityProblems(none, paths, officer)).toEqual([]);
  });

  it("a unit covers its whole subtree, and only it", () => {
    expect(eligibilityProblems({ ...none, unitIds: ["zj"] }, paths, officer)).toEqual([]);
    expect(eligibilityProblems({ ...none, unitIds: ["js"] }, paths, officer)).toEqual(["take.eligibility.unit"]);
    expect(eligibilityProblems({ ...none, unitIds: ["unknown"] }, paths, officer)).toEqual(["take.eligibility.unit"]);
  });

  it("category and prerequisite courses must also hold", () => {
    expect(eligibilityProblems({ ...none, unitIds: ["zj"], categories: ["MONITORING"] }, paths, officer)).toEqual(["take.eligibility.category"]);
    expect(eligibilityProblems({ ...none, prerequisiteCourseIds: ["c1", "c2"] }, paths, officer)).toEqual(["take.eligibility.prerequisite"]);
  });

  it("a named person is eligible outside the listed units, still needing the courses", () => {
    expect(eligibilityProblems({ ...none, unitIds: ["js"], personIds: ["p1"] }, paths, officer)).toEqual([]);
    expect(eligibilityProblems({ ...none, personIds: ["p2"] }, paths, officer)).toEqual(["take.eligibility.notNamed"]);
  });
});

describe("after submitting", () => {
  const submitted = { submitted: true, resultsPublished: false, closed: false };
  it("scores show on submit, on publishing, or never, as the exam says", () => {
    expect(canSeeScore({ showScore: "ON_SUBMIT", showAnswers: "NEVER" }, submitted)).toBe(true);
    expect(canSeeScore({ showScore: "ON_PUBLISH", showAnswers: "NEVER" }, submitted)).toBe(false);
    expect(canSeeScore({ showScore: "ON_PUBLISH", showAnswers: "NEVER" }, { ...submitted, resultsPublished: true })).toBe(true);
    expect(canSeeScore({ showScore: "NEVER", showAnswers: "NEVER" }, { ...submitted, resultsPublished: true })).toBe(false);
  });

  it("the answer key is never shown before submitting, whatever the policy", () => {
    const during = { submitted: false, resultsPublished: true, closed: true };
    expect(canSeeAnswers({ showScore: "ON_SUBMIT", showAnswers: "AFTER_CLOSE" }, during)).toBe(false);
    expect(canSeeAnswers({ showScore: "ON_SUBMIT", showAnswers: "AFTER_CLOSE" }, submitted)).toBe(false);
    expect(canSeeAnswers({ showScore: "ON_SUBMIT", showAnswers: "AFTER_CLOSE" }, { ...submitted, closed: true })).toBe(true);
  });
});

describe("answered or not", () => {
  it("blank choices, blanks and whitespace-only text count as unanswered", () => {
    expect(isAnswered({ type: "SINGLE", choice: null })).toBe(false);
    expect(isAnswered({ type: "MULTIPLE", choices: [] })).toBe(false);
    expect(isAnswered({ type: "TRUE_FALSE", value: false })).toBe(true);
    expect(isAnswered({ type: "FILL_BLANK", blanks: [" ", ""] })).toBe(false);
    expect(isAnswered({ type: "CASE_ANALYSIS", text: "  " })).toBe(false);
  });
});
