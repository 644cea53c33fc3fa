import { z } from "zod";

/*
 * Study-hours (学时) crediting rules: how activities convert to hours, how a person's
 * ledger for a year is evaluated against the annual requirement, pace towards year end,
 * and what a correction writes. Pure: no I/O, no clock — callers pass `asOf`.
 *
 * Rules are configuration per year and scope (national default, provincial override).
 * They never rewrite ledger entries: the same entries evaluated under other rules give
 * other figures, and nothing else changes.
 */

export const HOURS_CATEGORIES = ["PROFESSIONAL_LEGAL", "POLITICAL_THEORY"] as const;
export type HoursCategory = (typeof HOURS_CATEGORIES)[number];

export const HOURS_SOURCES = [
  "ONLINE_LESSON",
  "EXAM",
  "OFFLINE_CLASS",
  "OFF_POST_TRAINING",
  "DRILL_COMPETITION",
  "TEACHING",
  "EXTERNAL_IMPORT",
  "MANUAL",
] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];

export const ENTRY_STATUSES = ["PENDING", "APPROVED", "REJECTED", "VOIDED"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export type LedgerEntry = {
  id: string;
  personId: string;
  year: number;
  /** Fractions allowed (0.25, 0.5 …). */
  hours: number;
  category: HoursCategory;
  source: HoursSource;
  status: EntryStatus;
  recordedAt: Date;
};

export type OnlineThreshold = { minMinutes: number; hours: number };

export type CreditRules = {
  year: number;
  /** Hours a year per category. Political theory is a separate requirement, never part of the professional one. */
  requirement: Record<HoursCategory, number>;
  /** A lesson session earns the hours of the highest threshold its minutes reach; below the lowest, nothing. */
  onlineMinutesToHours: OnlineThreshold[];
  offPostHoursPerDay: number;
  /** Teaching a class earns its hours times this (preparing counts as study). */
  teachingMultiplier: number;
  /** Most hours a source may credit in a year, per category. Sources not listed are uncapped. */
  capsPerSource: Partial<Record<HoursSource, number>>;
  carryOverSurplus: boolean;
  /** Most hours per category a surplus may carry into the next year. */
  carryOverMax: number;
};

/** The plan: no less than 60 hours of professional knowledge and law training a year (每人每年不少于60学时). */
export const PROFESSIONAL_HOURS_REQUIREMENT = 60;
/** Political-theory hours are tracked on their own; the national default sets no minimum, provinces may. */
export const POLITICAL_THEORY_HOURS_REQUIREMENT = 0;
/** ≥30 min = 1 hour, 15–30 min = 0.5, under 15 min (but some time) = 0.25. */
export const DEFAULT_ONLINE_THRESHOLDS: readonly OnlineThreshold[] = [
  { minMinutes: 30, hours: 1 },
  { minMinutes: 15, hours: 0.5 },
  { minMinutes: 1, hours: 0.25 },
];
/** A training day of off-post (脱产) training: six class hours. */
export const DEFAULT_OFF_POST_HOURS_PER_DAY = 6;
export const DEFAULT_TEACHING_MULTIPLIER = 2;
/** Hours are configured in quarter hours, the smallest credit the courseware gives. */
export const HOURS_STEP = 0.25;
/** Upper bound for any configured yearly figure, so a typo (600 for 60) is caught. */
const MAX_YEARLY_HOURS = 500;

export function DEFAULT_RULES(year: number): CreditRules {
  return {
    year,
    requirement: { PROFESSIONAL_LEGAL: PROFESSIONAL_HOURS_REQUIREMENT, POLITICAL_THEORY: POLITICAL_THEORY_HOURS_REQUIREMENT },
    onlineMinutesToHours: DEFAULT_ONLINE_THRESHOLDS.map((t) => ({ ...t })),
    offPostHoursPerDay: DEFAULT_OFF_POST_HOURS_PER_DAY,
    teachingMultiplier: DEFAULT_TEACHING_MULTIPLIER,
    capsPerSource: {},
    carryOverSurplus: false,
    // Zero, not a guess: enabling carry-over must say how much (the schema insists).
    carryOverMax: 0,
  };
}

// ---------------------------------------------------------------------------
// Editing rules
// ---------------------------------------------------------------------------

const yearlyHours = (message: string) =>
  z.number({ message }).min(0, { message }).max(MAX_YEARLY_HOURS, { message }).multipleOf(HOURS_STEP, { message });

const thresholdSchema = z.object({
  minMinutes: z.number({ message: "hours.errors.threshold" }).int({ message: "hours.errors.threshold" }).min(1, { message: "hours.errors.threshold" }).max(600, { message: "hours.errors.threshold" }),
  hours: z.number({ message: "hours.errors.threshold" }).min(HOURS_STEP, { message: "hours.errors.threshold" }).max(10, { message: "hours.errors.threshold" }).multipleOf(HOURS_STEP, { message: "hours.errors.threshold" }),
});

const thresholdsSchema = z
  .array(thresholdSchema)
  .min(1, { message: "hours.errors.thresholds" })
  .max(10, { message: "hours.errors.thresholds" })
  // More minutes must never earn fewer hours, and each threshold must be distinct, or the table is ambiguous.
  .refine(
    (list) => {
      const sorted = [...list].sort((a, b) => a.minMinutes - b.minMinutes);
      return sorted.every((t, i) => i === 0 || (t.minMinutes > sorted[i - 1].minMinutes && t.hours >= sorted[i - 1].hours));
    },
    { message: "hours.errors.thresholdOrder" },
  );

const ruleFields = z.object({
  year: z.number({ message: "hours.errors.year" }).int({ message: "hours.errors.year" }).min(2000, { message: "hours.errors.year" }).max(2100, { message: "hours.errors.year" }),
  requirement: z.object({
    PROFESSIONAL_LEGAL: yearlyHours("hours.errors.requirement"),
    POLITICAL_THEORY: yearlyHours("hours.errors.requirement"),
  }),
  onlineMinutesToHours: thresholdsSchema,
  offPostHoursPerDay: z.number({ message: "hours.errors.offPostHoursPerDay" }).min(HOURS_STEP, { message: "hours.errors.offPostHoursPerDay" }).max(12, { message: "hours.errors.offPostHoursPerDay" }).multipleOf(HOURS_STEP, { message: "hours.errors.offPostHoursPerDay" }),
  teachingMultiplier: z.number({ message: "hours.errors.teachingMultiplier" }).min(1, { message: "hours.errors.teachingMultiplier" }).max(5, { message: "hours.errors.teachingMultiplier" }),
  capsPerSource: z.partialRecord(z.enum(HOURS_SOURCES), yearlyHours("hours.errors.cap")).default({}),
  carryOverSurplus: z.boolean().default(false),
  carryOverMax: yearlyHours("hours.errors.carryOverMax").default(0),
});

/** A full set of rules (the national default for a year). Messages are dictionary keys. */
export const ruleSchema = ruleFields.superRefine((rules, ctx) => {
  if (rules.carryOverSurplus && rules.carryOverMax <= 0) ctx.addIssue({ code: "custom", path: ["carryOverMax"], message: "hours.errors.carryOverMax" });
});
export type RuleInput = z.input<typeof ruleSchema>;

/**
 * A provincial override: any subset of the fields, never the year (it overrides the
 * national rules of that year). A cap set to null lifts the national cap on that source.
 */
export const ruleOverrideSchema = z.object({
  requirement: ruleFields.shape.requirement.partial().optional(),
  onlineMinutesToHours: thresholdsSchema.optional(),
  offPostHoursPerDay: ruleFields.shape.offPostHoursPerDay.optional(),
  teachingMultiplier: ruleFields.shape.teachingMultiplier.optional(),
  capsPerSource: z.partialRecord(z.enum(HOURS_SOURCES), yearlyHours("hours.errors.cap").nullable()).optional(),
  carryOverSurplus: z.boolean().optional(),
  carryOverMax: yearlyHours("hours.errors.carryOverMax").optional(),
});
export type RulesOverride = z.output<typeof ruleOverrideSchema>;

/**
 * The rules in force in a province: the national rules with the override's fields on
 * top. Only what the override sets changes; the requirement and caps merge per key so a
 * province can raise one category or cap one source without restating the rest. The
 * threshold table is replaced whole: half of one table and half of another means nothing.
 * Validate the result with `ruleSchema` (e.g. carry-over switched on needs a max).
 */
export function mergeRules(national: CreditRules, provincialOverride: RulesOverride | null | undefined): CreditRules {
  const o = provincialOverride ?? {};
  const caps: Partial<Record<HoursSource, number>> = { ...national.capsPerSource };
  for (const source of HOURS_SOURCES) {
    const cap = o.capsPerSource?.[source];
    if (cap === null) delete caps[source];
    else if (cap !== undefined) caps[source] = cap;
  }
  return {
    year: national.year,
    requirement: { ...national.requirement, ...definedOnly(o.requirement ?? {}) },
    onlineMinutesToHours: (o.onlineMinutesToHours ?? national.onlineMinutesToHours).map((t) => ({ ...t })),
    offPostHoursPerDay: o.offPostHoursPerDay ?? national.offPostHoursPerDay,
    teachingMultiplier: o.teachingMultiplier ?? national.teachingMultiplier,
    capsPerSource: caps,
    carryOverSurplus: o.carryOverSurplus ?? national.carryOverSurplus,
    carryOverMax: o.carryOverMax ?? national.carryOverMax,
  };
}

/** `{ a: undefined }` must not override a national value with undefined. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------

/** Hours an online lesson session earns: the highest threshold its minutes reach (in any order configured). */
export function onlineLessonHours(minutes: number, rules: CreditRules): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  const reached = rules.onlineMinutesToHours.filter((t) => minutes >= t.minMinutes).sort((a, b) => b.minMinutes - a.minMinutes)[0];
  return reached?.hours ?? 0;
}

