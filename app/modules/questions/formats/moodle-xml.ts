import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { LawRef, QuestionContent } from "../content";
import { htmlToMarkdown } from "./html";
import {
  acceptQuestion,
  choicesToAnswer,
  draft,
  emptyResult,
  formatGraderInfo,
  formatLawRef,
  formatPercent,
  lineAt,
  moodleCategoryPath,
  normalizeCategory,
  optionWeights,
  parseLawRef,
  splitGraderInfo,
} from "./shared";
import type { ExportQuestion, ExportResult, ParseResult } from "./types";

/*
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format). We read multichoice,
 * truefalse, shortanswer (one blank) and essay (case analysis: the "information for
 * graders" holds the model answer and, after a 【评分要点】 heading, the rubric); category
 * pseudo-questions set the category of the questions after them; every other type is
 * reported as unsupported.
 *
 * Our export writes Markdown text and keeps our extra fields where Moodle keeps them too:
 * difficulty, topics, law references and options as tags ("difficulty:3", "topic:LAW.EPL",
 * "law:中华人民共和国环境保护法|第六十三条", "scoring:all-or-nothing", "whitespace:strict";
 * an ordinary tag that looks like one of these is written "tag:…"). Notes, which must not
 * reach candidates, go in an XML comment inside the question: Moodle ignores comments.
 */

const ARRAYS = new Set(["question", "answer", "tag", "file", "subquestion", "#comment"]);
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type XmlNode = Record<string, unknown>;

const UNSUPPORTED_KINDS: Record<string, string> = {
  matching: "matching",
  randomsamatch: "matching",
  numerical: "numerical",
  calculated: "calculated",
  calculatedsimple: "calculated",
  calculatedmulti: "calculated",
  multianswer: "cloze",
  ddwtos: "ddwtos",
  gapselect: "gapselect",
  ordering: "ordering",
  description: "description",
};

function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object" && "#text" in value) return str((value as XmlNode)["#text"]);
  return "";
}

function node(value: unknown): XmlNode {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as XmlNode) : {};
}

function list(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.map(node) : value === undefined ? [] : [node(value)];
}

/** Moodle's text elements: <x format="html"><text>…</text><file …/></x>. */
function textElement(parent: XmlNode, name: string): { text: string; format: string; files: boolean } {
  const el = node(parent[name]);
  return { text: str(el.text).trim(), format: str(el["@_format"]), files: list(el.file).length > 0 };
}

type Tags = { difficulty?: number; topics: string[]; laws: LawRef[]; tags: string[]; allOrNothing: boolean; strictWhitespace: boolean };

function readTags(question: XmlNode): Tags {
  const out: Tags = { topics: [], laws: [], tags: [], allOrNothing: false, strictWhitespace: false };
  for (const tag of list(node(question.tags).tag)) {
    const text = str(tag.text).trim();
    const m = /^([a-z]+):([\s\S]*)$/.exec(text);
    const value = m ? m[2].trim() : "";
    const ref = m?.[1] === "law" ? parseLawRef(value) : null;
    if (m?.[1] === "difficulty" && /^[1-5]$/.test(value)) out.difficulty = Number(value);
    else if (m?.[1] === "topic" && value) out.topics.push(value);
    else if (ref) out.laws.push(ref);
    else if (m?.[1] === "scoring" && value === "all-or-nothing") out.allOrNothing = true;
    else if (m?.[1] === "scoring" && value === "partial") out.allOrNothing = false;
    else if (m?.[1] === "whitespace" && value === "strict") out.strictWhitespace = true;
    else if (m?.[1] === "tag") out.tags.push(value);
    else if (text) out.tags.push(text);
  }
  return out;
}

function readNotes(question: XmlNode): string {
  const comments = question["#comment"];
  for (const comment of (Array.isArray(comments) ? comments : [comments]).map(str)) {
    const m = /^\s*notes:\s*([\s\S]*?)\s*$/.exec(comment);
    if (!m) continue;
    try {
      const value: unknown = JSON.parse(m[1]);
      if (typeof value === "string") return value;
    } catch {
      return m[1];
    }
  }
  return "";
}

export function parseMoodleXml(text: string): ParseResult {
  const result = emptyResult();
  const source = text.replace(/^\uFEFF/, "");
  // Moodle never writes a DTD; refusing one rules out entity-expansion tricks.
  const doctype = /<!(?:DOCTYPE|ENTITY)/i.exec(source);
  if (doctype) {
    result.problems.push({ line: lineAt(source, doctype.index), message: "questionFormats.errors.badXml" });
    return result;
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    result.problems.push({ line: valid.err.line, message: "questionFormats.errors.badXml", params: { detail: valid.err.msg } });
    return result;
  }
  let doc: XmlNode;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      htmlEntities: true, // numeric references (&#20013;) as well as the XML ones
      commentPropName: "#comment",
      captureMetaData: true,
      isArray: (name) => ARRAYS.has(name),
    }).parse(source) as XmlNode;
  } catch {
    result.problems.push({ line: 0, message: "questionFormats.errors.badXml" });
    return result;
  }
  if (!("quiz" in doc)) {
    result.problems.push({ line: 1, message: "questionFormats.errors.notMoodleXml" });
    return result;
  }

  let category: string | undefined;
  for (const question of list(node(doc.quiz).question)) {
    const start = (question as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;
    const line = start === undefined ? 0 : lineAt(source, start);
    const type = str(question["@_type"]).trim();
    if (type === "category") {
      category = normalizeCategory(textElement(question, "category").text);
      continue;
    }
    const name = textElement(question, "name").text || undefined;
    if (!["multichoice", "truefalse", "shortanswer", "essay"].includes(type)) {
      result.unsupported.push({ line, kind: UNSUPPORTED_KINDS[type] ?? (type || "unknown"), ...(name ? { name } : {}) });
      continue;
    }
    readQuestion(question, type, line, name, category, result);
  }
  return result;
}

