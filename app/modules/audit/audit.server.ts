import { unitScope, type Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { roleHas } from "~/modules/access/rules";

export type AuditFilter = {
  actor?: string; // staff number or "cli"
  objectType?: string;
  objectId?: string;
  unitId?: string;
  from?: string; // yyyy-mm-dd, Asia/Shanghai
  to?: string;
  beforeId?: number;
};

export const AUDIT_PAGE_SIZE = 100;

/**
 * Audit events in the actor's `audit.view` scope, newest first. Events with no unit
 * (command line, system) are visible to national system administrators only.
 */
export async function searchAudit(viewer: Actor, filter: AuditFilter) {
  const scoped = await db.orgUnit.findMany({ where: unitScope(viewer, "audit.view"), select: { id: true } });
  const and: Prisma.AuditEventWhereInput[] = [];
  const unitIds = scoped.map((u) => u.id);
  // A grant on a root unit (path "/id/") covers everything, including events with no unit.
  const national = viewer.grants.some((g) => roleHas(g.roleKey, "system.admin") && g.unitPath.split("/").filter(Boolean).length === 1);
  and.push(national ? {} : { unitId: { in: unitIds } });
  if (filter.unitId) and.push({ unitId: filter.unitId });
  if (filter.actor) and.push({ actorLabel: filter.actor.trim() });
  if (filter.objectType) and.push({ objectType: filter.objectType });
  if (filter.objectId) and.push({ objectId: filter.objectId.trim() });
  if (filter.from) and.push({ at: { gte: new Date(`${filter.from}T00:00:00+08:00`) } });
  if (filter.to) and.push({ at: { lt: new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000) } });
  if (filter.beforeId) and.push({ id: { lt: filter.beforeId } });
  const events = await db.auditEvent.findMany({ where: { AND: and }, orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const hasMore = events.length > AUDIT_PAGE_SIZE;
  const page = hasMore ? events.slice(0, AUDIT_PAGE_SIZE) : events;
  return { events: page, nextBeforeId: hasMore ? page[page.length - 1].id : null };
}
