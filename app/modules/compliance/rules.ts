import { z } from "zod";
import { projectYearEnd, roundHours, shanghaiYear, type YearEndProjection } from "~/modules/hours/rules";

/*
 * Compliance dashboards (HR): pure decisions shared by the SQL aggregates, the pages and
 * the reminders. No I/O, no clock: callers pass `asOf`.
 *
 * The dashboards never load one row per officer for a whole country: the figures are
 * aggregated in SQL. Where SQL must decide what a rule here decides (hours buckets,
 * behind pace), the SQL text is generated from the same constants by the functions below,
 * and tests check that both give the same answer.
 */

// ---------------------------------------------------------------------------
// Years
// ---------------------------------------------------------------------------

/** How many years the trend shows (the selected one and the ones before it). */
export const TREND_YEARS = 5;
/** Years that can be chosen on the dashboards: the current year and the four before it, plus next year. */
export function yearOptions(currentYear: number): number[] {
  return Array.from({ length: TREND_YEARS + 1 }, (_, i) => currentYear + 1 - i);
}

export function trendYears(year: number): number[] {
  return Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
}

/** The year asked for in a query string, or the current Shanghai year. */
export function parseYear(value: string | null | undefined, asOf: Date): number {
  const current = shanghaiYear(asOf);
  const n = Number(value);
  return Number.isInteger(n) && n >= 2000 && n <= current + 1 ? n : current;
}

// ---------------------------------------------------------------------------
// Hours distribution
// ---------------------------------------------------------------------------

/** Lower bounds of the histogram buckets: 0–15, 15–30, 30–45, 45–60, 60+ hours. */
export const HOURS_BUCKETS = [0, 15, 30, 45, 60] as const;

export type Bucket = { from: number; to: number | null };

export function buckets(): Bucket[] {
  return HOURS_BUCKETS.map((from, i) => ({ from, to: HOURS_BUCKETS[i + 1] ?? null }));
}

/** Index of the bucket an officer's hours fall in (lower bound inclusive; negatives in the first). */
export function bucketIndex(hours: number): number {
  let index = 0;
  for (let i = 0; i < HOURS_BUCKETS.length; i++) if (hours >= HOURS_BUCKETS[i]) index = i;
  return index;
}

/** SQL expressions, one per bucket, that are 1 when `expr` falls in it (same bounds as bucketIndex). */
export function bucketSql(expr: string): string[] {
  return HOURS_BUCKETS.map((from, i) => {
    const next = HOURS_BUCKETS[i + 1];
    if (i === 0) return `(${expr} < ${next})`;
    if (next === undefined) return `(${expr} >= ${from})`;
    return `(${expr} >= ${from} AND ${expr} < ${next})`;
  });
}

/**
 * Cheaper SQL for the histogram of many rows: one comparison per bound above the first,
 * `expr >= bound` (1 or 0), summed per group; `bucketCounts` turns those sums and the
 * group's row count back into one count per bucket (same bounds as bucketIndex).
 */
export function atLeastSql(expr: string): string[] {
  return HOURS_BUCKETS.slice(1).map((from) => `(${expr} >= ${from})`);
}

/** Counts per bucket from a group's row count and its sums of `atLeastSql`. */
export function bucketCounts(count: number, atLeast: readonly number[]): number[] {
  return HOURS_BUCKETS.map((_, i) => (i === 0 ? count : atLeast[i - 1]) - (atLeast[i] ?? 0));
}

// ---------------------------------------------------------------------------
// Pace (projected to miss the requirement by year end)
// ---------------------------------------------------------------------------

/**
 * What projectYearEnd decides for a given day, independent of the person: the basis and
 * the days. `isBehindPace` then answers for any person like projectYearEnd would, and
 * `behindPaceSql` answers the same in SQL for a whole country at once.
 */
export type PaceTest = { basis: YearEndProjection["basis"]; daysElapsed: number; daysInYear: number };

export function paceTest(asOf: Date, year: number): PaceTest {
  const p = projectYearEnd(0, asOf, year, 0);
  return { basis: p.basis, daysElapsed: p.daysElapsed, daysInYear: p.daysInYear };
}

/** Net requirement towards which the year's own hours accrue (carried-in hours do not accrue at a pace). */
export function netRequirement(required: number, carriedIn: number): number {
  return Math.max(0, roundHours(required - carriedIn));
}

