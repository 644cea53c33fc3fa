import type { Actor } from "~/lib/actor.server";
import { db, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { inAudience, parseAudience } from "./rules";

/*
 * Shared loading and scope checks of the classes module. A class's scope is its organising
 * unit: class.manage over that unit (or above) manages it; out of scope answers 404.
 */

export type ClassRow = NonNullable<
  Awaited<ReturnType<typeof db.trainingClass.findUnique>>
>;

/** The class and its organising unit when the actor holds class.manage over it; 404 otherwise. */
export async function managedClass(actor: Actor, id: string) {
  const row = await db.trainingClass.findUnique({ where: { id } });
  if (!row) notFound();
  const unit = await db.orgUnit.findUniqueOrThrow({
    where: { id: row.unitId },
    select: { id: true, code: true, name: true, path: true, level: true },
  });
  if (!can(actor, "class.manage", unit.path)) notFound();
  return { row, unit };
}

/** Whether the actor manages the class (no throw). */
export async function managesClass(
  actor: Actor,
  unitId: string
): Promise<boolean> {
  const unit = await db.orgUnit.findUnique({
    where: { id: unitId },
    select: { path: true },
  });
  return !!unit && can(actor, "class.manage", unit.path);
}

/** Paths of the audience's listed units. */
export async function audienceUnitPaths(
  unitIds: string[],
  reader: Tx | typeof db = db
): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const units = await reader.orgUnit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, path: true },
  });
  return new Map(units.map((u) => [u.id, u.path]));
}

/** Whether a person (by id) is in a class's audience. */
export async function personInAudience(
  cls: { audience: string; unitId: string },
  organiserPath: string,
  person: { category: string; unitPath: string },
  reader: Tx | typeof db = db
): Promise<boolean> {
  const audience = parseAudience(cls.audience);
  return inAudience(
    audience,
    organiserPath,
    await audienceUnitPaths(audience.unitIds, reader),
    person
  );
}

/** The ids of a unit path's units, root first ("/a/b/" → ["a", "b"]): a person's unit and its ancestors. */
export function unitIdsOnPath(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** A class's sessions in order. */
export async function liveSessions(
  classId: string,
  reader: Tx | typeof db = db
) {
  return reader.classSession.findMany({
    where: { classId },
    orderBy: [{ position: "asc" }, { startsAt: "asc" }],
  });
}
