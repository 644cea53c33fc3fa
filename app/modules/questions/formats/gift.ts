import type { LawRef, QuestionContent } from "../content";
import { htmlToMarkdown } from "./html";
import {
  acceptQuestion,
  choicesToAnswer,
  draft,
  emptyResult,
  escapeLine,
  formatLawRef,
  formatPercent,
  formatRubricItem,
  moodleCategoryPath,
  normalizeCategory,
  optionWeights,
  parseLawRef,
  parseRubricItem,
  unescapeLine,
  type RubricItem,
} from "./shared";
import type { ExportQuestion, ExportResult, ImportProblem, ParseResult } from "./types";

/*
 * Moodle GIFT (https://docs.moodle.org/en/GIFT_format), read with Moodle's rules:
 * questions are separated by blank lines, lines starting with "//" are comments,
 * "::title::", an optional [html]/[markdown]/[plain]/[moodle] format, and one answer
 * block "{…}" anywhere in the text. The scanner is our own rather than gift-pegjs because
 * we need per-question line numbers, one bad question not failing the whole file, the
 * comments (they carry our extra fields) and Moodle's leniency about ":" and "=" in text.
 *
 * Fields GIFT cannot hold travel in structured comments just before the question:
 *   // @difficulty 3            // @topics LAW.EPL PEN.PROC
 *   // @law 中华人民共和国环境保护法|第六十三条
 *   // [tag:大气] [tag:执法]      (Moodle's own tag syntax; "// @tag x" for odd tags)
 *   // @notes …   // @scoring all-or-nothing|partial   // @case-sensitive   // @keep-whitespace
 *   // @model-answer …          // @rubric criterion|points
 * Values escape "\" and newlines ("\n"). Other comments are ignored.
 */

type Directives = {
  difficulty?: number;
  topics: string[];
  laws: LawRef[];
  tags: string[];
  notes?: string;
  scoring?: "ALL_OR_NOTHING" | "PARTIAL";
  modelAnswer?: string;
  rubric: RubricItem[];
  caseSensitive?: boolean;
  keepWhitespace?: boolean;
  problems: ImportProblem[];
};

const noDirectives = (): Directives => ({ topics: [], laws: [], tags: [], rubric: [], problems: [] });

/** Index of `token` in `text` from `from`, skipping backslash escapes; -1 if absent. */
function findUnescaped(text: string, token: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(token, i)) return i;
  }
  return -1;
}

