import { z } from "zod";
import { checkEvidence as checkEvidenceFile } from "~/lib/evidence";
import { HOURS_CATEGORIES, offPostHours, roundHours, teachingHours, type CreditRules, type HoursCategory, type HoursSource } from "./rules";

/*
 * Pure pieces of the officer's side of the ledger (my hours, submitting an entry, the
 * certificate): the submission form, what an entered quantity credits, the evidence
 * file check and the masked holder name on the public verification page. No I/O.
 */

/** Sources a person (or HR for a person) may enter by hand; the others are posted automatically. */
export const SUBMIT_SOURCES = ["MANUAL", "EXTERNAL_IMPORT", "DRILL_COMPETITION", "TEACHING", "OFF_POST_TRAINING"] as const satisfies readonly HoursSource[];
export type SubmitSource = (typeof SUBMIT_SOURCES)[number];

/** Entered hours (or hours taught) are quarter hours; more than this in one entry is a typing error. */
export const MAX_ENTRY_HOURS = 100;
/** Off-post training is entered in half days. */
export const MAX_ENTRY_DAYS = 60;
export const MAX_TITLE_CHARS = 200;
export const MAX_NOTE_CHARS = 1000;

/** What the quantity typed in the form measures, per source. */
export function quantityUnitFor(source: SubmitSource): "HOURS" | "DAYS" {
  return source === "OFF_POST_TRAINING" ? "DAYS" : "HOURS";
}

/**
 * Hours an entered quantity credits under the rules in force: teaching earns hours taught
 * × the teaching multiplier, off-post training days × hours per day; the others are the
 * hours as entered.
 */
export function creditedHoursFor(source: SubmitSource, quantity: number, rules: CreditRules): number {
  if (source === "TEACHING") return teachingHours(quantity, rules);
  if (source === "OFF_POST_TRAINING") return offPostHours(quantity, rules);
  return roundHours(quantity);
}

const isMultiple = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-9;