/** Same answer as projectYearEnd(credited, asOf, year, netRequirement(required, carriedIn)).behindPace. */
export function isBehindPace(credited: number, carriedIn: number, required: number, test: PaceTest): boolean {
  const net = netRequirement(required, carriedIn);
  switch (test.basis) {
    case "NOT_STARTED":
      return false;
    case "TOO_EARLY":
      return net > 0 && credited <= 0;
    case "YEAR_ENDED":
      return credited < net;
    case "PACE":
      return roundHours((credited * test.daysInYear) / test.daysElapsed) < net;
  }
}

/** Projected year-end hours (carried-in included) for display; null before a projection can be told. */
export function projectedTotal(credited: number, carriedIn: number, test: PaceTest): number | null {
  switch (test.basis) {
    case "NOT_STARTED":
    case "TOO_EARLY":
      return null;
    case "YEAR_ENDED":
      return roundHours(credited + carriedIn);
    case "PACE":
      return roundHours(roundHours((credited * test.daysInYear) / test.daysElapsed) + carriedIn);
  }
}

/**
 * SQL for isBehindPace over column expressions (trusted: column names, never input).
 * One text per basis; the day counts are the named parameters of `paceParams`, so the
 * prepared statement is the same every day.
 */
export function behindPaceSql(test: PaceTest, credited: string, carriedIn: string, required: string): string {
  const net = `MAX(0, ROUND(${required} - ${carriedIn}, 2))`;
  switch (test.basis) {
    case "NOT_STARTED":
      return "0";
    case "TOO_EARLY":
      return `(${net} > 0 AND ${credited} <= 0)`;
    case "YEAR_ENDED":
      return `(${credited} < ${net})`;
    case "PACE":
      return `(ROUND((${credited} * @paceTotal) / @paceDays, 2) < ${net})`;
  }
}

/** Named parameters for behindPaceSql (bound as SQLite REALs). */
export function paceParams(test: PaceTest): { paceTotal: number; paceDays: number } {
  return { paceTotal: test.daysInYear, paceDays: Math.max(1, test.daysElapsed) };
}

// ---------------------------------------------------------------------------
// Lists of people
// ---------------------------------------------------------------------------

export const PEOPLE_FILTERS = ["behind", "notMet", "all"] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];

export const peopleQuerySchema = z.object({
  unit: z.string().max(40).optional().catch(undefined),
  year: z.string().max(8).optional().catch(undefined),
  filter: z.enum(PEOPLE_FILTERS).catch("behind").default("behind"),
  after: z.string().max(40).optional().catch(undefined),
});

// ---------------------------------------------------------------------------
// Rolling unit figures up to the children of the unit looked at
// ---------------------------------------------------------------------------

/** The direct child of the unit at `depth` on the way to `path` (null when `path` is that unit itself). */
export function childOnPath(path: string, depth: number): string | null {
  return path.split("/").filter(Boolean)[depth + 1] ?? null;
}

/**
 * Adds per-unit figures up into the unit's own row (key "self") and one row per direct
 * child (key: child id). Units outside the subtree are ignored. Counts only: rates are
 * computed from the sums, never averaged.
 */
export function rollUp<T extends Record<string, number>>(
  root: { id: string; path: string; depth: number },
  pathOf: (unitId: string) => string | undefined,
  rows: (T & { unitId: string })[],
  empty: () => T,
): { total: T; self: T; children: Map<string, T> } {
  const total = empty();
  const self = empty();
  const children = new Map<string, T>();
  for (const row of rows) {
    const path = pathOf(row.unitId);
    if (!path || !path.startsWith(root.path)) continue;
    const child = childOnPath(path, root.depth);
    let target = self;
    if (child) {
      target = children.get(child) ?? empty();
      children.set(child, target);
    }
    for (const key of Object.keys(target) as (keyof T)[]) {
      const value = row[key];
      if (typeof value === "number") {
        (target[key] as number) += value;
        (total[key] as number) += value;
      }
    }
  }
  return { total, self, children };
}

