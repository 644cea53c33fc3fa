import type { Actor } from "~/lib/actor.server";
import { rawQuery, sqliteTime } from "~/lib/db.server";
import { PROFESSIONAL_HOURS_REQUIREMENT, shanghaiYear } from "~/modules/hours/rules";
import {
  behindPaceSql,
  bucketSql,
  buckets,
  paceParams,
  paceTest,
  projectedTotal,
  rate,
  rollUp,
  SEATED_STATUSES,
  shanghaiYearStart,
  trendYears,
  yearOptions,
  type PaceTest,
  type PeopleFilter,
} from "./rules";
import { breadcrumb, complianceUnit, ROSTER_SQL, subtree, unitFilter, type ScopeUnit } from "./scope.server";

/*
 * HR compliance dashboards over a unit's subtree, read from HoursYearSummary (one row per
 * person and year, kept current by the ledger). Officers are the active people in the
 * enforcement system; someone without a summary row has 0 hours (not met, and behind
 * pace once the year has begun).
 *
 * Aggregation happens in SQL, grouped by unit, on the raw read connection with prepared
 * statements; the per-unit rows (a few thousand at most) are rolled up to the child units
 * in JS by path. Nothing here loads one object per officer for a whole country.
 */

// Column expressions over Person p LEFT JOIN HoursYearSummary s.
const CREDITED = `COALESCE(s."professionalCredited", 0.0)`;
const CARRIED = `COALESCE(s."professionalCarriedIn", 0.0)`;
// Without a summary the national default requirement applies (nobody has any hours yet anyway).
const REQUIRED = `COALESCE(s."professionalRequired", ${PROFESSIONAL_HOURS_REQUIREMENT}.0)`;
const TOTAL = `(${CREDITED} + ${CARRIED})`;
const MET = `(s."personId" IS NOT NULL AND ${TOTAL} >= s."professionalRequired")`;
const FROM_PEOPLE = `FROM "Person" p LEFT JOIN "HoursYearSummary" s ON s."personId" = p."id" AND s."year" = @year`;
/** People joined to their summary of @year; `scan` reads Person in table order (see unitFilter). */
const fromPeople = (scan: boolean) => (scan ? FROM_PEOPLE.replace(`"Person" p`, `"Person" p NOT INDEXED`) : FROM_PEOPLE);

export type UnitFigures = {
  officers: number;
  met: number;
  behind: number;
  hours: number;
  b0: number;
  b1: number;
  b2: number;
  b3: number;
  b4: number;
  politicalHours: number;
  politicalRequired: number;
  politicalMet: number;
  pendingHours: number;
};

const emptyFigures = (): UnitFigures => ({ officers: 0, met: 0, behind: 0, hours: 0, b0: 0, b1: 0, b2: 0, b3: 0, b4: 0, politicalHours: 0, politicalRequired: 0, politicalMet: 0, pendingHours: 0 });

function figuresSql(test: PaceTest, filter: string, scan: boolean): string {
  const from = fromPeople(scan);
  const bucketCols = bucketSql(TOTAL).map((expr, i) => `SUM(${expr}) AS "b${i}"`);
  return `SELECT p."unitId" AS "unitId", COUNT(*) AS "officers",
      SUM(${MET}) AS "met",
      SUM(${behindPaceSql(test, CREDITED, CARRIED, REQUIRED)}) AS "behind",
      SUM(${TOTAL}) AS "hours",
      ${bucketCols.join(", ")},
      SUM(COALESCE(s."politicalCredited", 0.0)) AS "politicalHours",
      SUM(COALESCE(s."politicalRequired", 0) > 0) AS "politicalRequired",
      SUM(COALESCE(s."politicalRequired", 0) > 0 AND s."politicalCredited" >= s."politicalRequired") AS "politicalMet",
      SUM(COALESCE(s."pendingHours", 0.0)) AS "pendingHours"
    ${from}
    WHERE ${ROSTER_SQL}${filter}
    GROUP BY p."unitId"`;
}

/** Figures per unit of the subtree for one year (one GROUP BY over people and their summaries). */
export function figuresByUnit(unit: ScopeUnit, units: ScopeUnit[], year: number, asOf: Date): (UnitFigures & { unitId: string })[] {
  const test = paceTest(asOf, year);
  const filter = unitFilter(unit, units);
  return rawQuery(figuresSql(test, filter.sql, filter.scan)).all({ year, ...paceParams(test), ...filter.params }) as (UnitFigures & { unitId: string })[];
}

