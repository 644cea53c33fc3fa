-- Migration "hours_classes": generated from prisma/schema.prisma by app/cli/migrations.ts

-- CreateTable
CREATE TABLE "HoursRuleSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HoursEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "hours" REAL NOT NULL,
    "category" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "refType" TEXT,
    "refId" TEXT,
    "postingKey" TEXT,
    "quantity" REAL,
    "quantityUnit" TEXT,
    "ruleSetId" TEXT,
    "activityDate" DATETIME NOT NULL,
    "evidenceName" TEXT,
    "evidenceFile" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "submittedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "voidReason" TEXT,
    "voidedById" TEXT,
    "voidedAt" DATETIME,
    "correctsEntryId" TEXT,
    "importBatchId" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HoursYearSummary" (
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "professionalRequired" REAL NOT NULL,
    "professionalCarriedIn" REAL NOT NULL,
    "professionalCredited" REAL NOT NULL,
    "politicalRequired" REAL NOT NULL,
    "politicalCredited" REAL NOT NULL,
    "pendingHours" REAL NOT NULL,
    "carryOut" REAL NOT NULL,
    "met" BOOLEAN NOT NULL,
    "ruleVersions" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "year")
);

-- CreateTable
CREATE TABLE "HoursImportBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "totalHours" REAL NOT NULL,
    "status" TEXT NOT NULL,
    "importedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HoursCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
);

-- CreateTable
CREATE TABLE "TrainingBase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "specialities" TEXT NOT NULL DEFAULT '[]',
    "facilities" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrainingClass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "baseId" TEXT,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "capacity" INTEGER NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '{}',
    "syllabusCodes" TEXT NOT NULL DEFAULT '[]',
    "creditHours" REAL NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'PROFESSIONAL_LEGAL',
    "enrolmentMode" TEXT NOT NULL DEFAULT 'BOTH',
    "completionAttendancePct" INTEGER NOT NULL DEFAULT 80,
    "classExamId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingClass_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "TrainingBase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassTrainer" (
    "classId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    PRIMARY KEY ("classId", "personId"),
    CONSTRAINT "ClassTrainer_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    CONSTRAINT "ClassSession_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassEnrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "nominatedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "completedAt" DATETIME,
    "certificateCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ClassEnrolment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "method" TEXT NOT NULL,
    "reason" TEXT,
    "recordedById" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ClassSurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "ratings" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "HoursRuleSet_year_scope_version_key" ON "HoursRuleSet"("year", "scope", "version");

-- CreateIndex
CREATE UNIQUE INDEX "HoursEntry_postingKey_key" ON "HoursEntry"("postingKey");

-- CreateIndex
CREATE INDEX "HoursEntry_personId_year_recordedAt_idx" ON "HoursEntry"("personId", "year", "recordedAt");

-- CreateIndex
CREATE INDEX "HoursEntry_status_year_idx" ON "HoursEntry"("status", "year");

-- CreateIndex
CREATE INDEX "HoursEntry_importBatchId_idx" ON "HoursEntry"("importBatchId");

-- CreateIndex
CREATE INDEX "HoursEntry_refType_refId_idx" ON "HoursEntry"("refType", "refId");

-- CreateIndex
CREATE INDEX "HoursYearSummary_year_unitId_idx" ON "HoursYearSummary"("year", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "HoursCertificate_code_key" ON "HoursCertificate"("code");

-- CreateIndex
CREATE INDEX "HoursCertificate_personId_year_idx" ON "HoursCertificate"("personId", "year");

-- CreateIndex
CREATE INDEX "Notice_personId_readAt_createdAt_idx" ON "Notice"("personId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notice_kind_createdAt_idx" ON "Notice"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "TrainingBase_unitId_idx" ON "TrainingBase"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingClass_code_key" ON "TrainingClass"("code");

-- CreateIndex
CREATE INDEX "TrainingClass_unitId_startDate_idx" ON "TrainingClass"("unitId", "startDate");

-- CreateIndex
CREATE INDEX "TrainingClass_baseId_startDate_idx" ON "TrainingClass"("baseId", "startDate");

-- CreateIndex
CREATE INDEX "TrainingClass_status_startDate_idx" ON "TrainingClass"("status", "startDate");

-- CreateIndex
CREATE INDEX "ClassSession_classId_position_idx" ON "ClassSession"("classId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ClassEnrolment_certificateCode_key" ON "ClassEnrolment"("certificateCode");

-- CreateIndex
CREATE INDEX "ClassEnrolment_personId_status_idx" ON "ClassEnrolment"("personId", "status");

-- CreateIndex
CREATE INDEX "ClassEnrolment_classId_status_createdAt_idx" ON "ClassEnrolment"("classId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClassEnrolment_classId_personId_key" ON "ClassEnrolment"("classId", "personId");

-- CreateIndex
CREATE INDEX "AttendanceMark_sessionId_personId_recordedAt_idx" ON "AttendanceMark"("sessionId", "personId", "recordedAt");

-- CreateIndex
CREATE INDEX "AttendanceMark_personId_idx" ON "AttendanceMark"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassSurveyResponse_classId_personId_key" ON "ClassSurveyResponse"("classId", "personId");
