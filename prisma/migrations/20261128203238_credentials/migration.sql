-- Migration "credentials": generated from prisma/schema.prisma by app/cli/migrations.ts

-- CreateTable
CREATE TABLE "CredentialType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holders" TEXT NOT NULL,
    "eligibility" TEXT NOT NULL DEFAULT '{}',
    "validityMonths" INTEGER,
    "renewal" TEXT NOT NULL DEFAULT '{}',
    "graceDays" INTEGER NOT NULL DEFAULT 0,
    "numberPattern" TEXT NOT NULL DEFAULT '{province}{yy}{seq:5}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "typeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "number" TEXT,
    "verifyCode" TEXT,
    "statusIndex" INTEGER,
    "issuingUnitId" TEXT,
    "issuedAt" DATETIME,
    "validFrom" DATETIME,
    "validUntil" DATETIME,
    "externalNumber" TEXT,
    "evidenceName" TEXT,
    "evidenceFile" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Credential_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "CredentialType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CredentialEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "credentialId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "effectiveDate" DATETIME,
    "reason" TEXT,
    "actorId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "CredentialEvent_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CredentialNumberSeq" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "next" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CredentialType_code_key" ON "CredentialType"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_number_key" ON "Credential"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_verifyCode_key" ON "Credential"("verifyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_statusIndex_key" ON "Credential"("statusIndex");

-- CreateIndex
CREATE INDEX "Credential_personId_typeId_idx" ON "Credential"("personId", "typeId");

-- CreateIndex
CREATE INDEX "Credential_typeId_status_validUntil_idx" ON "Credential"("typeId", "status", "validUntil");

-- CreateIndex
CREATE INDEX "Credential_issuingUnitId_idx" ON "Credential"("issuingUnitId");

-- CreateIndex
CREATE INDEX "CredentialEvent_credentialId_at_idx" ON "CredentialEvent"("credentialId", "at");

-- CreateIndex
CREATE INDEX "CredentialEvent_action_at_idx" ON "CredentialEvent"("action", "at");
