import { z } from "zod";
import type { CredentialType } from "~/generated/prisma/client";
import { STAFF_CATEGORIES } from "~/modules/people/rules";

/*
 * Credentials (执法证, 现场监测上岗证, 法律职业资格 …): pure rules. No I/O, no clock —
 * callers pass `asOf`.
 *
 * Types are configuration (CredentialType rows, JSON columns parsed here). A type says who
 * may hold it, what makes a person eligible, how long an issued credential is valid, how it
 * is renewed and how long a grace period follows expiry. Changing a type never rewrites an
 * issued credential: dates are fixed at issue and renewal.
 *
 * Dates. `validFrom` and `validUntil` are calendar dates (midnight Asia/Shanghai, stored
 * in UTC). `validUntil` is the LAST day of validity (民法典 第二百零二条: 到期月的对应日为期间
 * 的最后一日；没有对应日的，月末日为期间的最后一日), so 2024-02-29 + 12 months is valid
 * through 2025-02-28. The credential stops being valid at the end of that day
 * (`expiresAt` = validUntil + 1 day); the grace period runs `graceDays` days after that.
 */

export const CREDENTIAL_KINDS = ["ISSUED", "EXTERNAL"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Stored statuses: the effect of the newest event. Expiry is derived from validUntil. */
export const CREDENTIAL_STATUSES = ["APPLIED", "NOMINATED", "ACTIVE", "SUSPENDED", "REVOKED", "REJECTED", "WITHDRAWN"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];
/** A person holds at most one live credential (or application) per type (DB trigger). */
export const LIVE_STATUSES = ["APPLIED", "NOMINATED", "ACTIVE", "SUSPENDED"] as const;
export const PENDING_STATUSES = ["APPLIED", "NOMINATED"] as const;

export const DISPLAY_STATUSES = [
  "APPLIED",
  "NOMINATED",
  "ACTIVE",
  "EXPIRING",
  "GRACE",
  "EXPIRED",
  "SUSPENDED",
  "REVOKED",
  "REJECTED",
  "WITHDRAWN",
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const CREDENTIAL_ACTIONS = [
  "APPLIED",
  "NOMINATED",
  "ISSUED",
  "RECORDED",
  "RENEWED",
  "SUSPENDED",
  "REINSTATED",
  "REVOKED",
  "REJECTED",
  "WITHDRAWN",
  "REMINDED",
] as const;
export type CredentialAction = (typeof CREDENTIAL_ACTIONS)[number];

/** Exam and class types a rule may name (kept here so this file stays pure and small). */
export const RULE_EXAM_TYPES = ["CREDENTIAL_INITIAL", "CREDENTIAL_RENEWAL", "MONITORING_CREDENTIAL", "CLASS_TEST"] as const;
export const RULE_CLASS_TYPES = ["POST_INITIAL", "POST_RENEWAL", "OFF_POST", "JOINT_ENF_MON", "SPECIAL_TOPIC"] as const;

/** Default days before expiry a credential shows as EXPIRING when its type has no renewal window. */
export const DEFAULT_EXPIRING_DAYS = 90;
export const DEFAULT_NUMBER_PATTERN = "{province}{yy}{seq:5}";

// ---------------------------------------------------------------------------
// Type configuration (JSON columns)
// ---------------------------------------------------------------------------

const months = z.number({ message: "credentials.errors.months" }).int({ message: "credentials.errors.months" }).min(1, { message: "credentials.errors.months" }).max(240, { message: "credentials.errors.months" });
const hours = z.number({ message: "credentials.errors.hours" }).min(0, { message: "credentials.errors.hours" }).max(500, { message: "credentials.errors.hours" });
const examTypes = z.array(z.enum(RULE_EXAM_TYPES, { message: "credentials.errors.examType" }));
const classTypes = z.array(z.enum(RULE_CLASS_TYPES, { message: "credentials.errors.classType" }));

export const holderRuleSchema = z.object({
  categories: z.array(z.enum(STAFF_CATEGORIES, { message: "credentials.errors.category" })).min(1, { message: "credentials.errors.categoriesRequired" }),
  inEnforcementSystemOnly: z.boolean().default(false),
});
export type HolderRule = z.output<typeof holderRuleSchema>;

export const eligibilityRuleSchema = z.object({
  examTypes: examTypes.optional(),
  examWithinMonths: months.optional(),
  postTrainingTypes: classTypes.optional(),
  minHoursThisYear: hours.optional(),
});
export type EligibilityRule = z.output<typeof eligibilityRuleSchema>;

export const renewalRuleSchema = z.object({
  windowMonths: months.optional(),
  examTypes: examTypes.optional(),
  minHoursLastYear: hours.optional(),
  postTrainingTypes: classTypes.optional(),
  postTrainingWithinMonths: months.optional(),
});
export type RenewalRule = z.output<typeof renewalRuleSchema>;

/** A number pattern: literal letters/digits/-, and the tokens {province} {yy} {yyyy} {seq} {seq:N}; {seq…} required. */
export const numberPatternSchema = z
  .string()
  .trim()
  .max(40, { message: "errors.tooLong" })
  .refine((p) => p === "" || isValidNumberPattern(p), { message: "credentials.errors.numberPattern" });

export function isValidNumberPattern(pattern: string): boolean {
  const rest = pattern.replace(/\{(province|yy|yyyy|seq|seq:[1-9])\}/g, "");
  if (!/^[A-Za-z0-9-]*$/.test(rest)) return false;
  return (pattern.match(/\{seq(:[1-9])?\}/g) ?? []).length === 1;
}

/** The editable configuration of a type, validated as a whole (the types page saves this). */
export const typeConfigSchema = z
  .object({
    name: z.string().trim().min(2, { message: "errors.tooShort" }).max(60, { message: "errors.tooLong" }),
    nameEn: z.string().trim().min(2, { message: "errors.tooShort" }).max(80, { message: "errors.tooLong" }),
    holders: holderRuleSchema,
    eligibility: eligibilityRuleSchema,
    validityMonths: months.nullable(),
    renewal: renewalRuleSchema,
    graceDays: z.number({ message: "credentials.errors.graceDays" }).int({ message: "credentials.errors.graceDays" }).min(0, { message: "credentials.errors.graceDays" }).max(365, { message: "credentials.errors.graceDays" }),
    numberPattern: numberPatternSchema,
    active: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.renewal.windowMonths !== undefined && v.validityMonths !== null && v.renewal.windowMonths > v.validityMonths) {
      ctx.addIssue({ code: "custom", path: ["renewal", "windowMonths"], message: "credentials.errors.windowLongerThanValidity" });
    }
  });
export type TypeConfig = z.output<typeof typeConfigSchema>;

export type ParsedType = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: CredentialKind;
  holders: HolderRule;
  eligibility: EligibilityRule;
  validityMonths: number | null;
  renewal: RenewalRule;
  graceDays: number;
  numberPattern: string;
  active: boolean;
};

