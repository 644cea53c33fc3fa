import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MULTI_BLANK, SAMPLE_QUESTIONS, asImported, withoutLines } from "./fixtures/sample-questions";
import { MAX_QUESTION_ROWS, parseQuestionsXlsx, questionsTemplate, serializeQuestionsXlsx } from "./xlsx";

async function workbook(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("题库");
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("xlsx round trip", () => {
  it.each(["zh-CN", "en"] as const)("gives back every question, with several blanks, unchanged (%s)", async (locale) => {
    const all = [...SAMPLE_QUESTIONS, MULTI_BLANK];
    const exported = await serializeQuestionsXlsx(all, locale);
    expect(exported.skipped).toEqual([]);
    expect(exported.exported).toBe(all.length);
    const parsed = await parseQuestionsXlsx(exported.data);
    expect(parsed.problems).toEqual([]);
    // One row per question: names do not travel; categories do (分类 column).
    expect(withoutLines(parsed.questions)).toEqual(asImported(all, { category: true }));
    expect(parsed.questions.map((q) => q.line)).toEqual(all.map((_, i) => i + 2));
  });

  it("skips a question whose text contains the separators of a list cell", async () => {
    const q = { content: { ...SAMPLE_QUESTIONS[0].content, tags: ["水，大气"] } };
    expect((await serializeQuestionsXlsx([q], "zh-CN")).skipped).toEqual([{ index: 0, reason: "questionFormats.skipped.separatorInText" }]);
  });
});

describe("the template", () => {
  it("has the headings in the chosen language and reads as an empty question list", async () => {
    for (const [locale, first] of [["zh-CN", ["题型", "题干", "选项A"]], ["en", ["Type", "Question", "Option A"]]] as const) {
      const data = await questionsTemplate(locale);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1, 4)).toEqual(first);
      expect(await parseQuestionsXlsx(data)).toEqual({ questions: [], problems: [], unsupported: [], warnings: [] });
    }
  });

  it("has valid examples of every type on its example sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await questionsTemplate("zh-CN")) as unknown as ArrayBuffer);
    // Read the example sheet as if it were the first one.
    wb.removeWorksheet(wb.worksheets[0].id);
    wb.removeWorksheet(wb.worksheets[0].id);
    const parsed = await parseQuestionsXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.content.type)).toEqual(["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_BLANK", "CASE_ANALYSIS"]);
  });
});

describe("reading spreadsheets from other platforms", () => {
  it("finds columns by heading in any order, below a title row, and accepts the usual answer forms", async () => {
    const data = await workbook([
      ["2024年执法人员培训题库"],
      ["答案", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "难度", "法律依据", "标签", "多选计分", "评分要点", "参考答案"],
      ["B", "单选", "环保法何时施行？", "2014年", "2015年", "", "", "易", "《中华人民共和国环境保护法》第七十条", "", "", "", ""],
      ["A、C、D", "多项选择题", "正确的有：", "甲", "乙", "丙", "丁", 3, "", "基础，重点", "按比例", "", ""],
      [],
      ["√", "判断题", "执法人员不得少于两人。", "", "", "", "", "", "", "", "", "", ""],
      ["三十日|30日；十五日", "填空题", "期限为____，延长不超过____。", "", "", "", "", "", "", "", "", "", ""],
      ["", "案例分析题", "请分析。", "", "", "", "", 4, "", "", "", "认定违法事实（4分）\n正确适用法律|3；提出处理意见|3", "应责令改正并处罚款。"],
    ]);
    const parsed = await parseQuestionsXlsx(data);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => [q.line, q.content.type])).toEqual([
      [3, "SINGLE"],
      [4, "MULTIPLE"],
      [6, "TRUE_FALSE"], // the empty row 5 is skipped; row numbers stay Excel's
      [7, "FILL_BLANK"],
      [8, "CASE_ANALYSIS"],
    ]);
    const [single, multiple, tf, fill, kase] = parsed.questions.map((q) => q.content);
    expect(single).toMatchObject({ difficulty: 1, lawRefs: [{ law: "中华人民共和国环境保护法", article: "第七十条" }], answer: { correct: "B" } });
    expect(multiple).toMatchObject({ tags: ["基础", "重点"], answer: { correct: ["A", "C", "D"], scoring: "PARTIAL" } });
    expect(tf.answer).toEqual({ type: "TRUE_FALSE", correct: true });
    expect(fill.answer).toMatchObject({ blanks: [{ accepted: ["三十日", "30日"] }, { accepted: ["十五日"] }] });
    expect(kase.answer).toEqual({
      type: "CASE_ANALYSIS",
      modelAnswer: "应责令改正并处罚款。",
      rubric: [
        { criterion: "认定违法事实", points: 4 },
        { criterion: "正确适用法律", points: 3 },
        { criterion: "提出处理意见", points: 3 },
      ],
    });
  });

  it("accepts English headings and labels", async () => {
    const data = await workbook([
      ["Type", "Question", "Option A", "Option B", "Answer", "Difficulty"],
      ["Single choice", "Which year?", "2014", "2015", "b", 2],
      ["True/false", "Two officers are required.", "", "", "True", ""],
    ]);
    const parsed = await parseQuestionsXlsx(data);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.content.answer)).toEqual([
      { type: "SINGLE", correct: "B" },
      { type: "TRUE_FALSE", correct: true },
    ]);
  });
});