/** A share in [0, 1], or null when there is nobody to count. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// ---------------------------------------------------------------------------
// Rotation training (全员轮训)
// ---------------------------------------------------------------------------

export type PlanPeriod = { key: string; startYear: number; endYear: number; assumed: boolean };

/**
 * Plan periods of the national rotation-training plan. 2021–2025 is the national plan's
 * period. 2026–2030 is an ASSUMPTION (the following five-year period, not yet published
 * when this was written); the rotation page says so.
 */
export const PLAN_PERIODS: readonly PlanPeriod[] = [
  { key: "2021-2025", startYear: 2021, endYear: 2025, assumed: false },
  { key: "2026-2030", startYear: 2026, endYear: 2030, assumed: true },
];

/** Post-training classes: completing one counts for the plan period it ends in. */
export const ROTATION_CLASS_TYPES = ["POST_INITIAL", "POST_RENEWAL"] as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Midnight starting January 1 of `year` in Shanghai, as a UTC instant. */
export function shanghaiYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS);
}

/** [from, to): the instants of the period's years in Shanghai. */
export function periodBounds(period: PlanPeriod): { from: Date; to: Date } {
  return { from: shanghaiYearStart(period.startYear), to: shanghaiYearStart(period.endYear + 1) };
}

/** Due date shown for the people still missing: the period's last day (Dec 31, Shanghai). */
export function periodDueDate(period: PlanPeriod): Date {
  return new Date(periodBounds(period).to.getTime() - 24 * 3_600_000);
}

/** The period containing `year`; the nearest one when none does. */
export function periodFor(year: number): PlanPeriod {
  const found = PLAN_PERIODS.find((p) => year >= p.startYear && year <= p.endYear);
  if (found) return found;
  return year < PLAN_PERIODS[0].startYear ? PLAN_PERIODS[0] : PLAN_PERIODS[PLAN_PERIODS.length - 1];
}

export function parsePeriod(value: string | null | undefined, asOf: Date): PlanPeriod {
  return PLAN_PERIODS.find((p) => p.key === value) ?? periodFor(shanghaiYear(asOf));
}

export type RotationEnrolment = { status: string; classType: string; classEndDate: Date };

/** Covered: a COMPLETED enrolment in a post-training class whose end date falls in the period. */
export function isRotationCovered(enrolments: readonly RotationEnrolment[], period: PlanPeriod): boolean {
  const { from, to } = periodBounds(period);
  return enrolments.some(
    (e) => e.status === "COMPLETED" && (ROTATION_CLASS_TYPES as readonly string[]).includes(e.classType) && e.classEndDate >= from && e.classEndDate < to,
  );
}

// ---------------------------------------------------------------------------
// Classes: fill and attendance
// ---------------------------------------------------------------------------

/** Enrolments holding a seat (fill) and expected at sessions (attendance). */
export const SEATED_STATUSES = ["ENROLLED", "COMPLETED", "INCOMPLETE"] as const;

export type AttendanceMarkRow = { sessionId: string; personId: string; present: boolean; recordedAt: Date; id: string };

/** The newest mark per session and person (marks are append-only; a correction is a newer row). */
export function latestMarks(marks: readonly AttendanceMarkRow[]): AttendanceMarkRow[] {
  const best = new Map<string, AttendanceMarkRow>();
  for (const m of marks) {
    const key = `${m.sessionId}\u0000${m.personId}`;
    const current = best.get(key);
    if (!current || m.recordedAt.getTime() > current.recordedAt.getTime() || (m.recordedAt.getTime() === current.recordedAt.getTime() && m.id > current.id)) best.set(key, m);
  }
  return [...best.values()];
}

/** fill = seated / capacity; attendance = present marks / (seated × sessions held). */
export function classRates(c: { capacity: number; seated: number; sessionsHeld: number; present: number }): { fill: number | null; attendance: number | null } {
  return { fill: rate(c.seated, c.capacity), attendance: rate(c.present, c.seated * c.sessionsHeld) };
}

// ---------------------------------------------------------------------------
// Weeks (reminders are sent at most once per person per ISO week, Shanghai time)
// ---------------------------------------------------------------------------

/** ISO-8601 week of an instant as seen in Shanghai: "2026-W05". */
export function isoWeekKey(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - day));
  const isoYear = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

/** Monday 00:00 in Shanghai of the ISO week containing `date`, as a UTC instant. */
export function isoWeekStart(date: Date): Date {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay() || 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1)) - SHANGHAI_OFFSET_MS);
}

