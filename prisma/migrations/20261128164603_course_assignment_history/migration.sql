-- Migration "course_assignment_history": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Assignments are revoked (revokedAt), never deleted.
CREATE TRIGGER "CourseAssignment_no_delete" BEFORE DELETE ON "CourseAssignment" BEGIN SELECT RAISE(ABORT, 'assignments are revoked, never deleted'); END;
