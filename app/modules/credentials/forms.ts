import { z } from "zod";
import { parseShanghaiDate, RULE_CLASS_TYPES, RULE_EXAM_TYPES, type TypeConfig } from "./rules";
import { STAFF_CATEGORIES } from "~/modules/people/rules";

/*
 * Form schemas shared by the credential routes and their forms (validation messages are
 * dictionary keys). Pure.
 */

const calendarDate = z
  .string({ message: "errors.required" })
  .trim()
  .refine((v) => parseShanghaiDate(v) !== null, { message: "credentials.errors.dateFormat" });

export const recordExternalSchema = z.object({
  staffNo: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  type: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  externalNumber: z
    .string({ message: "errors.required" })
    .trim()
    .regex(/^[\p{L}\p{N}\-/() ]{2,60}$/u, { message: "credentials.errors.externalNumber" }),
  issuedAt: calendarDate,
  validUntil: calendarDate.optional(),
});
export type RecordExternalForm = z.output<typeof recordExternalSchema>;

/** Which form field a module error of recordExternal belongs to. */
export function recordErrorField(error: string): string {
  if (error.includes("evidence")) return "evidence";
  if (error.endsWith("personNotFound") || error.endsWith("alreadyLive")) return "staffNo";
  if (error.endsWith("externalNumber")) return "externalNumber";
  if (error.endsWith("issuedInFuture")) return "issuedAt";
  if (error.endsWith("validUntilBeforeIssue")) return "validUntil";
  return "type";
}

// ---------------------------------------------------------------------------
// The type configuration form: flat fields, turned into TypeConfig for typeConfigSchema
// ---------------------------------------------------------------------------

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalNumber = z.preprocess(blank, z.coerce.number({ message: "errors.number" }).optional());
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { message: "errors.invalid" })));

export const typeFormSchema = z.object({
  name: z.string({ message: "errors.required" }).trim(),
  nameEn: z.string({ message: "errors.required" }).trim(),
  categories: list(STAFF_CATEGORIES),
  inEnforcementSystemOnly: checkbox,
  examTypes: list(RULE_EXAM_TYPES),
  examWithinMonths: optionalNumber,
  postTrainingTypes: list(RULE_CLASS_TYPES),
  minHoursThisYear: optionalNumber,
  validityMonths: optionalNumber,
  windowMonths: optionalNumber,
  renewalExamTypes: list(RULE_EXAM_TYPES),
  minHoursLastYear: optionalNumber,
  renewalTrainingTypes: list(RULE_CLASS_TYPES),
  postTrainingWithinMonths: optionalNumber,
  graceDays: z.preprocess(blank, z.coerce.number({ message: "errors.number" }).default(0)),
  numberPattern: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string()),
  active: checkbox,
});
export type TypeForm = z.output<typeof typeFormSchema>;

/** The form's flat value → the configuration typeConfigSchema validates. */
export function configFromForm(v: TypeForm): TypeConfig {
  const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined && !(Array.isArray(x) && x.length === 0))) as T;
  return {
    name: v.name,
    nameEn: v.nameEn,
    holders: { categories: v.categories, inEnforcementSystemOnly: v.inEnforcementSystemOnly },
    eligibility: drop({ examTypes: v.examTypes, examWithinMonths: v.examWithinMonths, postTrainingTypes: v.postTrainingTypes, minHoursThisYear: v.minHoursThisYear }),
    validityMonths: v.validityMonths ?? null,
    renewal: drop({
      windowMonths: v.windowMonths,
      examTypes: v.renewalExamTypes,
      minHoursLastYear: v.minHoursLastYear,
      postTrainingTypes: v.renewalTrainingTypes,
      postTrainingWithinMonths: v.postTrainingWithinMonths,
    }),
    graceDays: v.graceDays,
    numberPattern: v.numberPattern.trim(),
    active: v.active,
  };
}

/** Configuration paths (as typeConfigSchema reports them) → form field names. */
export function typeFormField(path: string): string {
  const map: Record<string, string> = {
    "holders.categories": "categories",
    "holders.inEnforcementSystemOnly": "inEnforcementSystemOnly",
    "eligibility.examTypes": "examTypes",
    "eligibility.examWithinMonths": "examWithinMonths",
    "eligibility.postTrainingTypes": "postTrainingTypes",
    "eligibility.minHoursThisYear": "minHoursThisYear",
    "renewal.windowMonths": "windowMonths",
    "renewal.examTypes": "renewalExamTypes",
    "renewal.minHoursLastYear": "minHoursLastYear",
    "renewal.postTrainingTypes": "renewalTrainingTypes",
    "renewal.postTrainingWithinMonths": "postTrainingWithinMonths",
  };
  if (map[path]) return map[path];
  const head = path.split(".")[0];
  return map[path.split(".").slice(0, 2).join(".")] ?? head;
}
