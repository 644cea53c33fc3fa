-- Migration "roles_permissions_append_only": hand-written, not generated from the schema.
-- Once applied anywhere, do not edit: its checksum is recorded in _prisma_migrations.

-- Roles and permissions are data (docs/architecture.md, "Roles and scope").
-- tests/access-seed.test.ts checks these rows against app/modules/access/permissions.ts.
INSERT INTO "Permission" ("key") VALUES ('org.view');
INSERT INTO "Permission" ("key") VALUES ('org.manage');
INSERT INTO "Permission" ("key") VALUES ('person.view');
INSERT INTO "Permission" ("key") VALUES ('person.manage');
INSERT INTO "Permission" ("key") VALUES ('person.import');
INSERT INTO "Permission" ("key") VALUES ('person.export');
INSERT INTO "Permission" ("key") VALUES ('person.viewIdCard');
INSERT INTO "Permission" ("key") VALUES ('account.manage');
INSERT INTO "Permission" ("key") VALUES ('role.grant');
INSERT INTO "Permission" ("key") VALUES ('audit.view');
INSERT INTO "Permission" ("key") VALUES ('system.admin');
INSERT INTO "Role" ("key", "sortOrder") VALUES ('learner', 1);
INSERT INTO "Role" ("key", "sortOrder") VALUES ('trainer', 2);
INSERT INTO "Role" ("key", "sortOrder") VALUES ('hr', 3);
INSERT INTO "Role" ("key", "sortOrder") VALUES ('reviewer', 4);
INSERT INTO "Role" ("key", "sortOrder") VALUES ('programAdmin', 5);
INSERT INTO "Role" ("key", "sortOrder") VALUES ('sysadmin', 6);
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'org.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'person.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'person.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'person.import');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'person.export');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'person.viewIdCard');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'account.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('hr', 'role.grant');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'org.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'org.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'person.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'person.export');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'role.grant');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('programAdmin', 'audit.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'org.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'org.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'person.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'person.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'person.import');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'person.export');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'person.viewIdCard');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'account.manage');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'role.grant');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'audit.view');
INSERT INTO "RolePermission" ("roleKey", "permissionKey") VALUES ('sysadmin', 'system.admin');

-- The audit trail is append-only: the database itself refuses changes and deletions.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- Transfer history is append-only too.
CREATE TRIGGER "PersonMovement_no_update" BEFORE UPDATE ON "PersonMovement" BEGIN SELECT RAISE(ABORT, 'person movements are append-only'); END;
CREATE TRIGGER "PersonMovement_no_delete" BEFORE DELETE ON "PersonMovement" BEGIN SELECT RAISE(ABORT, 'person movements are append-only'); END;
-- Units are never deleted (people, records and history point at them).
CREATE TRIGGER "OrgUnit_no_delete" BEFORE DELETE ON "OrgUnit" BEGIN SELECT RAISE(ABORT, 'units are deactivated, never deleted'); END;
CREATE TRIGGER "Person_no_delete" BEFORE DELETE ON "Person" BEGIN SELECT RAISE(ABORT, 'people are never deleted; change their status'); END;
