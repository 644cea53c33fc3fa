import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as giftPegParse } from "gift-pegjs";
import { describe, expect, it } from "vitest";
import { MULTI_BLANK, SAMPLE_QUESTIONS, asImported, withoutLines } from "./fixtures/sample-questions";
import { parseGift, serializeGift } from "./gift";

const fixture = readFileSync(path.join(import.meta.dirname, "fixtures/moodle-export.gift.txt"), "utf8");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("GIFT round trip", () => {
  it("gives back every question it can hold, unchanged", () => {
    const exported = serializeGift([...SAMPLE_QUESTIONS, MULTI_BLANK]);
    expect(exported.exported).toBe(SAMPLE_QUESTIONS.length);
    expect(exported.skipped).toEqual([{ index: SAMPLE_QUESTIONS.length, reason: "questionFormats.skipped.multipleBlanks" }]);
    const parsed = parseGift(exported.data);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.unsupported).toEqual([]);
    expect(withoutLines(parsed.questions)).toEqual(asImported(SAMPLE_QUESTIONS));
  });

  it("writes GIFT that an independent parser (gift-pegjs) reads as the same question types", () => {
    const { data } = serializeGift(SAMPLE_QUESTIONS);
    const types = giftPegParse(data)
      .filter((q) => q.type !== "Category")
      .map((q) => q.type);
    expect(types).toEqual(["MC", "MC", "MC", "TF", "TF", "Short", "Short", "Essay", "MC"]);
  });

  it("reports the line where each question's text starts", () => {
    const { data } = serializeGift(SAMPLE_QUESTIONS);
    const parsed = parseGift(data);
    expect(parsed.questions.map((q) => q.line)).toEqual(
      SAMPLE_QUESTIONS.map((q) => lineOf(data, q.name ? `::${q.name.replace(/:/g, "\\:")}::` : `[markdown]${q.content.stem.slice(0, 10)}`)),
    );
  });
});

describe("a GIFT file exported by Moodle", () => {
  const result = parseGift(fixture);
  const byName = (name: string) => result.questions.find((q) => q.name === name);

  it("imports the questions we can represent, with their categories", () => {
    expect(result.questions.map((q) => [q.line, q.name, q.content.type, q.category])).toEqual([
      [6, "环保法施行日期", "SINGLE", "默认 - 执法人员岗位培训/环境法律法规"],
      [17, "按日连续处罚的条件", "MULTIPLE", "默认 - 执法人员岗位培训/环境法律法规"],
      [26, "环境标志", "SINGLE", "默认 - 执法人员岗位培训/环境法律法规"],
      [34, "环境影响评价", "TRUE_FALSE", "默认 - 执法人员岗位培训/环境法律法规"],
      [44, "查封扣押期限", "FILL_BLANK", "默认 - 执法人员岗位培训/执法程序"],
      [53, "应急预案", "FILL_BLANK", "默认 - 执法人员岗位培训/执法程序"],
      [59, "检查人数", "TRUE_FALSE", "默认 - 执法人员岗位培训/执法程序"],
    ]);
  });

  it("converts [html] text to Markdown and reads answers, weights and general feedback", () => {
    expect(byName("环保法施行日期")!.content).toMatchObject({
      stem: "《中华人民共和国环境保护法》（2014年修订）自何时起施行？",
      options: [
        { key: "A", text: "2014年4月24日" },
        { key: "B", text: "2015年1月1日" },
        { key: "C", text: "2015年7月1日" },
        { key: "D", text: "2016年1月1日" },
      ],
      answer: { type: "SINGLE", correct: "B" },
      explanation: "第七十条规定：本法自2015年1月1日起施行。详见 [生态环境部网站](http://www.mee.gov.cn/)。",
      difficulty: 3, // Moodle has no difficulty: the default
    });
    expect(byName("按日连续处罚的条件")!.content).toMatchObject({
      answer: { type: "MULTIPLE", correct: ["A", "B"], scoring: "PARTIAL" },
      tags: ["按日计罚", "罚则"],
    });
    expect(byName("环境影响评价")!.content).toMatchObject({ answer: { correct: true }, explanation: "《环境影响评价法》第三十一条。" });
  });

  it("turns short answers into one blank: in place, or after the text", () => {
    expect(byName("查封扣押期限")!.content).toMatchObject({
      stem: "环境保护主管部门实施查封、扣押的期限，一般不得超过多少日？ ____",
      answer: { type: "FILL_BLANK", blanks: [{ accepted: ["三十日", "30日"] }], caseSensitive: false, ignoreWhitespace: true },
    });
    // Moodle already put the blank in the text when the question was first imported.
    expect(byName("应急预案")!.content.stem).toBe("企业事业单位应当按照国家有关规定制定突发环境事件_____，报环境保护主管部门和有关部门备案。");
  });

  it("keeps the text of a question whose image was not imported, with a warning", () => {
    expect(byName("环境标志")!.content.stem).toBe("下图所示的标志是：");
    expect(result.warnings).toEqual([
      { line: 26, message: "questionFormats.warnings.imageNotImported" },
      { line: 44, message: "questionFormats.warnings.partialCreditDropped" },
    ]);
  });

  it("reports matching, numerical and description items as unsupported, with their lines", () => {
    expect(result.unsupported).toEqual([
      { line: 69, kind: "matching", name: "违法行为与法律" },
      { line: 77, kind: "numerical", name: "罚款计算" },
      { line: 83, kind: "description", name: "第二部分说明" },
    ]);
  });

  it("reports an essay without model answer or rubric, and a broken question, and goes on", () => {
    expect(result.problems).toEqual([
      { line: 63, message: "errors.required", params: { field: "answer.modelAnswer" } },
      { line: 63, message: "questions.errors.rubricRequired", params: { field: "answer.rubric" } },
      { line: 87, message: "questionFormats.errors.giftUnclosed", params: { token: "{" } },
    ]);
  });
});

