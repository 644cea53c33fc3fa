import { describe, expect, it } from "vitest";
import { parseAiken, serializeAiken } from "./aiken";
import { MULTI_BLANK, SAMPLE_QUESTIONS, withoutLines } from "./fixtures/sample-questions";
import { draft } from "./shared";

describe("Aiken round trip", () => {
  it("gives back what Aiken holds (text, options, answer) and skips other types", () => {
    const all = [...SAMPLE_QUESTIONS, MULTI_BLANK];
    const exported = serializeAiken(all);
    const singles = all.filter((q) => q.content.type === "SINGLE");
    expect(exported.exported).toBe(singles.length);
    expect(exported.skipped).toEqual(
      all.flatMap((q, index) => (q.content.type === "SINGLE" ? [] : [{ index, reason: "questionFormats.skipped.typeNotSupported" }])),
    );
    const parsed = parseAiken(exported.data);
    expect(parsed.problems).toEqual([]);
    // Aiken has no difficulty, explanation, tags…: those come back as defaults. Paragraph
    // breaks become line breaks (a blank line would end the question).
    const expected = singles.map(({ content: c }) => ({
      content: { ...draft("SINGLE", c.answer, c.stem.replace(/\n\s*\n/g, "\n")), options: c.options },
    }));
    expect(withoutLines(parsed.questions)).toEqual(expected);
  });
});

describe("reading Aiken", () => {
  it("accepts the usual variants and reports each question's first line", () => {
    const text = [
      "《中华人民共和国环境保护法》自何时起施行？",
      "A. 2014年4月24日",
      "B. 2015年1月1日",
      "ANSWER: B",
      "",
      "A、B两家企业共用一个排放口，",
      "下列说法正确的是：",
      "A) 各自承担责任",
      "B) 只由A企业承担",
      "answer: a",
      "",
      "现场检查的执法人员不得少于几人？",
      "A．一人",
      "B．两人",
      "C．三人",
      "答案：B",
    ].join("\r\n");
    const result = parseAiken(text);
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.content.stem, q.content.options.length, q.content.answer])).toEqual([
      [1, "《中华人民共和国环境保护法》自何时起施行？", 2, { type: "SINGLE", correct: "B" }],
      [6, "A、B两家企业共用一个排放口，\n下列说法正确的是：", 2, { type: "SINGLE", correct: "A" }],
      [12, "现场检查的执法人员不得少于几人？", 3, { type: "SINGLE", correct: "B" }],
    ]);
    expect(result.questions[0].content.difficulty).toBe(3);
  });

  it("reports missing answers, bad letters, gaps and unknown answers on the question's line", () => {
    const text = [
      "缺少答案的题",
      "A. 甲",
      "B. 乙",
      "下一题的题干",
      "A. 甲",
      "B. 乙",
      "ANSWER: AB",
      "",
      "字母不连续",
      "A. 甲",
      "C. 丙",
      "ANSWER: A",
      "",
      "答案不是选项",
      "A. 甲",
      "B. 乙",
      "ANSWER: D",
      "",
      "ANSWER: A",
      "最后一题没有答案",
      "A. 甲",
    ].join("\n");
    expect(parseAiken(text).problems).toEqual([
      { line: 1, message: "questionFormats.errors.aikenMissingAnswer" },
      { line: 4, message: "questionFormats.errors.badAnswerLetters", params: { value: "AB" } },
      { line: 9, message: "questions.errors.optionKeysOrder", params: { field: "options" } },
      { line: 14, message: "questions.errors.answerNotAnOption", params: { field: "answer" } },
      { line: 19, message: "questionFormats.errors.aikenAnswerWithoutQuestion" },
      { line: 20, message: "questionFormats.errors.aikenMissingAnswer" },
    ]);
  });

  it("keeps HTML in the text as literal text", () => {
    const result = parseAiken("<img src=x onerror=alert(1)>是什么？\nA. 甲\nB. 乙\nANSWER: A");
    expect(result.questions[0].content.stem).toBe("<img src=x onerror=alert(1)>是什么？");
  });
});

describe("writing Aiken", () => {
  it("skips a question whose text has a line Aiken would read as an option or answer", () => {
    const base = SAMPLE_QUESTIONS.find((q) => q.content.type === "SINGLE")!;
    const optionLike = { content: { ...base.content, stem: "下列说法中：\nA. 这一行像选项\n哪个正确？" } };
    const answerLike = { content: { ...base.content, stem: "ANSWER: 这一行像答案" } };
    expect(serializeAiken([optionLike, answerLike]).skipped).toEqual([
      { index: 0, reason: "questionFormats.skipped.aikenAmbiguousLine" },
      { index: 1, reason: "questionFormats.skipped.aikenAmbiguousLine" },
    ]);
  });
});
