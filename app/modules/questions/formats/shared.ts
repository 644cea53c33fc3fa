import { OPTION_KEYS, questionContentSchema, type Answer, type LawRef, type OptionKey, type QuestionContent, type QuestionType } from "../content";
import type { ParseResult } from "./types";

/*
 * Helpers shared by the format modules: validation of each imported question, the mapping
 * of Moodle-style weighted choices onto our SINGLE/MULTIPLE answers, and the one-line text
 * encodings of law references and rubric items that several formats use.
 */

/** Moodle, Aiken and most spreadsheets have no difficulty: such questions get the middle one. */
export const DEFAULT_DIFFICULTY = 3;
export const MAX_OPTIONS = OPTION_KEYS.length;

export function emptyResult(): ParseResult {
  return { questions: [], problems: [], unsupported: [], warnings: [] };
}

/** A question of the given type with every optional field at its default. */
export function draft(type: QuestionType, answer: Answer, stem = ""): QuestionContent {
  return { type, stem, options: [], answer, explanation: "", difficulty: DEFAULT_DIFFICULTY, topicCodes: [], lawRefs: [], tags: [], notes: "" };
}

const DICTIONARY_KEY = /^[A-Za-z]+(?:\.[A-Za-z]+)+$/;

/**
 * Validates a question with the canonical schema. A valid one is added to `questions`
 * (normalised: trimmed, defaults filled); otherwise every issue becomes a problem on its
 * line and the question is left out. `label` names the field for the user (xlsx: the column).
 */
