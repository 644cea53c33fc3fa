import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import type { RoleKey } from "~/modules/access/permissions";

/**
 * The command line acts as a named account (`--as <staffNo>`) with that account's
 * grants, so the same scope rules apply and the audit trail names a person.
 */
export async function cliActor(staffNo: string | undefined): Promise<Actor> {
  if (!staffNo) throw new Error("--as <staffNo> is required: commands act as a named account");
  const person = await db.person.findUnique({
    where: { staffNo },
    include: { unit: true, user: { include: { grants: { where: { revokedAt: null }, include: { unit: true } } } } },
  });
  if (!person?.user || person.user.disabled) throw new Error(`no active account with staff number ${staffNo}`);
  return {
    userId: person.user.id,
    personId: person.id,
    staffNo: person.staffNo,
    name: person.name,
    unitId: person.unitId,
    unitPath: person.unit.path,
    grants: person.user.grants.map((g) => ({ id: g.id, roleKey: g.roleKey as RoleKey, unitId: g.unitId, unitPath: g.unit.path })),
    ip: "cli",
  };
}