function readQuestion(question: XmlNode, type: string, line: number, name: string | undefined, category: string | undefined, result: ParseResult) {
  const warnings = new Set<string>();
  const convert = (el: { text: string; format: string; files: boolean }): string => {
    if (el.files) warnings.add("questionFormats.warnings.imageNotImported");
    // Only format="html" is HTML; in the other formats markup is literal text.
    if (el.format !== "html") {
      if (/@@PLUGINFILE@@/.test(el.text)) warnings.add("questionFormats.warnings.imageNotImported");
      return el.text;
    }
    const { markdown, image } = htmlToMarkdown(el.text);
    if (image) warnings.add("questionFormats.warnings.imageNotImported");
    return markdown;
  };
  const answers = list(question.answer).map((a) => ({
    text: convert({ text: str(a.text).trim(), format: str(a["@_format"]), files: list(a.file).length > 0 }),
    fraction: Number(str(a["@_fraction"]) || 0) || 0,
  }));
  const tags = readTags(question);
  let stem = convert(textElement(question, "questiontext"));
  const problem = (message: string) => result.problems.push({ line, message });

  let content: QuestionContent;
  if (type === "multichoice") {
    const outcome = choicesToAnswer(
      answers.map((a) => ({ text: a.text, weight: a.fraction })),
      tags.allOrNothing ? "ALL_OR_NOTHING" : "PARTIAL",
    );
    if (!outcome.ok) return void result.problems.push({ line, message: outcome.message, params: outcome.params });
    outcome.warnings.forEach((w) => warnings.add(w));
    content = { ...draft(outcome.type, outcome.answer, stem), options: outcome.options };
  } else if (type === "truefalse") {
    const right = answers.find((a) => a.fraction >= 99.99);
    if (!right || !/^(true|false)$/i.test(right.text)) return void problem("questionFormats.errors.noCorrectAnswer");
    content = draft("TRUE_FALSE", { type: "TRUE_FALSE", correct: right.text.toLowerCase() === "true" }, stem);
  } else if (type === "shortanswer") {
    const accepted = answers.filter((a) => a.fraction >= 99.99).map((a) => a.text);
    // Zero-credit answers (often "*") only carry feedback; answers with some credit are a real loss.
    if (answers.some((a) => a.fraction > 0 && a.fraction < 99.99)) warnings.add("questionFormats.warnings.partialCreditDropped");
    if (accepted.length === 0) return void problem("questionFormats.errors.noCorrectAnswer");
    if (accepted.some((a) => a.includes("*"))) warnings.add("questionFormats.warnings.wildcardAnswer");
    // Moodle shows the answer box after the text; our blank must be in the text.
    if (!/_{3,}/.test(stem)) stem = `${stem} ____`;
    const usecase = /^(1|true)$/i.test(str(question.usecase).trim());
    content = draft(
      "FILL_BLANK",
      { type: "FILL_BLANK", blanks: [{ accepted }], caseSensitive: usecase, ignoreWhitespace: !tags.strictWhitespace },
      stem,
    );
  } else {
    const grader = splitGraderInfo(convert(textElement(question, "graderinfo")));
    if (grader.bad.length) {
      for (const text of grader.bad) result.problems.push({ line, message: "questionFormats.errors.badRubric", params: { text } });
      return;
    }
    content = draft("CASE_ANALYSIS", { type: "CASE_ANALYSIS", modelAnswer: grader.modelAnswer, rubric: grader.rubric }, stem);
  }
  content.explanation = convert(textElement(question, "generalfeedback"));
  if (tags.difficulty) content.difficulty = tags.difficulty;
  content.topicCodes = tags.topics;
  content.lawRefs = tags.laws;
  content.tags = [...new Set(tags.tags)];
  content.notes = readNotes(question);
  if (acceptQuestion(result, content, line, { name, category })) {
    for (const message of warnings) result.warnings.push({ line, message });
  }
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

/** XML text; characters XML 1.0 forbids are dropped. */
function esc(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const textXml = (tag: string, value: string, format = "markdown", indent = "    ") =>
  `${indent}<${tag} format="${format}">\n${indent}  <text>${esc(value)}</text>\n${indent}</${tag}>`;

const RESERVED_TAG = /^(?:difficulty|topic|law|scoring|whitespace|tag):/;

function tagsOf(c: QuestionContent): string[] {
  const tags = [`difficulty:${c.difficulty}`, ...c.topicCodes.map((t) => `topic:${t}`), ...c.lawRefs.map((r) => `law:${formatLawRef(r)}`)];
  if (c.answer.type === "MULTIPLE") tags.push(`scoring:${c.answer.scoring === "PARTIAL" ? "partial" : "all-or-nothing"}`);
  if (c.answer.type === "FILL_BLANK" && !c.answer.ignoreWhitespace) tags.push("whitespace:strict");
  tags.push(...c.tags.map((t) => (RESERVED_TAG.test(t) ? `tag:${t}` : t)));
  return tags;
}

function answerXml(fraction: number, value: string, format: string): string {
  return [
    `    <answer fraction="${formatPercent(fraction)}" format="${format}">`,
    `      <text>${esc(value)}</text>`,
    `      <feedback format="markdown">`,
    `        <text></text>`,
    `      </feedback>`,
    `    </answer>`,
  ].join("\n");
}

function questionXml(q: ExportQuestion): string {
  const c = q.content;
  // Moodle needs a name; without ours, the start of the text (as Moodle itself does).
  const name = q.name || c.stem.replace(/\s+/g, " ").slice(0, 40);
  const body: string[] = [];
  const common = (moodleType: string, penalty: string) => {
    body.push(`  <question type="${moodleType}">`);
    if (c.notes) body.push(`    <!-- notes: ${JSON.stringify(c.notes).replace(/--/g, "-\\u002d")} -->`);
    body.push(`    <name>\n      <text>${esc(name)}</text>\n    </name>`);
    body.push(textXml("questiontext", c.stem));
    body.push(textXml("generalfeedback", c.explanation));
    body.push("    <defaultgrade>1</defaultgrade>", `    <penalty>${penalty}</penalty>`, "    <hidden>0</hidden>", "    <idnumber></idnumber>");
  };
  switch (c.answer.type) {
    case "SINGLE":
    case "MULTIPLE": {
      common("multichoice", "0.3333333");
      body.push(`    <single>${c.answer.type === "SINGLE" ? "true" : "false"}</single>`);
      // Explanations often refer to options by letter: keep them in order.
      body.push("    <shuffleanswers>0</shuffleanswers>", "    <answernumbering>ABCD</answernumbering>", "    <showstandardinstruction>0</showstandardinstruction>");
      const weights = optionWeights(c);
      c.options.forEach((o, i) => body.push(answerXml(weights[i], o.text, "markdown")));
      break;
    }
    case "TRUE_FALSE":
      common("truefalse", "1");
      body.push(answerXml(c.answer.correct ? 100 : 0, "true", "moodle_auto_format"));
      body.push(answerXml(c.answer.correct ? 0 : 100, "false", "moodle_auto_format"));
      break;
    case "FILL_BLANK":
      common("shortanswer", "0.3333333");
      body.push(`    <usecase>${c.answer.caseSensitive ? 1 : 0}</usecase>`);
      for (const accepted of c.answer.blanks[0].accepted) body.push(answerXml(100, accepted, "moodle_auto_format"));
      break;
    case "CASE_ANALYSIS":
      common("essay", "0");
      body.push(
        "    <responseformat>editor</responseformat>",
        "    <responserequired>1</responserequired>",
        "    <responsefieldlines>15</responsefieldlines>",
        "    <attachments>0</attachments>",
        "    <attachmentsrequired>0</attachmentsrequired>",
      );
      body.push(textXml("graderinfo", formatGraderInfo(c.answer.modelAnswer, c.answer.rubric)));
      body.push(textXml("responsetemplate", "", "html"));
      break;
  }
  body.push("    <tags>", ...tagsOf(c).map((t) => `      <tag><text>${esc(t)}</text></tag>`), "    </tags>");
  body.push("  </question>");
  return body.join("\n");
}

function categoryXml(category: string | undefined): string {
  return [
    '  <question type="category">',
    `    <category>\n      <text>${esc(moodleCategoryPath(category))}</text>\n    </category>`,
    textXml("info", "", "moodle_auto_format"),
    "  </question>",
  ].join("\n");
}

export function serializeMoodleXml(qs: ExportQuestion[]): ExportResult<string> {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  const skipped: ExportResult<string>["skipped"] = [];
  let category: string | undefined;
  qs.forEach((q, index) => {
    // Moodle's short answer holds one blank; several blanks would need a cloze question.
    if (q.content.answer.type === "FILL_BLANK" && q.content.answer.blanks.length !== 1) {
      skipped.push({ index, reason: "questionFormats.skipped.multipleBlanks" });
      return;
    }
    const wanted = q.category || undefined;
    if (wanted !== category) {
      parts.push(categoryXml(wanted));
      category = wanted;
    }
    parts.push(questionXml(q));
  });
  parts.push("</quiz>", "");
  return { data: parts.join("\n"), exported: qs.length - skipped.length, skipped };
}
