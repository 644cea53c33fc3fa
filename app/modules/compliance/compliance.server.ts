import type { Actor } from "~/lib/actor.server";
import { rawQuery, sqliteTime } from "~/lib/db.server";
import { PROFESSIONAL_HOURS_REQUIREMENT, shanghaiYear } from "~/modules/hours/rules";
import {
  atLeastSql,
  behindPaceSql,
  bucketCounts,
  bucketIndex,
  buckets,
  isBehindPace,
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
import { breadcrumb, complianceUnit, ROSTER_SQL, subtree, type ScopeUnit } from "./scope.server";

/*
 * HR compliance dashboards over a unit's subtree, driven by HoursYearSummary (one row per
 * person and year, kept current by the ledger, carrying the person's unit and whether they
 * were on the roster — active and in the enforcement system — when it was computed).
 *
 * Per unit of the subtree, for a year:
 *  - the officers: for the current year (and next), the live roster — Person counted on
 *    its (status, inEnforcementSystem, unitId) index; for a past year, the roster of its
 *    time — the summaries of that year marked onRoster (people who left since still count
 *    there, people who joined since do not);
 *  - the sums: HoursYearSummary WHERE year AND onRoster AND unitId, read from the covering
 *    index alone (no table rows, no per-officer lookups);
 *  - officers on the live roster without a summary for the year count as 0 hours: bucket 0,
 *    not met, behind pace once the year has begun (the pure rules decide).
 * The per-unit rows (a few thousand at most) are rolled up to the child units in JS by path.
 * The current year's summaries follow transfers and status changes (people.server refreshes
 * them), so the live roster and the summaries agree; nothing here loads one row per officer.
 */

// Column expressions over HoursYearSummary s (all in the covering index).
const CREDITED = `s."professionalCredited"`;
const CARRIED = `s."professionalCarriedIn"`;
const REQUIRED = `s."professionalRequired"`;
const TOTAL = `(${CREDITED} + ${CARRIED})`;
const MET = `(${TOTAL} >= ${REQUIRED})`;
const ON_ROSTER = `s."onRoster" = 1`;

/** The current year and later are counted on the live roster; earlier years on the roster of their time. */
const liveRoster = (year: number, currentYear: number) => year >= currentYear;

/** SQL filter of `column` (a unit id) to the subtree: nothing for the root of the tree, else an IN list bound as JSON (@units). */
function inSubtree(column: string, unit: ScopeUnit, units: ScopeUnit[]): { sql: string; params: { units?: string } } {
  if (unit.depth === 0 && unit.parentId === null) return { sql: "", params: {} };
  return { sql: ` AND ${column} IN (SELECT "value" FROM json_each(@units))`, params: { units: JSON.stringify(units.map((u) => u.id)) } };
}

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

type SummaryFigures = Omit<UnitFigures, "officers" | "b0" | "b1" | "b2" | "b3" | "b4"> & { unitId: string; summarised: number; a0: number; a1: number; a2: number; a3: number };

function summarySql(test: PaceTest, filter: string): string {
  // The histogram as "at least 15, 30, 45, 60 hours" sums: one comparison per bound.
  const bucketCols = atLeastSql(TOTAL).map((expr, i) => `SUM(${expr}) AS "a${i}"`);
  return `SELECT s."unitId" AS "unitId", COUNT(*) AS "summarised",
      SUM(${MET}) AS "met",
      SUM(${behindPaceSql(test, CREDITED, CARRIED, REQUIRED)}) AS "behind",
      SUM(${TOTAL}) AS "hours",
      ${bucketCols.join(", ")},
      SUM(s."politicalCredited") AS "politicalHours",
      SUM(s."politicalRequired" > 0) AS "politicalRequired",
      SUM(s."politicalRequired" > 0 AND s."politicalCredited" >= s."politicalRequired") AS "politicalMet",
      SUM(s."pendingHours") AS "pendingHours"
    FROM "HoursYearSummary" s
    WHERE s."year" = @year AND ${ON_ROSTER}${filter}
    GROUP BY s."unitId"`;
}

/** Officers on the live roster per unit of the subtree (index only). */
function rosterByUnit(unit: ScopeUnit, units: ScopeUnit[]): Map<string, number> {
  const filter = inSubtree(`p."unitId"`, unit, units);
  const rows = rawQuery(`SELECT p."unitId" AS "unitId", COUNT(*) AS "n" FROM "Person" p WHERE ${ROSTER_SQL}${filter.sql} GROUP BY p."unitId"`).all(filter.params) as {
    unitId: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.unitId, r.n]));
}