function json(value: string): unknown {
  try {
    return JSON.parse(value || "{}");
  } catch {
    return {};
  }
}

/** A type row with its JSON columns parsed. A column that fails its schema parses to the strictest reading. */
export function parseType(row: CredentialType): ParsedType {
  const holders = holderRuleSchema.safeParse(json(row.holders));
  const eligibility = eligibilityRuleSchema.safeParse(json(row.eligibility));
  const renewal = renewalRuleSchema.safeParse(json(row.renewal));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    kind: row.kind === "EXTERNAL" ? "EXTERNAL" : "ISSUED",
    // A broken holder rule admits nobody rather than everybody.
    holders: holders.success ? holders.data : { categories: [], inEnforcementSystemOnly: true },
    eligibility: eligibility.success ? eligibility.data : {},
    validityMonths: row.validityMonths,
    renewal: renewal.success ? renewal.data : {},
    graceDays: row.graceDays,
    numberPattern: row.numberPattern,
    active: row.active,
  };
}

/** The type's configuration as the form and the audit trail see it. */
export function typeConfigOf(type: ParsedType): TypeConfig {
  return {
    name: type.name,
    nameEn: type.nameEn,
    holders: type.holders,
    eligibility: type.eligibility,
    validityMonths: type.validityMonths,
    renewal: type.renewal,
    graceDays: type.graceDays,
    numberPattern: type.numberPattern,
    active: type.active,
  };
}

// ---------------------------------------------------------------------------
// Calendar arithmetic in Asia/Shanghai (UTC+8, no daylight saving)
// ---------------------------------------------------------------------------

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar year of an instant as seen in Shanghai. */
export function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** Midnight (Shanghai) of the day the instant falls on, as UTC. */
export function shanghaiDayStart(date: Date): Date {
  const shifted = date.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - SHANGHAI_OFFSET_MS);
}

/** "yyyy-mm-dd" → midnight of that day in Shanghai; null unless it names a real day. */
export function parseShanghaiDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return new Date(Date.UTC(y, mo - 1, d) - SHANGHAI_OFFSET_MS);
}

