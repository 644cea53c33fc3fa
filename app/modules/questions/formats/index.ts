import type { Locale } from "~/lib/i18n";
import { parseAiken, serializeAiken } from "./aiken";
import { parseGift, serializeGift } from "./gift";
import { parseMoodleXml, serializeMoodleXml } from "./moodle-xml";
import { decodeText, emptyResult } from "./shared";
import type { ExportQuestion, ExportResult, ParseResult, QuestionFormat } from "./types";
import { parseQuestionsXlsx, serializeQuestionsXlsx } from "./xlsx";

export * from "./types";
export { questionsTemplate, MAX_QUESTION_ROWS } from "./xlsx";

/*
 * Entry point for question files: detection by extension and content, and dispatch to the
 * format modules. The extension alone is never trusted (a PNG renamed .xlsx, GIFT saved as
 * .xml): the content has to agree with it.
 */

/** What a download in each format is called and served as. */
export const FORMAT_FILES: Record<QuestionFormat, { extension: string; mimeType: string }> = {
  gift: { extension: ".gift.txt", mimeType: "text/plain; charset=utf-8" },
  "moodle-xml": { extension: ".xml", mimeType: "application/xml; charset=utf-8" },
  aiken: { extension: ".aiken.txt", mimeType: "text/plain; charset=utf-8" },
  xlsx: { extension: ".xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls and .doc from old Office versions

const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1].toLowerCase() ?? "";
const looksXml = (text: string) => /^\s*(?:<\?xml|<!--|<quiz[\s>/])/i.test(text);
/** Aiken's shape: every "ANSWER: X" line comes right after an option line. */
function looksAiken(text: string): boolean {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const answers = lines.flatMap((l, i) => (/^(?:ANSWER|答案)\s*[:：]\s*[A-Za-z]$/i.test(l) ? [i] : []));
  return answers.length > 0 && answers.every((i) => i > 0 && /^[A-Z]\s*[.)．）、]/.test(lines[i - 1]));
}
function looksGift(text: string): boolean {
  const code = text
    .split("\n")
    .filter((l) => !l.trim().startsWith("//"))
    .join("\n");
  return /(?:^|[^\\])\{/.test(code) || /^\s*::/m.test(code) || /^\$CATEGORY:/m.test(code);
}

/** The format of an uploaded file, or null if it is none we read (or not what its name says). */
export function detectFormat(fileName: string, bytes: Uint8Array): QuestionFormat | null {
  if (bytes.length === 0) return null;
  const ext = extensionOf(fileName);
  // Zip: only a workbook; .docx and .zip are zips too.
  if (startsWith(bytes, ZIP)) return ext === "xlsx" || ext === "" ? "xlsx" : null;
  if (ext === "xlsx" || ext === "xls") return null;
  const decoded = decodeText(bytes);
  if (!decoded) return null;
  const { text } = decoded;
  if (looksXml(text)) return ["xml", "txt", ""].includes(ext) ? "moodle-xml" : null;
  if (!["gift", "txt", "aiken", ""].includes(ext)) return null;
  if (ext === "gift") return looksGift(text) ? "gift" : null;
  if (ext === "aiken") return looksAiken(text) ? "aiken" : null;
  // .txt: Aiken's option/ANSWER lines are unmistakable; GIFT has "{…}" answer blocks
  // (an Aiken question may contain braces in its text, so Aiken is tried first).
  if (looksAiken(text)) return "aiken";
  if (looksGift(text)) return "gift";
  return null;
}

function problemOnly(message: string): ParseResult {
  const result = emptyResult();
  result.problems.push({ line: 0, message });
  return result;
}

export async function parseQuestionsFile(fileName: string, bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length === 0) return problemOnly("questionFormats.errors.emptyFile");
  if (startsWith(bytes, OLE)) return problemOnly("questionFormats.errors.xlsNotSupported");
  const format = detectFormat(fileName, bytes);
  if (!format) return problemOnly("questionFormats.errors.unknownFormat");
  let result: ParseResult;
  if (format === "xlsx") {
    result = await parseQuestionsXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } else {
    const { text, encoding } = decodeText(bytes)!;
    result = format === "gift" ? parseGift(text) : format === "aiken" ? parseAiken(text) : parseMoodleXml(text);
    if (encoding === "gb18030") result.warnings.unshift({ line: 0, message: "questionFormats.warnings.readAsGb18030" });
  }
  const nothing = !result.questions.length && !result.problems.length && !result.unsupported.length;
  if (nothing) result.problems.push({ line: 0, message: "questionFormats.errors.noQuestions" });
  return result;
}

export async function serializeQuestions(format: QuestionFormat, qs: ExportQuestion[], locale: Locale): Promise<ExportResult<string | Buffer>> {
  switch (format) {
    case "gift":
      return serializeGift(qs);
    case "moodle-xml":
      return serializeMoodleXml(qs);
    case "aiken":
      return serializeAiken(qs);
    case "xlsx":
      return serializeQuestionsXlsx(qs, locale);
  }
}
