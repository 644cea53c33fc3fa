/**
 * Tables created by hand-written migrations that Prisma must not manage: the FTS5
 * full-text index for questions and the shadow tables SQLite creates for it.
 * Used by prisma.config.ts (stock Prisma) and app/cli/migrations.ts (offline engine).
 */
export const EXTERNAL_TABLES = [
  "QuestionSearch",
  "QuestionSearch_config",
  "QuestionSearch_content",
  "QuestionSearch_data",
  "QuestionSearch_docsize",
  "QuestionSearch_idx",
];