/**
 * The same time of day `n` months later (or earlier) in Shanghai; a day the target month lacks
 * becomes its last day (Jan 31 + 1 month = Feb 28/29; Feb 29 + 12 months = Feb 28).
 */
export function addMonths(date: Date, n: number): Date {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + n;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const msOfDay = local.getTime() - Date.UTC(y, local.getUTCMonth(), local.getUTCDate());
  return new Date(Date.UTC(targetYear, targetMonth, day) + msOfDay - SHANGHAI_OFFSET_MS);
}

export function addDays(date: Date, n: number): Date {
  return new Date(date.getTime() + n * DAY_MS);
}

/** The last day of validity for a credential valid `validityMonths` from `validFrom` (both calendar dates). */
export function validUntilFor(validFrom: Date, validityMonths: number | null): Date | null {
  if (validityMonths === null || validityMonths === undefined) return null;
  return addMonths(shanghaiDayStart(validFrom), validityMonths);
}

/** The instant a credential stops being valid: the end of its last day. */
export function expiresAt(validUntil: Date): Date {
  return addDays(shanghaiDayStart(validUntil), 1);
}

/** The instant the grace period after expiry ends. */
export function graceEndsAt(validUntil: Date, graceDays: number): Date {
  return addDays(expiresAt(validUntil), Math.max(0, graceDays));
}

/** The day the renewal window opens: `windowMonths` before the last day of validity. */
export function windowOpensAt(validUntil: Date, windowMonths: number): Date {
  return addMonths(shanghaiDayStart(validUntil), -windowMonths);
}

/** The renewed last day: old last day + validityMonths (not from today). */
export function renewedValidUntil(validUntil: Date, validityMonths: number): Date {
  return addMonths(shanghaiDayStart(validUntil), validityMonths);
}

// ---------------------------------------------------------------------------
// Status as shown
// ---------------------------------------------------------------------------

type GraceAndWindow = { graceDays: number; renewal?: string | { windowMonths?: number } | null };

function windowMonthsOf(type: GraceAndWindow): number | undefined {
  const r = type.renewal;
  if (!r) return undefined;
  const rule = typeof r === "string" ? renewalRuleSchema.safeParse(json(r)) : { success: true as const, data: r };
  return rule.success ? rule.data.windowMonths : undefined;
}

/**
 * The status a person or HR sees. ACTIVE credentials are EXPIRING from the day the renewal
 * window opens (when the type has one; else `expiringDays` before expiry, 90 by default —
 * an explicit `expiringDays` always wins), GRACE from the end of the last valid day until
 * the grace period ends (renewable, but not valid), EXPIRED after that. Other statuses are
 * shown as stored. Pass the parsed type (or the row) to get the window-based reading.
 */
export function displayStatus(
  credential: { status: string; validUntil: Date | null },
  type: GraceAndWindow,
  asOf: Date,
  expiringDays?: number,
): DisplayStatus {
  const status = credential.status as CredentialStatus;
  if (status !== "ACTIVE") return (DISPLAY_STATUSES as readonly string[]).includes(status) ? status : "ACTIVE";
  if (!credential.validUntil) return "ACTIVE";
  const t = asOf.getTime();
  const until = new Date(credential.validUntil);
  if (t >= graceEndsAt(until, type.graceDays).getTime()) return "EXPIRED";
  if (t >= expiresAt(until).getTime()) return "GRACE";
  const windowMonths = expiringDays === undefined ? windowMonthsOf(type) : undefined;
  const opens = windowMonths ? windowOpensAt(until, windowMonths) : addDays(expiresAt(until), -(expiringDays ?? DEFAULT_EXPIRING_DAYS));
  if (t >= opens.getTime()) return "EXPIRING";
  return "ACTIVE";
}

/** Valid right now (what verification answers): ACTIVE or EXPIRING. */
export function isValidStatus(status: DisplayStatus): boolean {
  return status === "ACTIVE" || status === "EXPIRING";
}

// ---------------------------------------------------------------------------
// Facts and eligibility
// ---------------------------------------------------------------------------

export type PersonFacts = {
  personId: string;
  category: string;
  inEnforcementSystem: boolean;
  status: string;
  examPasses: { examType: string; at: Date }[];
  classCompletions: { classType: string; at: Date }[];
  /** Professional hours per (Shanghai) year: credited + carried in. */
  hoursByYear: Record<number, number>;
};

