import { z } from "zod";

export const STAFF_CATEGORIES = ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "OTHER"] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];

export const PERSON_STATUSES = ["ACTIVE", "TRANSFERRED", "RETIRED", "LEFT"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const EDUCATION_LEVELS = ["HIGH_SCHOOL", "ASSOCIATE", "BACHELOR", "MASTER", "DOCTORATE"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

// ---------------------------------------------------------------------------
// Resident ID numbers (GB 11643-1999)
// ---------------------------------------------------------------------------
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = "10X98765432";

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function normalizeIdCard(value: string): string {
  return value.trim().toUpperCase();
}

/** "yyyy-mm-dd" naming a day that exists (Date.parse would roll "2021-02-30" over into March). */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 18 characters, a real birth date not in the future, and a correct check character. */
export function isValidIdCardNumber(value: string, today = new Date()): boolean {
  const v = normalizeIdCard(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(v)) return false;
  const year = Number(v.slice(6, 10));
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  if (year < 1900 || month < 1 || month > 12) return false;
  if (day < 1 || day > daysInMonth(year, month)) return false;
  if (Date.UTC(year, month - 1, day) > today.getTime()) return false;
  return idCardCheckChar(v.slice(0, 17)) === v[17];
}

/** "110105194912310021" → "110***********0021": region prefix and last four only. */
export function maskIdCard(value: string): string {
  const v = normalizeIdCard(value);
  return `${v.slice(0, 3)}${"*".repeat(Math.max(0, v.length - 7))}${v.slice(-4)}`;
}

// ---------------------------------------------------------------------------
// Person input: one schema for the web form, the .xlsx import and the command line.
// Messages are dictionary keys; the page translates them.
// ---------------------------------------------------------------------------
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: "errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : undefined));

export const personInputSchema = z.object({
  name: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.nameLength" }).max(40, { message: "errors.nameLength" }),
  staffNo: z
    .string({ message: "errors.required" })
    .trim()
    .regex(/^[A-Za-z0-9-]{4,20}$/, { message: "errors.staffNoFormat" }),
  unitCode: z.string({ message: "errors.required" }).trim().regex(/^\d{6}$/, { message: "errors.unitCodeFormat" }),
  category: z.enum(STAFF_CATEGORIES, { message: "errors.category" }),
  post: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  inEnforcementSystem: z.boolean().default(true),
  hireDate: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "errors.dateFormat" })
    .refine((v) => isCalendarDate(v), { message: "errors.dateFormat" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  education: z.enum(EDUCATION_LEVELS, { message: "errors.education" }).optional(),
  phone: optionalText(20)
    .refine((v) => !v || /^[0-9+\- ]{7,20}$/.test(v), { message: "errors.phoneFormat" })
    .optional(),
  idCard: optionalText(18)
    .refine((v) => !v || isValidIdCardNumber(v), { message: "errors.idCardInvalid" })
    .optional(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

/** Hire dates are calendar dates in China: stored as midnight Asia/Shanghai in UTC. */
export function hireDateToUtc(value: string | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00+08:00`) : null;
}

/** The web form: an unticked checkbox sends nothing, which means "no" (the import treats empty as "yes"). */
export const personFormSchema = personInputSchema.extend({
  inEnforcementSystem: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});
export const personEditSchema = personFormSchema.omit({ unitCode: true });

export const movementSchema = z.object({
  toUnitCode: z.string().trim().regex(/^\d{6}$/, { message: "errors.unitCodeFormat" }).optional(),
  toStatus: z.enum(PERSON_STATUSES, { message: "errors.required" }),
  reason: z.string({ message: "errors.reasonRequired" }).trim().min(2, { message: "errors.reasonRequired" }).max(200, { message: "errors.tooLong" }),
  effectiveDate: z
    .string({ message: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "errors.dateFormat" })
    .refine((v) => isCalendarDate(v), { message: "errors.dateFormat" }),
});

export const peopleFilterSchema = z.object({
  q: z.string().trim().max(40).optional().catch(undefined),
  unitId: z.string().max(40).optional().catch(undefined),
  category: z.enum(STAFF_CATEGORIES).optional().catch(undefined),
  status: z.enum(PERSON_STATUSES).optional().catch(undefined),
  after: z.string().max(40).optional().catch(undefined),
});

/** Reads list filters from a URL; anything unknown is ignored rather than an error. */
export function parsePeopleFilter(params: URLSearchParams) {
  return peopleFilterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}