/** A completed lesson: its minutes converted as any online session, never more than the lesson's credit. */
export function lessonHours(minutes: number, lessonCreditHours: number, rules: CreditRules): number {
  return Math.min(onlineLessonHours(minutes, rules), lessonCreditHours);
}

/** Hours for off-post training: days (half days allowed) times the hours of a training day. */
export function offPostHours(days: number, rules: CreditRules): number {
  if (!Number.isFinite(days) || days <= 0) return 0;
  return roundHours(days * rules.offPostHoursPerDay);
}

/** Hours for teaching: hours taught times the teaching multiplier. */
export function teachingHours(hoursTaught: number, rules: CreditRules): number {
  if (!Number.isFinite(hoursTaught) || hoursTaught <= 0) return 0;
  return roundHours(hoursTaught * rules.teachingMultiplier);
}

/** Hundredths, robust to binary drift (0.1 + 0.2). Quarter hours are exact anyway. */
export function roundHours(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

// ---------------------------------------------------------------------------
// Evaluating a year
// ---------------------------------------------------------------------------

export type SourceBreakdown = {
  /** Approved hours before caps. */
  approved: number;
  credited: number;
  /** Approved hours the cap refused. */
  capped: number;
  pending: number;
};

export type EntryCredit = { entryId: string; category: HoursCategory; source: HoursSource; hours: number; credited: number; capped: number };

export type CategoryEvaluation = {
  category: HoursCategory;
  requirement: number;
  carriedIn: number;
  /** Approved hours before caps. */
  approved: number;
  /** Approved hours after caps: what counts. */
  credited: number;
  capped: number;
  /** Awaiting approval: shown, never counted. */
  pending: number;
  bySource: Record<HoursSource, SourceBreakdown>;
  /** credited + carriedIn ≥ requirement. */
  met: boolean;
  shortfall: number;
  surplus: number;
  /** Hours this category takes into next year (0 unless the rules carry surplus over). */
  carryOut: number;
};

export type YearEvaluation = {
  year: number;
  categories: Record<HoursCategory, CategoryEvaluation>;
  /** Each approved entry of the year, in crediting order, with what it credited. */
  entries: EntryCredit[];
};

/**
 * One person's year under `rules`. Only APPROVED entries of `rules.year` count;
 * PENDING ones are reported apart; REJECTED and VOIDED ones are ignored.
 *
 * Caps: each source's cap applies per category across the year, entries taken in
 * recordedAt order (id breaks ties, so the answer never depends on the caller's order).
 * Once a source reaches its cap, later entries credit nothing; the one that crosses it
 * credits the room left. Caps are per category because the categories are separate
 * requirements: a political-theory lesson must not use up room towards the 60 hours.
 *
 * Carry-over: carried-in hours are spent first, so only this year's own hours can carry
 * out and no hour rolls forward twice; nothing carries out of a category with no
 * requirement, as there is nothing for it to count towards.
 */
export function evaluateYear(
  entries: readonly LedgerEntry[],
  rules: CreditRules,
  options: { carriedIn?: Partial<Record<HoursCategory, number>> } = {},
): YearEvaluation {
  const ofYear = entries.filter((e) => e.year === rules.year);
  if (new Set(ofYear.map((e) => e.personId)).size > 1) throw new Error("evaluateYear takes one person's entries");

  const categories = Object.fromEntries(
    HOURS_CATEGORIES.map((category) => [category, emptyCategory(category, rules, options.carriedIn?.[category] ?? 0)]),
  ) as Record<HoursCategory, CategoryEvaluation>;
  const credits: EntryCredit[] = [];

  const ordered = [...ofYear].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const entry of ordered) {
    const cat = categories[entry.category];
    const src = cat.bySource[entry.source];
    if (entry.status === "PENDING") {
      src.pending = roundHours(src.pending + entry.hours);
      continue;
    }
    if (entry.status !== "APPROVED") continue;

    const cap = rules.capsPerSource[entry.source];
    const room = cap === undefined ? Infinity : Math.max(0, roundHours(cap - src.credited));
    const credited = Math.min(entry.hours, room);
    const capped = roundHours(entry.hours - credited);
    src.approved = roundHours(src.approved + entry.hours);
    src.credited = roundHours(src.credited + credited);
    src.capped = roundHours(src.capped + capped);
    credits.push({ entryId: entry.id, category: entry.category, source: entry.source, hours: entry.hours, credited, capped });
  }

  for (const cat of Object.values(categories)) {
    const sources = Object.values(cat.bySource);
    cat.approved = roundHours(sources.reduce((sum, s) => sum + s.approved, 0));
    cat.credited = roundHours(sources.reduce((sum, s) => sum + s.credited, 0));
    cat.capped = roundHours(sources.reduce((sum, s) => sum + s.capped, 0));
    cat.pending = roundHours(sources.reduce((sum, s) => sum + s.pending, 0));
    const total = roundHours(cat.credited + cat.carriedIn);
    cat.met = total >= cat.requirement;
    cat.shortfall = Math.max(0, roundHours(cat.requirement - total));
    cat.surplus = Math.max(0, roundHours(total - cat.requirement));
    cat.carryOut = rules.carryOverSurplus && cat.requirement > 0 ? Math.min(cat.surplus, cat.credited, rules.carryOverMax) : 0;
  }

  return { year: rules.year, categories, entries: credits };
}

