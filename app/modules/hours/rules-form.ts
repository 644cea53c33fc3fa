import { z } from "zod";
import { HOURS_SOURCES, type CreditRules, type HoursSource, type RulesOverride } from "./rules";

/*
 * The rules form: flat text fields named after the rule's own paths
 * ("requirement.PROFESSIONAL_LEGAL", "onlineMinutesToHours[1].hours", "capsPerSource.EXAM"),
 * so a validation issue from `ruleSchema` lands beside the field it is about.
 * A province's form shows the rules in force and stores only what differs from the
 * national rules: a later national change still reaches every field the province left alone.
 */

export const THRESHOLD_ROWS = 4;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const number = z.preprocess(blankToUndefined, z.coerce.number({ message: "errors.number" }).optional());

export const rulesFormSchema = z.object({
  requirement: z.object({ PROFESSIONAL_LEGAL: number, POLITICAL_THEORY: number }).partial().optional(),
  onlineMinutesToHours: z.array(z.object({ minMinutes: number, hours: number }).partial().optional()).optional(),
  offPostHoursPerDay: number,
  teachingMultiplier: number,
  capsPerSource: z.partialRecord(z.enum(HOURS_SOURCES), number).optional(),
  carryOverSurplus: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  carryOverMax: number,
  // Optional: Conform sends an empty field as undefined.
  note: z.string().trim().max(500, { message: "errors.tooLong" }).default(""),
});
export type RulesFormValue = z.output<typeof rulesFormSchema>;

/** The whole set the form describes (blank required fields stay blank so the rule schema names them). */
export function rulesFromForm(value: RulesFormValue): Record<string, unknown> {
  const thresholds = (value.onlineMinutesToHours ?? []).filter((t) => t && (t.minMinutes !== undefined || t.hours !== undefined));
  const caps: Partial<Record<HoursSource, number>> = {};
  for (const source of HOURS_SOURCES) {
    const cap = value.capsPerSource?.[source];
    if (cap !== undefined) caps[source] = cap;
  }
  return {
    requirement: { PROFESSIONAL_LEGAL: value.requirement?.PROFESSIONAL_LEGAL, POLITICAL_THEORY: value.requirement?.POLITICAL_THEORY },
    onlineMinutesToHours: thresholds,
    offPostHoursPerDay: value.offPostHoursPerDay,
    teachingMultiplier: value.teachingMultiplier,
    capsPerSource: caps,
    carryOverSurplus: value.carryOverSurplus,
    carryOverMax: value.carryOverMax ?? 0,
  };
}

/** What a province's form changes relative to the national rules; a national cap left blank is lifted (null). */
export function overrideFromForm(value: RulesFormValue, national: CreditRules): RulesOverride {
  const whole = rulesFromForm(value) as unknown as CreditRules;
  const override: RulesOverride = {};
  const requirement: NonNullable<RulesOverride["requirement"]> = {};
  for (const category of ["PROFESSIONAL_LEGAL", "POLITICAL_THEORY"] as const) {
    const v = whole.requirement[category];
    if (v !== national.requirement[category]) requirement[category] = v;
  }
  if (Object.keys(requirement).length) override.requirement = requirement;
  if (!sameThresholds(whole.onlineMinutesToHours, national.onlineMinutesToHours)) override.onlineMinutesToHours = whole.onlineMinutesToHours;
  if (whole.offPostHoursPerDay !== national.offPostHoursPerDay) override.offPostHoursPerDay = whole.offPostHoursPerDay;
  if (whole.teachingMultiplier !== national.teachingMultiplier) override.teachingMultiplier = whole.teachingMultiplier;
  const caps: NonNullable<RulesOverride["capsPerSource"]> = {};
  for (const source of HOURS_SOURCES) {
    const mine = whole.capsPerSource[source];
    const theirs = national.capsPerSource[source];
    if (mine === theirs) continue;
    caps[source] = mine === undefined ? null : mine;
  }
  if (Object.keys(caps).length) override.capsPerSource = caps;
  if (whole.carryOverSurplus !== national.carryOverSurplus) override.carryOverSurplus = whole.carryOverSurplus;
  if (whole.carryOverMax !== national.carryOverMax) override.carryOverMax = whole.carryOverMax;
  return override;
}

function sameThresholds(a: CreditRules["onlineMinutesToHours"], b: CreditRules["onlineMinutesToHours"]): boolean {
  const key = (list: CreditRules["onlineMinutesToHours"]) => JSON.stringify([...list].sort((x, y) => x.minMinutes - y.minMinutes));
  return key(a) === key(b);
}

/** The form's fields as the browser holds them (all text). */
export type RulesFormFields = {
  requirement: { PROFESSIONAL_LEGAL: string; POLITICAL_THEORY: string };
  onlineMinutesToHours: { minMinutes: string; hours: string }[];
  offPostHoursPerDay: string;
  teachingMultiplier: string;
  capsPerSource: Record<HoursSource, string>;
  carryOverSurplus: string;
  carryOverMax: string;
  note: string;
};

/** Form defaults from a set of rules. */
export function formFromRules(rules: CreditRules): RulesFormFields {
  const sorted = [...rules.onlineMinutesToHours].sort((a, b) => b.minMinutes - a.minMinutes);
  return {
    requirement: { PROFESSIONAL_LEGAL: String(rules.requirement.PROFESSIONAL_LEGAL), POLITICAL_THEORY: String(rules.requirement.POLITICAL_THEORY) },
    onlineMinutesToHours: Array.from({ length: THRESHOLD_ROWS }, (_, i) => (sorted[i] ? { minMinutes: String(sorted[i].minMinutes), hours: String(sorted[i].hours) } : { minMinutes: "", hours: "" })),
    offPostHoursPerDay: String(rules.offPostHoursPerDay),
    teachingMultiplier: String(rules.teachingMultiplier),
    capsPerSource: Object.fromEntries(HOURS_SOURCES.map((s) => [s, rules.capsPerSource[s] === undefined ? "" : String(rules.capsPerSource[s])])) as Record<HoursSource, string>,
    carryOverSurplus: rules.carryOverSurplus ? "on" : "",
    carryOverMax: String(rules.carryOverMax),
    note: "",
  };
}

/** Conform's name for an issue path: ["onlineMinutesToHours", 1, "hours"] → "onlineMinutesToHours[1].hours". */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}
