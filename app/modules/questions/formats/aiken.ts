import { OPTION_KEYS, type OptionKey } from "../content";
import { acceptQuestion, draft, emptyResult } from "./shared";
import type { ExportQuestion, ExportResult, ParseResult } from "./types";

/*
 * Aiken (https://docs.moodle.org/en/Aiken_format): single-answer multiple choice only.
 *
 *   《环境保护法》自何时起施行？
 *   A. 2014年4月24日
 *   B. 2015年1月1日
 *   ANSWER: B
 *
 * The question text comes first (several lines allowed), then options "A." or "A)" (we also
 * accept the full-width "A．", "A）" and "A、" common in Chinese files), then "ANSWER: X".
 * Aiken has no comments, so nothing else survives: difficulty is the default on import.
 */

const OPTION_LINE = /^([A-Z])\s*[.)．）、]\s*(.*)$/;
const ANSWER_LINE = /^(?:ANSWER|答案)\s*[:：]\s*(.*)$/i;

type Pending = { line: number; stem: string[]; options: { key: string; text: string }[] };

export function parseAiken(text: string): ParseResult {
  const result = emptyResult();
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  let pending: Pending | null = null;

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const answer = ANSWER_LINE.exec(trimmed);
    if (answer) {
      if (pending) finish(pending, answer[1].trim(), result);
      else result.problems.push({ line, message: "questionFormats.errors.aikenAnswerWithoutQuestion" });
      pending = null;
      continue;
    }
    // The first line of a question is always text, even "A、B两家企业……".
    const option = pending ? OPTION_LINE.exec(trimmed) : null;
    if (pending && option) {
      pending.options.push({ key: option[1], text: option[2].trim() });
    } else if (pending && pending.options.length > 0) {
      // Text after the options without an ANSWER line: the previous question is unfinished.
      result.problems.push({ line: pending.line, message: "questionFormats.errors.aikenMissingAnswer" });
      pending = { line, stem: [raw.trimEnd()], options: [] };
    } else if (pending) {
      pending.stem.push(raw.trimEnd());
    } else {
      pending = { line, stem: [raw.trimEnd()], options: [] };
    }
  }
  if (pending) result.problems.push({ line: pending.line, message: "questionFormats.errors.aikenMissingAnswer" });
  return result;
}

function finish(q: Pending, answer: string, result: ParseResult): void {
  const letter = answer.normalize("NFKC").toUpperCase();
  if (q.options.length > OPTION_KEYS.length) {
    return void result.problems.push({ line: q.line, message: "questionFormats.errors.tooManyOptions", params: { max: OPTION_KEYS.length } });
  }
  if (!(OPTION_KEYS as readonly string[]).includes(letter)) {
    return void result.problems.push({ line: q.line, message: "questionFormats.errors.badAnswerLetters", params: { value: answer } });
  }
  const content = draft("SINGLE", { type: "SINGLE", correct: letter as OptionKey }, q.stem.join("\n"));
  // Letters as written: the schema reports gaps ("A, B, D") and answers that are not an option.
  content.options = q.options.map((o) => ({ key: o.key as OptionKey, text: o.text }));
  acceptQuestion(result, content, q.line);
}

export function serializeAiken(qs: ExportQuestion[]): ExportResult<string> {
  const parts: string[] = [];
  const skipped: ExportResult<string>["skipped"] = [];
  qs.forEach(({ content: c }, index) => {
    if (c.answer.type !== "SINGLE") return void skipped.push({ index, reason: "questionFormats.skipped.typeNotSupported" });
    // Blank lines would end the question; paragraphs become lines.
    const stem = c.stem.split("\n").filter((l) => l.trim());
    // A text line that reads as an option or an answer would change the question.
    if (stem.slice(1).some((l) => OPTION_LINE.test(l.trim())) || stem.some((l) => ANSWER_LINE.test(l.trim()))) {
      return void skipped.push({ index, reason: "questionFormats.skipped.aikenAmbiguousLine" });
    }
    const options = c.options.map((o) => `${o.key}. ${o.text.replace(/\s*\n\s*/g, " ")}`);
    parts.push([...stem, ...options, `ANSWER: ${c.answer.correct}`].join("\n"));
  });
  return { data: parts.length ? `${parts.join("\n\n")}\n` : "", exported: qs.length - skipped.length, skipped };
}
