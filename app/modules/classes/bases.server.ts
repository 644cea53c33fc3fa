import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import {
  PARTICIPANT,
  shanghaiMidnight,
  utilisation,
  type BaseInput,
} from "./rules";

/*
 * Training bases (实战实训基地). A base belongs to a national or provincial unit; scope
 * follows that unit. base.manage over the unit creates, edits and (de)activates; anyone
 * with class.manage or base.manage somewhere may view the registry (organisers pick bases
 * run by any unit). Bases are never deleted.
 */

export type BaseResult =
  | { ok: true; id: string }
  | { ok: false; errors: Record<string, string> };

/** 404 unless the actor may view bases (class.manage or base.manage somewhere). */
export function requireBaseViewer(actor: Actor) {
  if (
    scopePaths(actor, "class.manage").length === 0 &&
    scopePaths(actor, "base.manage").length === 0
  )
    notFound();
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v)
      ? v.filter((x): x is string => typeof x === "string")
      : [];
  } catch {
    return [];
  }
}

export async function listBases(
  actor: Actor,
  filter: { q?: string; active?: "yes" | "no" | "" } = {}
) {
  requireBaseViewer(actor);
  const rows = await db.trainingBase.findMany({
    where: {
      ...(filter.active === "no"
        ? { active: false }
        : filter.active === "yes" || !filter.active
        ? { active: true }
        : {}),
      ...(filter.q
        ? {
            OR: [
              { name: { contains: filter.q } },
              { location: { contains: filter.q } },
            ],
          }
        : {}),
    },
    orderBy: [{ level: "asc" }, { name: "asc" }],
    take: 500,
  });
  const units = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } },
    select: { id: true, name: true, path: true },
  });
  const unitById = new Map(units.map((u) => [u.id, u]));
  return rows.map((b) => ({
    id: b.id,
    name: b.name,
    level: b.level,
    location: b.location,
    capacity: b.capacity,
    active: b.active,
    specialities: parseList(b.specialities),
    unitName: unitById.get(b.unitId)?.name ?? "",
    canManage: can(
      actor,
      "base.manage",
      unitById.get(b.unitId)?.path ?? "\u0000"
    ),
  }));
}

/** Active bases for the class form's select. */
export async function baseOptions() {
  const rows = await db.trainingBase.findMany({
    where: { active: true },
    select: { id: true, name: true, location: true },
    orderBy: { name: "asc" },
  });
  return rows.map((b) => ({
    value: b.id,
    label: `${b.name}（${b.location}）`,
  }));
}

/** Units that may own a base in the actor's base.manage scope (national or provincial units only). */
export async function baseOwnerUnits(actor: Actor) {
  const paths = scopePaths(actor, "base.manage");
  if (paths.length === 0) return [];
  const units = await db.orgUnit.findMany({
    where: {
      active: true,
      level: { in: ["NATIONAL", "PROVINCE"] },
      OR: paths.map((p) => ({ path: { startsWith: p } })),
    },
    select: { id: true, code: true, name: true, level: true, depth: true },
    orderBy: { path: "asc" },
  });
  return units;
}

/** One base with its classes and utilisation over a period (default: this calendar year in China). */
export async function getBase(
  actor: Actor,
  id: string,
  period?: { from: string; to: string }
) {
  requireBaseViewer(actor);
  const base = await db.trainingBase.findUnique({ where: { id } });
  if (!base) notFound();
  const unit = await db.orgUnit.findUniqueOrThrow({
    where: { id: base.unitId },
    select: { id: true, name: true, path: true, level: true },
  });
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const fromIso = period?.from ?? `${year}-01-01`;
  const toIso = period?.to ?? `${year}-12-31`;
  const from = shanghaiMidnight(fromIso);
  const to = shanghaiMidnight(toIso);
  const classes = await db.trainingClass.findMany({
    where: { baseId: id },
    select: {
      id: true,
      code: true,
      title: true,
      status: true,
      type: true,
      startDate: true,
      endDate: true,
      capacity: true,
      unitId: true,
    },
    orderBy: { startDate: "desc" },
    take: 200,
  });
  const counts = await db.classEnrolment.groupBy({
    by: ["classId"],
    where: {
      classId: { in: classes.map((c) => c.id) },
      status: { in: [...PARTICIPANT] },
    },
    _count: { _all: true },
  });
  const participants = new Map(counts.map((c) => [c.classId, c._count._all]));
  const inPeriod = classes.filter(
    (c) =>
      c.status !== "CANCELLED" &&
      c.status !== "DRAFT" &&
      c.endDate >= from &&
      c.startDate <= to
  );
  const use = utilisation(
    inPeriod.map((c) => ({
      startDate: c.startDate,
      endDate: c.endDate,
      participants: participants.get(c.id) ?? 0,
    })),
    base.capacity,
    from,
    to
  );
  const classUnits = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(classes.map((c) => c.unitId))] } },
    select: { id: true, path: true, name: true },
  });
  const classUnitById = new Map(classUnits.map((u) => [u.id, u]));
  return {
    base: {
      id: base.id,
      name: base.name,
      level: base.level,
      location: base.location,
      address: base.address,
      specialities: parseList(base.specialities),
      facilities: base.facilities,
      capacity: base.capacity,
      active: base.active,
      unitId: base.unitId,
      unitName: unit.name,
    },
    canManage: can(actor, "base.manage", unit.path),
    period: { from: fromIso, to: toIso },
    utilisation: use,
    classes: classes.map((c) => ({
      ...c,
      participants: participants.get(c.id) ?? 0,
      unitName: classUnitById.get(c.unitId)?.name ?? "",
      // Only organisers in scope may open a class page.
      canOpen: can(
        actor,
        "class.manage",
        classUnitById.get(c.unitId)?.path ?? "\u0000"
      ),
    })),
  };
}