/** Figures per unit of the subtree for one year: summaries grouped by unit, plus the officers without one (0 hours). */
export function figuresByUnit(unit: ScopeUnit, units: ScopeUnit[], year: number, asOf: Date): (UnitFigures & { unitId: string })[] {
  const test = paceTest(asOf, year);
  const filter = inSubtree(`s."unitId"`, unit, units);
  const summarised = rawQuery(summarySql(test, filter.sql)).all({ year, ...paceParams(test), ...filter.params }) as SummaryFigures[];
  const rows = new Map<string, UnitFigures & { unitId: string }>();
  for (const { summarised: n, a0, a1, a2, a3, ...f } of summarised) {
    const [b0, b1, b2, b3, b4] = bucketCounts(n, [a0, a1, a2, a3]);
    rows.set(f.unitId, { ...f, officers: n, b0, b1, b2, b3, b4 });
  }
  if (!liveRoster(year, shanghaiYear(asOf))) return [...rows.values()];

  // Officers with no summary this year have 0 hours: not met, in the first bucket, behind
  // pace as the rules say of 0 hours against the national default requirement.
  const behind = isBehindPace(0, 0, PROFESSIONAL_HOURS_REQUIREMENT, test) ? 1 : 0;
  const bucket = `b${bucketIndex(0)}` as "b0";
  for (const [unitId, officers] of rosterByUnit(unit, units)) {
    const row = rows.get(unitId) ?? { ...emptyFigures(), unitId };
    // Summaries follow the roster (refreshed on transfers and status changes), so
    // officers ≥ summarised; a stale summary could only add to a unit, never go negative.
    const missing = Math.max(0, officers - row.officers);
    row.officers += missing;
    row.behind += missing * behind;
    row[bucket] += missing;
    rows.set(unitId, row);
  }
  return [...rows.values()];
}

/*
 * The trend: met share per year of the subtree. A past year counts the roster of its time
 * (summaries of that year marked onRoster); the current year (shown when next year is
 * selected) the live roster, as the dashboard does. One index range over the past years.
 * No cache: the figures are read from the covering index, so they are never stale.
 */
