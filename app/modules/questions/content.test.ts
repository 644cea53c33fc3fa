import { describe, expect, it } from "vitest";
import { contentProblems, questionContentSchema, type QuestionContent } from "./content";

const base = { explanation: "", difficulty: 3, topicCodes: [], lawRefs: [], tags: [], notes: "" };

const single = (over: Partial<QuestionContent> = {}): QuestionContent => ({
  ...base,
  type: "SINGLE",
  stem: "现场检查时，执法人员不得少于几人？",
  options: [
    { key: "A", text: "一人" },
    { key: "B", text: "两人" },
    { key: "C", text: "三人" },
  ],
  answer: { type: "SINGLE", correct: "B" },
  ...over,
});

const multiple = (over: Partial<QuestionContent> = {}): QuestionContent => ({
  ...base,
  type: "MULTIPLE",
  stem: "下列属于逃避监管排放污染物的有：",
  options: [
    { key: "A", text: "通过暗管排放" },
    { key: "B", text: "篡改监测数据" },
    { key: "C", text: "按证排污" },
  ],
  answer: { type: "MULTIPLE", correct: ["A", "B"], scoring: "ALL_OR_NOTHING" },
  ...over,
});

const fill = (stem: string, blanks: number): QuestionContent => ({
  ...base,
  type: "FILL_BLANK",
  stem,
  options: [],
  answer: { type: "FILL_BLANK", blanks: Array.from({ length: blanks }, () => ({ accepted: ["次日"] })), caseSensitive: false, ignoreWhitespace: true },
});