/** Creates (id null) or edits a base; base.manage over the owning unit (and over the old one when moving). */
export async function saveBase(
  actor: Actor,
  id: string | null,
  input: BaseInput
): Promise<BaseResult> {
  requireAnyScope(actor, "base.manage");
  const existing = id
    ? await db.trainingBase.findUnique({ where: { id } })
    : null;
  if (id) {
    if (!existing) notFound();
    const oldUnit = await db.orgUnit.findUniqueOrThrow({
      where: { id: existing.unitId },
      select: { path: true },
    });
    if (!can(actor, "base.manage", oldUnit.path)) notFound();
  }
  const unit = await db.orgUnit.findUnique({
    where: { id: input.unitId },
    select: { id: true, path: true, level: true, active: true },
  });
  if (!unit || !can(actor, "base.manage", unit.path) || !unit.active)
    return { ok: false, errors: { unitId: "classes.errors.unknownUnit" } };
  if (unit.level !== "NATIONAL" && unit.level !== "PROVINCE")
    return { ok: false, errors: { unitId: "classes.errors.baseUnitLevel" } };
  const data = {
    name: input.name,
    unitId: unit.id,
    level: unit.level,
    location: input.location,
    address: input.address ?? "",
    specialities: JSON.stringify([...new Set(input.specialities ?? [])]),
    facilities: input.facilities ?? "",
    capacity: input.capacity,
  };
  const savedId = await write(async (tx) => {
    const row = existing
      ? await tx.trainingBase.update({ where: { id: existing.id }, data })
      : await tx.trainingBase.create({ data });
    await audit(tx, actorAudit(actor), {
      action: existing ? "base.update" : "base.create",
      objectType: "TrainingBase",
      objectId: row.id,
      unitId: unit.id,
      before: existing
        ? {
            name: existing.name,
            unitId: existing.unitId,
            location: existing.location,
            capacity: existing.capacity,
          }
        : undefined,
      after: data,
    });
    return row.id;
  });
  return { ok: true, id: savedId };
}

export async function setBaseActive(
  actor: Actor,
  id: string,
  active: boolean
): Promise<{ ok: true } | { ok: false; error: string }> {
  const base = await db.trainingBase.findUnique({ where: { id } });
  if (!base) notFound();
  const unit = await db.orgUnit.findUniqueOrThrow({
    where: { id: base.unitId },
    select: { path: true },
  });
  if (!can(actor, "base.manage", unit.path)) notFound();
  if (base.active === active) return { ok: true };
  await write(async (tx) => {
    await tx.trainingBase.update({ where: { id }, data: { active } });
    await audit(tx, actorAudit(actor), {
      action: active ? "base.activate" : "base.deactivate",
      objectType: "TrainingBase",
      objectId: id,
      unitId: base.unitId,
      before: { active: base.active },
      after: { active },
    });
  });
  return { ok: true };
}

/** The stored base as form defaults. */
export async function baseForEdit(actor: Actor, id: string) {
  const base = await db.trainingBase.findUnique({ where: { id } });
  if (!base) notFound();
  const unit = await db.orgUnit.findUniqueOrThrow({
    where: { id: base.unitId },
    select: { path: true },
  });
  if (!can(actor, "base.manage", unit.path)) notFound();
  return {
    id: base.id,
    name: base.name,
    unitId: base.unitId,
    location: base.location,
    address: base.address,
    specialities: parseList(base.specialities).join("，"),
    facilities: base.facilities,
    capacity: String(base.capacity),
  };
}
