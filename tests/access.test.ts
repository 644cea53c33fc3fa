import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { grantableRoles, grantRole, listGrants, revokeGrant } from "~/modules/access/access.server";
import { ROLES } from "~/modules/access/permissions";
import { expectNotFound } from "./support/helpers";

let admin: Actor;
let programAdmin: Actor;
let hr: Actor;

beforeAll(async () => {
  await seed({ officers: 40, questionBank: false });
  [admin, programAdmin, hr] = await Promise.all(["ADMIN001", "PA100001", "HR330001"].map((s) => cliActor(s)));
});

const unit = (code: string) => db.orgUnit.findUniqueOrThrow({ where: { code } });
const rolesOf = async (staffNo: string) => (await cliActor(staffNo)).grants.map((g) => g.roleKey).sort();

describe("grantableRoles", () => {
  it("offers only roles the actor could grant without escalating", () => {
    expect(grantableRoles(admin)).toEqual([...ROLES]);
    expect(grantableRoles(hr)).toEqual(["learner", "hr", "reviewer"]);
    expect(grantableRoles(programAdmin)).toEqual(["learner", "trainer", "reviewer", "programAdmin"]);
  });
});

describe("grantRole", () => {
  it("grants a role in scope, effective at the next request, and audits it", async () => {
    const hangzhou = await unit("330100");
    expect(await grantRole(hr, { staffNo: "LE330101", roleKey: "reviewer", unitId: hangzhou.id })).toEqual({ ok: true });
    expect(await rolesOf("LE330101")).toEqual(["learner", "reviewer"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "role.grant" }, orderBy: { id: "desc" } });
    expect(event.actorLabel).toBe("HR330001");
    expect(JSON.parse(event.after!)).toEqual({ staffNo: "LE330101", roleKey: "reviewer", unitCode: "330100" });
  });

  it("refuses roles that would give more than the actor holds", async () => {
    const zhejiang = await unit("330000");
    for (const roleKey of ["sysadmin", "programAdmin"] as const) {
      expect(await grantRole(hr, { staffNo: "LE330101", roleKey, unitId: zhejiang.id })).toEqual({
        ok: false,
        errors: { unitId: "access.errors.cannotGrant" },
      });
    }
    expect(await grantRole(programAdmin, { staffNo: "LE330101", roleKey: "hr", unitId: zhejiang.id })).toEqual({
      ok: false,
      errors: { unitId: "access.errors.cannotGrant" },
    });
    expect(await rolesOf("LE330101")).not.toContain("programAdmin");
  });

  it("refuses units outside the actor's scope", async () => {
    expect(await grantRole(hr, { staffNo: "LE330101", roleKey: "learner", unitId: (await unit("320000")).id })).toEqual({
      ok: false,
      errors: { unitId: "access.errors.cannotGrant" },
    });
  });

  it("reports people outside the scope exactly like unknown staff numbers", async () => {
    const hangzhou = await unit("330100");
    for (const staffNo of ["HR320001", "NOSUCH01"]) {
      expect(await grantRole(hr, { staffNo, roleKey: "reviewer", unitId: hangzhou.id })).toEqual({
        ok: false,
        errors: { staffNo: "access.errors.unknownPerson" },
      });
    }
  });

  it("needs an account, and does not grant the same role twice", async () => {
    const hangzhou = await unit("330100");
    const noAccount = await db.person.findFirstOrThrow({ where: { user: null, unit: { code: { startsWith: "33" } } } });
    expect(await grantRole(hr, { staffNo: noAccount.staffNo, roleKey: "reviewer", unitId: hangzhou.id })).toEqual({
      ok: false,
      errors: { staffNo: "access.errors.noAccount" },
    });
    expect(await grantRole(hr, { staffNo: "LE330101", roleKey: "reviewer", unitId: hangzhou.id })).toEqual({
      ok: false,
      errors: { roleKey: "access.errors.alreadyGranted" },
    });
  });
});

describe("listGrants and revokeGrant", () => {
  it("lists grants in the actor's scope and says which the actor may revoke", async () => {
    const grants = await listGrants(programAdmin, {});
    const byStaff = new Map(grants.map((g) => [`${g.user.person.staffNo} ${g.roleKey}`, g.canRevoke]));
    expect(byStaff.get("HR330001 hr")).toBe(false); // hr carries person.manage, which programAdmin lacks
    expect(byStaff.get("LE330101 reviewer")).toBe(true);

    const hrView = await listGrants(hr, {});
    const zhejiang = await unit("330000");
    expect(hrView.every((g) => g.unit.path.startsWith(zhejiang.path))).toBe(true);
    expect(hrView.map((g) => g.user.person.staffNo)).not.toContain("HR320001");
    expect((await listGrants(hr, { roleKey: "reviewer", q: "LE33" })).map((g) => g.user.person.staffNo)).toEqual(["LE330101"]);
  });

  it("revokes a grant with a reason, keeping it as history", async () => {
    const grant = await db.roleGrant.findFirstOrThrow({ where: { roleKey: "reviewer", user: { person: { staffNo: "LE330101" } }, revokedAt: null } });
    expect(await revokeGrant(hr, grant.id, "培训任务结束")).toEqual({ ok: true });
    expect(await rolesOf("LE330101")).toEqual(["learner"]);
    expect(await db.roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      revokedById: hr.userId,
      revokeReason: "培训任务结束",
      revokedAt: expect.any(Date),
    });
    // Revoked once is revoked: a second attempt finds nothing to revoke.
    await expectNotFound(revokeGrant(hr, grant.id, "again"));
  });

  it("does not let an actor revoke grants it could not have made", async () => {
    const sysadminGrant = await db.roleGrant.findFirstOrThrow({ where: { roleKey: "sysadmin" } });
    await expectNotFound(revokeGrant(hr, sysadminGrant.id, "x"));
    const jiangsuHr = await db.roleGrant.findFirstOrThrow({ where: { roleKey: "hr", user: { person: { staffNo: "HR320001" } } } });
    await expectNotFound(revokeGrant(hr, jiangsuHr.id, "x"));
    expect(await rolesOf("HR320001")).toContain("hr");
  });

  it("does not let a system administrator remove their own sysadmin role", async () => {
    const own = await db.roleGrant.findFirstOrThrow({ where: { roleKey: "sysadmin", userId: admin.userId } });
    expect(await revokeGrant(admin, own.id, "oops")).toEqual({ ok: false, errors: { grantId: "access.errors.selfSysadmin" } });
    expect(await rolesOf("ADMIN001")).toContain("sysadmin");
  });
});
