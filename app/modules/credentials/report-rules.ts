import { z } from "zod";
import { addDays, DAY_MS, displayStatus, isValidStatus, type DisplayStatus } from "./rules";

/*
 * Pure rules of the HR credential views (search list, to-do lists, joint holding, reminders).
 * Dates follow rules.ts: validUntil is the last valid day (midnight Asia/Shanghai); the
 * status shown is always displayStatus(), so these views agree with the detail page.
 *
 * Holding. A person "holds" a credential for the joint-holding figures when it is valid
 * now: ACTIVE or EXPIRING (isValidStatus). GRACE does not count — the credential has
 * expired and may only be renewed — nor do SUSPENDED, REVOKED or pending applications.
 */

/** Statuses the search list filters by (display statuses; expiry is derived). */
export const REPORT_STATUSES = ["ACTIVE", "EXPIRING", "GRACE", "EXPIRED", "SUSPENDED", "REVOKED", "APPLIED", "NOMINATED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** "Expiring within N days" windows. */
export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];

/** Display statuses that count as holding the credential. */
export const HOLDING_STATUSES: readonly DisplayStatus[] = ["ACTIVE", "EXPIRING"];

/** At most one renewal reminder per credential in this many days. */
export const REMINDER_INTERVAL_DAYS = 7;

/** The lists of the to-do page. */
export const TODO_LISTS = ["expiring", "eligible", "lapsed"] as const;
export type TodoList = (typeof TODO_LISTS)[number];

export const PAGE_SIZE = 50;

type TypeLike = { graceDays: number; renewal?: string | { windowMonths?: number } | null };
type CredentialLike = { status: string; validUntil: Date | null };

/** The stored status behind a display status (expiry states are stored as ACTIVE). */
export function storedStatusFor(status: ReportStatus): string {
  return status === "EXPIRING" || status === "GRACE" || status === "EXPIRED" ? "ACTIVE" : status;
}

/** Valid now (ACTIVE or EXPIRING): what the joint-holding figures count. */
export function holds(credential: CredentialLike, type: TypeLike, asOf: Date): boolean {
  return isValidStatus(displayStatus(credential, type, asOf));
}

/**
 * Expiring within `days`: still valid, and the end of the last valid day is at most `days`
 * days away (displayStatus with an explicit window). With validUntil = 2026-03-31 and
 * asOf 2026-03-01 00:00 (Shanghai) the credential is 31 days from expiry: inside 60 and 90,
 * not inside 30 until 2026-03-02 00:00.
 */
export function expiringWithin(credential: CredentialLike, type: TypeLike, asOf: Date, days: number): boolean {
  return displayStatus(credential, type, asOf, days) === "EXPIRING";
}

/**
 * Bounds on validUntil that contain every credential expiring within `days` (for the SQL
 * prefilter; the exact test is expiringWithin). A day of margin on each side.
 */
export function windowBounds(asOf: Date, days: number): { from: Date; to: Date } {
  return { from: addDays(asOf, -2), to: addDays(asOf, days + 1) };
}

/** Whether the display status matches a filter value. */
export function matchesStatus(credential: CredentialLike, type: TypeLike, asOf: Date, status: ReportStatus): boolean {
  return displayStatus(credential, type, asOf) === status;
}

/** part / whole, or null when there is nobody to count. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Whole days from asOf until the credential stops being valid (end of validUntil); negative once expired. */
export function daysLeft(validUntil: Date, asOf: Date): number {
  return Math.ceil((addDays(validUntil, 1).getTime() - asOf.getTime()) / DAY_MS);
}

// ---------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------

/** A reminder may be sent when none was sent in the last REMINDER_INTERVAL_DAYS days (a reminder exactly 7 days ago allows a new one). */
export function reminderAllowed(lastReminded: Date | null, now: Date): boolean {
  if (!lastReminded) return true;
  return now.getTime() - lastReminded.getTime() >= REMINDER_INTERVAL_DAYS * DAY_MS;
}

// ---------------------------------------------------------------------------
// Expired but still on enforcement posts
// ---------------------------------------------------------------------------

export type LapseReason = "EXPIRED" | "REVOKED" | "NONE";

/**
 * Why a person on an enforcement post lacks a working enforcement credential, from all
 * their credentials of the type; null when they have one that is valid, in its grace
 * period, or suspended (those appear in other lists). EXPIRED beats REVOKED beats NONE
 * (never issued; a pending application or a rejected one counts as none).
 */
export function lapseReason(credentials: CredentialLike[], type: TypeLike, asOf: Date): LapseReason | null {
  const shown = credentials.map((c) => displayStatus(c, type, asOf));
  if (shown.some((s) => s === "ACTIVE" || s === "EXPIRING" || s === "GRACE" || s === "SUSPENDED")) return null;
  if (shown.includes("EXPIRED")) return "EXPIRED";
  if (shown.includes("REVOKED")) return "REVOKED";
  return "NONE";
}

// ---------------------------------------------------------------------------
// Expiries by month
// ---------------------------------------------------------------------------

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "yyyy-mm" of an instant in Shanghai. */
export function shanghaiMonth(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The `count` months starting with asOf's month (Shanghai), as "yyyy-mm". */
export function nextMonths(asOf: Date, count = 12): string[] {
  const local = new Date(asOf.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** Midnight (Shanghai) of the first day of a "yyyy-mm" month, as UTC. */
export function monthStart(month: string): Date {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
}

/** The unit id of the child of `rootDepth` on a materialised path ("/a/b/c/"), or null for the root itself. */
export function childOnPath(path: string, rootDepth: number): string | null {
  const ids = path.split("/").filter(Boolean);
  return ids.length > rootDepth + 1 ? ids[rootDepth + 1] : null;
}

// ---------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------

const optionalId = z.string().trim().max(40).optional().catch(undefined);

/** The search list's filter (GET params), shared by the page and its .xlsx export. */
export const searchQuerySchema = z.object({
  unit: optionalId,
  type: z.string().trim().max(40).optional().catch(undefined),
  status: z.enum(REPORT_STATUSES).optional().catch(undefined),
  window: z.coerce.number().pipe(z.union([z.literal(30), z.literal(60), z.literal(90)])).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  return searchQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}

export const todoQuerySchema = z.object({
  list: z.enum(TODO_LISTS).catch("expiring"),
  unit: optionalId,
  type: z.string().trim().max(40).optional().catch(undefined),
  days: z.coerce.number().pipe(z.union([z.literal(30), z.literal(60), z.literal(90)])).catch(30),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TodoQuery = z.output<typeof todoQuerySchema>;

export function parseTodoQuery(params: URLSearchParams): TodoQuery {
  return todoQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}