describe("bad spreadsheets", () => {
  it("names the missing required columns in one problem", async () => {
    const parsed = await parseQuestionsXlsx(await workbook([["题型", "选项A", "选项B"], ["单选题", "甲", "乙"]]));
    expect(parsed.questions).toEqual([]);
    expect(parsed.problems).toEqual([{ line: 1, message: "questionFormats.errors.missingColumns", params: { columns: "题干、答案" } }]);
  });

  it("names them in English when the headings are English", async () => {
    const parsed = await parseQuestionsXlsx(await workbook([["Type", "Answer", "Option A"]]));
    expect(parsed.problems).toEqual([{ line: 1, message: "questionFormats.errors.missingColumns", params: { columns: "Question" } }]);
  });

  it("refuses formula cells, with row and column", async () => {
    const data = await workbook(
      [
        ["题型", "题干", "选项A", "选项B", "答案"],
        ["单选题", "题一", "甲", "乙", "A"],
        ["单选题", "题二", "甲", "乙", "A"],
      ],
      (sheet) => (sheet.getCell("B3").value = { formula: 'B2&"（续）"', result: "题一（续）" }),
    );
    const parsed = await parseQuestionsXlsx(data);
    expect(parsed.questions.map((q) => q.line)).toEqual([2]);
    expect(parsed.problems).toEqual([{ line: 3, message: "questionFormats.errors.formula", params: { column: "题干" } }]);
  });

  it("reports every bad row with its Excel row number", async () => {
    const data = await workbook([
      ["题型", "题干", "选项A", "选项B", "选项C", "答案", "难度"],
      ["单选题", "答案字母无效", "甲", "乙", "", "Z", ""],
      ["单选题", "答案不是选项", "甲", "乙", "", "D", ""],
      ["多选题", "只有两个选项", "甲", "乙", "", "AB", ""],
      ["判断题", "答案无效", "", "", "", "也许", ""],
      ["问答题", "题型无效", "", "", "", "x", ""],
      ["单选题", "难度无效", "甲", "乙", "", "A", "很难"],
      ["填空题", "空的数量不对____", "", "", "", "一；二", ""],
      ["单选题", "", "甲", "乙", "", "A", ""],
      ["单选题", "正确的一行", "甲", "乙", "丙", "C", 5],
    ]);
    const parsed = await parseQuestionsXlsx(data);
    expect(parsed.questions.map((q) => q.line)).toEqual([10]);
    expect(parsed.problems).toEqual([
      { line: 2, message: "questionFormats.errors.badAnswerLetters", params: { column: "答案", value: "Z" } },
      { line: 3, message: "questions.errors.answerNotAnOption", params: { field: "答案" } },
      { line: 4, message: "questions.errors.tooFewOptions", params: { field: "选项A" } },
      { line: 5, message: "questionFormats.errors.badTrueFalse", params: { column: "答案", value: "也许" } },
      { line: 6, message: "questionFormats.errors.badType", params: { column: "题型", value: "问答题" } },
      { line: 7, message: "questionFormats.errors.badDifficulty", params: { column: "难度", value: "很难" } },
      { line: 8, message: "questions.errors.blankCountMismatch", params: { field: "答案" } },
      { line: 9, message: "errors.required", params: { field: "题干" } },
    ]);
  });

  it(`refuses more than ${MAX_QUESTION_ROWS} questions`, async () => {
    const rows = [["题型", "题干", "答案"], ...Array.from({ length: MAX_QUESTION_ROWS + 1 }, (_, i) => ["判断题", `第${i + 1}题`, "对"])];
    const parsed = await parseQuestionsXlsx(await workbook(rows));
    expect(parsed.questions).toEqual([]);
    expect(parsed.problems).toEqual([{ line: 0, message: "questionFormats.errors.tooManyRows", params: { max: MAX_QUESTION_ROWS } }]);
  });

  it("refuses a file that is not a workbook", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    expect((await parseQuestionsXlsx(png)).problems).toEqual([{ line: 0, message: "questionFormats.errors.notXlsx" }]);
  });
});