function unescapeGift(text: string): string {
  return text.replace(/\\([\\~=#{}:n])/g, (_, c: string) => (c === "n" ? "\n" : c));
}

function escapeGift(text: string): string {
  return text
    .replace(/\r/g, "")
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

function readComment(comment: string, line: number, d: Directives): void {
  const text = comment.trim();
  const directive = /^@([a-z][a-z-]*)(?:\s+([\s\S]*))?$/i.exec(text);
  if (!directive) {
    // Moodle writes "// [id:…] [tag:…] [tag:…]" for a question's ID number and tags.
    for (const m of text.matchAll(/\[tag:([^\]\x00-\x1f\x7f]+)\]/g)) d.tags.push(m[1].trim());
    return;
  }
  const name = directive[1].toLowerCase();
  const value = unescapeLine((directive[2] ?? "").trim());
  const bad = () => d.problems.push({ line, message: "questionFormats.errors.badDirective", params: { directive: `@${name}` } });
  switch (name) {
    case "difficulty":
      if (/^[1-5]$/.test(value)) d.difficulty = Number(value);
      else bad();
      break;
    case "topics":
      d.topics.push(...value.split(/[\s,，]+/).filter(Boolean));
      break;
    case "law": {
      const ref = parseLawRef(value);
      if (ref) d.laws.push(ref);
      else bad();
      break;
    }
    case "tags":
      d.tags.push(...value.split(/[,，]/).map((t) => t.trim()).filter(Boolean));
      break;
    case "tag":
      if (value) d.tags.push(value);
      break;
    case "notes":
      d.notes = value;
      break;
    case "scoring":
      if (value === "all-or-nothing") d.scoring = "ALL_OR_NOTHING";
      else if (value === "partial") d.scoring = "PARTIAL";
      else bad();
      break;
    case "model-answer":
      d.modelAnswer = value;
      break;
    case "rubric": {
      const item = parseRubricItem(directive[2] ?? "");
      if (item) d.rubric.push(item);
      else bad();
      break;
    }
    case "case-sensitive":
      d.caseSensitive = true;
      break;
    case "keep-whitespace":
      d.keepWhitespace = true;
      break;
    default:
      // "@something" we do not know: an ordinary comment.
      break;
  }
}

type RawChoice = { mark: "=" | "~"; weight?: number; text: string };

/** Splits "=a ~%50%b#feedback …" into choices; null if text precedes the first marker. */
function splitChoices(block: string): RawChoice[] | null {
  const choices: RawChoice[] = [];
  let start = -1;
  let mark: "=" | "~" = "=";
  const finish = (end: number) => {
    let raw = block.slice(start, end);
    let weight: number | undefined;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1]);
      raw = raw.slice(w[0].length);
    }
    const feedback = findUnescaped(raw, "#");
    // Per-choice feedback has no place in our model; it is dropped.
    if (feedback >= 0) raw = raw.slice(0, feedback);
    choices.push({ mark, weight, text: raw });
  };
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c !== "=" && c !== "~") continue;
    if (start >= 0) finish(i);
    else if (block.slice(0, i).trim()) return null;
    mark = c;
    start = i + 1;
  }
  if (start < 0) return null;
  finish(block.length);
  return choices;
}

