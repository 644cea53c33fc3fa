import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MULTI_BLANK, SAMPLE_QUESTIONS, asImported, withoutLines } from "./fixtures/sample-questions";
import { parseMoodleXml, serializeMoodleXml } from "./moodle-xml";

const fixture = readFileSync(path.join(import.meta.dirname, "fixtures/moodle-export.xml"), "utf8");

describe("Moodle XML round trip", () => {
  it("gives back every question it can hold, unchanged", () => {
    const exported = serializeMoodleXml([...SAMPLE_QUESTIONS, MULTI_BLANK]);
    expect(exported.exported).toBe(SAMPLE_QUESTIONS.length);
    expect(exported.skipped).toEqual([{ index: SAMPLE_QUESTIONS.length, reason: "questionFormats.skipped.multipleBlanks" }]);
    const parsed = parseMoodleXml(exported.data);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.unsupported).toEqual([]);
    // Moodle needs a name: a question without one is named after the start of its text.
    const expected = asImported(SAMPLE_QUESTIONS).map((q) => ({ ...q, name: q.name ?? q.content.stem.slice(0, 40) }));
    expect(withoutLines(parsed.questions)).toEqual(expected);
  });

  it("keeps our fields where Moodle keeps them: tags, grader information, a comment for notes", () => {
    const { data } = serializeMoodleXml(SAMPLE_QUESTIONS);
    expect(data).toContain("<tag><text>difficulty:2</text></tag>");
    expect(data).toContain("<tag><text>topic:LAW.EPL</text></tag>");
    expect(data).toContain("<tag><text>law:中华人民共和国环境保护法|第六十三条</text></tag>");
    expect(data).toContain("<tag><text>tag:law:备查</text></tag>"); // an ordinary tag that looks like ours
    expect(data).toContain("【评分要点】\n- 认定违法事实（暗管排放、逃避监管）|4");
    // "--" may not appear inside an XML comment.
    expect(data).toContain('<!-- notes: "来源：2023年培训教材 -\\u002d 第3章\\n待核实：是否为最新修订" -->');
    expect(data).toContain("&lt;b&gt;这不是 HTML&lt;/b&gt;");
  });

  it("reports the line of each <question>, CRLF or not", () => {
    const { data } = serializeMoodleXml(SAMPLE_QUESTIONS.slice(0, 2));
    const lines = data
      .split("\n")
      .map((l, i) => (l.includes('<question type="multichoice">') ? i + 1 : 0))
      .filter(Boolean);
    expect(parseMoodleXml(data).questions.map((q) => q.line)).toEqual(lines);
    expect(parseMoodleXml(data.replace(/\n/g, "\r\n")).questions.map((q) => q.line)).toEqual(lines);
  });
});