describe("GIFT details", () => {
  it("accepts hand-written GIFT: no format, unescaped ':' and '=' in the text, CRLF, comments inside", () => {
    const text = [
      "// 第一章 练习",
      "Note: a = b 时，下列正确的是 {",
      "  // 注释行",
      "  =甲 ~乙",
      "  ~丙",
      "}",
      "",
      "",
      "太阳从东边升起。{T}",
    ].join("\r\n");
    const result = parseGift(text);
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.content.stem, q.content.type])).toEqual([
      [2, "Note: a = b 时，下列正确的是", "SINGLE"],
      [9, "太阳从东边升起。", "TRUE_FALSE"],
    ]);
    expect(result.questions[0].content.options.map((o) => o.text)).toEqual(["甲", "乙", "丙"]);
  });

  it("keeps HTML in a non-HTML question as literal text", () => {
    const result = parseGift("<b>加粗</b><script>x()</script> 是否正确？{F}");
    expect(result.questions[0].content.stem).toBe("<b>加粗</b><script>x()</script> 是否正确？");
  });

  it("drops script and style from [html] text", () => {
    const result = parseGift("[html]<p>题干<script>alert(1)</script><style>p\\{color\\:red\\}</style></p>{T}");
    expect(result.questions[0].content.stem).toBe("题干");
  });

  it("puts the blank where the answer block stands", () => {
    const result = parseGift("排放标准中 COD 是指{=化学需氧量}，单位为 mg/L。");
    expect(result.questions[0].content).toMatchObject({ stem: "排放标准中 COD 是指____，单位为 mg/L。", answer: { blanks: [{ accepted: ["化学需氧量"] }] } });
  });

  it("reads several full-credit choices and unequal weights as problems or warnings", () => {
    const result = parseGift("两个都对？{=甲 =乙 ~丙}\n\n比例不等{~%60%甲 ~%40%乙 ~%-100%丙}");
    expect(result.problems).toEqual([{ line: 1, message: "questionFormats.errors.severalFullCredit" }]);
    expect(result.questions[0].content.answer).toEqual({ type: "MULTIPLE", correct: ["A", "B"], scoring: "PARTIAL" });
    expect(result.warnings).toEqual([{ line: 3, message: "questionFormats.warnings.weightsNormalized" }]);
  });

  it("reports a bad structured comment on its own line and skips the question", () => {
    const result = parseGift("// @difficulty 9\n// @rubric 没有分值\n案例{}");
    expect(result.questions).toEqual([]);
    expect(result.problems).toEqual([
      { line: 1, message: "questionFormats.errors.badDirective", params: { directive: "@difficulty" } },
      { line: 2, message: "questionFormats.errors.badDirective", params: { directive: "@rubric" } },
    ]);
  });

  it("validates each question with the schema and reports issues on its line", () => {
    const result = parseGift("\n\n只有一个选项{=甲}\n\n{~甲 =乙}");
    expect(result.questions).toHaveLength(1); // "{=甲}" is a short answer
    expect(result.problems).toEqual([{ line: 5, message: "errors.required", params: { field: "stem" } }]);
  });

  it("ignores ordinary comments that merely start with @", () => {
    const result = parseGift("// @author 张三\n// question: 12  name: x\n判断{TRUE}");
    expect(result.problems).toEqual([]);
    expect(result.questions).toHaveLength(1);
  });
});