function readQuestion(raw: string, line: number, d: Directives, category: string | undefined, result: ParseResult): void {
  const problem = (message: string, params?: Record<string, string | number>) => result.problems.push({ line, message, params });
  let rest = raw.trimStart();
  let name: string | undefined;
  if (rest.startsWith("::")) {
    const end = findUnescaped(rest, "::", 2);
    if (end < 0) return void problem("questionFormats.errors.giftUnclosed", { token: "::" });
    name = unescapeGift(rest.slice(2, end)).trim() || undefined;
    rest = rest.slice(end + 2);
  }
  let format = "moodle";
  const formatTag = /^\s*\[(html|markdown|plain|moodle)\]/i.exec(rest);
  if (formatTag) {
    format = formatTag[1].toLowerCase();
    rest = rest.slice(formatTag[0].length);
  }
  const open = findUnescaped(rest, "{");
  // Text without an answer block is a "description" (an instruction, not a question).
  if (open < 0) return void result.unsupported.push({ line, kind: "description", ...(name ? { name } : {}) });
  const close = findUnescaped(rest, "}", open + 1);
  if (close < 0) return void problem("questionFormats.errors.giftUnclosed", { token: "{" });
  const before = rest.slice(0, open);
  const after = rest.slice(close + 1);
  if (findUnescaped(after, "{") >= 0) return void problem("questionFormats.errors.giftSeveralAnswers");
  let block = rest.slice(open + 1, close);
  let explanation = "";
  const general = findUnescaped(block, "####");
  if (general >= 0) {
    explanation = block.slice(general + 4);
    block = block.slice(0, general);
  }
  block = block.trim();

  const warnings = new Set<string>();
  const convert = (text: string): string => {
    const plain = unescapeGift(text);
    if (format !== "html") return plain.trim();
    const { markdown, image } = htmlToMarkdown(plain);
    if (image) warnings.add("questionFormats.warnings.imageNotImported");
    return markdown;
  };
  // An answer block inside the text ("… {=x} …") stands where the blank is.
  const embedded = after.trim() !== "";
  const stem = () => convert(embedded ? `${before}____${after}` : before);
  const unsupported = (kind: string) => result.unsupported.push({ line, kind, ...(name ? { name } : {}) });

  let content: QuestionContent;
  const tf = /^(TRUE|FALSE|T|F)(?=\s*(?:#|$))/i.exec(block);
  if (block.startsWith("#")) return void unsupported("numerical");
  if (block === "") {
    content = draft("CASE_ANALYSIS", { type: "CASE_ANALYSIS", modelAnswer: d.modelAnswer ?? "", rubric: d.rubric }, stem());
  } else if (tf) {
    content = draft("TRUE_FALSE", { type: "TRUE_FALSE", correct: tf[1].toUpperCase().startsWith("T") }, stem());
  } else {
    const hasWrong = findUnescaped(block, "~") >= 0;
    if (!hasWrong && findUnescaped(block, "->") >= 0) return void unsupported("matching");
    const choices = splitChoices(block);
    if (!choices) return void problem("questionFormats.errors.giftBadAnswer");
    if (hasWrong) {
      const weighted = choices.map((c) => ({ text: convert(c.text), weight: c.weight ?? (c.mark === "=" ? 100 : 0) }));
      const outcome = choicesToAnswer(weighted, d.scoring);
      if (!outcome.ok) return void problem(outcome.message, outcome.params);
      outcome.warnings.forEach((w) => warnings.add(w));
      content = { ...draft(outcome.type, outcome.answer, stem()), options: outcome.options };
    } else {
      // Only "=" answers: a short-answer question, i.e. one blank.
      const accepted = choices.filter((c) => (c.weight ?? 100) >= 99.99).map((c) => convert(c.text));
      // Zero-credit answers only carry feedback; answers with some credit are a real loss.
      if (choices.some((c) => c.weight !== undefined && c.weight > 0 && c.weight < 99.99)) warnings.add("questionFormats.warnings.partialCreditDropped");
      if (accepted.length === 0) return void problem("questionFormats.errors.noCorrectAnswer");
      if (accepted.some((a) => a.includes("*"))) warnings.add("questionFormats.warnings.wildcardAnswer");
      let text = stem();
      if (!embedded && !/_{3,}/.test(text)) text = `${text.trimEnd()} ____`;
      content = draft(
        "FILL_BLANK",
        { type: "FILL_BLANK", blanks: [{ accepted }], caseSensitive: d.caseSensitive ?? false, ignoreWhitespace: !d.keepWhitespace },
        text,
      );
    }
  }
  if (d.problems.length) return void result.problems.push(...d.problems);
  content.explanation = convert(explanation);
  if (d.difficulty) content.difficulty = d.difficulty;
  content.topicCodes = d.topics;
  content.lawRefs = d.laws;
  content.tags = [...new Set(d.tags)];
  content.notes = d.notes ?? "";
  if (acceptQuestion(result, content, line, { name, category })) {
    for (const message of warnings) result.warnings.push({ line, message });
  }
}

export function parseGift(text: string): ParseResult {
  const result = emptyResult();
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  let category: string | undefined;
  let directives = noDirectives();
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].trim()) {
      i++;
      continue;
    }
    const start = i;
    while (i < lines.length && lines[i].trim()) i++;
    const body: { text: string; line: number }[] = [];
    for (let j = start; j < i; j++) {
      const trimmed = lines[j].trim();
      if (trimmed.startsWith("//")) readComment(trimmed.slice(2), j + 1, directives);
      else if (body.length === 0 && trimmed.startsWith("$CATEGORY:")) category = normalizeCategory(trimmed.slice("$CATEGORY:".length));
      else body.push({ text: lines[j], line: j + 1 });
    }
    // A block of comments only: its directives belong to the next question.
    if (body.length === 0) continue;
    readQuestion(body.map((b) => b.text).join("\n"), body[0].line, directives, category, result);
    directives = noDirectives();
  }
  return result;
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

