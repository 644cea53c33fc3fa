import { describe, expect, it } from "vitest";
import {
  blueprintCellSchema,
  blueprintSchema,
  coverageGaps,
  isProvincialCode,
  NATIONAL_CODE,
  provincialCode,
  PROVINCIAL_CODE,
  splitLaws,
  summarizeBlueprint,
  topicInputSchema,
  topicMatches,
  totalHours,
  type BlueprintCell,
  type TopicNode,
} from "./rules";

const cell = (overrides: Partial<BlueprintCell> = {}): BlueprintCell => ({
  topicCode: "LAW",
  type: "SINGLE",
  difficultyMin: 1,
  difficultyMax: 4,
  count: 10,
  points: 1,
  ...overrides,
});

describe("summarizeBlueprint", () => {
  it("totals questions and marks", () => {
    const s = summarizeBlueprint([cell({ count: 20, points: 1 }), cell({ type: "MULTIPLE", count: 10, points: 2 }), cell({ type: "CASE_ANALYSIS", count: 1, points: 20 })]);
    expect(s.questions).toBe(31);
    expect(s.marks).toBe(60);
  });

  it("weighs marks by top-level topic, heaviest first, in percent with one decimal", () => {
    const s = summarizeBlueprint([
      cell({ topicCode: "LAW.EPL", count: 10, points: 1 }),
      cell({ topicCode: "LAW.APL", count: 10, points: 1 }),
      cell({ topicCode: "PEN", count: 10, points: 4 }),
      cell({ topicCode: "EVID.TYPES", count: 1, points: 1 }),
    ]);
    expect(s.marks).toBe(61);
    expect(s.topicWeights).toEqual([
      { code: "PEN", percent: 65.6 },
      { code: "LAW", percent: 32.8 },
      { code: "EVID", percent: 1.6 },
    ]);
  });

  it("keeps a provincial topic code whole (it has no national root)", () => {
    const s = summarizeBlueprint([cell({ topicCode: "330000:LOCAL.A", count: 1, points: 1 }), cell({ topicCode: "LAW.EPL", count: 3, points: 1 })]);
    expect(s.topicWeights).toEqual([
      { code: "LAW", percent: 75 },
      { code: "330000:LOCAL.A", percent: 25 },
    ]);
  });

  it("sums the type mix by count and marks", () => {
    const s = summarizeBlueprint([cell({ type: "SINGLE", count: 5, points: 1 }), cell({ topicCode: "PEN", type: "SINGLE", count: 5, points: 2 }), cell({ type: "TRUE_FALSE", count: 4, points: 0.5 })]);
    expect(s.typeMix).toEqual([
      { type: "SINGLE", count: 10, marks: 15 },
      { type: "TRUE_FALSE", count: 4, marks: 2 },
    ]);
  });

  it("puts each cell in a difficulty band by the mid-point of its range", () => {
    const s = summarizeBlueprint([
      cell({ difficultyMin: 1, difficultyMax: 3, count: 1, points: 10 }), // mid 2 → easy
      cell({ difficultyMin: 2, difficultyMax: 3, count: 1, points: 10 }), // mid 2.5 → medium
      cell({ difficultyMin: 3, difficultyMax: 4, count: 1, points: 10 }), // mid 3.5 → medium
      cell({ difficultyMin: 4, difficultyMax: 4, count: 1, points: 10 }), // 4 → hard
    ]);
    expect(s.difficulty).toEqual({ easy: 25, medium: 50, hard: 25 });
  });

  it("answers zeros for an empty blueprint instead of dividing by zero", () => {
    expect(summarizeBlueprint([])).toEqual({ questions: 0, marks: 0, topicWeights: [], typeMix: [], difficulty: { easy: 0, medium: 0, hard: 0 } });
  });
});

const tree: TopicNode[] = [
  { code: "LAW", parentCode: null, hours: { ENFORCEMENT: 0 } },
  { code: "LAW.EPL", parentCode: "LAW", hours: { ENFORCEMENT: 4, MONITORING: 3, LEADERSHIP: 5, NEW_RECRUIT: 6 } },
  { code: "LAW.APL", parentCode: "LAW", hours: { ENFORCEMENT: 4, MONITORING: 2 } },
  { code: "330000:LOCAL1", parentCode: "LAW.EPL", hours: { ENFORCEMENT: 1.5 } },
  { code: "EMRG", parentCode: null, hours: { ENFORCEMENT: 2, LEADERSHIP: 4 } },
];

describe("totalHours", () => {
  it("sums every topic per audience, treating a missing audience as 0", () => {
    expect(totalHours(tree)).toEqual({ ENFORCEMENT: 11.5, MONITORING: 5, LEADERSHIP: 9, NEW_RECRUIT: 6 });
  });

  it("is all zeros for no topics", () => {
    expect(totalHours([])).toEqual({ ENFORCEMENT: 0, MONITORING: 0, LEADERSHIP: 0, NEW_RECRUIT: 0 });
  });
});

describe("coverageGaps", () => {
  it("lists leaf topics with no active question, never parents", () => {
    expect(coverageGaps(tree, new Map())).toEqual(["LAW.APL", "330000:LOCAL1", "EMRG"]);
  });

  it("drops leaves that have questions; a parent with none of its own is not a gap", () => {
    const counts = new Map([
      ["LAW.APL", 3],
      ["EMRG", 1],
      ["LAW", 0],
    ]);
    expect(coverageGaps(tree, counts)).toEqual(["330000:LOCAL1"]);
  });

  it("counts a zero as a gap", () => {
    expect(coverageGaps([{ code: "A", parentCode: null, hours: {} }], new Map([["A", 0]]))).toEqual(["A"]);
  });
});

