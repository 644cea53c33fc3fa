import { requireAnyScope, requireScope, type Actor } from "~/lib/actor.server";
import { rawQuery } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";

/*
 * Which unit a compliance page looks at, and the units below it. Every compliance page
 * needs hours.view over the unit; units out of scope answer 404 like missing ones.
 * Unit lists are small (thousands), people are many: queries on people take the
 * subtree's unit ids (or nothing at all for the whole tree).
 */

export type ScopeUnit = { id: string; code: string; name: string; level: string; parentId: string | null; path: string; depth: number };

const UNIT_COLUMNS = `"id", "code", "name", "level", "parentId", "path", "depth"`;

/** The unit asked for (hours.view over it, or 404), or the actor's own top unit of scope. */
export function complianceUnit(actor: Actor, unitId: string | null | undefined): ScopeUnit {
  if (unitId) {
    const unit = rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "id" = ?`).get(unitId) as ScopeUnit | undefined;
    if (!unit) notFound();
    requireScope(actor, "hours.view", unit.path);
    return unit;
  }
  const top = topScopeUnits(actor)[0];
  if (!top) notFound();
  return top;
}

/** The units at the top of the actor's hours.view scope (one for most; several for a person with grants in two provinces). */
export function topScopeUnits(actor: Actor): ScopeUnit[] {
  const paths = requireAnyScope(actor, "hours.view");
  return paths
    .map((path) => rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "path" = ?`).get(path) as ScopeUnit | undefined)
    .filter((u): u is ScopeUnit => !!u);
}

/** Every unit of the subtree (the unit included), by path order. Paths are ids and "/", so "/a/" … "/a0" bounds the prefix. */
export function subtree(unit: Pick<ScopeUnit, "path">): ScopeUnit[] {
  return rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "path" >= ? AND "path" < ? ORDER BY "path"`).all(unit.path, prefixEnd(unit.path)) as ScopeUnit[];
}

/** The smallest string greater than every string starting with `prefix` (prefix ends in "/", and "0" follows "/"). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * SQL filter of people (alias `p`) to the subtree: nothing for the root of the tree,
 * else an IN list of unit ids bound as JSON (@units).
 */
export function unitFilter(unit: ScopeUnit, units: ScopeUnit[]): { sql: string; params: { units?: string }; scan: boolean } {
  // Whole tree or a province: a plain scan of Person beats walking the (unitId, status, …)
  // index and looking each row up (measured on 100,000 people: national 150 vs 440 ms of
  // CPU, a province of 23,000 people 73 vs 115 ms); a city or county uses the index.
  const scan = unit.depth <= 1;
  if (unit.depth === 0 && unit.parentId === null) return { sql: "", params: {}, scan };
  return { sql: ` AND p."unitId" IN (SELECT "value" FROM json_each(@units))`, params: { units: JSON.stringify(units.map((u) => u.id)) }, scan };
}

/** Ancestors of the unit (root first) the actor may also look at, for the breadcrumb. */
export function breadcrumb(actor: Actor, unit: ScopeUnit): { id: string; name: string }[] {
  const ids = unit.path.split("/").filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = rawQuery(`SELECT "id", "name", "path" FROM "OrgUnit" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(JSON.stringify(ids)) as { id: string; name: string; path: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is { id: string; name: string; path: string } => !!r && can(actor, "hours.view", r.path))
    .map((r) => ({ id: r.id, name: r.name }));
}

/** Officers counted on every compliance figure: active, and in the enforcement system. */
export const ROSTER_SQL = `p."status" = 'ACTIVE' AND p."inEnforcementSystem" = 1`;
