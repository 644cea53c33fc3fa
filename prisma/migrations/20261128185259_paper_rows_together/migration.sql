-- Migration "paper_rows_together": generated from prisma/schema.prisma by app/cli/migrations.ts

-- DropIndex
DROP INDEX "AttemptItem_questionId_idx";