const messages = (q: QuestionContent) => contentProblems(q).map((p) => p.message);
/** Messages of the full schema check (field rules and contentProblems together). */
const schemaMessages = (q: unknown) => {
  const parsed = questionContentSchema.safeParse(q);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("contentProblems", () => {
  it("accepts well-formed questions of every kind", () => {
    expect(contentProblems(single())).toEqual([]);
    expect(contentProblems(multiple())).toEqual([]);
    expect(contentProblems(fill("自____起计算。", 1))).toEqual([]);
    expect(schemaMessages(single())).toEqual([]);
    expect(schemaMessages(multiple())).toEqual([]);
  });

  describe("option letters run A, B, C… in order without gaps", () => {
    it("rejects a gap", () => {
      const q = single({ options: [{ key: "A", text: "一人" }, { key: "B", text: "两人" }, { key: "D", text: "三人" }] });
      expect(contentProblems(q)).toContainEqual({ message: "questions.errors.optionKeysOrder", path: ["options"] });
    });

    it("rejects letters out of order and not starting at A", () => {
      expect(messages(single({ options: [{ key: "B", text: "一人" }, { key: "A", text: "两人" }, { key: "C", text: "三人" }] }))).toContain("questions.errors.optionKeysOrder");
      expect(messages(single({ options: [{ key: "B", text: "一人" }, { key: "C", text: "两人" }], answer: { type: "SINGLE", correct: "B" } }))).toContain(
        "questions.errors.optionKeysOrder",
      );
    });
  });

  describe("the answer must be one of the options", () => {
    it("single choice", () => {
      expect(contentProblems(single({ answer: { type: "SINGLE", correct: "D" } }))).toContainEqual({ message: "questions.errors.answerNotAnOption", path: ["answer"] });
    });

    it("multiple choice, including a letter given twice", () => {
      expect(messages(multiple({ answer: { type: "MULTIPLE", correct: ["A", "E"], scoring: "PARTIAL" } }))).toContain("questions.errors.answerNotAnOption");
      expect(messages(multiple({ answer: { type: "MULTIPLE", correct: ["A", "A"], scoring: "PARTIAL" } }))).toContain("questions.errors.answerNotAnOption");
    });

    it("and of the question's type", () => {
      expect(contentProblems(single({ answer: { type: "TRUE_FALSE", correct: true } }))).toContainEqual({ message: "questions.errors.answerTypeMismatch", path: ["answer"] });
    });
  });

  it("needs at least 2 options for single choice and 3 for multiple choice", () => {
    expect(messages(single({ options: [{ key: "A", text: "两人" }], answer: { type: "SINGLE", correct: "A" } }))).toContain("questions.errors.tooFewOptions");
    expect(
      messages(
        multiple({
          options: [
            { key: "A", text: "通过暗管排放" },
            { key: "B", text: "篡改监测数据" },
          ],
        }),
      ),
    ).toContain("questions.errors.tooFewOptions");
  });

  it("rejects two options with the same text", () => {
    expect(messages(single({ options: [{ key: "A", text: "两人" }, { key: "B", text: "两人" }, { key: "C", text: "三人" }] }))).toContain(
      "questions.errors.duplicateOptions",
    );
  });

  describe("fill in the blank: one answer per ____ in the stem", () => {
    it("matches the number of blanks", () => {
      expect(messages(fill("自____起计算，每日罚款数额为____。", 2))).toEqual([]);
      expect(contentProblems(fill("自____起计算，每日罚款数额为____。", 1))).toContainEqual({ message: "questions.errors.blankCountMismatch", path: ["answer"] });
      expect(messages(fill("自____起计算。", 2))).toContain("questions.errors.blankCountMismatch");
      expect(messages(fill("没有空格的题干。", 1))).toContain("questions.errors.blankCountMismatch");
    });

    it("counts three or more underscores as a blank, and fewer as text", () => {
      expect(messages(fill("自___起计算。", 1))).toEqual([]);
      expect(messages(fill("自__起计算。", 1))).toContain("questions.errors.blankCountMismatch");
    });

    it("gives the same answer on repeated calls (no stale regex state)", () => {
      const q = fill("自____起计算，每日罚款数额为____。", 2);
      for (let i = 0; i < 3; i++) expect(messages(q)).toEqual([]);
    });
  });

  it("allows no options on true/false, fill-in and case questions", () => {
    const tf: QuestionContent = { ...base, type: "TRUE_FALSE", stem: "执法人员可以一人检查。", options: [{ key: "A", text: "正确" }, { key: "B", text: "错误" }], answer: { type: "TRUE_FALSE", correct: false } };
    expect(contentProblems(tf)).toContainEqual({ message: "questions.errors.optionsNotAllowed", path: ["options"] });
    expect(contentProblems({ ...tf, options: [] })).toEqual([]);
    expect(messages({ ...fill("自____起计算。", 1), options: [{ key: "A", text: "次日" }] })).toContain("questions.errors.optionsNotAllowed");
  });
});

describe("questionContentSchema", () => {
  it("needs at least two correct options for multiple choice", () => {
    expect(schemaMessages(multiple({ answer: { type: "MULTIPLE", correct: ["A"], scoring: "ALL_OR_NOTHING" } }))).toContain("questions.errors.multipleNeedsTwo");
  });

  it("needs a rubric for case analysis", () => {
    const q = { ...base, type: "CASE_ANALYSIS", stem: "分析本案。", options: [], answer: { type: "CASE_ANALYSIS", modelAnswer: "应当处罚。", rubric: [] } };
    expect(schemaMessages(q)).toContain("questions.errors.rubricRequired");
  });

  it("reports contentProblems with their paths", () => {
    const parsed = questionContentSchema.safeParse(single({ answer: { type: "SINGLE", correct: "D" } }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toContainEqual(expect.objectContaining({ message: "questions.errors.answerNotAnOption", path: ["answer"] }));
  });

  it("requires a stem and a difficulty from 1 to 5, and fills optional fields", () => {
    expect(schemaMessages(single({ stem: "   " }))).toContain("errors.required");
    expect(schemaMessages(single({ difficulty: 6 })).length).toBeGreaterThan(0);
    expect(schemaMessages(single({ difficulty: 0 })).length).toBeGreaterThan(0);
    const { explanation: _e, topicCodes: _t, lawRefs: _l, tags: _g, notes: _n, ...minimal } = single();
    const parsed = questionContentSchema.safeParse(minimal);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ explanation: "", topicCodes: [], lawRefs: [], tags: [], notes: "" });
  });

  it("defaults multiple-choice scoring to all-or-nothing and blanks to case- and space-insensitive", () => {
    const m = questionContentSchema.parse({ ...multiple(), answer: { type: "MULTIPLE", correct: ["A", "B"] } });
    expect(m.answer).toEqual({ type: "MULTIPLE", correct: ["A", "B"], scoring: "ALL_OR_NOTHING" });
    const f = questionContentSchema.parse({ ...fill("自____起。", 1), answer: { type: "FILL_BLANK", blanks: [{ accepted: ["次日"] }] } });
    expect(f.answer).toEqual({ type: "FILL_BLANK", blanks: [{ accepted: ["次日"] }], caseSensitive: false, ignoreWhitespace: true });
  });

  it("trims text fields", () => {
    const parsed = questionContentSchema.parse(single({ stem: "  现场检查时，执法人员不得少于几人？\n" }));
    expect(parsed.stem).toBe("现场检查时，执法人员不得少于几人？");
  });
});
