-- Migration "exams": generated from prisma/schema.prisma by app/cli/migrations.ts

-- CreateTable
CREATE TABLE "Exam" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "examType" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "blueprintId" TEXT NOT NULL,
    "paperMode" TEXT NOT NULL,
    "paperSeed" TEXT NOT NULL,
    "shuffleQuestions" BOOLEAN NOT NULL DEFAULT true,
    "shuffleOptions" BOOLEAN NOT NULL DEFAULT true,
    "totalMarks" REAL NOT NULL,
    "passMark" REAL NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "attemptsAllowed" INTEGER NOT NULL DEFAULT 1,
    "countingPolicy" TEXT NOT NULL DEFAULT 'BEST',
    "eligibility" TEXT NOT NULL DEFAULT '{}',
    "reviewPolicy" TEXT NOT NULL DEFAULT '{}',
    "tabSwitchLimit" INTEGER,
    "accessCode" TEXT,
    "doubleMarking" BOOLEAN NOT NULL DEFAULT false,
    "markingThreshold" REAL NOT NULL DEFAULT 2,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "resultsPublishedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Exam_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Exam_blueprintId_fkey" FOREIGN KEY ("blueprintId") REFERENCES "ExamBlueprint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamPoolQuestion" (
    "examId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "difficulty" INTEGER NOT NULL,
    "topicCodes" TEXT NOT NULL,
    "optionKeys" TEXT NOT NULL,

    PRIMARY KEY ("examId", "questionId")
);

-- CreateTable
CREATE TABLE "ExamAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "examId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME NOT NULL,
    "extraMinutes" INTEGER NOT NULL DEFAULT 0,
    "deviceId" TEXT NOT NULL,
    "submittedAt" DATETIME,
    "submitKind" TEXT,
    "maxScore" REAL NOT NULL,
    "objectiveScore" REAL,
    "score" REAL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "passed" BOOLEAN,
    "tabSwitches" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ExamAttempt_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "cellIndex" INTEGER NOT NULL,
    "points" REAL NOT NULL,
    "optionOrder" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "AttemptItem_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptAnswer" (
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "clientSeq" INTEGER NOT NULL,
    "savedAt" DATETIME NOT NULL,
    "fraction" REAL,
    "markedPoints" REAL,

    PRIMARY KEY ("attemptId", "questionId"),
    CONSTRAINT "AttemptAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnswerSave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "clientSeq" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AttemptEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ItemMark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "markerId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "points" REAL NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScoreChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "before" REAL,
    "after" REAL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ExamPass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "examType" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "passedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PracticeAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "fromNotebook" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotebookEntry" (
    "personId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "correctStreak" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "cleared" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("personId", "questionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Exam_code_key" ON "Exam"("code");

-- CreateIndex
CREATE INDEX "Exam_unitId_opensAt_idx" ON "Exam"("unitId", "opensAt");

-- CreateIndex
CREATE INDEX "Exam_status_closesAt_idx" ON "Exam"("status", "closesAt");

-- CreateIndex
CREATE INDEX "ExamAttempt_personId_status_idx" ON "ExamAttempt"("personId", "status");

-- CreateIndex
CREATE INDEX "ExamAttempt_examId_status_idx" ON "ExamAttempt"("examId", "status");

-- CreateIndex
CREATE INDEX "ExamAttempt_status_deadlineAt_idx" ON "ExamAttempt"("status", "deadlineAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExamAttempt_examId_personId_number_key" ON "ExamAttempt"("examId", "personId", "number");

-- CreateIndex
CREATE INDEX "AttemptItem_questionId_idx" ON "AttemptItem"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptItem_attemptId_position_key" ON "AttemptItem"("attemptId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptItem_attemptId_questionId_key" ON "AttemptItem"("attemptId", "questionId");

-- CreateIndex
CREATE INDEX "AnswerSave_attemptId_questionId_idx" ON "AnswerSave"("attemptId", "questionId");

-- CreateIndex
CREATE INDEX "AttemptEvent_attemptId_at_idx" ON "AttemptEvent"("attemptId", "at");

-- CreateIndex
CREATE INDEX "ItemMark_markerId_idx" ON "ItemMark"("markerId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemMark_attemptId_questionId_round_key" ON "ItemMark"("attemptId", "questionId", "round");

-- CreateIndex
CREATE INDEX "ScoreChange_attemptId_idx" ON "ScoreChange"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "ExamPass_attemptId_key" ON "ExamPass"("attemptId");

-- CreateIndex
CREATE INDEX "ExamPass_personId_examType_passedAt_idx" ON "ExamPass"("personId", "examType", "passedAt");

-- CreateIndex
CREATE INDEX "PracticeAnswer_personId_createdAt_idx" ON "PracticeAnswer"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "NotebookEntry_personId_cleared_dueAt_idx" ON "NotebookEntry"("personId", "cleared", "dueAt");