export function acceptQuestion(
  result: ParseResult,
  raw: QuestionContent,
  line: number,
  meta: { name?: string; category?: string } = {},
  label: (path: string) => string = (path) => path,
): boolean {
  const parsed = questionContentSchema.safeParse(raw);
  if (parsed.success) {
    const question: ParseResult["questions"][number] = { line, content: parsed.data as QuestionContent };
    if (meta.name) question.name = meta.name;
    if (meta.category) question.category = meta.category;
    result.questions.push(question);
    return true;
  }
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    // Our schema's messages are dictionary keys; zod's built-in ones ("Too big: …") are not.
    const message = DICTIONARY_KEY.test(issue.message) ? issue.message : "questionFormats.errors.invalidValue";
    const field = label(issue.path.map(String).join("."));
    const id = `${message}|${field}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.problems.push({ line, message, params: { field } });
  }
  return false;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// ---------------------------------------------------------------------------
// One-line encodings (GIFT comments, rubric lines): a backslash escapes "\" and newlines.
// ---------------------------------------------------------------------------

export function escapeLine(text: string): string {
  return text.replace(/\r/g, "").replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function unescapeLine(text: string): string {
  return text.replace(/\\([\\n])/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}

// ---------------------------------------------------------------------------
// Law references: "中华人民共和国环境保护法|第六十三条"; also the way people write them,
// "《中华人民共和国环境保护法》第六十三条".
// ---------------------------------------------------------------------------

export function formatLawRef(ref: LawRef): string {
  return ref.article ? `${ref.law}|${ref.article}` : ref.law;
}

export function parseLawRef(text: string): LawRef | null {
  const t = text.trim();
  if (!t) return null;
  const bar = t.search(/[|｜]/);
  if (bar >= 0) return { law: t.slice(0, bar).trim(), article: t.slice(bar + 1).trim() };
  const quoted = /^《([^》]+)》\s*(.*)$/.exec(t);
  if (quoted) return { law: quoted[1].trim(), article: quoted[2].trim() };
  return { law: t, article: "" };
}

// ---------------------------------------------------------------------------
// Rubric items: "criterion|points" (ours) or "criterion（4分）" / "criterion (4 points)"
// (how graders write them in Moodle's "information for graders").
// ---------------------------------------------------------------------------

export type RubricItem = { criterion: string; points: number };

export function formatRubricItem(item: RubricItem): string {
  return `${escapeLine(item.criterion)}|${item.points}`;
}

const LIST_MARKER = /^\s*(?:\\?[-*+•·]|\d+\\?[.、)）]|[（(]\d+[)）])\s*/;

export function parseRubricItem(text: string, stripListMarker = false): RubricItem | null {
  const t = (stripListMarker ? text.replace(LIST_MARKER, "") : text).trim();
  const m =
    /^([\s\S]*)[|｜]\s*(\d+(?:\.\d+)?)\s*(?:分|points?|pts?)?\s*$/i.exec(t) ??
    /^([\s\S]*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*(?:分|points?|pts?)\s*[)）]\s*[。；;.]?$/i.exec(t);
  if (!m || !m[1].trim()) return null;
  return { criterion: unescapeLine(m[1].trim()), points: Number(m[2]) };
}

/**
 * A list of rubric items separated by newlines or "；" (spreadsheet cells). A piece that
 * does not end in points is joined to the next, so a criterion may itself contain "；".
 */
export function parseRubricList(text: string): { items: RubricItem[]; bad: string[] } {
  const items: RubricItem[] = [];
  const bad: string[] = [];
  let pending = "";
  for (const part of text.split(/(\r?\n|[；;])/)) {
    if (/^(?:\r?\n|[；;])$/.test(part)) {
      if (pending.trim()) pending += part;
      continue;
    }
    pending += part;
    const item = parseRubricItem(pending);
    if (item) {
      items.push(item);
      pending = "";
    } else if (/[|｜]/.test(pending)) {
      // It has the separator but no number after it: a typo, not half a criterion.
      bad.push(pending.trim());
      pending = "";
    }
  }
  if (pending.trim()) bad.push(pending.trim());
  return { items, bad };
}

// "【评分要点】", "评分要点：", "**评分标准**", "## Rubric" — however the heading was written.
const RUBRIC_HEADING = /^\s*(?:#+\s*)?[*_]*\s*(?:【|\\?\[)?\s*(?:评分要点|评分标准|rubric)\s*(?:】|\\?\])?\s*[:：]?\s*[*_]*\s*$/i;
export const RUBRIC_HEADING_TEXT = "【评分要点】";

/** Model answer and rubric in one text (Moodle essay "information for graders"). */
export function formatGraderInfo(modelAnswer: string, rubric: RubricItem[]): string {
  return `${modelAnswer}\n\n${RUBRIC_HEADING_TEXT}\n${rubric.map((item) => `- ${formatRubricItem(item)}`).join("\n")}`;
}

/** Splits grader information at its last rubric heading; without one, all of it is the model answer. */
export function splitGraderInfo(text: string): { modelAnswer: string; rubric: RubricItem[]; bad: string[] } {
  const lines = text.split("\n");
  const heading = lines.findLastIndex((line) => RUBRIC_HEADING.test(line));
  if (heading < 0) return { modelAnswer: text.trim(), rubric: [], bad: [] };
  const rubric: RubricItem[] = [];
  const bad: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (!line.trim()) continue;
    const item = parseRubricItem(line, true);
    if (item) rubric.push(item);
    else bad.push(line.trim());
  }
  return { modelAnswer: lines.slice(0, heading).join("\n").trim(), rubric, bad };
}

// ---------------------------------------------------------------------------
// Weighted choices (GIFT "=", "~", "%50%"; Moodle XML fraction="50") → SINGLE / MULTIPLE.
// ---------------------------------------------------------------------------

export type WeightedChoice = { text: string; weight: number };
export type ChoiceOutcome =
  | { ok: true; type: "SINGLE" | "MULTIPLE"; options: { key: OptionKey; text: string }[]; answer: Answer; warnings: string[] }
  | { ok: false; message: string; params?: Record<string, string | number> };

const FULL = 99.99; // Moodle stores fractions with 7 decimals: 0.9999999 is full credit.

/**
 * One choice with full credit → SINGLE (other partial credit is dropped: we cannot hold it).
 * No full-credit choice but several with positive credit → MULTIPLE: Moodle splits the
 * credit between the correct choices, which is our PARTIAL scoring.
 */
export function choicesToAnswer(choices: WeightedChoice[], scoring: "ALL_OR_NOTHING" | "PARTIAL" = "PARTIAL"): ChoiceOutcome {
  if (choices.length > MAX_OPTIONS) return { ok: false, message: "questionFormats.errors.tooManyOptions", params: { max: MAX_OPTIONS } };
  const options = choices.map((c, i) => ({ key: OPTION_KEYS[i], text: c.text }));
  const full = options.filter((_, i) => choices[i].weight >= FULL);
  const positive = choices.filter((c) => c.weight > 0);
  const warnings: string[] = [];
  if (full.length > 1) return { ok: false, message: "questionFormats.errors.severalFullCredit" };
  if (full.length === 1 || positive.length === 1) {
    if (positive.length > 1) warnings.push("questionFormats.warnings.partialCreditDropped");
    if (full.length === 0) warnings.push("questionFormats.warnings.partialCreditDropped");
    const correct = full[0] ?? options[choices.findIndex((c) => c.weight > 0)];
    return { ok: true, type: "SINGLE", options, answer: { type: "SINGLE", correct: correct.key }, warnings };
  }
  if (positive.length === 0) return { ok: false, message: "questionFormats.errors.noCorrectAnswer" };
  const weights = positive.map((c) => c.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  // Unequal shares (60/40) cannot be held: our partial scoring weighs correct choices equally.
  if (Math.max(...weights) - Math.min(...weights) > 0.01 || Math.abs(sum - 100) > 0.1) warnings.push("questionFormats.warnings.weightsNormalized");
  const correct = options.filter((_, i) => choices[i].weight > 0).map((o) => o.key);
  return { ok: true, type: "MULTIPLE", options, answer: { type: "MULTIPLE", correct, scoring }, warnings };
}

/** A percentage as Moodle writes it: 100, 50, 33.33333, -100. */
export function formatPercent(value: number): string {
  return String(Math.round(value * 100_000) / 100_000);
}

/** Credit of each option in Moodle terms: correct ones share 100%, wrong ones cost everything. */
export function optionWeights(content: QuestionContent): number[] {
  if (content.answer.type === "SINGLE") {
    const correct = content.answer.correct;
    return content.options.map((o) => (o.key === correct ? 100 : 0));
  }
  if (content.answer.type === "MULTIPLE") {
    const correct = content.answer.correct;
    // -100 on wrong choices, as Moodle's own multiple-answer questions do; otherwise
    // ticking every box would earn full credit there.
    return content.options.map((o) => (correct.includes(o.key) ? 100 / correct.length : -100));
  }
  return [];
}

// ---------------------------------------------------------------------------
// Moodle categories: "$course$/top/环境法律/大气" → "环境法律/大气".
// ---------------------------------------------------------------------------

export function normalizeCategory(raw: string): string | undefined {
  const path = raw
    .trim()
    .replace(/^\$[a-z0-9]+\$\/?/i, "")
    .replace(/^top(?:\/|$)/, "")
    .trim();
  return path || undefined;
}

export function moodleCategoryPath(category: string | undefined): string {
  return category ? `$course$/top/${category.replace(/[\r\n]+/g, " ")}` : "$course$/top";
}

// ---------------------------------------------------------------------------
// Text files: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 — what Chinese
// Windows editors save as "ANSI".
// ---------------------------------------------------------------------------

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | null {
  let text: string | undefined;
  let encoding = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [text, encoding] = [new TextDecoder("utf-16le").decode(bytes), "utf-16le"];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [text, encoding] = [new TextDecoder("utf-16be").decode(bytes), "utf-16be"];
  else {
    for (const candidate of ["utf-8", "gb18030"]) {
      try {
        text = new TextDecoder(candidate, { fatal: true }).decode(bytes);
        encoding = candidate;
        break;
      } catch {
        // try the next encoding
      }
    }
  }
  // NUL characters mean a binary file (an image, a .doc), not text.
  if (text === undefined || text.includes("\u0000")) return null;
  return { text: text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), encoding };
}
