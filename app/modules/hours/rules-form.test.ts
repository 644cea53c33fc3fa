import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, ruleSchema } from "./rules";
import { fieldName, formFromRules, overrideFromForm, rulesFormSchema, rulesFromForm } from "./rules-form";

const national = { ...DEFAULT_RULES(2027), capsPerSource: { EXTERNAL_IMPORT: 20 } };

function parse(values: Record<string, unknown>) {
  return rulesFormSchema.parse(values);
}

describe("the rules form", () => {
  it("round-trips a set of rules through the form unchanged", () => {
    const whole = rulesFromForm(parse(formFromRules(national)));
    expect(ruleSchema.parse({ ...whole, year: 2027 })).toEqual(national);
  });

  it("ignores blank threshold rows and blank caps", () => {
    const form = formFromRules(national);
    const whole = rulesFromForm(parse({ ...form, capsPerSource: { EXTERNAL_IMPORT: "", EXAM: "10" } }));
    expect(whole.onlineMinutesToHours).toHaveLength(3);
    expect(whole.capsPerSource).toEqual({ EXAM: 10 });
  });

  it("a province stores only what differs; a national cap left blank is lifted", () => {
    const form = formFromRules(national);
    const changed = parse({ ...form, requirement: { PROFESSIONAL_LEGAL: "72", POLITICAL_THEORY: "0" }, capsPerSource: { EXTERNAL_IMPORT: "" } });
    expect(overrideFromForm(changed, national)).toEqual({ requirement: { PROFESSIONAL_LEGAL: 72 }, capsPerSource: { EXTERNAL_IMPORT: null } });
    expect(overrideFromForm(parse(form), national)).toEqual({});
  });

  it("saves without a note: the browser form's empty note is not an error", () => {
    const fd = new FormData();
    for (const [name, value] of Object.entries({ "requirement.PROFESSIONAL_LEGAL": "60", "requirement.POLITICAL_THEORY": "0", "onlineMinutesToHours[0].minMinutes": "30", "onlineMinutesToHours[0].hours": "1", offPostHoursPerDay: "6", teachingMultiplier: "2", note: "" })) fd.set(name, value);
    const submission = parseWithZod(fd, { schema: rulesFormSchema });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value.note).toBe("");
  });

  it("names issue paths the way the form names its fields", () => {
    expect(fieldName(["onlineMinutesToHours", 1, "hours"])).toBe("onlineMinutesToHours[1].hours");
    expect(fieldName(["requirement", "PROFESSIONAL_LEGAL"])).toBe("requirement.PROFESSIONAL_LEGAL");
    expect(fieldName(["carryOverMax"])).toBe("carryOverMax");
  });

  it("a blank requirement is reported by the rule schema at its field", () => {
    const form = formFromRules(national);
    const whole = rulesFromForm(parse({ ...form, requirement: { PROFESSIONAL_LEGAL: "", POLITICAL_THEORY: "0" } }));
    const result = ruleSchema.safeParse({ ...whole, year: 2027 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => fieldName(i.path as (string | number)[]))).toContain("requirement.PROFESSIONAL_LEGAL");
  });
});
