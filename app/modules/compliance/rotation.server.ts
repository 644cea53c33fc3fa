import type { Actor } from "~/lib/actor.server";
import { rawQuery, sqliteTime } from "~/lib/db.server";
import { PLAN_PERIODS, periodBounds, periodDueDate, rate, rollUp, ROTATION_CLASS_TYPES, type PlanPeriod } from "./rules";
import { breadcrumb, complianceUnit, ROSTER_SQL, subtree, unitFilter, type ScopeUnit } from "./scope.server";

/*
 * Rotation training (全员轮训): every officer completes post training once per plan
 * period. Covered = a COMPLETED enrolment in a POST_INITIAL or POST_RENEWAL class whose
 * end date falls in the period (rules.isRotationCovered; the SQL below says the same).
 * Coverage per unit and the people still missing, due by the period's last day.
 */

const TYPES = ROTATION_CLASS_TYPES.map((t) => `'${t}'`).join(", ");
/** People covered in the period: a small set (post-training classes are few), built once per query. */
const COVERED = `SELECT e."personId" FROM "ClassEnrolment" e JOIN "TrainingClass" c ON c."id" = e."classId"
  WHERE e."status" = 'COMPLETED' AND c."type" IN (${TYPES}) AND c."endDate" >= @from AND c."endDate" < @to`;

function periodParams(period: PlanPeriod) {
  const { from, to } = periodBounds(period);
  return { from: sqliteTime(from), to: sqliteTime(to) };
}

type Counts = { officers: number; covered: number };

export type RotationUnitRow = { unitId: string; name: string; code: string; level: string; self: boolean; drillable: boolean; officers: number; covered: number; missing: number; rate: number | null };

function row(u: Pick<ScopeUnit, "id" | "name" | "code" | "level">, c: Counts, self: boolean): RotationUnitRow {
  return { unitId: u.id, name: u.name, code: u.code, level: u.level, self, drillable: !self, officers: c.officers, covered: c.covered, missing: c.officers - c.covered, rate: rate(c.covered, c.officers) };
}

/** Coverage of the subtree in a plan period, per child unit. */
export async function rotationCoverage(actor: Actor, options: { unitId?: string | null; period: PlanPeriod }) {
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  const scope = unitFilter(unit, units);
  const rows = rawQuery(
    `SELECT p."unitId" AS "unitId", COUNT(*) AS "officers", SUM(p."id" IN (${COVERED})) AS "covered"
       FROM "Person" p WHERE ${ROSTER_SQL}${scope.sql} GROUP BY p."unitId"`,
  ).all({ ...periodParams(options.period), ...scope.params }) as (Counts & { unitId: string })[];
  const pathById = new Map(units.map((u) => [u.id, u.path]));
  const { total, self, children } = rollUp(unit, (id) => pathById.get(id), rows, () => ({ officers: 0, covered: 0 }));
  const unitRows = units.filter((u) => u.parentId === unit.id).map((u) => row(u, children.get(u.id) ?? { officers: 0, covered: 0 }, false));
  if (self.officers > 0) unitRows.unshift(row(unit, self, true));
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    breadcrumb: breadcrumb(actor, unit),
    period: options.period,
    periods: PLAN_PERIODS,
    dueDate: periodDueDate(options.period).toISOString(),
    totals: { officers: total.officers, covered: total.covered, missing: total.officers - total.covered, rate: rate(total.covered, total.officers) },
    units: unitRows,
  };
}

export type MissingPerson = { id: string; staffNo: string; name: string; unitName: string; post: string; category: string };

function missingBatch(unit: ScopeUnit, units: ScopeUnit[], period: PlanPeriod, after: string, limit: number): MissingPerson[] {
  const scope = unitFilter(unit, units);
  return rawQuery(
    `SELECT p."id", p."staffNo", p."name", u."name" AS "unitName", p."post", p."category"
       FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId"
      WHERE ${ROSTER_SQL}${scope.sql} AND p."id" NOT IN (${COVERED}) AND p."staffNo" > @after
      ORDER BY p."staffNo" LIMIT @limit`,
  ).all({ ...periodParams(period), ...scope.params, after, limit }) as MissingPerson[];
}

export const MISSING_PAGE = 50;

/** One page of the officers still missing post training in the period (keyset on staff number). */
export async function missingPeople(actor: Actor, options: { unitId?: string | null; period: PlanPeriod; after?: string | null }) {
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  const page = missingBatch(unit, units, options.period, options.after ?? "", MISSING_PAGE + 1);
  const more = page.length > MISSING_PAGE;
  const items = page.slice(0, MISSING_PAGE);
  return { items, next: more ? items[items.length - 1].staffNo : null };
}

/** Every officer still missing, in batches (the .xlsx export). */
export async function* allMissing(actor: Actor, options: { unitId?: string | null; period: PlanPeriod }) {
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  let after = "";
  for (;;) {
    const batch = missingBatch(unit, units, options.period, after, 2_000);
    if (batch.length) yield { unit, batch };
    if (batch.length < 2_000) return;
    after = batch[batch.length - 1].staffNo;
  }
}
