/** Object types that appear in the audit trail (the filter's choices). */
export const AUDIT_OBJECT_TYPES = ["OrgUnit", "Person", "PersonList", "User", "RoleGrant", "Database", "SyllabusTopic", "ExamBlueprint", "QuestionBank", "Question", "Course", "LessonVersion", "CourseAssignment", "Media", "Exam", "ExamAttempt"] as const;