function emptyCategory(category: HoursCategory, rules: CreditRules, carriedIn: number): CategoryEvaluation {
  const bySource = Object.fromEntries(HOURS_SOURCES.map((s) => [s, { approved: 0, credited: 0, capped: 0, pending: 0 }])) as Record<HoursSource, SourceBreakdown>;
  return {
    category,
    requirement: rules.requirement[category],
    carriedIn: Math.max(0, carriedIn),
    approved: 0,
    credited: 0,
    capped: 0,
    pending: 0,
    bySource,
    met: false,
    shortfall: 0,
    surplus: 0,
    carryOut: 0,
  };
}

// ---------------------------------------------------------------------------
// Calendar years in China, and pace
// ---------------------------------------------------------------------------

/** Officers are in China: years turn in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Before this day of the year a projection is mostly noise (one lesson on Jan 2 projects to 180 hours). */
export const PROJECTION_FROM_DAY = 15;

/** The calendar year of an instant as seen in Shanghai: 2025-12-31T16:10Z is already 2026. */
export function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** 365 or 366. */
export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
}

/** 1 on January 1 (Shanghai), 365 or 366 on December 31. */
export function shanghaiDayOfYear(date: Date): number {
  const shifted = date.getTime() + SHANGHAI_OFFSET_MS;
  return Math.floor((shifted - Date.UTC(new Date(shifted).getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

export type YearEndProjection = {
  /** Hours expected by December 31 at the pace so far; null when it cannot be told yet. */
  projected: number | null;
  behindPace: boolean;
  /** Days of the year elapsed, today included. */
  daysElapsed: number;
  daysInYear: number;
  basis: "NOT_STARTED" | "TOO_EARLY" | "PACE" | "YEAR_ENDED";
};

/**
 * Where a person will be at year end if they keep the pace so far: credited hours
 * scaled by days in the year over days elapsed (today counts as elapsed, so on
 * December 31 the projection is what they have). Carried-in hours do not accrue at a
 * pace: pass `requirement` net of them.
 *
 * - Before day `PROJECTION_FROM_DAY` there is no projection; only someone with nothing
 *   at all is behind.
 * - A year not yet begun has no projection and nobody is behind.
 * - A year already over projects to what was credited.
 */
export function projectYearEnd(creditedSoFar: number, asOf: Date, year: number, requirement: number): YearEndProjection {
  const total = daysInYear(year);
  const asOfYear = shanghaiYear(asOf);
  if (asOfYear < year) return { projected: null, behindPace: false, daysElapsed: 0, daysInYear: total, basis: "NOT_STARTED" };
  if (asOfYear > year) {
    return { projected: roundHours(creditedSoFar), behindPace: creditedSoFar < requirement, daysElapsed: total, daysInYear: total, basis: "YEAR_ENDED" };
  }
  const daysElapsed = shanghaiDayOfYear(asOf);
  if (daysElapsed < PROJECTION_FROM_DAY) {
    return { projected: null, behindPace: requirement > 0 && creditedSoFar <= 0, daysElapsed, daysInYear: total, basis: "TOO_EARLY" };
  }
  const projected = roundHours((creditedSoFar * total) / daysElapsed);
  return { projected, behindPace: projected < requirement, daysElapsed, daysInYear: total, basis: "PACE" };
}

// ---------------------------------------------------------------------------
// Corrections
// ---------------------------------------------------------------------------

export type NewLedgerEntry = Omit<LedgerEntry, "id"> & { correctsEntryId: string };
export type VoidAction = { entryId: string; status: "VOIDED"; reason: string; voidedAt: Date };
export type CorrectionChanges = Partial<Pick<LedgerEntry, "year" | "hours" | "category" | "source">> & {
  /** The corrected entry's status; PENDING unless the caller knows the actor may approve. */
  status?: "PENDING" | "APPROVED";
};

/**
 * What to write to correct an entry. Entries are never edited: the old one is voided
 * (with the reason) and a new one takes its place, pointing back to it. The new entry
 * keeps the old one's recordedAt: it is the same activity, so it keeps its place in the
 * order caps are applied, and correcting an early entry cannot push a later one over a
 * cap. A corrected figure needs approving again unless `changes.status` says otherwise.
 */
export function correctionOf(
  entry: LedgerEntry,
  changes: CorrectionChanges,
  meta: { reason: string; at: Date },
): { ok: true; void: VoidAction; replacement: NewLedgerEntry } | { ok: false; reason: "ALREADY_VOIDED" | "REASON_REQUIRED" | "INVALID_HOURS" } {
  const voided = voidOf(entry, meta);
  if (!voided.ok) return voided;
  const hours = changes.hours ?? entry.hours;
  if (!Number.isFinite(hours) || hours <= 0) return { ok: false, reason: "INVALID_HOURS" };
  return {
    ok: true,
    void: voided.void,
    replacement: {
      personId: entry.personId,
      year: changes.year ?? entry.year,
      hours,
      category: changes.category ?? entry.category,
      source: changes.source ?? entry.source,
      status: changes.status ?? "PENDING",
      recordedAt: entry.recordedAt,
      correctsEntryId: entry.id,
    },
  };
}

/** Voiding alone (an entry that should not exist at all). A voided entry stays voided: voiding twice would hide who voided it first. */
export function voidOf(entry: LedgerEntry, meta: { reason: string; at: Date }): { ok: true; void: VoidAction } | { ok: false; reason: "ALREADY_VOIDED" | "REASON_REQUIRED" } {
  if (entry.status === "VOIDED") return { ok: false, reason: "ALREADY_VOIDED" };
  const reason = meta.reason.trim();
  if (!reason) return { ok: false, reason: "REASON_REQUIRED" };
  return { ok: true, void: { entryId: entry.id, status: "VOIDED", reason, voidedAt: meta.at } };
}
