-- Migration "question_bank_permissions_search": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Permissions for the syllabus, exam blueprints and the question bank.
INSERT INTO "Permission" ("key") VALUES ('syllabus.view');
INSERT INTO "Permission" ("key") VALUES ('syllabus.manage');
INSERT INTO "Permission" ("key") VALUES ('blueprint.manage');
INSERT INTO "Permission" ("key") VALUES ('question.view');
INSERT INTO "Permission" ("key") VALUES ('question.author');
INSERT INTO "Permission" ("key") VALUES ('question.review');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('learner', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'question.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'question.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'question.review');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('reviewer', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'syllabus.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'blueprint.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'question.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'question.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'question.review');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'syllabus.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'syllabus.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'blueprint.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'question.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'question.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'question.review');

-- Full-text search over question stems and options. Chinese has no spaces, so the
-- application indexes overlapping character pairs (app/modules/questions/search.ts);
-- a two-character word is then a single token. Declared external in prisma.config.ts.
CREATE VIRTUAL TABLE "QuestionSearch" USING fts5("questionId" UNINDEXED, "body", tokenize = 'unicode61 remove_diacritics 0');

-- Question versions and review decisions are history: never changed or deleted.
CREATE TRIGGER "QuestionVersion_no_update" BEFORE UPDATE ON "QuestionVersion" BEGIN SELECT RAISE(ABORT, 'question versions are immutable'); END;
CREATE TRIGGER "QuestionVersion_no_delete" BEFORE DELETE ON "QuestionVersion" BEGIN SELECT RAISE(ABORT, 'question versions are immutable'); END;
CREATE TRIGGER "QuestionReview_no_update" BEFORE UPDATE ON "QuestionReview" BEGIN SELECT RAISE(ABORT, 'question reviews are append-only'); END;
CREATE TRIGGER "QuestionReview_no_delete" BEFORE DELETE ON "QuestionReview" BEGIN SELECT RAISE(ABORT, 'question reviews are append-only'); END;
CREATE TRIGGER "Question_no_delete" BEFORE DELETE ON "Question" BEGIN SELECT RAISE(ABORT, 'questions are retired, never deleted'); END;
CREATE TRIGGER "SyllabusTopic_no_delete" BEFORE DELETE ON "SyllabusTopic" BEGIN SELECT RAISE(ABORT, 'syllabus topics are retired, never deleted'); END;
