-- Migration "learning_record_indexes": generated from prisma/schema.prisma by app/cli/migrations.ts

-- CreateIndex
CREATE INDEX "LearningRecord_courseVersionId_personId_idx" ON "LearningRecord"("courseVersionId", "personId");

-- CreateIndex
CREATE INDEX "LearningRecord_lessonVersionId_idx" ON "LearningRecord"("lessonVersionId");
