-- Migration "courseware_permissions_history": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Permissions for courseware authoring, review and assignment.
INSERT INTO "Permission" ("key") VALUES ('course.author');
INSERT INTO "Permission" ("key") VALUES ('course.review');
INSERT INTO "Permission" ("key") VALUES ('course.assign');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('trainer', 'course.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'course.assign');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'course.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'course.review');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'course.assign');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'course.author');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'course.review');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'course.assign');

-- Published versions, learning records, knowledge-check answers and reviews are history.
CREATE TRIGGER "CourseVersion_no_update" BEFORE UPDATE ON "CourseVersion" BEGIN SELECT RAISE(ABORT, 'course versions are immutable'); END;
CREATE TRIGGER "CourseVersion_no_delete" BEFORE DELETE ON "CourseVersion" BEGIN SELECT RAISE(ABORT, 'course versions are immutable'); END;
CREATE TRIGGER "LessonVersion_no_update" BEFORE UPDATE ON "LessonVersion" BEGIN SELECT RAISE(ABORT, 'lesson versions are immutable'); END;
CREATE TRIGGER "LessonVersion_no_delete" BEFORE DELETE ON "LessonVersion" BEGIN SELECT RAISE(ABORT, 'lesson versions are immutable'); END;
CREATE TRIGGER "LearningRecord_no_update" BEFORE UPDATE ON "LearningRecord" BEGIN SELECT RAISE(ABORT, 'learning records are append-only'); END;
CREATE TRIGGER "LearningRecord_no_delete" BEFORE DELETE ON "LearningRecord" BEGIN SELECT RAISE(ABORT, 'learning records are append-only'); END;
CREATE TRIGGER "KnowledgeCheckAnswer_no_update" BEFORE UPDATE ON "KnowledgeCheckAnswer" BEGIN SELECT RAISE(ABORT, 'knowledge-check answers are append-only'); END;
CREATE TRIGGER "KnowledgeCheckAnswer_no_delete" BEFORE DELETE ON "KnowledgeCheckAnswer" BEGIN SELECT RAISE(ABORT, 'knowledge-check answers are append-only'); END;
CREATE TRIGGER "CourseReview_no_update" BEFORE UPDATE ON "CourseReview" BEGIN SELECT RAISE(ABORT, 'course reviews are append-only'); END;
CREATE TRIGGER "CourseReview_no_delete" BEFORE DELETE ON "CourseReview" BEGIN SELECT RAISE(ABORT, 'course reviews are append-only'); END;
CREATE TRIGGER "Course_no_delete" BEFORE DELETE ON "Course" BEGIN SELECT RAISE(ABORT, 'courses are retired, never deleted'); END;
CREATE TRIGGER "LessonProgress_no_delete" BEFORE DELETE ON "LessonProgress" BEGIN SELECT RAISE(ABORT, 'learning progress is never deleted'); END;
