import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_QUESTIONS } from "./fixtures/sample-questions";
import { FORMATS, FORMAT_FILES, detectFormat, parseQuestionsFile, serializeQuestions } from "./index";

const fixtures = path.join(import.meta.dirname, "fixtures");
const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const XLS = Buffer.from("d0cf11e0a1b11ae1000000000000000000000000", "hex");

const GIFT = "::Q1::环保法何时施行？{=2015年 ~2014年}";
const AIKEN = "环保法何时施行？\nA. 2014年\nB. 2015年\nANSWER: B\n";
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz></quiz>';

describe("detectFormat", () => {
  it.each([
    ["questions.gift", GIFT, "gift"],
    ["questions.txt", GIFT, "gift"],
    ["questions.txt", AIKEN, "aiken"],
    ["questions.aiken", AIKEN, "aiken"],
    ["questions.txt", "本题考查 {行政拘留} 的期限？\nA. 五日\nB. 十日\nANSWER: B", "aiken"], // braces in Aiken text
    ["questions", AIKEN, "aiken"],
    ["questions.xml", XML, "moodle-xml"],
    ["questions.txt", "<quiz>\n</quiz>", "moodle-xml"],
    ["questions.xml", GIFT, null], // the content does not match the name
    ["questions.gift", XML, null],
    ["questions.gift", AIKEN, null],
    ["questions.txt", "只是一段文字。", null],
    ["questions.docx", GIFT, null],
  ])("%s with %j → %s", (name, text, format) => {
    expect(detectFormat(name, bytes(text))).toBe(format);
  });

  it("recognises a workbook only by its zip signature and name", async () => {
    const { data } = await serializeQuestions("xlsx", SAMPLE_QUESTIONS, "zh-CN");
    expect(detectFormat("题库.xlsx", data as Buffer)).toBe("xlsx");
    expect(detectFormat("题库.docx", data as Buffer)).toBe(null);
    expect(detectFormat("题库.xlsx", PNG)).toBe(null);
    expect(detectFormat("题库.xlsx", new Uint8Array())).toBe(null);
  });

  it("recognises the Moodle fixtures", () => {
    expect(detectFormat("moodle-export.gift.txt", readFileSync(path.join(fixtures, "moodle-export.gift.txt")))).toBe("gift");
    expect(detectFormat("moodle-export.xml", readFileSync(path.join(fixtures, "moodle-export.xml")))).toBe("moodle-xml");
  });
});

describe("parseQuestionsFile", () => {
  it("reports a 0-byte file", async () => {
    expect((await parseQuestionsFile("题库.xlsx", new Uint8Array())).problems).toEqual([{ line: 0, message: "questionFormats.errors.emptyFile" }]);
  });

  it("reports a PNG renamed .xlsx as an unknown format", async () => {
    const result = await parseQuestionsFile("题库.xlsx", PNG);
    expect(result).toEqual({ questions: [], problems: [{ line: 0, message: "questionFormats.errors.unknownFormat" }], unsupported: [], warnings: [] });
  });

  it("asks for .xlsx when given an old .xls", async () => {
    expect((await parseQuestionsFile("题库.xls", XLS)).problems).toEqual([{ line: 0, message: "questionFormats.errors.xlsNotSupported" }]);
  });

  it("reports a file with no questions in it", async () => {
    expect((await parseQuestionsFile("空.xml", bytes(XML))).problems).toEqual([{ line: 0, message: "questionFormats.errors.noQuestions" }]);
  });

  it("reads GB18030 text (Chinese Windows 'ANSI') with a warning", async () => {
    // "判断题{T}" in GB18030, as Notepad on Chinese Windows saves it.
    const gb = Buffer.concat([Buffer.from("c5d0b6cfcce2", "hex"), Buffer.from("{T}")]);
    const result = await parseQuestionsFile("题库.txt", gb);
    expect(result.questions.map((q) => q.content.stem)).toEqual(["判断题"]);
    expect(result.warnings).toEqual([{ line: 0, message: "questionFormats.warnings.readAsGb18030" }]);
  });

  it("reads UTF-8 with a BOM", async () => {
    const result = await parseQuestionsFile("题库.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(AIKEN)]));
    expect(result.questions).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });
});

describe("serializeQuestions", () => {
  it.each(FORMATS)("writes %s that is detected and read back as the same format", async (format) => {
    const exported = await serializeQuestions(format, SAMPLE_QUESTIONS, "zh-CN");
    const data = typeof exported.data === "string" ? bytes(exported.data) : exported.data;
    const fileName = `题库${FORMAT_FILES[format].extension}`;
    expect(detectFormat(fileName, data)).toBe(format);
    const parsed = await parseQuestionsFile(fileName, data);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions).toHaveLength(exported.exported);
  });
});