/** Met counts of the subtree for several years at once (the trend line): one pass over the people. */
function metForYears(unit: ScopeUnit, units: ScopeUnit[], years: number[]): Map<number, { officers: number; met: number }> {
  const filter = unitFilter(unit, units);
  const from = fromPeople(filter.scan);
  const officers = rawQuery(`SELECT COUNT(*) AS "n" FROM "Person" p${filter.scan ? " NOT INDEXED" : ""} WHERE ${ROSTER_SQL}${filter.sql}`).get(filter.params) as { n: number };
  const rows = rawQuery(
    `SELECT s."year" AS "year", COALESCE(SUM(${MET}), 0) AS "met" ${from.replace(`s."year" = @year`, `s."year" IN (SELECT "value" FROM json_each(@years))`)}
      WHERE ${ROSTER_SQL}${filter.sql} GROUP BY s."year"`,
  ).all({ years: JSON.stringify(years), ...filter.params }) as { year: number; met: number }[];
  const met = new Map(rows.map((r) => [r.year, r.met]));
  return new Map(years.map((y) => [y, { officers: officers.n, met: met.get(y) ?? 0 }]));
}

/*
 * Past years change rarely (a late correction), and the trend shows four of them on every
 * view: they are kept per process for a few minutes. The selected year is always fresh,
 * and so is any year not yet over.
 */
const TREND_TTL_MS = 5 * 60_000;
const trendCache = new Map<string, { at: number; value: Map<number, { officers: number; met: number }> }>();

function trendFigures(unit: ScopeUnit, units: ScopeUnit[], years: number[], currentYear: number, now: number) {
  if (years.length === 0) return new Map<number, { officers: number; met: number }>();
  const cacheable = years.every((y) => y < currentYear);
  const key = `${unit.id}:${years.join(",")}`;
  const hit = cacheable ? trendCache.get(key) : undefined;
  if (hit && now - hit.at < TREND_TTL_MS) return hit.value;
  const value = metForYears(unit, units, years);
  if (cacheable) {
    if (trendCache.size > 5_000) trendCache.clear();
    trendCache.set(key, { at: now, value });
  }
  return value;
}

/** Forget cached trend figures (tests, the bench; after a bulk recompute). */
export function clearComplianceCache() {
  trendCache.clear();
}

export type UnitRow = {
  unitId: string;
  name: string;
  code: string;
  level: string;
  /** true for the row of the unit's own staff (not a child unit) */
  self: boolean;
  /** whether the row links to a drill-down */
  drillable: boolean;
  officers: number;
  met: number;
  metRate: number | null;
  behind: number;
  averageHours: number | null;
};

