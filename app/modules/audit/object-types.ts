/** Object types that appear in the audit trail (the filter's choices). */
export const AUDIT_OBJECT_TYPES = ["OrgUnit", "Person", "PersonList", "User", "RoleGrant", "Database"] as const;
