import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from "~/modules/access/permissions";

// The migration seeds roles and permissions as rows; the code holds the same table.
// A role change needs both (a new migration and permissions.ts); this test catches one without the other.
describe("roles and permissions in the migrated database", () => {
  it("has exactly the permissions in permissions.ts", async () => {
    const rows = await db.permission.findMany();
    expect(rows.map((r) => r.key).sort()).toEqual([...PERMISSIONS].sort());
  });

  it("has exactly the roles in permissions.ts, in the same order", async () => {
    const rows = await db.role.findMany({ orderBy: { sortOrder: "asc" } });
    expect(rows.map((r) => r.key)).toEqual([...ROLES]);
  });

  it("gives each role exactly the permissions in ROLE_PERMISSIONS", async () => {
    const rows = await db.rolePermission.findMany();
    const actual = rows.map((r) => `${r.roleKey} ${r.permissionKey}`).sort();
    const expected = ROLES.flatMap((role) => ROLE_PERMISSIONS[role].map((p) => `${role} ${p}`)).sort();
    expect(actual).toEqual(expected);
  });

  it("lists no permission twice for a role in code", () => {
    for (const role of ROLES) expect(new Set(ROLE_PERMISSIONS[role]).size, role).toBe(ROLE_PERMISSIONS[role].length);
  });
});
