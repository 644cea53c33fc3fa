import { unitScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { actorAudit } from "~/modules/org/org.server";
import { ROLES, type RoleKey } from "./permissions";
import { can, canGrantRole } from "./rules";

/** Active grants on units in the actor's role-granting scope. */
export async function listGrants(actor: Actor, filter: { q?: string; roleKey?: RoleKey }) {
  const q = filter.q?.trim();
  const grants = await db.roleGrant.findMany({
    where: {
      revokedAt: null,
      unit: unitScope(actor, "role.grant"),
      ...(filter.roleKey ? { roleKey: filter.roleKey } : {}),
      ...(q ? { user: { person: { OR: [{ name: { contains: q } }, { staffNo: { startsWith: q } }] } } } : {}),
    },
    include: {
      unit: { select: { id: true, name: true, code: true, path: true } },
      user: { select: { id: true, person: { select: { id: true, name: true, staffNo: true } } } },
    },
    orderBy: [{ grantedAt: "desc" }],
    take: 200,
  });
  return grants.map((g) => ({ ...g, canRevoke: canGrantRole(actor, g.roleKey as RoleKey, g.unit.path) }));
}

/** Roles the actor could grant somewhere (the form's choices). */
export function grantableRoles(actor: Actor): RoleKey[] {
  return ROLES.filter((role) => actor.grants.some((g) => canGrantRole(actor, role, g.unitPath)));
}

export type GrantResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function grantRole(actor: Actor, input: { staffNo: string; roleKey: RoleKey; unitId: string }): Promise<GrantResult> {
  const unit = await db.orgUnit.findUnique({ where: { id: input.unitId } });
  if (!unit || !canGrantRole(actor, input.roleKey, unit.path)) return { ok: false, errors: { unitId: "access.errors.cannotGrant" } };
  const person = await db.person.findUnique({ where: { staffNo: input.staffNo.trim() }, include: { user: true, unit: true } });
  // People outside the actor's scope are reported exactly like unknown staff numbers.
  const visible = person && can(actor, "role.grant", person.unit.path);
  if (!person || !visible) return { ok: false, errors: { staffNo: "access.errors.unknownPerson" } };
  if (!person.user) return { ok: false, errors: { staffNo: "access.errors.noAccount" } };
  const user = person.user;
  const duplicate = await db.roleGrant.findFirst({ where: { userId: user.id, roleKey: input.roleKey, unitId: unit.id, revokedAt: null } });
  if (duplicate) return { ok: false, errors: { roleKey: "access.errors.alreadyGranted" } };
  await write(async (tx) => {
    const grant = await tx.roleGrant.create({ data: { userId: user.id, roleKey: input.roleKey, unitId: unit.id, grantedById: actor.userId } });
    await audit(tx, actorAudit(actor), {
      action: "role.grant",
      objectType: "RoleGrant",
      objectId: grant.id,
      unitId: unit.id,
      after: { staffNo: person.staffNo, roleKey: input.roleKey, unitCode: unit.code },
    });
  });
  return { ok: true };
}

export async function revokeGrant(actor: Actor, grantId: string, reason: string): Promise<GrantResult> {
  const grant = await db.roleGrant.findUnique({ where: { id: grantId }, include: { unit: true, user: { include: { person: true } } } });
  if (!grant || grant.revokedAt || !canGrantRole(actor, grant.roleKey as RoleKey, grant.unit.path)) notFound();
  if (grant.userId === actor.userId && grant.roleKey === "sysadmin") return { ok: false, errors: { grantId: "access.errors.selfSysadmin" } };
  await write(async (tx) => {
    await tx.roleGrant.update({ where: { id: grantId }, data: { revokedAt: new Date(), revokedById: actor.userId, revokeReason: reason } });
    await audit(tx, actorAudit(actor), {
      action: "role.revoke",
      objectType: "RoleGrant",
      objectId: grantId,
      unitId: grant.unitId,
      before: { staffNo: grant.user.person.staffNo, roleKey: grant.roleKey, unitCode: grant.unit.code },
      after: { reason },
    });
  });
  return { ok: true };
}
