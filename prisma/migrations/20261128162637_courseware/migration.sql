-- Migration "courseware": generated from prisma/schema.prisma by app/cli/migrations.ts

-- CreateTable
CREATE TABLE "Course" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "ownerUnitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "source" TEXT NOT NULL DEFAULT 'AUTHORED',
    "publishedVersionId" TEXT,
    "latestVersionNo" INTEGER NOT NULL DEFAULT 0,
    "draft" TEXT NOT NULL,
    "submittedById" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "retiredAt" DATETIME,
    CONSTRAINT "Course_ownerUnitId_fkey" FOREIGN KEY ("ownerUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "creditHours" REAL NOT NULL,
    "syllabusCodes" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LessonDraft_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "audiences" TEXT NOT NULL,
    "syllabusCodes" TEXT NOT NULL,
    "creditHours" REAL NOT NULL,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseVersion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "creditHours" REAL NOT NULL,
    "syllabusCodes" TEXT NOT NULL,
    "laws" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    CONSTRAINT "LessonVersion_courseVersionId_fkey" FOREIGN KEY ("courseVersionId") REFERENCES "CourseVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseReview_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "lessonVersionId" TEXT NOT NULL,
    "courseVersionId" TEXT NOT NULL,
    "secondsOnTask" INTEGER NOT NULL DEFAULT 0,
    "lastBeatAt" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "LearningRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "lessonVersionId" TEXT NOT NULL,
    "courseVersionId" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "creditedHours" REAL NOT NULL,
    "completedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "KnowledgeCheckAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "lessonVersionId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CourseAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "unitId" TEXT,
    "category" TEXT,
    "personId" TEXT,
    "dueDate" DATETIME,
    "assignedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    CONSTRAINT "CourseAssignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Course_code_key" ON "Course"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Course_publishedVersionId_key" ON "Course"("publishedVersionId");

-- CreateIndex
CREATE INDEX "LessonDraft_courseId_position_idx" ON "LessonDraft"("courseId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CourseVersion_courseId_version_key" ON "CourseVersion"("courseId", "version");

-- CreateIndex
CREATE INDEX "LessonVersion_courseVersionId_position_idx" ON "LessonVersion"("courseVersionId", "position");

-- CreateIndex
CREATE INDEX "CourseReview_courseId_createdAt_idx" ON "CourseReview"("courseId", "createdAt");

-- CreateIndex
CREATE INDEX "LessonProgress_personId_courseVersionId_lastBeatAt_idx" ON "LessonProgress"("personId", "courseVersionId", "lastBeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "LessonProgress_personId_lessonVersionId_key" ON "LessonProgress"("personId", "lessonVersionId");

-- CreateIndex
CREATE INDEX "LearningRecord_personId_completedAt_idx" ON "LearningRecord"("personId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LearningRecord_personId_lessonVersionId_key" ON "LearningRecord"("personId", "lessonVersionId");

-- CreateIndex
CREATE INDEX "KnowledgeCheckAnswer_personId_lessonVersionId_idx" ON "KnowledgeCheckAnswer"("personId", "lessonVersionId");

-- CreateIndex
CREATE INDEX "CourseAssignment_courseId_idx" ON "CourseAssignment"("courseId");

-- CreateIndex
CREATE INDEX "CourseAssignment_unitId_idx" ON "CourseAssignment"("unitId");

-- CreateIndex
CREATE INDEX "CourseAssignment_personId_idx" ON "CourseAssignment"("personId");
