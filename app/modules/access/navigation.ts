import type { Permission } from "./permissions";
import { canAnywhere, type Actor } from "./rules";

/** Navigation entries, each shown to people who hold its permission somewhere. */
const ENTRIES: { key: string; to: string; permission: Permission | null }[] = [
  { key: "home", to: "/", permission: null },
  { key: "learn", to: "/learn", permission: null },
  { key: "myHours", to: "/hours", permission: null },
  { key: "myExams", to: "/take", permission: null },
  { key: "myCredentials", to: "/credentials", permission: null },
  { key: "practice", to: "/practice", permission: null },
  { key: "classes", to: "/classes", permission: null },
  { key: "notices", to: "/notices", permission: null },
  { key: "syllabus", to: "/syllabus", permission: "syllabus.view" },
  { key: "questions", to: "/questions", permission: "question.view" },
  { key: "review", to: "/questions/review", permission: "question.review" },
  { key: "blueprints", to: "/blueprints", permission: "question.view" },
  { key: "exams", to: "/exams", permission: "exam.results" },
  { key: "marking", to: "/marking", permission: "exam.mark" },
  { key: "author", to: "/author", permission: "course.author" },
  { key: "courseReview", to: "/author/review", permission: "course.review" },
  { key: "assignments", to: "/assignments", permission: "course.assign" },
  { key: "bases", to: "/bases", permission: "class.manage" },
  { key: "compliance", to: "/compliance", permission: "hours.view" },
  { key: "hoursApprovals", to: "/hours/approvals", permission: "hours.approve" },
  { key: "hoursRules", to: "/hours/rules", permission: "hours.rules" },
  { key: "credentialsManage", to: "/credentials/manage", permission: "credential.view" },
  { key: "credentialsJoint", to: "/credentials/joint", permission: "credential.view" },
  { key: "credentialTypes", to: "/credentials/types", permission: "credential.manage" },
  { key: "people", to: "/people", permission: "person.view" },
  { key: "org", to: "/org", permission: "org.view" },
  { key: "roles", to: "/admin/roles", permission: "role.grant" },
  { key: "audit", to: "/admin/audit", permission: "audit.view" },
  { key: "account", to: "/account", permission: null },
];

export type NavItem = { key: string; to: string };

export function navigationFor(actor: Pick<Actor, "grants">): NavItem[] {
  return ENTRIES.filter((e) => e.permission === null || canAnywhere(actor, e.permission)).map(({ key, to }) => ({ key, to }));
}
