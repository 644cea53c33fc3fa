import type { Actor } from "~/lib/actor.server";
import { getBank } from "./banks.server";
import type { QuestionType } from "./content";
import { detectFormat, parseQuestionsFile } from "./formats";
import type { ImportProblem, ParseResult } from "./formats/types";
import { importIntoBank, unknownTopicCodes } from "./questions.server";

export type ImportCheck = {
  format: string | null;
  result: ParseResult;
  /** Ready to import: no problems (unsupported items may still need confirmation). */
  ok: boolean;
  byType: Partial<Record<QuestionType, number>>;
};

/**
 * Parses and validates a whole question file without writing anything: format problems
 * from the parser plus topic codes that are not in the syllabus, each with its line.
 */
export async function checkQuestionFile(fileName: string, bytes: Buffer, defaultTopic?: string): Promise<ImportCheck> {
  const format = detectFormat(fileName, bytes);
  const result = await parseQuestionsFile(fileName, bytes);
  const problems: ImportProblem[] = [...result.problems];
  if (defaultTopic && (await unknownTopicCodes([defaultTopic])).length) problems.push({ line: 0, message: "questions.errors.unknownTopic" });
  for (const q of result.questions) {
    const unknown = await unknownTopicCodes(q.content.topicCodes);
    if (unknown.length) problems.push({ line: q.line, message: "questions.errors.unknownTopic", params: { codes: unknown.join(" ") } });
  }
  problems.sort((a, b) => a.line - b.line);
  const byType: Partial<Record<QuestionType, number>> = {};
  for (const q of result.questions) byType[q.content.type] = (byType[q.content.type] ?? 0) + 1;
  return { format, result: { ...result, problems }, ok: problems.length === 0 && result.questions.length > 0, byType };
}

export type ImportOutcome =
  | { ok: true; imported: number; skipped: number; byType: ImportCheck["byType"] }
  | { ok: false; reason: "problems" | "unsupportedNotConfirmed" | "empty"; check: ImportCheck };

/**
 * Imports a whole file into a bank as drafts, or nothing: any problem refuses the file;
 * unsupported question types are skipped only when the person confirmed it.
 */
export async function importQuestionFile(
  actor: Actor,
  input: { fileName: string; bytes: Buffer; bankId: string; defaultTopic?: string; skipUnsupported: boolean },
): Promise<ImportOutcome> {
  await getBank(actor, input.bankId, "edit");
  const check = await checkQuestionFile(input.fileName, input.bytes, input.defaultTopic);
  if (check.result.problems.length) return { ok: false, reason: "problems", check };
  if (check.result.questions.length === 0) return { ok: false, reason: "empty", check };
  if (check.result.unsupported.length && !input.skipUnsupported) return { ok: false, reason: "unsupportedNotConfirmed", check };
  const { imported } = await importIntoBank(
    actor,
    input.bankId,
    check.result.questions.map((q) => ({ content: q.content, category: q.category })),
    input.defaultTopic,
  );
  return { ok: true, imported, skipped: check.result.unsupported.length, byType: check.byType };
}