export type UnmetCode =
  | "TYPE_INACTIVE"
  | "EXTERNAL_ONLY"
  | "HOLDER_CATEGORY"
  | "NOT_IN_ENFORCEMENT_SYSTEM"
  | "NOT_ACTIVE"
  | "EXAM"
  | "POST_TRAINING"
  | "HOURS"
  | "NO_EXPIRY"
  | "CREDENTIAL_NOT_ACTIVE"
  | "WINDOW_NOT_OPEN"
  | "PAST_GRACE";
export type Unmet = { code: UnmetCode; params: Record<string, string | number> };

/** Exam passes counted: of one of the types, at or after `since` (inclusive), not after asOf. */
function passedExam(facts: PersonFacts, types: string[], since: Date | null, asOf: Date): boolean {
  return facts.examPasses.some(
    (p) => types.includes(p.examType) && p.at.getTime() <= asOf.getTime() && (!since || p.at.getTime() >= since.getTime()),
  );
}

function completedClass(facts: PersonFacts, types: string[], since: Date | null, asOf: Date): boolean {
  return facts.classCompletions.some(
    (c) => types.includes(c.classType) && c.at.getTime() <= asOf.getTime() && (!since || c.at.getTime() >= since.getTime()),
  );
}

function holderUnmet(type: ParsedType, facts: PersonFacts): Unmet[] {
  const unmet: Unmet[] = [];
  if (facts.status !== "ACTIVE") unmet.push({ code: "NOT_ACTIVE", params: { status: facts.status } });
  if (!type.holders.categories.includes(facts.category as never)) {
    unmet.push({ code: "HOLDER_CATEGORY", params: { category: facts.category, categories: type.holders.categories.join(",") } });
  }
  if (type.holders.inEnforcementSystemOnly && !facts.inEnforcementSystem) unmet.push({ code: "NOT_IN_ENFORCEMENT_SYSTEM", params: {} });
  return unmet;
}

/**
 * Whether a person may be issued a credential of this type now, with every unmet condition.
 * An exam passed exactly `examWithinMonths` months ago (same time of day) still counts.
 */
export function eligibilityOf(type: ParsedType, facts: PersonFacts, asOf: Date): { eligible: boolean; unmet: Unmet[] } {
  const unmet: Unmet[] = [];
  if (!type.active) unmet.push({ code: "TYPE_INACTIVE", params: {} });
  if (type.kind === "EXTERNAL") unmet.push({ code: "EXTERNAL_ONLY", params: {} });
  unmet.push(...holderUnmet(type, facts));
  const rule = type.eligibility;
  if (rule.examTypes && rule.examTypes.length > 0) {
    const since = rule.examWithinMonths ? addMonths(asOf, -rule.examWithinMonths) : null;
    if (!passedExam(facts, rule.examTypes, since, asOf)) {
      unmet.push({ code: "EXAM", params: { examTypes: rule.examTypes.join(","), months: rule.examWithinMonths ?? 0 } });
    }
  }
  if (rule.postTrainingTypes && rule.postTrainingTypes.length > 0 && !completedClass(facts, rule.postTrainingTypes, null, asOf)) {
    unmet.push({ code: "POST_TRAINING", params: { classTypes: rule.postTrainingTypes.join(","), months: 0 } });
  }
  if (rule.minHoursThisYear && rule.minHoursThisYear > 0) {
    const year = shanghaiYear(asOf);
    const have = facts.hoursByYear[year] ?? 0;
    if (have < rule.minHoursThisYear) unmet.push({ code: "HOURS", params: { year, required: rule.minHoursThisYear, have } });
  }
  return { eligible: unmet.length === 0, unmet };
}

/**
 * Where a credential stands for renewal. `inWindow`: from the window opening to the end of
 * the grace period (a type without a window: from the grace period's start, i.e. expiry).
 * `ready`: in window, ACTIVE, holder still eligible to hold, and every renewal condition met.
 * The renewal exam counts when passed in the current validity period (validUntil − validityMonths
 * onwards); post training within `postTrainingWithinMonths` of asOf; hours of the previous year.
 */