/** Why an entered quantity is refused (dictionary key), or null. */
export function quantityProblem(source: SubmitSource, quantity: number): string | null {
  if (!Number.isFinite(quantity) || quantity <= 0) return "ledger.errors.quantity";
  if (quantityUnitFor(source) === "DAYS") return isMultiple(quantity, 0.5) && quantity <= MAX_ENTRY_DAYS ? null : "ledger.errors.days";
  return isMultiple(quantity, 0.25) && quantity <= MAX_ENTRY_HOURS ? null : "ledger.errors.hours";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written yyyy-mm-dd. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** "yyyy-mm-dd" → midnight of that day in China, as UTC (calendar dates, house rule). */
export function activityDateToUtc(value: string): Date {
  return new Date(`${value}T00:00:00+08:00`);
}

/** The submission form (shared by the page and the server). Messages are dictionary keys. */
export const submitEntrySchema = z
  .object({
    title: z.string({ message: "ledger.errors.title" }).trim().min(1, { message: "ledger.errors.title" }).max(MAX_TITLE_CHARS, { message: "ledger.errors.titleLong" }),
    activityDate: z.string({ message: "ledger.errors.date" }).refine(isCalendarDate, { message: "ledger.errors.date" }),
    quantity: z.number({ message: "ledger.errors.quantity" }),
    category: z.enum(HOURS_CATEGORIES, { message: "ledger.errors.category" }),
    source: z.enum(SUBMIT_SOURCES, { message: "ledger.errors.source" }),
    note: z.string().trim().max(MAX_NOTE_CHARS, { message: "ledger.errors.noteLong" }).optional(),
    /** HR entering for someone else; empty means "for me". */
    staffNo: z.string().trim().max(40, { message: "ledger.errors.staffNo" }).optional(),
  })
  .superRefine((value, ctx) => {
    const problem = quantityProblem(value.source, value.quantity);
    if (problem) ctx.addIssue({ code: "custom", path: ["quantity"], message: problem });
  });
export type SubmitEntryInput = z.output<typeof submitEntrySchema>;

// ---------------------------------------------------------------------------
// Evidence files
// ---------------------------------------------------------------------------

/** Size and type check of an evidence upload (~/lib/evidence), refused with the ledger's dictionary keys. */
export function checkEvidence(bytes: Uint8Array) {
  return checkEvidenceFile(bytes, { tooLarge: "ledger.errors.evidenceTooLarge", type: "ledger.errors.evidenceType" });
}

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

/**
 * The holder's name as the public verification page shows it: the first and last
 * character kept, the middle masked (张*明, 欧阳**锋); two characters keep the first
 * (张*); one character is shown as is. Latin names mask per word.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/\s/.test(trimmed)) return trimmed.split(/\s+/).map(maskName).join(" ");
  const chars = [...trimmed];
  if (chars.length <= 1) return trimmed;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Certificate codes: 20 characters of an unambiguous alphabet (no 0/O, 1/I/L), ~100 bits. */
export const CERTIFICATE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CERTIFICATE_CODE_LENGTH = 20;

/** Turns random bytes into a code (rejection sampling keeps every character equally likely). */
export function certificateCodeFrom(random: Uint8Array): string {
  const alphabet = CERTIFICATE_CODE_ALPHABET;
  const limit = 256 - (256 % alphabet.length);
  let code = "";
  for (const byte of random) {
    if (byte >= limit) continue;
    code += alphabet[byte % alphabet.length];
    if (code.length === CERTIFICATE_CODE_LENGTH) return code;
  }
  throw new Error("not enough random bytes for a certificate code");
}

export function isCertificateCode(value: string): boolean {
  return value.length === CERTIFICATE_CODE_LENGTH && [...value].every((c) => CERTIFICATE_CODE_ALPHABET.includes(c));
}

/** What a certificate printed, kept with it so verification shows exactly that. */
export type CertificateSnapshot = {
  name: string;
  staffNo: string;
  unitName: string;
  year: number;
  professional: { required: number; credited: number; carriedIn: number; met: boolean };
  political: { required: number; credited: number; met: boolean };
  bySource: { source: HoursSource; category: HoursCategory; credited: number }[];
  rules: { national: number | null; provincial: number | null };
  issuedAt: string;
};

/** The public part of a snapshot: the name masked, no staff number, no breakdown. */
export function publicSnapshot(s: CertificateSnapshot) {
  return {
    name: maskName(s.name),
    unitName: s.unitName,
    year: s.year,
    professional: s.professional,
    political: s.political,
    met: s.professional.met && s.political.met,
    issuedAt: s.issuedAt,
  };
}

// ---------------------------------------------------------------------------
// Messages of the ledger core
// ---------------------------------------------------------------------------

const CORE_ERRORS = ["notFound", "ownEntry", "notPending", "alreadyVoided", "reasonRequired", "rejected", "changedMeanwhile", "hours"];

/** The ledger core answers with "hours.errors.<x>"; the pages show them from this section's copies. */
export function ledgerErrorKey(key: string): string {
  const m = /^hours\.errors\.(\w+)$/.exec(key);
  return m && CORE_ERRORS.includes(m[1]) ? `ledger.coreErrors.${m[1]}` : key;
}

/** HR's correction of an entry: new figures (any subset) and the reason. */
export const correctEntrySchema = z.object({
  entryId: z.string().min(1).max(40),
  hours: z.number({ message: "ledger.errors.hours" }).positive({ message: "ledger.errors.hours" }).max(MAX_ENTRY_HOURS, { message: "ledger.errors.hours" }).multipleOf(0.25, { message: "ledger.errors.hours" }).optional(),
  year: z.number({ message: "ledger.errors.year" }).int({ message: "ledger.errors.year" }).min(2000, { message: "ledger.errors.year" }).max(2100, { message: "ledger.errors.year" }).optional(),
  category: z.enum(HOURS_CATEGORIES, { message: "ledger.errors.category" }).optional(),
  reason: z.string({ message: "ledger.errors.reason" }).trim().min(1, { message: "ledger.errors.reason" }).max(500, { message: "ledger.errors.reasonLong" }),
});

export const voidEntrySchema = z.object({
  entryId: z.string().min(1).max(40),
  reason: z.string({ message: "ledger.errors.reason" }).trim().min(1, { message: "ledger.errors.reason" }).max(500, { message: "ledger.errors.reasonLong" }),
});
