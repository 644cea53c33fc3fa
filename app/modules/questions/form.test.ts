import { describe, expect, it } from "vitest";
import { questionContentSchema, type QuestionContent } from "./content";
import { contentFromForm, fieldForIssue, formFromContent, formValues, type QuestionFormValues } from "./form";

const common = {
  explanation: "依据《中华人民共和国环境保护法》第五十九条。",
  difficulty: 4,
  topicCodes: ["LAW.EPL", "PEN.DAILY"],
  lawRefs: [
    { law: "中华人民共和国环境保护法", article: "第五十九条" },
    { law: "环境保护主管部门实施按日连续处罚办法", article: "" },
  ],
  tags: ["按日连续处罚", "罚款计算"],
  notes: "核对依据：法律原文。",
};

const EXAMPLES: Record<QuestionContent["type"], QuestionContent> = {
  SINGLE: {
    ...common,
    type: "SINGLE",
    stem: "按日连续处罚的计罚日数自何日起计算？",
    options: [
      { key: "A", text: "责令改正之日" },
      { key: "B", text: "责令改正之日的次日" },
      { key: "C", text: "复查之日" },
    ],
    answer: { type: "SINGLE", correct: "B" },
  },
  MULTIPLE: {
    ...common,
    type: "MULTIPLE",
    stem: "下列情形中，可以实施按日连续处罚的有：",
    options: [
      { key: "A", text: "超标排放污染物" },
      { key: "B", text: "通过暗管排放污染物" },
      { key: "C", text: "未按规定公开环境信息" },
      { key: "D", text: "篡改监测数据逃避监管" },
    ],
    answer: { type: "MULTIPLE", correct: ["A", "B", "D"], scoring: "PARTIAL" },
  },
  TRUE_FALSE: {
    ...common,
    type: "TRUE_FALSE",
    stem: "现场检查时，执法人员可以由一人单独进行。",
    options: [],
    answer: { type: "TRUE_FALSE", correct: false },
  },
  FILL_BLANK: {
    ...common,
    type: "FILL_BLANK",
    stem: "按日连续处罚自____起计算，每日罚款数额为____。",
    options: [],
    answer: {
      type: "FILL_BLANK",
      blanks: [{ accepted: ["责令改正之日的次日", "次日"] }, { accepted: ["原处罚数额"] }],
      caseSensitive: true,
      ignoreWhitespace: false,
    },
  },
  CASE_ANALYSIS: {
    ...common,
    type: "CASE_ANALYSIS",
    stem: "某企业被责令改正后拒不改正，继续超标排放。请分析应如何处理。",
    options: [],
    answer: {
      type: "CASE_ANALYSIS",
      modelAnswer: "可以按日连续处罚，并可责令限产停产。",
      rubric: [
        { criterion: "认定拒不改正", points: 4 },
        { criterion: "适用按日连续处罚", points: 3.5 },
      ],
    },
  },
};

/** What the browser posts for these values: one entry per field, repeated for checkboxes. */
function post(values: QuestionFormValues): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      // Unchecked checkboxes are not posted at all.
      if ((key === "caseSensitive" || key === "ignoreWhitespace") && v === "") continue;
      form.append(key, v);
    }
  }
  return form;
}