describe("an XML file exported by Moodle", () => {
  const result = parseMoodleXml(fixture);
  const byName = (name: string) => result.questions.find((q) => q.name === name)!;

  it("imports multichoice, truefalse, shortanswer and essay questions with their categories", () => {
    expect(result.questions.map((q) => [q.line, q.name, q.content.type, q.category])).toEqual([
      [15, "环保法施行日期", "SINGLE", "默认 - 执法人员岗位培训/环境法律法规"],
      [76, "排污许可证载明事项", "MULTIPLE", "默认 - 执法人员岗位培训/环境法律法规"],
      [124, "现场检查人数", "TRUE_FALSE", "默认 - 执法人员岗位培训/环境法律法规"],
      [164, "查封扣押期限", "FILL_BLANK", "默认 - 执法人员岗位培训/执法程序"],
      [200, "案例分析——暗管排放", "CASE_ANALYSIS", "默认 - 执法人员岗位培训/执法程序"],
    ]);
  });

  it("converts HTML to Markdown without scripts, and reads fractions", () => {
    expect(byName("环保法施行日期").content).toMatchObject({
      stem: "《中华人民共和国环境保护法》（2014年修订）自何时起施行？",
      options: [
        { key: "A", text: "2014年4月24日" },
        { key: "B", text: "2015年1月1日" },
        { key: "C", text: "2015年7月1日" },
        { key: "D", text: "2016年1月1日" }, // escaped HTML rather than CDATA
      ],
      answer: { type: "SINGLE", correct: "B" },
      explanation: "第七十条：本法自2015年1月1日起施行。",
      tags: ["环境保护法", "基础"],
      difficulty: 3,
    });
    expect(byName("排污许可证载明事项").content).toMatchObject({
      stem: "下列属于排污许可证应当载明的事项有（  ）：",
      answer: { type: "MULTIPLE", correct: ["A", "B", "D"], scoring: "PARTIAL" },
    });
  });

  it("keeps markup in a non-HTML text as literal text", () => {
    expect(byName("现场检查人数").content).toMatchObject({
      stem: "现场检查时，执法人员可以由一人单独进行并制作笔录。<b>注意</b>",
      answer: { type: "TRUE_FALSE", correct: false },
      explanation: "现场检查应当由两名以上执法人员进行。",
    });
  });

  it("turns a short answer into one blank after the text; the catch-all '*' is not an answer", () => {
    expect(byName("查封扣押期限").content).toMatchObject({
      stem: "环境保护主管部门实施查封、扣押的期限，一般不得超过多少日？ ____",
      answer: { type: "FILL_BLANK", blanks: [{ accepted: ["三十日", "30日"] }], caseSensitive: false },
    });
  });

  it("reads the model answer and the rubric from the information for graders", () => {
    expect(byName("案例分析——暗管排放").content.answer).toEqual({
      type: "CASE_ANALYSIS",
      modelAnswer: "该公司通过暗管排放水污染物，属于逃避监管的违法行为，应责令改正并处罚款；情节严重的移送公安机关。",
      rubric: [
        { criterion: "认定违法事实", points: 4 },
        { criterion: "正确适用法律条款", points: 4 },
        { criterion: "提出处理意见", points: 2 },
      ],
    });
  });

  it("warns about the image it did not import and keeps the text", () => {
    expect(result.warnings).toEqual([{ line: 76, message: "questionFormats.warnings.imageNotImported" }]);
  });

  it("reports an essay without grader information as a problem", () => {
    expect(result.problems).toEqual([
      { line: 232, message: "errors.required", params: { field: "answer.modelAnswer" } },
      { line: 232, message: "questions.errors.rubricRequired", params: { field: "answer.rubric" } },
    ]);
  });

  it("reports matching, numerical, description and cloze questions as unsupported", () => {
    expect(result.unsupported).toEqual([
      { line: 260, kind: "matching", name: "违法行为与法律" },
      { line: 290, kind: "numerical", name: "罚款计算" },
      { line: 318, kind: "description", name: "第二部分说明" },
      { line: 335, kind: "cloze", name: "完形填空" },
    ]);
  });
});

describe("bad XML", () => {
  it("reports broken XML once, with its line", () => {
    const broken = fixture.replace("</answernumbering>", "</answernumbring>");
    const line = broken.split("\n").findIndex((l) => l.includes("</answernumbring>")) + 1;
    const result = parseMoodleXml(broken);
    expect(result.questions).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line, message: "questionFormats.errors.badXml" });
    expect(line).toBe(31);
  });

  it("refuses a DTD (no entity expansion)", () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaa">]>\n<quiz><question type="truefalse"><name><text>&a;</text></name></question></quiz>';
    expect(parseMoodleXml(bomb).problems).toEqual([{ line: 2, message: "questionFormats.errors.badXml" }]);
  });

  it("refuses XML that is not a Moodle quiz", () => {
    expect(parseMoodleXml('<?xml version="1.0"?><html><body/></html>').problems).toEqual([{ line: 1, message: "questionFormats.errors.notMoodleXml" }]);
  });

  it("reports a multiple-choice question with no correct answer", () => {
    const xml = `<quiz>
<question type="multichoice"><name><text>x</text></name><questiontext format="plain_text"><text>题</text></questiontext>
<answer fraction="0"><text>甲</text></answer><answer fraction="0"><text>乙</text></answer></question></quiz>`;
    expect(parseMoodleXml(xml).problems).toEqual([{ line: 2, message: "questionFormats.errors.noCorrectAnswer" }]);
  });
});
