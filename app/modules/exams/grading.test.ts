import { describe, expect, it } from "vitest";
import { hasAnswerText, markSchema, objectiveScoreOf, regradeReason, regradeSchema, shortCode } from "./grading";

describe("shortCode", () => {
  it("is stable, readable and the same length for any id", () => {
    expect(shortCode("clx1abc")).toBe(shortCode("clx1abc"));
    expect(shortCode("clx1abc")).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(shortCode("")).toMatch(/^.{3}-.{3}$/);
  });

  it("rarely collides across many attempts", () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => shortCode(`cm${i.toString(36)}x${(i * 7919).toString(36)}`)));
    expect(codes.size).toBeGreaterThan(19_990);
  });
});

describe("markSchema", () => {
  const parse = (max: number, form: Record<string, string>) => markSchema(max).safeParse(form);
  const error = (max: number, form: Record<string, string>) => {
    const r = parse(max, form);
    return r.success ? null : r.error.issues[0].message;
  };

  it("accepts half points up to the maximum", () => {
    expect(parse(20, { points: "12.5", round: "1" })).toMatchObject({ success: true, data: { points: 12.5, comment: "", round: 1 } });
    expect(parse(20, { points: "20", round: "3", comment: "  好  " })).toMatchObject({ success: true, data: { comment: "好" } });
    expect(parse(20, { points: "0", round: "2" }).success).toBe(true);
  });

  it("names the problem with a dictionary key", () => {
    expect(error(20, { points: "-1", round: "1" })).toBe("marking.errors.negative");
    expect(error(20, { points: "20.5", round: "1" })).toBe("marking.errors.aboveMax");
    expect(error(20, { points: "3.3", round: "1" })).toBe("marking.errors.halfStep");
    expect(error(20, { points: "abc", round: "1" })).toBe("marking.errors.points");
  });
});

describe("regradeSchema", () => {
  it("needs a question; the version is optional and the default intent is a preview", () => {
    expect(regradeSchema.safeParse({ questionId: "q1" })).toMatchObject({ success: true, data: { intent: "preview" } });
    expect(regradeSchema.safeParse({}).success).toBe(false);
  });
});

describe("small helpers", () => {
  it("sums the objective part from stored fractions", () => {
    expect(
      objectiveScoreOf([
        { points: 2, fraction: 1, subjective: false },
        { points: 3, fraction: 1 / 3, subjective: false },
        { points: 20, fraction: null, subjective: true },
        { points: 1, fraction: null, subjective: false },
      ]),
    ).toBe(3);
  });

  it("tells an empty case answer from a given one", () => {
    expect(hasAnswerText({ type: "CASE_ANALYSIS", text: "  " })).toBe(false);
    expect(hasAnswerText(null)).toBe(false);
    expect(hasAnswerText({ type: "CASE_ANALYSIS", text: "答" })).toBe(true);
  });

  it("writes regrade reasons with the version", () => {
    expect(regradeReason("v123")).toBe("REGRADE: v123");
  });
});