export function renewalOf(
  type: ParsedType,
  credential: { validUntil: Date | null; status?: string },
  facts: PersonFacts,
  asOf: Date,
): { inWindow: boolean; opensAt: Date | null; ready: boolean; unmet: Unmet[] } {
  const unmet: Unmet[] = [];
  if (!credential.validUntil || !type.validityMonths) {
    return { inWindow: false, opensAt: null, ready: false, unmet: [{ code: "NO_EXPIRY", params: {} }] };
  }
  const until = new Date(credential.validUntil);
  const rule = type.renewal;
  const opensAt = rule.windowMonths ? windowOpensAt(until, rule.windowMonths) : expiresAt(until);
  const closesAt = graceEndsAt(until, type.graceDays);
  const t = asOf.getTime();
  const inWindow = t >= opensAt.getTime() && t < closesAt.getTime();
  if (credential.status !== undefined && credential.status !== "ACTIVE") {
    unmet.push({ code: "CREDENTIAL_NOT_ACTIVE", params: { status: credential.status } });
  }
  if (t < opensAt.getTime()) unmet.push({ code: "WINDOW_NOT_OPEN", params: { opensAt: opensAt.toISOString() } });
  if (t >= closesAt.getTime()) unmet.push({ code: "PAST_GRACE", params: { closedAt: closesAt.toISOString() } });
  if (!type.active) unmet.push({ code: "TYPE_INACTIVE", params: {} });
  unmet.push(...holderUnmet(type, facts));
  if (rule.examTypes && rule.examTypes.length > 0) {
    const periodStart = addMonths(until, -type.validityMonths);
    if (!passedExam(facts, rule.examTypes, periodStart, asOf)) {
      unmet.push({ code: "EXAM", params: { examTypes: rule.examTypes.join(","), months: 0 } });
    }
  }
  if (rule.postTrainingTypes && rule.postTrainingTypes.length > 0) {
    const since = rule.postTrainingWithinMonths ? addMonths(asOf, -rule.postTrainingWithinMonths) : null;
    if (!completedClass(facts, rule.postTrainingTypes, since, asOf)) {
      unmet.push({ code: "POST_TRAINING", params: { classTypes: rule.postTrainingTypes.join(","), months: rule.postTrainingWithinMonths ?? 0 } });
    }
  }
  if (rule.minHoursLastYear && rule.minHoursLastYear > 0) {
    const year = shanghaiYear(asOf) - 1;
    const have = facts.hoursByYear[year] ?? 0;
    if (have < rule.minHoursLastYear) unmet.push({ code: "HOURS", params: { year, required: rule.minHoursLastYear, have } });
  }
  return { inWindow, opensAt, ready: inWindow && unmet.length === 0, unmet };
}

/** Where an unmet condition can be worked on (officer view links). */
export function unmetLink(u: Unmet): "/take" | "/classes" | "/hours" | null {
  if (u.code === "EXAM") return "/take";
  if (u.code === "POST_TRAINING") return "/classes";
  if (u.code === "HOURS") return "/hours";
  return null;
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/**
 * A credential number from the type's pattern: {province} the 2-digit province code,
 * {yy}/{yyyy} the year, {seq:N} the sequence zero-padded to N digits ({seq}: unpadded).
 * "ZF{province}{yy}{seq:5}", "33", 2026, 1 → "ZF332600001".
 */
export function formatNumber(pattern: string, provinceCode2: string, year: number, seq: number): string {
  const p = pattern.trim() === "" ? DEFAULT_NUMBER_PATTERN : pattern;
  return p
    .replace(/\{province\}/g, provinceCode2)
    .replace(/\{yyyy\}/g, String(year))
    .replace(/\{yy\}/g, String(year % 100).padStart(2, "0"))
    .replace(/\{seq(?::([1-9]))?\}/g, (_, width: string | undefined) => String(seq).padStart(width ? Number(width) : 0, "0"));
}

/** The 2-digit province part of a 6-digit division code; the national unit (or none) is "00". */
export function provinceCode2(unit: { level: string; code: string } | null): string {
  if (!unit || unit.level === "NATIONAL" || !/^\d{2}/.test(unit.code)) return "00";
  return unit.code.slice(0, 2);
}

/** The key of CredentialNumberSeq: `${typeCode}:${provinceCode}:${year}`. */
export function numberSeqKey(typeCode: string, province: string, year: number): string {
  return `${typeCode}:${province}:${year}`;
}

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

export type Transition = "issue" | "renew" | "suspend" | "reinstate" | "revoke" | "reject" | "withdraw";

/** Which actions a stored status allows (renew also needs the window and conditions: renewalOf). */
export function allowedTransitions(status: string): Transition[] {
  switch (status) {
    case "APPLIED":
    case "NOMINATED":
      return ["issue", "reject", "withdraw"];
    case "ACTIVE":
      return ["renew", "suspend", "revoke"];
    case "SUSPENDED":
      return ["reinstate", "revoke"];
    default:
      return [];
  }
}

export function canTransition(status: string, action: Transition): boolean {
  return allowedTransitions(status).includes(action);
}

/** Reasons HR writes (suspend, reinstate, revoke, reject). */
export const reasonSchema = z.string().trim().min(2, { message: "errors.reasonRequired" }).max(500, { message: "errors.tooLong" });