function unitRow(u: Pick<ScopeUnit, "id" | "name" | "code" | "level">, f: UnitFigures, self: boolean, drillable: boolean): UnitRow {
  return {
    unitId: u.id,
    name: u.name,
    code: u.code,
    level: u.level,
    self,
    drillable,
    officers: f.officers,
    met: f.met,
    metRate: rate(f.met, f.officers),
    behind: f.behind,
    averageHours: f.officers > 0 ? Math.round((f.hours / f.officers) * 100) / 100 : null,
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/**
 * The dashboard of a unit's subtree for a year: totals, met share, hours histogram,
 * behind pace, political-theory figures, one row per child unit (plus the unit's own
 * staff), and the met share over the last five years.
 */
export async function dashboard(actor: Actor, options: { unitId?: string | null; year: number; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  return dashboardOf(actor, unit, options.year, asOf);
}

/** The dashboard without the scope check (the bench and the HR digest call it for units already checked). */
export function dashboardOf(actor: Actor | null, unit: ScopeUnit, year: number, asOf: Date) {
  const units = subtree(unit);
  const pathById = new Map(units.map((u) => [u.id, u.path]));
  const rows = figuresByUnit(unit, units, year, asOf);
  const { total, self, children } = rollUp(unit, (id) => pathById.get(id), rows, emptyFigures);
  const direct = units.filter((u) => u.parentId === unit.id);
  const unitRows: UnitRow[] = direct.map((u) => unitRow(u, children.get(u.id) ?? emptyFigures(), false, true));
  if (self.officers > 0) unitRows.unshift(unitRow(unit, self, true, false));

  const currentYear = shanghaiYear(asOf);
  const others = trendFigures(
    unit,
    units,
    trendYears(year).filter((y) => y !== year),
    currentYear,
    asOf.getTime(),
  );
  const trend = trendYears(year).map((y) => {
    const f = y === year ? { officers: total.officers, met: total.met } : others.get(y)!;
    return { year: y, officers: f.officers, met: f.met, rate: rate(f.met, f.officers) };
  });
  const test = paceTest(asOf, year);
  const figures = [total.b0, total.b1, total.b2, total.b3, total.b4];

  return {
    unit: { id: unit.id, name: unit.name, code: unit.code, level: unit.level },
    breadcrumb: actor ? breadcrumb(actor, unit) : [],
    year,
    years: yearOptions(currentYear),
    basis: test.basis,
    totals: {
      officers: total.officers,
      met: total.met,
      metRate: rate(total.met, total.officers),
      notMet: total.officers - total.met,
      behind: total.behind,
      averageHours: total.officers > 0 ? Math.round((total.hours / total.officers) * 100) / 100 : null,
      pendingHours: Math.round(total.pendingHours * 100) / 100,
    },
    political: {
      averageHours: total.officers > 0 ? Math.round((total.politicalHours / total.officers) * 100) / 100 : null,
      required: total.politicalRequired,
      met: total.politicalMet,
      metRate: rate(total.politicalMet, total.politicalRequired),
    },
    histogram: buckets().map((b, i) => ({ ...b, count: figures[i] })),
    units: unitRows,
    trend,
  };
}

// ---------------------------------------------------------------------------
// People behind pace / not met / all
// ---------------------------------------------------------------------------

export const PAGE_SIZE = 50;

export type PersonHours = {
  id: string;
  staffNo: string;
  name: string;
  unitName: string;
  credited: number;
  carriedIn: number;
  required: number;
  total: number;
  projected: number | null;
  behind: boolean;
  met: boolean;
  politicalCredited: number;
  pendingHours: number;
  hasSummary: boolean;
};

function peopleWhere(test: PaceTest, filter: PeopleFilter): string {
  if (filter === "behind") return ` AND ${behindPaceSql(test, CREDITED, CARRIED, REQUIRED)}`;
  if (filter === "notMet") return ` AND NOT ${MET}`;
  return "";
}

type PersonRow = {
  id: string;
  staffNo: string;
  name: string;
  unitName: string;
  credited: number;
  carriedIn: number;
  required: number;
  met: number;
  behind: number;
  politicalCredited: number;
  pendingHours: number;
  hasSummary: number;
};

function peopleBatch(unit: ScopeUnit, units: ScopeUnit[], year: number, test: PaceTest, filter: PeopleFilter, after: string, limit: number): PersonHours[] {
  const scope = unitFilter(unit, units);
  const rows = rawQuery(
    `SELECT p."id", p."staffNo", p."name", u."name" AS "unitName", ${CREDITED} AS "credited", ${CARRIED} AS "carriedIn", ${REQUIRED} AS "required",
        ${MET} AS "met", ${behindPaceSql(test, CREDITED, CARRIED, REQUIRED)} AS "behind",
        COALESCE(s."politicalCredited", 0.0) AS "politicalCredited", COALESCE(s."pendingHours", 0.0) AS "pendingHours", s."personId" IS NOT NULL AS "hasSummary"
      ${FROM_PEOPLE} JOIN "OrgUnit" u ON u."id" = p."unitId"
      WHERE ${ROSTER_SQL}${scope.sql}${peopleWhere(test, filter)} AND p."staffNo" > @after
      ORDER BY p."staffNo" LIMIT @limit`,
  ).all({ year, after, limit, ...paceParams(test), ...scope.params }) as PersonRow[];
  return rows.map((r) => ({
    id: r.id,
    staffNo: r.staffNo,
    name: r.name,
    unitName: r.unitName,
    credited: r.credited,
    carriedIn: r.carriedIn,
    required: r.required,
    total: Math.round((r.credited + r.carriedIn) * 100) / 100,
    projected: projectedTotal(r.credited, r.carriedIn, test),
    behind: !!r.behind,
    met: !!r.met,
    politicalCredited: r.politicalCredited,
    pendingHours: r.pendingHours,
    hasSummary: !!r.hasSummary,
  }));
}

/** One page of officers of the subtree (keyset on staff number), with the total matching. */
export async function listPeople(actor: Actor, options: { unitId?: string | null; year: number; filter: PeopleFilter; after?: string | null; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  const test = paceTest(asOf, options.year);
  const scope = unitFilter(unit, units);
  const page = peopleBatch(unit, units, options.year, test, options.filter, options.after ?? "", PAGE_SIZE + 1);
  const { total } = rawQuery(`SELECT COUNT(*) AS "total" ${fromPeople(scope.scan)} WHERE ${ROSTER_SQL}${scope.sql}${peopleWhere(test, options.filter)}`).get({
    year: options.year,
    ...paceParams(test),
    ...scope.params,
  }) as { total: number };
  const more = page.length > PAGE_SIZE;
  const items = page.slice(0, PAGE_SIZE);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    breadcrumb: breadcrumb(actor, unit),
    year: options.year,
    years: yearOptions(shanghaiYear(asOf)),
    filter: options.filter,
    basis: test.basis,
    items,
    total,
    next: more ? items[items.length - 1].staffNo : null,
  };
}

/** Every matching officer, in batches (the .xlsx export). */
export async function* allPeople(actor: Actor, options: { unitId?: string | null; year: number; filter: PeopleFilter; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  const test = paceTest(asOf, options.year);
  let after = "";
  for (;;) {
    const batch = peopleBatch(unit, units, options.year, test, options.filter, after, 2_000);
    if (batch.length) yield { unit, batch };
    if (batch.length < 2_000) return;
    after = batch[batch.length - 1].staffNo;
  }
}

// ---------------------------------------------------------------------------
// Classes organised in the subtree: fill and attendance
// ---------------------------------------------------------------------------

export type ClassStat = {
  id: string;
  code: string;
  title: string;
  type: string;
  level: string;
  status: string;
  unitName: string;
  startDate: string;
  endDate: string;
  capacity: number;
  seated: number;
  sessions: number;
  sessionsHeld: number;
  present: number;
  fill: number | null;
  attendance: number | null;
};

const SEATED = SEATED_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * Classes organised by units of the subtree that start in the year (cancelled ones
 * left out). fill = seats taken (enrolled, completed or incomplete) / capacity;
 * attendance = present marks / (seats × sessions held so far), where the newest mark per
 * session and person counts and only seated people's marks count.
 */
export async function classStats(actor: Actor, options: { unitId?: string | null; year: number; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  const units = subtree(unit);
  const params = {
    units: JSON.stringify(units.map((u) => u.id)),
    from: sqliteTime(shanghaiYearStart(options.year)),
    to: sqliteTime(shanghaiYearStart(options.year + 1)),
    now: sqliteTime(asOf),
  };
  const classes = rawQuery(
    `SELECT c."id", c."code", c."title", c."type", c."level", c."status", u."name" AS "unitName", c."startDate", c."endDate", c."capacity",
        (SELECT COUNT(*) FROM "ClassEnrolment" e WHERE e."classId" = c."id" AND e."status" IN (${SEATED})) AS "seated",
        (SELECT COUNT(*) FROM "ClassSession" x WHERE x."classId" = c."id") AS "sessions",
        (SELECT COUNT(*) FROM "ClassSession" x WHERE x."classId" = c."id" AND x."startsAt" <= @now) AS "sessionsHeld"
      FROM "TrainingClass" c JOIN "OrgUnit" u ON u."id" = c."unitId"
      WHERE c."unitId" IN (SELECT "value" FROM json_each(@units)) AND c."startDate" >= @from AND c."startDate" < @to AND c."status" <> 'CANCELLED'
      ORDER BY c."startDate", c."code"`,
  ).all(params) as Omit<ClassStat, "present" | "fill" | "attendance">[];
  const present = new Map(
    (
      rawQuery(
        `SELECT m."classId", COUNT(*) AS "present" FROM (
            SELECT x."classId", am."personId", am."present",
                   ROW_NUMBER() OVER (PARTITION BY am."sessionId", am."personId" ORDER BY am."recordedAt" DESC, am."id" DESC) AS "rn"
              FROM "AttendanceMark" am JOIN "ClassSession" x ON x."id" = am."sessionId"
             WHERE x."classId" IN (SELECT "value" FROM json_each(@classes)) AND x."startsAt" <= @now
          ) m
          JOIN "ClassEnrolment" e ON e."classId" = m."classId" AND e."personId" = m."personId" AND e."status" IN (${SEATED})
         WHERE m."rn" = 1 AND m."present" = 1
         GROUP BY m."classId"`,
      ).all({ classes: JSON.stringify(classes.map((c) => c.id)), now: params.now }) as { classId: string; present: number }[]
    ).map((r) => [r.classId, r.present]),
  );
  const items: ClassStat[] = classes.map((c) => {
    const p = present.get(c.id) ?? 0;
    return { ...c, present: p, fill: rate(c.seated, c.capacity), attendance: rate(p, c.seated * c.sessionsHeld) };
  });
  const sum = (f: (c: ClassStat) => number) => items.reduce((s, c) => s + f(c), 0);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    breadcrumb: breadcrumb(actor, unit),
    year: options.year,
    years: yearOptions(shanghaiYear(asOf)),
    items,
    totals: {
      classes: items.length,
      capacity: sum((c) => c.capacity),
      seated: sum((c) => c.seated),
      fill: rate(sum((c) => c.seated), sum((c) => c.capacity)),
      attendance: rate(sum((c) => c.present), sum((c) => c.seated * c.sessionsHeld)),
    },
  };
}


