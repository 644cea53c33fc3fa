import { describe, expect, it } from "vitest";
import type { QuestionContent } from "~/modules/questions/content";
import { addMiss } from "./notebook";
import { correctAnswerOf, countByTopic, notebookSections, pickLeastRecent, publicQuestion, responseFromForm } from "./practice";

const base: Omit<QuestionContent, "type" | "answer" | "options" | "stem"> = {
  explanation: "依据《中华人民共和国行政处罚法》第六十三条。",
  difficulty: 2,
  topicCodes: ["PEN.PROC"],
  lawRefs: [{ law: "中华人民共和国行政处罚法", article: "第六十三条" }],
  tags: [],
  notes: "作者备注",
};

const single: QuestionContent = {
  ...base,
  type: "SINGLE",
  stem: "较大数额罚款前应告知当事人有权要求什么？",
  options: [
    { key: "A", text: "听证" },
    { key: "B", text: "复议" },
  ],
  answer: { type: "SINGLE", correct: "A" },
};

const fill: QuestionContent = {
  ...base,
  type: "FILL_BLANK",
  stem: "当事人应当在行政机关告知后____日内提出听证要求，逾期视为____。",
  options: [],
  answer: { type: "FILL_BLANK", blanks: [{ accepted: ["五", "5"] }, { accepted: ["放弃"] }], caseSensitive: false, ignoreWhitespace: true },
};

describe("publicQuestion", () => {
  it("keeps only the public fields: no answer, explanation, notes or laws", () => {
    const q = publicQuestion("q1", "v1", single);
    expect(q).toEqual({ id: "q1", versionId: "v1", type: "SINGLE", stem: single.stem, options: single.options, blanks: 0 });
    expect(JSON.stringify(q)).not.toMatch(/answer|correct|explanation|notes|第六十三条/);
  });

  it("counts the blanks of a fill-in-the-blank stem", () => {
    expect(publicQuestion("q2", "v2", fill)).toMatchObject({ blanks: 2, options: [] });
    expect(JSON.stringify(publicQuestion("q2", "v2", fill))).not.toContain("放弃");
  });

  it("refuses case analysis", () => {
    expect(() =>
      publicQuestion("q3", "v3", { ...base, type: "CASE_ANALYSIS", stem: "案例", options: [], answer: { type: "CASE_ANALYSIS", modelAnswer: "答", rubric: [{ criterion: "c", points: 5 }] } }),
    ).toThrow();
  });
});

describe("correctAnswerOf", () => {
  it("shapes each type's key for display", () => {
    expect(correctAnswerOf(single)).toEqual({ type: "SINGLE", keys: ["A"] });
    expect(correctAnswerOf({ answer: { type: "MULTIPLE", correct: ["C", "A"], scoring: "PARTIAL" } })).toEqual({ type: "MULTIPLE", keys: ["A", "C"] });
    expect(correctAnswerOf({ answer: { type: "TRUE_FALSE", correct: false } })).toEqual({ type: "TRUE_FALSE", value: false });
    expect(correctAnswerOf(fill)).toEqual({ type: "FILL_BLANK", blanks: [["五", "5"], ["放弃"]] });
  });
});

describe("responseFromForm", () => {
  it("builds the response of the question's type", () => {
    expect(responseFromForm("SINGLE", { choice: "B", choices: ["A"] })).toEqual({ type: "SINGLE", choice: "B" });
    expect(responseFromForm("SINGLE", {})).toEqual({ type: "SINGLE", choice: null });
    expect(responseFromForm("MULTIPLE", { choices: ["C", "A", "C"] })).toEqual({ type: "MULTIPLE", choices: ["A", "C"] });
    expect(responseFromForm("TRUE_FALSE", { value: "false" })).toEqual({ type: "TRUE_FALSE", value: false });
    expect(responseFromForm("TRUE_FALSE", { value: "maybe" })).toEqual({ type: "TRUE_FALSE", value: null });
    expect(responseFromForm("FILL_BLANK", { blanks: ["5", "放弃"] })).toEqual({ type: "FILL_BLANK", blanks: ["5", "放弃"] });
  });
});

describe("pickLeastRecent", () => {
  const at = (iso: string) => new Date(iso);

  it("picks among never-answered questions first, at random", () => {
    const candidates = [
      { questionId: "old", lastAnsweredAt: at("2026-01-01T00:00:00Z") },
      { questionId: "n1", lastAnsweredAt: null },
      { questionId: "n2", lastAnsweredAt: null },
    ];
    expect(pickLeastRecent(candidates, () => 0)).toBe("n1");
    expect(pickLeastRecent(candidates, () => 0.99)).toBe("n2");
  });

  it("otherwise the one answered longest ago", () => {
    const candidates = [
      { questionId: "recent", lastAnsweredAt: at("2026-03-01T00:00:00Z") },
      { questionId: "oldest", lastAnsweredAt: at("2026-01-01T00:00:00Z") },
      { questionId: "middle", lastAnsweredAt: at("2026-02-01T00:00:00Z") },
    ];
    expect(pickLeastRecent(candidates, () => 0.99)).toBe("oldest");
  });

  it("returns null when there is nothing to practise", () => {
    expect(pickLeastRecent([])).toBeNull();
  });
});

describe("countByTopic", () => {
  it("counts subtopics into their parents, each question once, and skips case analysis", () => {
    const counts = countByTopic(
      ["LAW", "LAW.EPL", "LAW.APL", "LAWX"],
      [
        { type: "SINGLE", topicCodes: ["LAW.EPL", "LAW.APL"] },
        { type: "TRUE_FALSE", topicCodes: ["LAW.EPL"] },
        { type: "CASE_ANALYSIS", topicCodes: ["LAW.EPL"] },
        { type: "SINGLE", topicCodes: ["LAWX"] },
      ],
    );
    expect(counts.get("LAW")).toEqual({ total: 2, byType: { SINGLE: 1, MULTIPLE: 0, TRUE_FALSE: 1, FILL_BLANK: 0 } });
    expect(counts.get("LAW.EPL")!.total).toBe(2);
    expect(counts.get("LAW.APL")!.total).toBe(1);
    expect(counts.get("LAWX")!.total).toBe(1);
  });
});

describe("notebookSections", () => {
  const shanghai = (local: string) => new Date(`${local}+08:00`);

  it("splits due (longest-waiting first), scheduled (soonest first) and cleared", () => {
    const a = addMiss(null, "a", shanghai("2026-03-01T10:00:00")); // due 03-02 04:00
    const b = addMiss(null, "b", shanghai("2026-02-01T10:00:00")); // due 02-02 04:00
    const c = addMiss(null, "c", shanghai("2026-03-05T10:00:00")); // due 03-06 04:00
    const d = addMiss(null, "d", shanghai("2026-03-04T10:00:00")); // due 03-05 04:00
    const e = { ...addMiss(null, "e", shanghai("2026-01-01T10:00:00")), cleared: true };
    const s = notebookSections([a, b, c, d, e], shanghai("2026-03-04T12:00:00"));
    expect(s.due.map((x) => x.questionId)).toEqual(["b", "a"]);
    expect(s.later.map((x) => x.questionId)).toEqual(["d", "c"]);
    expect(s.cleared.map((x) => x.questionId)).toEqual(["e"]);
  });
});