describe("contentFromForm / formFromContent", () => {
  for (const [type, content] of Object.entries(EXAMPLES)) {
    it(`round-trips a ${type} question through the editor fields`, () => {
      expect(questionContentSchema.safeParse(content).success, "example is valid").toBe(true);
      expect(contentFromForm(formFromContent(content))).toEqual(content);
    });

    it(`round-trips a ${type} question through a posted form`, () => {
      expect(contentFromForm(formValues(post(formFromContent(content))))).toEqual(content);
    });
  }

  it("round-trips all-or-nothing scoring and the default blank options", () => {
    const multiple = { ...EXAMPLES.MULTIPLE, answer: { type: "MULTIPLE" as const, correct: ["A" as const, "C" as const], scoring: "ALL_OR_NOTHING" as const } };
    expect(contentFromForm(formValues(post(formFromContent(multiple))))).toEqual(multiple);
    const fill = { ...EXAMPLES.FILL_BLANK, answer: { ...EXAMPLES.FILL_BLANK.answer, caseSensitive: false, ignoreWhitespace: true } } as QuestionContent;
    expect(contentFromForm(formValues(post(formFromContent(fill))))).toEqual(fill);
  });

  it("keeps repeated checkbox values as a list", () => {
    const form = new FormData();
    form.append("type", "MULTIPLE");
    form.append("correct", "A");
    form.append("correct", "C");
    expect(formValues(form).correct).toEqual(["A", "C"]);
  });

  it("ignores fields of other types that the editor merely hides", () => {
    const values: QuestionFormValues = {
      ...formFromContent(EXAMPLES.SINGLE),
      type: "TRUE_FALSE",
      tfCorrect: "true",
      blanks: "次日",
    };
    const content = contentFromForm(values);
    expect(content.options).toEqual([]);
    expect(content.answer).toEqual({ type: "TRUE_FALSE", correct: true });
    expect(questionContentSchema.safeParse(content).success).toBe(true);
  });

  it("reads what people type: full-width separators, lower-case topic codes, blank lines", () => {
    const content = contentFromForm({
      type: "FILL_BLANK",
      stem: "  排污许可证有效期为____年。 ",
      difficulty: "2",
      topicCodes: "permit.reg，law.epl",
      tags: "排污许可，有效期、 期限 ",
      lawRefs: "排污许可管理条例｜第十四条\n\n中华人民共和国环境保护法\n",
      blanks: "5｜五\n",
      ignoreWhitespace: "on",
    });
    expect(content.stem).toBe("排污许可证有效期为____年。");
    expect(content.difficulty).toBe(2);
    expect(content.topicCodes).toEqual(["PERMIT.REG", "LAW.EPL"]);
    expect(content.tags).toEqual(["排污许可", "有效期", "期限"]);
    expect(content.lawRefs).toEqual([
      { law: "排污许可管理条例", article: "第十四条" },
      { law: "中华人民共和国环境保护法", article: "" },
    ]);
    expect(content.answer).toEqual({ type: "FILL_BLANK", blanks: [{ accepted: ["5", "五"] }], caseSensitive: false, ignoreWhitespace: true });
    expect(questionContentSchema.safeParse(content).success).toBe(true);
  });

  it("an unknown type falls back to single choice, an empty difficulty to 3", () => {
    const content = contentFromForm({ type: "ESSAY", stem: "题干", difficulty: "", optionA: "甲", optionB: "乙", correct: "B" });
    expect(content.type).toBe("SINGLE");
    expect(content.difficulty).toBe(3);
  });

  describe("an answer nobody chose is never invented", () => {
    const problemsOf = (values: QuestionFormValues) => {
      const parsed = questionContentSchema.safeParse(contentFromForm(values));
      expect(parsed.success, "must not validate").toBe(false);
      return parsed.error!.issues.map((i) => ({ field: fieldForIssue(i.path as (string | number)[]), message: i.message }));
    };

    it("single choice with no letter ticked", () => {
      const values = { ...formFromContent(EXAMPLES.SINGLE), correct: undefined };
      expect(problemsOf(values)).toContainEqual({ field: "correct", message: "questionFormats.errors.noCorrectAnswer" });
    });

    it("true/false with neither ticked", () => {
      const values = { ...formFromContent(EXAMPLES.TRUE_FALSE), tfCorrect: undefined };
      expect(problemsOf(values)).toContainEqual({ field: "correct", message: "questionFormats.errors.noCorrectAnswer" });
    });

    it("multiple choice with fewer than two ticked", () => {
      const values = { ...formFromContent(EXAMPLES.MULTIPLE), correct: ["A"] };
      expect(problemsOf(values)).toContainEqual({ field: "correct", message: "questions.errors.multipleNeedsTwo" });
    });
  });
});

describe("fieldForIssue", () => {
  it("maps answer paths to the field that edits them", () => {
    expect(fieldForIssue(["answer"])).toBe("correct");
    expect(fieldForIssue(["answer", "correct"])).toBe("correct");
    expect(fieldForIssue(["answer", "correct", 1])).toBe("correct");
    expect(fieldForIssue(["answer", "blanks", 0, "accepted", 0])).toBe("blanks");
    expect(fieldForIssue(["answer", "rubric", 1, "points"])).toBe("rubric");
    expect(fieldForIssue(["answer", "modelAnswer"])).toBe("modelAnswer");
  });

  it("maps any option issue to the options group, and other fields to themselves", () => {
    expect(fieldForIssue(["options"])).toBe("options");
    expect(fieldForIssue(["options", 2, "text"])).toBe("options");
    expect(fieldForIssue(["stem"])).toBe("stem");
    expect(fieldForIssue(["lawRefs", 0, "law"])).toBe("lawRefs");
    expect(fieldForIssue([])).toBe("form");
  });

  it("names a field the editor actually shows for every issue of a bad question", () => {
    const editorFields = new Set(["type", "stem", "options", "correct", "blanks", "rubric", "modelAnswer", "explanation", "difficulty", "topicCodes", "lawRefs", "tags", "notes"]);
    const bad = contentFromForm({ type: "FILL_BLANK", stem: "没有空格的题干", difficulty: "9", blanks: "" });
    const parsed = questionContentSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    for (const issue of parsed.error!.issues) expect(editorFields, JSON.stringify(issue.path)).toContain(fieldForIssue(issue.path as (string | number)[]));
  });
});
