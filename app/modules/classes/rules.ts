import { z } from "zod";
import { HOURS_CATEGORIES } from "~/modules/hours/rules";
import { STAFF_CATEGORIES } from "~/modules/people/rules";

/*
 * Offline classes (培训班) and training bases (实战实训基地): the pure decisions.
 *
 * - Dates of a class are calendar days in China: stored as midnight Asia/Shanghai in UTC.
 * - Capacity is never exceeded: a new enrolment is ENROLLED while seats remain, else
 *   WAITLISTED; when a seat frees the earliest waitlisted (createdAt, then id) moves up.
 * - Attendance marks are append-only; the newest mark per session and person is the truth.
 * - Check-in codes are derived, not stored: a keyed MAC of (session id, time window);
 *   the current and the previous window are accepted.
 * - Completion: attended sessions / sessions ≥ the class's percentage, and the class test
 *   passed when one is set.
 */

export const CLASS_TYPES = [
  "POST_INITIAL",
  "POST_RENEWAL",
  "OFF_POST",
  "JOINT_ENF_MON",
  "SPECIAL_TOPIC",
] as const;
export type ClassType = (typeof CLASS_TYPES)[number];
export const CLASS_LEVELS = ["NATIONAL", "PROVINCE"] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];
export const CLASS_STATUSES = [
  "DRAFT",
  "OPEN",
  "CLOSED",
  "COMPLETED",
  "CANCELLED",
] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
export const ENROLMENT_MODES = ["APPLY", "NOMINATE", "BOTH"] as const;
export type EnrolmentMode = (typeof ENROLMENT_MODES)[number];
export const ENROLMENT_STATUSES = [
  "APPLIED",
  "ENROLLED",
  "WAITLISTED",
  "REJECTED",
  "WITHDRAWN",
  "COMPLETED",
  "INCOMPLETE",
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
/** Statuses that hold (or wait for) a seat: a person with one of these cannot apply again. */
export const ACTIVE_ENROLMENT: readonly EnrolmentStatus[] = [
  "APPLIED",
  "ENROLLED",
  "WAITLISTED",
  "COMPLETED",
  "INCOMPLETE",
];
/** Statuses that took part in the class (counted for attendance and the survey). */
export const PARTICIPANT: readonly EnrolmentStatus[] = [
  "ENROLLED",
  "COMPLETED",
  "INCOMPLETE",
];

/** Which status moves are allowed for a class (never deleted; cancelled instead). */
export const CLASS_TRANSITIONS: Record<ClassStatus, readonly ClassStatus[]> = {
  DRAFT: ["OPEN", "CANCELLED"],
  OPEN: ["CLOSED", "COMPLETED", "CANCELLED"],
  CLOSED: ["OPEN", "COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

export function canTransition(from: string, to: ClassStatus): boolean {
  return (CLASS_TRANSITIONS[from as ClassStatus] ?? []).includes(to);
}

/** A class is NATIONAL when the organising unit is the ministry, PROVINCE otherwise. */
export function classLevelFor(unitLevel: string): ClassLevel {
  return unitLevel === "NATIONAL" ? "NATIONAL" : "PROVINCE";
}

// ---------------------------------------------------------------------------
// Calendar days in China
// ---------------------------------------------------------------------------
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

/** "yyyy-mm-dd" → midnight of that day in China, as UTC. */
export function shanghaiMidnight(value: string): Date {
  return new Date(`${value}T00:00:00+08:00`);
}

/** yyyy-mm-dd of an instant as seen in China. */
export function shanghaiDate(value: Date): string {
  return new Date(value.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** "yyyy-mm-ddThh:mm" (China wall clock, as a datetime-local input gives it) → UTC. */
export function shanghaiWallClock(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

/** The China wall clock of an instant, for a datetime-local input. */
export function toShanghaiWallClock(value: Date): string {
  return new Date(value.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** Calendar days from start to end inclusive, counted in China (same day → 1; end before start → 0). */
export function inclusiveDays(start: Date, end: Date): number {
  const a = Date.parse(`${shanghaiDate(start)}T00:00:00Z`);
  const b = Date.parse(`${shanghaiDate(end)}T00:00:00Z`);
  return b < a ? 0 : Math.round((b - a) / 86_400_000) + 1;
}

/** Whether an instant falls on the same China calendar day as `now`. */
export function isSameShanghaiDay(value: Date, now: Date): boolean {
  return shanghaiDate(value) === shanghaiDate(now);
}

// ---------------------------------------------------------------------------
// Seats and the waiting list
// ---------------------------------------------------------------------------
/** Where a newly accepted person goes: a seat while one is free, else the waiting list. */
export function seatFor(
  enrolled: number,
  capacity: number
): "ENROLLED" | "WAITLISTED" {
  return enrolled < capacity ? "ENROLLED" : "WAITLISTED";
}

type Waiting = { id: string; createdAt: Date };

/** The waiting list in promotion order: earliest createdAt first, id breaking ties. */
export function waitlistOrder<T extends Waiting>(waiting: readonly T[]): T[] {
  return [...waiting].sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Who moves up when `freeSeats` seats are free (never more than the list holds). */
export function promotions<T extends Waiting>(
  waiting: readonly T[],
  freeSeats: number
): T[] {
  return waitlistOrder(waiting).slice(0, Math.max(0, freeSeats));
}

// ---------------------------------------------------------------------------
// Audience
// ---------------------------------------------------------------------------
export type Audience = { categories: string[]; unitIds: string[] };

export function parseAudience(json: string | null | undefined): Audience {
  try {
    const raw = JSON.parse(json || "{}") as Partial<Audience>;
    return {
      categories: Array.isArray(raw.categories)
        ? raw.categories.filter((c): c is string => typeof c === "string")
        : [],
      unitIds: Array.isArray(raw.unitIds)
        ? raw.unitIds.filter((c): c is string => typeof c === "string")
        : [],
    };
  } catch {
    return { categories: [], unitIds: [] };
  }
}

/**
 * Whether a person is in a class's audience: their category is listed (or none are), and
 * their unit is at or below one of the listed units — or below the organiser when none are.
 * `unitPaths` resolves the listed unit ids to paths.
 */
export function inAudience(
  audience: Audience,
  organiserPath: string,
  unitPaths: ReadonlyMap<string, string>,
  person: { category: string; unitPath: string }
): boolean {
  if (
    audience.categories.length > 0 &&
    !audience.categories.includes(person.category)
  )
    return false;
  if (audience.unitIds.length === 0)
    return person.unitPath.startsWith(organiserPath);
  return audience.unitIds.some((id) => {
    const path = unitPaths.get(id);
    return !!path && person.unitPath.startsWith(path);
  });
}

// ---------------------------------------------------------------------------
// Attendance and completion
// ---------------------------------------------------------------------------
export type Mark = {
  sessionId: string;
  personId: string;
  present: boolean;
  seq: number;
};

/** The newest mark per session and person ("sessionId:personId" → mark); `seq` orders marks. */
export function latestMarks<T extends Mark>(
  marks: readonly T[]
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const m of marks) {
    const key = `${m.sessionId}:${m.personId}`;
    const seen = latest.get(key);
    if (!seen || seen.seq < m.seq) latest.set(key, m);
  }
  return latest;
}

/** Sessions a person attended according to the newest marks. */
export function attendedSessions(
  latest: ReadonlyMap<string, Mark>,
  personId: string,
  sessionIds: readonly string[]
): number {
  return sessionIds.filter(
    (s) => latest.get(`${s}:${personId}`)?.present === true
  ).length;
}

export type CompletionInput = {
  sessions: number;
  attended: number;
  requiredPct: number;
  testRequired: boolean;
  testPassed: boolean;
};
export type CompletionOutcome = {
  complete: boolean;
  attendancePct: number;
  reasons: ("attendance" | "test")[];
};

/** The completion rule: attendance share ≥ required percentage and, if set, the class test passed. */
export function completionOutcome(c: CompletionInput): CompletionOutcome {
  // A class without sessions has nothing to attend: attendance counts as full.
  const attendancePct =
    c.sessions <= 0
      ? 100
      : Math.round((Math.min(c.attended, c.sessions) / c.sessions) * 1000) / 10;
  const reasons: CompletionOutcome["reasons"] = [];
  // Compared exactly (attended × 100 ≥ pct × sessions) so rounding never decides.
  if (
    c.sessions > 0 &&
    Math.min(c.attended, c.sessions) * 100 < c.requiredPct * c.sessions
  )
    reasons.push("attendance");
  if (c.testRequired && !c.testPassed) reasons.push("test");
  return { complete: reasons.length === 0, attendancePct, reasons };
}

// ---------------------------------------------------------------------------
// Check-in codes
// ---------------------------------------------------------------------------
export const CHECKIN_WINDOW_SECONDS = 60;

/** The time window an instant falls in. */
export function checkinWindow(
  now: Date,
  windowSeconds = CHECKIN_WINDOW_SECONDS
): number {
  return Math.floor(now.getTime() / (windowSeconds * 1000));
}

/** Windows whose codes are accepted now: the current and the previous one. */
export function acceptedWindows(
  now: Date,
  windowSeconds = CHECKIN_WINDOW_SECONDS
): number[] {
  const w = checkinWindow(now, windowSeconds);
  return [w, w - 1];
}

/** Seconds until the current window ends (the organiser's page refreshes then). */
export function secondsLeftInWindow(
  now: Date,
  windowSeconds = CHECKIN_WINDOW_SECONDS
): number {
  const ms = windowSeconds * 1000;
  return Math.max(1, Math.ceil((ms - (now.getTime() % ms)) / 1000));
}

/** The message MACed for a session's code in a window. */
export function checkinMessage(sessionId: string, window: number): string {
  return `${sessionId}:${window}`;
}

/** The code in a check-in URL: the first 16 characters of the base64url MAC. */
export function urlCode(mac: string): string {
  return mac.slice(0, 16);
}

/** The short code a person types: six digits derived from the MAC. */
export function shortCode(mac: string): string {
  // The first five base64url characters are 30 bits of the MAC.
  let n = 0;
  for (const ch of mac.slice(0, 5))
    n = n * 64 + Math.max(0, B64URL.indexOf(ch));
  return String(n % 1_000_000).padStart(6, "0");
}
const B64URL =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Constant-time-ish string comparison (codes are short; avoid early exit anyway). */
export function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether `code` is the URL code or the short code of the session in an accepted window.
 * `mac` is the keyed MAC (purposeMac bound to "class-checkin"), injected to keep this pure.
 */
export function checkinCodeValid(
  mac: (message: string) => string,
  sessionId: string,
  code: string,
  now: Date,
  kind: "url" | "short"
): boolean {
  const trimmed = code.trim();
  return acceptedWindows(now).some((w) => {
    const m = mac(checkinMessage(sessionId, w));
    return sameCode(kind === "url" ? urlCode(m) : shortCode(m), trimmed);
  });
}

// ---------------------------------------------------------------------------
// Codes, names, utilisation, survey
// ---------------------------------------------------------------------------
/** A class code: organiser unit code, year, three-digit sequence ("330000-2026-001"). */
export function classCode(unitCode: string, year: number, seq: number): string {
  return `${unitCode}-${year}-${String(seq).padStart(3, "0")}`;
}

/** The next sequence after the codes already used for that unit and year. */
export function nextClassSeq(
  existing: readonly string[],
  unitCode: string,
  year: number
): number {
  const prefix = `${unitCode}-${year}-`;
  let max = 0;
  for (const code of existing) {
    if (!code.startsWith(prefix)) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

const CERT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A certificate code from random bytes: "CC" + 12 unambiguous characters (public verification URLs must not be guessable). */
export function certificateCodeFrom(bytes: Uint8Array): string {
  let out = "CC";
  for (let i = 0; i < 12; i++)
    out += CERT_ALPHABET[bytes[i % bytes.length] % CERT_ALPHABET.length];
  return out;
}

/** A name with its middle hidden: 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join("");
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export type ClassSpan = {
  startDate: Date;
  endDate: Date;
  participants: number;
};

/**
 * Trainee-days a base hosted within [from, to] (calendar days in China) against what it
 * could host (capacity × days in the period). Classes are clipped to the period.
 */
export function utilisation(
  classes: readonly ClassSpan[],
  capacity: number,
  from: Date,
  to: Date
): { used: number; available: number; pct: number } {
  const periodDays = inclusiveDays(from, to);
  const available = Math.max(0, capacity) * periodDays;
  let used = 0;
  const lo = shanghaiDate(from);
  const hi = shanghaiDate(to);
  for (const c of classes) {
    const start = shanghaiDate(c.startDate) > lo ? c.startDate : from;
    const end = shanghaiDate(c.endDate) < hi ? c.endDate : to;
    used += inclusiveDays(start, end) * Math.max(0, c.participants);
  }
  return {
    used,
    available,
    pct: available > 0 ? Math.round((used / available) * 1000) / 10 : 0,
  };
}

export const SURVEY_ASPECTS = [
  "content",
  "trainers",
  "organisation",
  "usefulness",
] as const;
export type SurveyAspect = (typeof SURVEY_ASPECTS)[number];
export type SurveyRatings = Record<SurveyAspect, number>;

/** Averages per aspect (one decimal) and the number of responses. */
export function surveyAverages(responses: readonly SurveyRatings[]): {
  count: number;
  averages: Record<SurveyAspect, number | null>;
} {
  const averages = {} as Record<SurveyAspect, number | null>;
  for (const a of SURVEY_ASPECTS) {
    const values = responses
      .map((r) => r[a])
      .filter((v) => typeof v === "number" && v >= 1 && v <= 5);
    averages[a] = values.length
      ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) /
        10
      : null;
  }
  return { count: responses.length, averages };
}

/** A share as a percentage with one decimal; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

// ---------------------------------------------------------------------------
// Form schemas (shared by the route forms and the server)
// ---------------------------------------------------------------------------
const listOf = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(/[\s,，;；、]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const required = (max: number) =>
  z
    .string({ message: "errors.required" })
    .trim()
    .min(1, { message: "errors.required" })
    .max(max, { message: "errors.tooLong" });
const dateField = z
  .string({ message: "errors.required" })
  .refine(isCalendarDate, { message: "errors.dateFormat" });
const wallClock = z
  .string({ message: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
    message: "classes.errors.dateTime",
  });

export const sessionSchema = z
  .object({
    id: z.string().max(40).optional(),
    title: required(100),
    startsAt: wallClock,
    endsAt: wallClock,
  })
  .refine((s) => s.endsAt > s.startsAt, {
    path: ["endsAt"],
    message: "classes.errors.sessionEnd",
  });

export const classSchema = z
  .object({
    title: required(100),
    type: z.enum(CLASS_TYPES, { message: "errors.required" }),
    unitId: required(40),
    baseId: z.string().max(40).optional(),
    startDate: dateField,
    endDate: dateField,
    capacity: z.coerce
      .number({ message: "errors.number" })
      .int({ message: "classes.errors.capacity" })
      .min(1, { message: "classes.errors.capacity" })
      .max(5000, { message: "classes.errors.capacity" }),
    categories: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(STAFF_CATEGORIES, { message: "errors.category" }))
    ),
    audienceUnitIds: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().max(40)).max(50, { message: "errors.tooLong" })
    ),
    syllabusCodes: z
      .preprocess(
        listOf,
        z
          .array(z.string().max(40, { message: "errors.tooLong" }))
          .max(50, { message: "errors.tooLong" })
      )
      .optional(),
    trainerStaffNos: z
      .preprocess(
        listOf,
        z
          .array(z.string().max(20, { message: "errors.tooLong" }))
          .max(30, { message: "errors.tooLong" })
      )
      .optional(),
    creditHours: z.coerce
      .number({ message: "errors.number" })
      .min(0.25, { message: "classes.errors.creditHours" })
      .max(200, { message: "classes.errors.creditHours" })
      .refine((v) => Number.isInteger(v * 4), {
        message: "classes.errors.creditHours",
      }),
    category: z.enum(HOURS_CATEGORIES, { message: "errors.required" }),
    enrolmentMode: z.enum(ENROLMENT_MODES, { message: "errors.required" }),
    completionAttendancePct: z.coerce
      .number({ message: "errors.number" })
      .int({ message: "classes.errors.pct" })
      .min(0, { message: "classes.errors.pct" })
      .max(100, { message: "classes.errors.pct" }),
    classExamId: z.string().max(40).optional(),
    description: z
      .string()
      .trim()
      .max(2000, { message: "errors.tooLong" })
      .optional(),
    sessions: z
      .array(sessionSchema)
      .max(60, { message: "classes.errors.tooManySessions" })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (
      isCalendarDate(v.startDate) &&
      isCalendarDate(v.endDate) &&
      v.endDate < v.startDate
    )
      ctx.addIssue({
        code: "custom",
        path: ["endDate"],
        message: "classes.errors.endBeforeStart",
      });
    (v.sessions ?? []).forEach((s, i) => {
      const day = s.startsAt.slice(0, 10);
      if (
        isCalendarDate(v.startDate) &&
        isCalendarDate(v.endDate) &&
        (day < v.startDate || day > v.endDate)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["sessions", i, "startsAt"],
          message: "classes.errors.sessionOutside",
        });
      }
    });
  });
export type ClassInput = z.output<typeof classSchema>;

export const BASE_LEVELS = ["NATIONAL", "PROVINCE"] as const;

export const baseSchema = z.object({
  name: required(100),
  unitId: required(40),
  location: required(100),
  address: z.string().trim().max(200, { message: "errors.tooLong" }).optional(),
  specialities: z
    .preprocess(
      listOf,
      z
        .array(z.string().max(40, { message: "errors.tooLong" }))
        .max(30, { message: "errors.tooLong" })
    )
    .optional(),
  facilities: z
    .string()
    .trim()
    .max(2000, { message: "errors.tooLong" })
    .optional(),
  capacity: z.coerce
    .number({ message: "errors.number" })
    .int({ message: "classes.errors.capacity" })
    .min(1, { message: "classes.errors.capacity" })
    .max(5000, { message: "classes.errors.capacity" }),
});
export type BaseInput = z.output<typeof baseSchema>;

const rating = z.coerce
  .number({ message: "classes.errors.rating" })
  .int({ message: "classes.errors.rating" })
  .min(1, { message: "classes.errors.rating" })
  .max(5, { message: "classes.errors.rating" });
export const surveySchema = z.object({
  content: rating,
  trainers: rating,
  organisation: rating,
  usefulness: rating,
  comment: z
    .string()
    .trim()
    .max(1000, { message: "errors.tooLong" })
    .optional(),
});
export type SurveyInput = z.output<typeof surveySchema>;

export const correctionSchema = z.object({
  sessionId: required(40),
  personId: required(40),
  present: z.enum(["yes", "no"], { message: "errors.required" }),
  reason: z
    .string({ message: "errors.reasonRequired" })
    .trim()
    .min(2, { message: "errors.reasonRequired" })
    .max(200, { message: "errors.tooLong" }),
});

export const checkinCodeSchema = z.object({
  code: z
    .string({ message: "errors.required" })
    .trim()
    .regex(/^\d{6}$/, { message: "classes.errors.codeFormat" }),
});
