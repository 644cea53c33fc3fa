import { createId } from "@paralleldrive/cuid2";
import { requireScope, unitScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { childLevel, childPath, moveProblem, rebasePath, type UnitLevel } from "./rules";

export type UnitNode = {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  path: string;
  depth: number;
  active: boolean;
  peopleCount: number;
};

/** Every unit the actor may see, in tree order, with the number of active people in each. */
export async function listUnits(actor: Actor): Promise<UnitNode[]> {
  const units = await db.orgUnit.findMany({
    where: unitScope(actor, "org.view"),
    orderBy: [{ depth: "asc" }, { code: "asc" }],
  });
  const counts = await db.person.groupBy({
    by: ["unitId"],
    where: { status: "ACTIVE", unitId: { in: units.map((u) => u.id) } },
    _count: { _all: true },
  });
  const countByUnit = new Map(counts.map((c) => [c.unitId, c._count._all]));
  return sortTree(
    units.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      level: u.level as UnitLevel,
      parentId: u.parentId,
      path: u.path,
      depth: u.depth,
      active: u.active,
      peopleCount: countByUnit.get(u.id) ?? 0,
    })),
  );
}

/** Depth-first order, siblings by code, so a flat list reads as an indented tree. */
function sortTree(units: UnitNode[]): UnitNode[] {
  const children = new Map<string | null, UnitNode[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const out: UnitNode[] = [];
  const visit = (parent: string | null) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(unit);
      visit(unit.id);
    }
  };
  visit(null);
  return out;
}

/** Units the actor may pick for `permission` (selects in forms). */
export async function unitOptions(actor: Actor, permission: Parameters<typeof unitScope>[1], activeOnly = true) {
  const units = await db.orgUnit.findMany({
    where: { AND: [unitScope(actor, permission), activeOnly ? { active: true } : {}] },
    select: { id: true, code: true, name: true, level: true, depth: true, path: true, parentId: true },
    orderBy: [{ path: "asc" }],
  });
  return sortTree(units.map((u) => ({ ...u, level: u.level as UnitLevel, active: true, peopleCount: 0 })));
}

export async function getUnit(actor: Actor, id: string, permission: "org.view" | "org.manage" = "org.view") {
  const unit = await db.orgUnit.findUnique({ where: { id }, include: { parent: true } });
  if (!unit) notFound();
  requireScope(actor, permission, unit.path);
  return unit;
}

export async function findUnitByCode(code: string) {
  return db.orgUnit.findUnique({ where: { code } });
}

export type OrgResult = { ok: true; id: string } | { ok: false; error: string; field?: string };

export async function createUnit(actor: Actor, input: { parentId: string; code: string; name: string }): Promise<OrgResult> {
  const parent = await getUnit(actor, input.parentId, "org.manage");
  const level = childLevel(parent.level as UnitLevel);
  if (!level) return { ok: false, error: "org.errors.noChildLevel", field: "parentId" };
  if (!parent.active) return { ok: false, error: "org.errors.parentInactive", field: "parentId" };
  const id = createId();
  try {
    await write(async (tx) => {
      const unit = await tx.orgUnit.create({
        data: { id, code: input.code, name: input.name, level, parentId: parent.id, path: childPath(parent.path, id), depth: parent.depth + 1 },
      });
      await audit(tx, actorAudit(actor), {
        action: "org.create",
        objectType: "OrgUnit",
        objectId: id,
        unitId: id,
        after: { code: unit.code, name: unit.name, level, parentId: parent.id },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "org.errors.codeTaken", field: "code" };
    throw error;
  }
  return { ok: true, id };
}

export async function renameUnit(actor: Actor, id: string, name: string): Promise<OrgResult> {
  const unit = await getUnit(actor, id, "org.manage");
  if (unit.name === name) return { ok: true, id };
  await write(async (tx) => {
    await tx.orgUnit.update({ where: { id }, data: { name } });
    await audit(tx, actorAudit(actor), { action: "org.rename", objectType: "OrgUnit", objectId: id, unitId: id, before: { name: unit.name }, after: { name } });
  });
  return { ok: true, id };
}

/** Moves a unit (and its subtree) under another parent; both must be in the actor's scope. */
export async function moveUnit(actor: Actor, id: string, newParentId: string): Promise<OrgResult> {
  const unit = await getUnit(actor, id, "org.manage");
  const newParent = await getUnit(actor, newParentId, "org.manage");
  const problem = moveProblem(
    { id: unit.id, path: unit.path, level: unit.level as UnitLevel },
    { id: newParent.id, path: newParent.path, level: newParent.level as UnitLevel },
  );
  if (problem) return { ok: false, error: problem, field: "parentId" };
  if (unit.parentId === newParent.id) return { ok: true, id };
  const oldPath = unit.path;
  const newPath = childPath(newParent.path, unit.id);
  await write(async (tx) => {
    const subtree = await tx.orgUnit.findMany({ where: { path: { startsWith: oldPath } }, select: { id: true, path: true } });
    // Levels are fixed per depth, so only the path prefix changes (depth stays the same).
    for (const node of subtree) {
      await tx.orgUnit.update({ where: { id: node.id }, data: { path: rebasePath(node.path, oldPath, newPath) } });
    }
    await tx.orgUnit.update({ where: { id }, data: { parentId: newParent.id } });
    await audit(tx, actorAudit(actor), {
      action: "org.move",
      objectType: "OrgUnit",
      objectId: id,
      unitId: id,
      before: { parentId: unit.parentId },
      after: { parentId: newParent.id, units: subtree.length },
    });
  });
  return { ok: true, id };
}

/**
 * Units are never deleted (people, records and history point at them). Deactivating
 * hides a unit from pickers; it is refused while active people or units remain inside.
 */
export async function setUnitActive(actor: Actor, id: string, active: boolean): Promise<OrgResult> {
  const unit = await getUnit(actor, id, "org.manage");
  if (unit.active === active) return { ok: true, id };
  if (!active) {
    const [people, children] = await Promise.all([
      db.person.count({ where: { status: "ACTIVE", unit: { path: { startsWith: unit.path } } } }),
      db.orgUnit.count({ where: { parentId: id, active: true } }),
    ]);
    if (people > 0) return { ok: false, error: "org.errors.hasPeople" };
    if (children > 0) return { ok: false, error: "org.errors.hasChildren" };
  } else if (unit.parent && !unit.parent.active) {
    return { ok: false, error: "org.errors.parentInactive" };
  }
  await write(async (tx) => {
    await tx.orgUnit.update({ where: { id }, data: { active, deactivatedAt: active ? null : new Date() } });
    await audit(tx, actorAudit(actor), {
      action: active ? "org.reactivate" : "org.deactivate",
      objectType: "OrgUnit",
      objectId: id,
      unitId: id,
      before: { active: unit.active },
      after: { active },
    });
  });
  return { ok: true, id };
}

export function actorAudit(actor: Actor) {
  return { userId: actor.userId, label: actor.staffNo, ip: actor.ip ?? null };
}
