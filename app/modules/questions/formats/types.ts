import type { QuestionContent } from "../content";

/*
 * Shared shapes of every question import/export format (GIFT, Moodle XML, Aiken, xlsx).
 * Messages are dictionary keys (questionFormats.*, errors.*, questions.errors.*),
 * translated by the UI; `line` is a 1-based line number, or the Excel row number for xlsx
 * (0 when the problem concerns the whole file).
 */

export type ImportedQuestion = { line: number; content: QuestionContent; name?: string; category?: string };

export type ImportProblem = { line: number; message: string; params?: Record<string, string | number> };

/** A question the file holds but our question model cannot: matching, numerical, cloze, … */
export type UnsupportedItem = { line: number; kind: string; name?: string };

export type ParseResult = {
  questions: ImportedQuestion[];
  /** Errors: the question they belong to is not in `questions`. */
  problems: ImportProblem[];
  unsupported: UnsupportedItem[];
  /** Imported, but something was lost or changed on the way (an image, partial credit). */
  warnings: ImportProblem[];
};

export type ExportQuestion = { content: QuestionContent; name?: string; category?: string };

export type ExportResult<T> = { data: T; exported: number; skipped: { index: number; reason: string }[] };

export const FORMATS = ["gift", "moodle-xml", "aiken", "xlsx"] as const;
export type QuestionFormat = (typeof FORMATS)[number];
