-- Migration "credential_types_permissions_history": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Permissions: see credentials in scope, issue and change them (HR), configure credential types.
INSERT INTO "Permission" ("key") VALUES ('credential.view');
INSERT INTO "Permission" ("key") VALUES ('credential.issue');
INSERT INTO "Permission" ("key") VALUES ('credential.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'credential.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'credential.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'credential.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'credential.issue');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'credential.issue');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'credential.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'credential.manage');

-- Credential types as configuration. Validity, windows and grace periods are the platform's defaults,
-- to be checked against the current national and provincial credential rules (see content notes in docs).
INSERT INTO "CredentialType" ("id", "code", "name", "nameEn", "kind", "holders", "eligibility", "validityMonths", "renewal", "graceDays", "numberPattern", "active", "createdAt", "updatedAt") VALUES ('ctype_enforcement', 'ENFORCEMENT', '生态环境执法证', 'Enforcement credential', 'ISSUED', '{"categories": ["ENFORCEMENT", "MONITORING", "LEADERSHIP"], "inEnforcementSystemOnly": true}', '{"examTypes": ["CREDENTIAL_INITIAL"], "examWithinMonths": 12, "postTrainingTypes": ["POST_INITIAL"], "minHoursThisYear": 0}', 60, '{"windowMonths": 6, "examTypes": [], "minHoursLastYear": 60, "postTrainingTypes": ["POST_RENEWAL"], "postTrainingWithinMonths": 60}', 90, 'ZF{province}{yy}{seq:5}', 1, '2026-11-28T00:00:00.000+00:00', '2026-11-28T00:00:00.000+00:00');
INSERT INTO "CredentialType" ("id", "code", "name", "nameEn", "kind", "holders", "eligibility", "validityMonths", "renewal", "graceDays", "numberPattern", "active", "createdAt", "updatedAt") VALUES ('ctype_monitoring', 'MONITORING_ONSITE', '现场监测上岗证', 'On-site monitoring credential', 'ISSUED', '{"categories": ["MONITORING", "ENFORCEMENT"], "inEnforcementSystemOnly": true}', '{"examTypes": ["MONITORING_CREDENTIAL"], "examWithinMonths": 12, "postTrainingTypes": ["JOINT_ENF_MON"], "minHoursThisYear": 0}', 60, '{"windowMonths": 6, "examTypes": ["MONITORING_CREDENTIAL"], "minHoursLastYear": 0, "postTrainingTypes": [], "postTrainingWithinMonths": 60}', 90, 'JC{province}{yy}{seq:5}', 1, '2026-11-28T00:00:00.000+00:00', '2026-11-28T00:00:00.000+00:00');
INSERT INTO "CredentialType" ("id", "code", "name", "nameEn", "kind", "holders", "eligibility", "validityMonths", "renewal", "graceDays", "numberPattern", "active", "createdAt", "updatedAt") VALUES ('ctype_legal', 'LEGAL_PROFESSIONAL', '法律职业资格', 'Legal professional qualification', 'EXTERNAL', '{"categories": ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "OTHER"], "inEnforcementSystemOnly": false}', '{}', NULL, '{}', 0, '', 1, '2026-11-28T00:00:00.000+00:00', '2026-11-28T00:00:00.000+00:00');

-- History is append-only; credentials and their types are never deleted.
CREATE TRIGGER "CredentialEvent_no_update" BEFORE UPDATE ON "CredentialEvent" BEGIN SELECT RAISE(ABORT, 'credential events are append-only'); END;
CREATE TRIGGER "CredentialEvent_no_delete" BEFORE DELETE ON "CredentialEvent" BEGIN SELECT RAISE(ABORT, 'credential events are append-only'); END;
CREATE TRIGGER "Credential_no_delete" BEFORE DELETE ON "Credential" BEGIN SELECT RAISE(ABORT, 'credentials are revoked, never deleted'); END;
CREATE TRIGGER "CredentialType_no_delete" BEFORE DELETE ON "CredentialType" BEGIN SELECT RAISE(ABORT, 'credential types are deactivated, never deleted'); END;
-- A number, once given, stays with its credential.
CREATE TRIGGER "Credential_number_fixed" BEFORE UPDATE OF "number" ON "Credential" WHEN OLD."number" IS NOT NULL AND NEW."number" IS NOT OLD."number" BEGIN SELECT RAISE(ABORT, 'a credential number never changes'); END;
-- One live credential (applied, nominated, active or suspended) per person and type.
CREATE TRIGGER "Credential_one_live" BEFORE INSERT ON "Credential" WHEN EXISTS (SELECT 1 FROM "Credential" WHERE "personId" = NEW."personId" AND "typeId" = NEW."typeId" AND "status" IN ('APPLIED', 'NOMINATED', 'ACTIVE', 'SUSPENDED')) BEGIN SELECT RAISE(ABORT, 'this person already has this credential or an application for it'); END;