describe("topicMatches", () => {
  it("matches the topic itself and anything below it", () => {
    expect(topicMatches("LAW", "LAW")).toBe(true);
    expect(topicMatches("LAW", "LAW.EPL")).toBe(true);
    expect(topicMatches("LAW", "LAW.EPL.X")).toBe(true);
    expect(topicMatches("LAW.EPL", "LAW.EPL")).toBe(true);
  });

  it("does not match siblings, parents or mere prefixes", () => {
    expect(topicMatches("LAW", "LAWX")).toBe(false);
    expect(topicMatches("LAW.EPL", "LAW")).toBe(false);
    expect(topicMatches("LAW.EPL", "LAW.APL")).toBe(false);
    expect(topicMatches("PEN", "330000:PEN")).toBe(false);
    expect(topicMatches("330000:LOCAL1", "330000:LOCAL1.A")).toBe(true);
  });
});

describe("splitLaws", () => {
  it("splits on new lines and full- or half-width semicolons, trimming and dropping blanks", () => {
    expect(splitLaws("中华人民共和国环境保护法\n  行政处罚法；行政强制法;\r\n\n 大气污染防治法 ")).toEqual([
      "中华人民共和国环境保护法",
      "行政处罚法",
      "行政强制法",
      "大气污染防治法",
    ]);
  });

  it("keeps commas and brackets inside a law's name", () => {
    expect(splitLaws("中华人民共和国环境保护法（2014年修订，2015年施行）")).toEqual(["中华人民共和国环境保护法（2014年修订，2015年施行）"]);
  });

  it("gives nothing for an empty text", () => {
    expect(splitLaws("")).toEqual([]);
    expect(splitLaws(" \n；; ")).toEqual([]);
  });
});

describe("topic codes", () => {
  it("prefixes a province's division code to a provincial topic", () => {
    expect(provincialCode("330000", "LOCAL1")).toBe("330000:LOCAL1");
    expect(provincialCode("330000", "LAW.WATER2")).toBe("330000:LAW.WATER2");
  });

  it("tells provincial codes from national ones", () => {
    for (const code of ["330000:LOCAL1", "440000:A.B1", "330000:X"]) {
      expect(isProvincialCode(code), code).toBe(true);
      expect(PROVINCIAL_CODE.test(code), code).toBe(true);
    }
    for (const code of ["LAW", "LAW.EPL", "33000:LOCAL", "3300000:LOCAL", "330000:", "330000:local", "330000:1ABC", "330000:LAW.", "abc:LAW"]) {
      expect(isProvincialCode(code), code).toBe(false);
    }
  });

  it("accepts national codes of upper-case segments joined by dots", () => {
    for (const code of ["LAW", "LAW.EPL", "MON.AUTO2", "A1.B.C"]) expect(NATIONAL_CODE.test(code), code).toBe(true);
    for (const code of ["law", "1LAW", "LAW.", ".LAW", "LAW..EPL", "LAW-EPL", "330000:LAW"]) expect(NATIONAL_CODE.test(code), code).toBe(false);
  });

  it("upper-cases a typed local code before checking it", () => {
    const parsed = topicInputSchema.parse({ localCode: " local1 ", name: "本省专题" });
    expect(parsed.localCode).toBe("LOCAL1");
    expect(parsed).toMatchObject({ description: "", laws: "", ENFORCEMENT: 0, NEW_RECRUIT: 0 });
    expect(topicInputSchema.safeParse({ localCode: "330000:LOCAL1", name: "本省专题" }).success).toBe(false);
  });

  it("takes hours in half-hour steps from 0 to 200", () => {
    const hours = (v: string) => topicInputSchema.safeParse({ localCode: "A", name: "名称", ENFORCEMENT: v });
    expect(hours("2.5").success).toBe(true);
    expect(hours("200").success).toBe(true);
    expect(hours("0.3").error?.issues[0].message).toBe("syllabus.errors.hours");
    expect(hours("-1").error?.issues[0].message).toBe("syllabus.errors.hours");
    expect(hours("201").error?.issues[0].message).toBe("syllabus.errors.hours");
  });
});

describe("blueprint schema", () => {
  it("coerces form strings in cells", () => {
    expect(blueprintCellSchema.parse({ topicCode: "LAW", type: "SINGLE", difficultyMin: "1", difficultyMax: "3", count: "10", points: "1.5" })).toEqual(
      cell({ difficultyMax: 3, points: 1.5 }),
    );
  });

  it("refuses an inverted difficulty range on the max field", () => {
    const r = blueprintCellSchema.safeParse(cell({ difficultyMin: 4, difficultyMax: 2 }));
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["difficultyMax", "blueprints.errors.difficultyRange"]]);
  });

  it("needs at least one row and a well-formed code", () => {
    const base = { code: "enf-initial", name: "执法证考试", examType: "CREDENTIAL_INITIAL", notes: "" };
    expect(blueprintSchema.parse({ ...base, cells: [cell()] }).code).toBe("ENF-INITIAL");
    expect(blueprintSchema.safeParse({ ...base, cells: [] }).error?.issues[0].message).toBe("blueprints.errors.noCells");
    expect(blueprintSchema.safeParse({ ...base, code: "A", cells: [cell()] }).error?.issues[0].message).toBe("blueprints.errors.codeFormat");
  });
});
