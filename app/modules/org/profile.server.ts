import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { canAnywhere } from "~/modules/access/rules";
import { headcount } from "~/modules/people/people.server";

/** What a person's home page shows: who they are, where, their roles, and (for staff managers) headcounts. */
export async function homeSummary(actor: Actor) {
  const person = await db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { name: true, staffNo: true, category: true, post: true, unit: { select: { name: true, code: true, level: true } } },
  });
  const grantUnits = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(actor.grants.map((g) => g.unitId))] } },
    select: { id: true, name: true },
  });
  const unitName = new Map(grantUnits.map((u) => [u.id, u.name]));
  return {
    person,
    grants: actor.grants.map((g) => ({ roleKey: g.roleKey, unitName: unitName.get(g.unitId) ?? "" })),
    headcount: canAnywhere(actor, "person.view") ? await headcount(actor) : null,
  };
}