function directiveLines(c: QuestionContent): string[] {
  const out = [`// @difficulty ${c.difficulty}`];
  if (c.topicCodes.length) out.push(`// @topics ${c.topicCodes.join(" ")}`);
  for (const ref of c.lawRefs) out.push(`// @law ${escapeLine(formatLawRef(ref))}`);
  // Moodle reads "[tag:…]" itself; a tag it would cut short goes in our own directive.
  const plainTags = c.tags.filter((t) => !/[\]\x00-\x1f\x7f]/.test(t));
  if (plainTags.length) out.push(`// ${plainTags.map((t) => `[tag:${t}]`).join(" ")}`);
  for (const tag of c.tags.filter((t) => !plainTags.includes(t))) out.push(`// @tag ${escapeLine(tag)}`);
  if (c.notes) out.push(`// @notes ${escapeLine(c.notes)}`);
  if (c.answer.type === "MULTIPLE") out.push(`// @scoring ${c.answer.scoring === "PARTIAL" ? "partial" : "all-or-nothing"}`);
  if (c.answer.type === "FILL_BLANK") {
    if (c.answer.caseSensitive) out.push("// @case-sensitive");
    if (!c.answer.ignoreWhitespace) out.push("// @keep-whitespace");
  }
  if (c.answer.type === "CASE_ANALYSIS") {
    out.push(`// @model-answer ${escapeLine(c.answer.modelAnswer)}`);
    for (const item of c.answer.rubric) out.push(`// @rubric ${formatRubricItem(item)}`);
  }
  return out;
}

function questionText(q: ExportQuestion): string {
  const c = q.content;
  const head = `${q.name ? `::${escapeGift(q.name)}::` : ""}[markdown]`;
  const feedback = c.explanation ? `####${escapeGift(c.explanation)}` : "";
  switch (c.answer.type) {
    case "SINGLE":
    case "MULTIPLE": {
      const weights = optionWeights(c);
      const single = c.answer.type === "SINGLE";
      const lines = c.options.map((o, i) => {
        const mark = single ? (weights[i] === 100 ? "=" : "~") : `~%${formatPercent(weights[i])}%`;
        return `\t${mark}${escapeGift(o.text)}`;
      });
      if (feedback) lines.push(`\t${feedback}`);
      return `${head}${escapeGift(c.stem)}{\n${lines.join("\n")}\n}`;
    }
    case "TRUE_FALSE":
      return `${head}${escapeGift(c.stem)}{${c.answer.correct ? "TRUE" : "FALSE"}${feedback}}`;
    case "FILL_BLANK": {
      const marker = /_{3,}/.exec(c.stem);
      const block = `{${c.answer.blanks[0].accepted.map((a) => `=${escapeGift(a)}`).join(" ")}${feedback ? ` ${feedback}` : ""}}`;
      if (!marker) return `${head}${escapeGift(c.stem)} ${block}`;
      const before = c.stem.slice(0, marker.index);
      const after = c.stem.slice(marker.index + marker[0].length);
      // A block that ends the question reads back as " ____" after the text.
      if (!after.trim()) return `${head}${escapeGift(before.trimEnd())} ${block}`;
      return `${head}${escapeGift(before)}${block}${escapeGift(after)}`;
    }
    case "CASE_ANALYSIS":
      return `${head}${escapeGift(c.stem)}{${feedback ? `\n\t${feedback}\n` : ""}}`;
  }
}

export function serializeGift(qs: ExportQuestion[]): ExportResult<string> {
  const parts: string[] = [];
  const skipped: ExportResult<string>["skipped"] = [];
  let category: string | undefined;
  qs.forEach((q, index) => {
    const c = q.content;
    // One answer block per GIFT question: only one blank fits.
    if (c.answer.type === "FILL_BLANK" && c.answer.blanks.length !== 1) {
      skipped.push({ index, reason: "questionFormats.skipped.multipleBlanks" });
      return;
    }
    const wanted = q.category || undefined;
    if (wanted !== category) {
      parts.push(`$CATEGORY: ${moodleCategoryPath(wanted)}`);
      category = wanted;
    }
    parts.push([...directiveLines(c), questionText(q)].join("\n"));
  });
  return { data: parts.length ? `${parts.join("\n\n")}\n` : "", exported: qs.length - skipped.length, skipped };
}
