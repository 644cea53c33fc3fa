/*
 * Roles and permissions. The database holds the same rows (seeded by the migration
 * `*_roles_permissions`); tests/access-seed.test.ts fails when the two disagree, so a
 * role change needs both a code change here and a new migration.
 */
export const PERMISSIONS = [
  "org.view",
  "org.manage",
  "person.view",
  "person.manage",
  "person.import",
  "person.export",
  "person.viewIdCard",
  "account.manage",
  "role.grant",
  "audit.view",
  "system.admin",
  "syllabus.view",
  "syllabus.manage",
  "blueprint.manage",
  "question.view",
  "question.author",
  "question.review",
  "course.author",
  "course.review",
  "course.assign",
  "exam.manage",
  "exam.invigilate",
  "exam.mark",
  "exam.results",
  "hours.view",
  "hours.approve",
  "hours.rules",
  "class.manage",
  "base.manage",
  "credential.view",
  "credential.issue",
  "credential.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["learner", "trainer", "hr", "reviewer", "programAdmin", "sysadmin"] as const;
export type RoleKey = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<RoleKey, readonly Permission[]> = {
  // Everyone may read the syllabus that governs their training.
  learner: ["syllabus.view"],
  trainer: ["syllabus.view", "question.view", "question.author", "question.review", "course.author", "exam.manage", "exam.invigilate", "exam.mark", "exam.results", "class.manage"],
  reviewer: ["syllabus.view"],
  hr: [
    "org.view",
    "person.view",
    "person.manage",
    "person.import",
    "person.export",
    "person.viewIdCard",
    "account.manage",
    "role.grant",
    "syllabus.view",
    "course.assign",
    "exam.results",
    "hours.view",
    "hours.approve",
    "class.manage",
    "credential.view",
    "credential.issue",
  ],
  programAdmin: [
    "org.view",
    "org.manage",
    "person.view",
    "person.export",
    "role.grant",
    "audit.view",
    "syllabus.view",
    "syllabus.manage",
    "blueprint.manage",
    "question.view",
    "question.author",
    "question.review",
    "course.author",
    "course.review",
    "course.assign",
    "exam.manage",
    "exam.invigilate",
    "exam.mark",
    "exam.results",
    "hours.view",
    "hours.rules",
    "class.manage",
    "base.manage",
    "credential.view",
    "credential.manage",
  ],
  sysadmin: [...PERMISSIONS],
};

export function isRoleKey(value: string): value is RoleKey {
  return (ROLES as readonly string[]).includes(value);
}
