-- Migration "exam_permissions_history": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Permissions for exams: set up and publish, invigilate, mark, see results.
INSERT INTO "Permission" ("key") VALUES ('exam.manage');
INSERT INTO "Permission" ("key") VALUES ('exam.invigilate');
INSERT INTO "Permission" ("key") VALUES ('exam.mark');
INSERT INTO "Permission" ("key") VALUES ('exam.results');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'exam.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'exam.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'exam.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'exam.invigilate');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'exam.invigilate');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'exam.invigilate');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'exam.mark');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'exam.mark');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'exam.mark');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'exam.results');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'exam.results');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'exam.results');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'exam.results');

-- One attempt in progress per person and exam: a second device takes that attempt over, never starts another.
CREATE TRIGGER "ExamAttempt_one_in_progress" BEFORE INSERT ON "ExamAttempt" WHEN NEW."status" = 'IN_PROGRESS' AND EXISTS (SELECT 1 FROM "ExamAttempt" WHERE "examId" = NEW."examId" AND "personId" = NEW."personId" AND "status" = 'IN_PROGRESS') BEGIN SELECT RAISE(ABORT, 'an attempt is already in progress'); END;

-- Frozen pools, papers, saves, events, marks, score changes, passes and practice answers are history.
CREATE TRIGGER "ExamPoolQuestion_no_update" BEFORE UPDATE ON "ExamPoolQuestion" BEGIN SELECT RAISE(ABORT, 'exam pools are frozen'); END;
CREATE TRIGGER "ExamPoolQuestion_no_delete" BEFORE DELETE ON "ExamPoolQuestion" BEGIN SELECT RAISE(ABORT, 'exam pools are frozen'); END;
CREATE TRIGGER "AttemptItem_no_update" BEFORE UPDATE ON "AttemptItem" BEGIN SELECT RAISE(ABORT, 'papers are immutable'); END;
CREATE TRIGGER "AttemptItem_no_delete" BEFORE DELETE ON "AttemptItem" BEGIN SELECT RAISE(ABORT, 'papers are immutable'); END;
CREATE TRIGGER "AnswerSave_no_update" BEFORE UPDATE ON "AnswerSave" BEGIN SELECT RAISE(ABORT, 'answer saves are append-only'); END;
CREATE TRIGGER "AnswerSave_no_delete" BEFORE DELETE ON "AnswerSave" BEGIN SELECT RAISE(ABORT, 'answer saves are append-only'); END;
CREATE TRIGGER "AttemptEvent_no_update" BEFORE UPDATE ON "AttemptEvent" BEGIN SELECT RAISE(ABORT, 'attempt events are append-only'); END;
CREATE TRIGGER "AttemptEvent_no_delete" BEFORE DELETE ON "AttemptEvent" BEGIN SELECT RAISE(ABORT, 'attempt events are append-only'); END;
CREATE TRIGGER "ItemMark_no_update" BEFORE UPDATE ON "ItemMark" BEGIN SELECT RAISE(ABORT, 'marks are append-only'); END;
CREATE TRIGGER "ItemMark_no_delete" BEFORE DELETE ON "ItemMark" BEGIN SELECT RAISE(ABORT, 'marks are append-only'); END;
CREATE TRIGGER "ScoreChange_no_update" BEFORE UPDATE ON "ScoreChange" BEGIN SELECT RAISE(ABORT, 'score changes are append-only'); END;
CREATE TRIGGER "ScoreChange_no_delete" BEFORE DELETE ON "ScoreChange" BEGIN SELECT RAISE(ABORT, 'score changes are append-only'); END;
CREATE TRIGGER "ExamPass_no_update" BEFORE UPDATE ON "ExamPass" BEGIN SELECT RAISE(ABORT, 'exam passes are append-only'); END;
CREATE TRIGGER "ExamPass_no_delete" BEFORE DELETE ON "ExamPass" BEGIN SELECT RAISE(ABORT, 'exam passes are append-only'); END;
CREATE TRIGGER "PracticeAnswer_no_update" BEFORE UPDATE ON "PracticeAnswer" BEGIN SELECT RAISE(ABORT, 'practice answers are append-only'); END;
CREATE TRIGGER "PracticeAnswer_no_delete" BEFORE DELETE ON "PracticeAnswer" BEGIN SELECT RAISE(ABORT, 'practice answers are append-only'); END;
CREATE TRIGGER "Exam_no_delete" BEFORE DELETE ON "Exam" BEGIN SELECT RAISE(ABORT, 'exams are cancelled, never deleted'); END;
CREATE TRIGGER "ExamAttempt_no_delete" BEFORE DELETE ON "ExamAttempt" BEGIN SELECT RAISE(ABORT, 'attempts are never deleted'); END;
CREATE TRIGGER "AttemptAnswer_no_delete" BEFORE DELETE ON "AttemptAnswer" BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;
CREATE TRIGGER "NotebookEntry_no_delete" BEFORE DELETE ON "NotebookEntry" BEGIN SELECT RAISE(ABORT, 'notebook entries are cleared, never deleted'); END;

-- A submitted attempt is never reopened.
CREATE TRIGGER "ExamAttempt_no_reopen" BEFORE UPDATE OF "status" ON "ExamAttempt" WHEN OLD."status" = 'SUBMITTED' AND NEW."status" <> 'SUBMITTED' BEGIN SELECT RAISE(ABORT, 'a submitted attempt cannot be reopened'); END;