function trendFigures(unit: ScopeUnit, units: ScopeUnit[], years: number[], asOf: Date): Map<number, { officers: number; met: number }> {
  const currentYear = shanghaiYear(asOf);
  const result = new Map<number, { officers: number; met: number }>();
  const past = years.filter((y) => !liveRoster(y, currentYear));
  if (past.length) {
    const filter = inSubtree(`s."unitId"`, unit, units);
    const rows = rawQuery(
      `SELECT s."year" AS "year", COUNT(*) AS "officers", SUM(${MET}) AS "met" FROM "HoursYearSummary" s
        WHERE s."year" IN (SELECT "value" FROM json_each(@years)) AND ${ON_ROSTER}${filter.sql} GROUP BY s."year"`,
    ).all({ years: JSON.stringify(past), ...filter.params }) as { year: number; officers: number; met: number }[];
    for (const r of rows) result.set(r.year, { officers: r.officers, met: r.met });
  }
  for (const y of years.filter((y) => liveRoster(y, currentYear))) {
    const rows = figuresByUnit(unit, units, y, asOf);
    result.set(y, { officers: rows.reduce((s, r) => s + r.officers, 0), met: rows.reduce((s, r) => s + r.met, 0) });
  }
  for (const y of years) if (!result.has(y)) result.set(y, { officers: 0, met: 0 });
  return result;
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
    asOf,
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

/*
 * The people behind the dashboard's figures, by staff number (keyset). The current year
 * (and next): officers on the live roster, each with their summary if any (none = 0 hours
 * against the national default). A past year: the roster of its time, i.e. that year's
 * summaries marked onRoster, at the unit they were in then — the same people the
 * dashboard counted.
 *
 * Two ways to read a page:
 *  - "walk" (the whole tree, when the matching people are not rare): Person in staff-number
 *    order (its unique index) from the keyset, testing each person and looking their
 *    summary up by primary key until the page is full — about limit × people / matching
 *    rows. Not for a subtree: staff numbers cluster by region, so a province's people sit
 *    behind everyone numbered before them;
 *  - "gather" (otherwise): the subtree's officers through the roster index (or that year's
 *    summaries through their covering index), then sorting the matches.
 * The unary `+` keeps the planner off the roster/unit indexes when walking.
 */
type PeopleQuery = { live: boolean; test: PaceTest; filter: PeopleFilter; scope: string; walk: boolean };

function peopleSql({ live, test, filter, scope, walk }: PeopleQuery): string {
  const c = live ? `COALESCE(${CREDITED}, 0.0)` : CREDITED;
  const k = live ? `COALESCE(${CARRIED}, 0.0)` : CARRIED;
  const r = live ? `COALESCE(${REQUIRED}, ${PROFESSIONAL_HOURS_REQUIREMENT}.0)` : REQUIRED;
  const met = live ? `(s."personId" IS NOT NULL AND ${MET})` : MET;
  const behind = behindPaceSql(test, c, k, r);
  const where = filter === "behind" ? ` AND ${behind}` : filter === "notMet" ? ` AND NOT ${met}` : "";
  const plus = walk ? "+" : "";
  const from = live
    ? `FROM "Person" p LEFT JOIN "HoursYearSummary" s ON s."personId" = p."id" AND s."year" = @year JOIN "OrgUnit" u ON u."id" = p."unitId"
      WHERE ${plus}p."status" = 'ACTIVE' AND ${plus}p."inEnforcementSystem" = 1${scope}`
    : walk
      ? `FROM "Person" p CROSS JOIN "HoursYearSummary" s ON s."personId" = p."id" AND s."year" = @year JOIN "OrgUnit" u ON u."id" = s."unitId"
      WHERE ${ON_ROSTER}${scope}`
      : `FROM "HoursYearSummary" s JOIN "Person" p ON p."id" = s."personId" JOIN "OrgUnit" u ON u."id" = s."unitId"
      WHERE s."year" = @year AND ${ON_ROSTER}${scope}`;
  return `SELECT p."id", p."staffNo", p."name", u."name" AS "unitName", ${c} AS "credited", ${k} AS "carriedIn", ${r} AS "required",
        ${met} AS "met", ${behind} AS "behind",
        COALESCE(s."politicalCredited", 0.0) AS "politicalCredited", COALESCE(s."pendingHours", 0.0) AS "pendingHours", s."personId" IS NOT NULL AS "hasSummary"
      ${from}${where} AND p."staffNo" > @after
      ORDER BY p."staffNo" LIMIT @limit`;
}

type PeopleSelection = { unit: ScopeUnit; units: ScopeUnit[]; year: number; asOf: Date; test: PaceTest; filter: PeopleFilter; officers: number; matching: number };

/** The subtree's officers for the year and how many match the filter (the dashboard's figures). */
function peopleSelection(unit: ScopeUnit, units: ScopeUnit[], year: number, asOf: Date, filter: PeopleFilter): PeopleSelection {
  const figures = figuresByUnit(unit, units, year, asOf);
  const sum = (f: (r: UnitFigures) => number) => figures.reduce((total, r) => total + f(r), 0);
  const officers = sum((r) => r.officers);
  const matching = filter === "behind" ? sum((r) => r.behind) : filter === "notMet" ? officers - sum((r) => r.met) : officers;
  return { unit, units, year, asOf, test: paceTest(asOf, year), filter, officers, matching };
}

function peopleBatch(sel: PeopleSelection, after: string, limit: number): PersonHours[] {
  if (sel.matching === 0) return [];
  const live = liveRoster(sel.year, shanghaiYear(sel.asOf));
  const scope = inSubtree(live ? `p."unitId"` : `s."unitId"`, sel.unit, sel.units);
  // Walking visits about limit × people / matching rows; gathering visits the subtree's officers.
  const walk = scope.sql === "" && (limit * (rawQuery(`SELECT COUNT(*) AS "n" FROM "Person"`).get() as { n: number }).n) / sel.matching < sel.officers;
  const rows = rawQuery(peopleSql({ live, test: sel.test, filter: sel.filter, scope: scope.sql, walk })).all({
    year: sel.year,
    after,
    limit,
    ...paceParams(sel.test),
    ...scope.params,
  }) as PersonRow[];
  return rows.map((r) => ({
    id: r.id,
    staffNo: r.staffNo,
    name: r.name,
    unitName: r.unitName,
    credited: r.credited,
    carriedIn: r.carriedIn,
    required: r.required,
    total: Math.round((r.credited + r.carriedIn) * 100) / 100,
    projected: projectedTotal(r.credited, r.carriedIn, sel.test),
    behind: !!r.behind,
    met: !!r.met,
    politicalCredited: r.politicalCredited,
    pendingHours: r.pendingHours,
    hasSummary: !!r.hasSummary,
  }));
}

/** One page of officers of the subtree (keyset on staff number), with the total matching (the dashboard's own count). */
export async function listPeople(actor: Actor, options: { unitId?: string | null; year: number; filter: PeopleFilter; after?: string | null; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  const sel = peopleSelection(unit, subtree(unit), options.year, asOf, options.filter);
  const page = peopleBatch(sel, options.after ?? "", PAGE_SIZE + 1);
  const more = page.length > PAGE_SIZE;
  const items = page.slice(0, PAGE_SIZE);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    breadcrumb: breadcrumb(actor, unit),
    year: options.year,
    years: yearOptions(shanghaiYear(asOf)),
    filter: options.filter,
    basis: sel.test.basis,
    items,
    total: sel.matching,
    next: more ? items[items.length - 1].staffNo : null,
  };
}

/** Every matching officer, in batches (the .xlsx export). */
export async function* allPeople(actor: Actor, options: { unitId?: string | null; year: number; filter: PeopleFilter; asOf?: Date }) {
  const asOf = options.asOf ?? new Date();
  const unit = complianceUnit(actor, options.unitId);
  const sel = peopleSelection(unit, subtree(unit), options.year, asOf, options.filter);
  let after = "";
  for (;;) {
    const batch = peopleBatch(sel, after, 2_000);
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


