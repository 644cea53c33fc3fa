-- Migration "hours_permissions_history": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Permissions for study hours, classes and training bases.
INSERT INTO "Permission" ("key") VALUES ('hours.view');
INSERT INTO "Permission" ("key") VALUES ('hours.approve');
INSERT INTO "Permission" ("key") VALUES ('hours.rules');
INSERT INTO "Permission" ("key") VALUES ('class.manage');
INSERT INTO "Permission" ("key") VALUES ('base.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'hours.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'hours.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'hours.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'hours.approve');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'hours.approve');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'hours.rules');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'hours.rules');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'class.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'class.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'class.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'class.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'base.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'base.manage');

-- Ledger entries are never deleted, and only their status moves, forward: the figures, the person, the year and the source are fixed once written.
CREATE TRIGGER "HoursEntry_no_delete" BEFORE DELETE ON "HoursEntry" BEGIN SELECT RAISE(ABORT, 'ledger entries are voided, never deleted'); END;
CREATE TRIGGER "HoursEntry_fixed_fields" BEFORE UPDATE ON "HoursEntry" WHEN NEW."personId" IS NOT OLD."personId" OR NEW."year" IS NOT OLD."year" OR NEW."hours" IS NOT OLD."hours" OR NEW."category" IS NOT OLD."category" OR NEW."source" IS NOT OLD."source" OR NEW."title" IS NOT OLD."title" OR NEW."refType" IS NOT OLD."refType" OR NEW."refId" IS NOT OLD."refId" OR NEW."postingKey" IS NOT OLD."postingKey" OR NEW."quantity" IS NOT OLD."quantity" OR NEW."ruleSetId" IS NOT OLD."ruleSetId" OR NEW."activityDate" IS NOT OLD."activityDate" OR NEW."recordedAt" IS NOT OLD."recordedAt" OR NEW."correctsEntryId" IS NOT OLD."correctsEntryId" OR NEW."submittedById" IS NOT OLD."submittedById" BEGIN SELECT RAISE(ABORT, 'ledger entries are never edited: void and add a correction'); END;
CREATE TRIGGER "HoursEntry_status_forward" BEFORE UPDATE OF "status" ON "HoursEntry" WHEN NEW."status" <> OLD."status" AND NOT ((OLD."status" = 'PENDING' AND NEW."status" IN ('APPROVED', 'REJECTED', 'VOIDED')) OR (OLD."status" = 'APPROVED' AND NEW."status" = 'VOIDED')) BEGIN SELECT RAISE(ABORT, 'a ledger entry status only moves forward'); END;

-- Rule versions, certificates, import batches and attendance marks are history.
CREATE TRIGGER "HoursRuleSet_no_update" BEFORE UPDATE ON "HoursRuleSet" BEGIN SELECT RAISE(ABORT, 'rule versions are append-only'); END;
CREATE TRIGGER "HoursRuleSet_no_delete" BEFORE DELETE ON "HoursRuleSet" BEGIN SELECT RAISE(ABORT, 'rule versions are append-only'); END;
CREATE TRIGGER "HoursCertificate_no_update" BEFORE UPDATE ON "HoursCertificate" BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
CREATE TRIGGER "HoursCertificate_no_delete" BEFORE DELETE ON "HoursCertificate" BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
CREATE TRIGGER "HoursImportBatch_no_update" BEFORE UPDATE ON "HoursImportBatch" BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER "HoursImportBatch_no_delete" BEFORE DELETE ON "HoursImportBatch" BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER "AttendanceMark_no_update" BEFORE UPDATE ON "AttendanceMark" BEGIN SELECT RAISE(ABORT, 'attendance marks are append-only'); END;
CREATE TRIGGER "AttendanceMark_no_delete" BEFORE DELETE ON "AttendanceMark" BEGIN SELECT RAISE(ABORT, 'attendance marks are append-only'); END;
CREATE TRIGGER "ClassSurveyResponse_no_update" BEFORE UPDATE ON "ClassSurveyResponse" BEGIN SELECT RAISE(ABORT, 'survey responses are append-only'); END;
CREATE TRIGGER "ClassSurveyResponse_no_delete" BEFORE DELETE ON "ClassSurveyResponse" BEGIN SELECT RAISE(ABORT, 'survey responses are append-only'); END;
CREATE TRIGGER "TrainingClass_no_delete" BEFORE DELETE ON "TrainingClass" BEGIN SELECT RAISE(ABORT, 'classes are cancelled, never deleted'); END;
CREATE TRIGGER "ClassEnrolment_no_delete" BEFORE DELETE ON "ClassEnrolment" BEGIN SELECT RAISE(ABORT, 'enrolments are withdrawn, never deleted'); END;
-- A session may be taken out of a class still in draft (nobody can have attended it); after that, never.
CREATE TRIGGER "ClassSession_no_delete" BEFORE DELETE ON "ClassSession" WHEN (SELECT "status" FROM "TrainingClass" WHERE "id" = OLD."classId") <> 'DRAFT' OR EXISTS (SELECT 1 FROM "AttendanceMark" WHERE "sessionId" = OLD."id") BEGIN SELECT RAISE(ABORT, 'class sessions are never deleted once a class is open'); END;
CREATE TRIGGER "TrainingBase_no_delete" BEFORE DELETE ON "TrainingBase" BEGIN SELECT RAISE(ABORT, 'training bases are deactivated, never deleted'); END;
