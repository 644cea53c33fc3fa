import { describe, expect, it } from "vitest";
import { translator } from "~/lib/i18n";
import en from "~/locales/sections/credentials.en";
import zh from "~/locales/sections/credentials.zh-CN";
import { unmetText } from "./unmet-list";

describe("unmet reasons in words", () => {
  const zhT = translator("zh-CN");
  const enT = translator("en");

  it("names the exam, its code and the months", () => {
    const u = { code: "EXAM" as const, params: { examTypes: "CREDENTIAL_INITIAL", months: 12 } };
    expect(unmetText(zhT, "zh-CN", u)).toBe("需在 12 个月内通过执法证考试（CREDENTIAL_INITIAL）");
    expect(unmetText(enT, "en", u)).toBe("Pass the enforcement credential exam (CREDENTIAL_INITIAL) within 12 months");
    expect(unmetText(zhT, "zh-CN", { code: "EXAM", params: { examTypes: "MONITORING_CREDENTIAL", months: 0 } }, "renewal")).toBe("需在本有效期内通过现场监测上岗证考试（MONITORING_CREDENTIAL）");
  });

  it("translates classes, categories, statuses, hours and dates", () => {
    expect(unmetText(zhT, "zh-CN", { code: "POST_TRAINING", params: { classTypes: "POST_INITIAL", months: 0 } })).toBe("需完成岗位培训（初任）");
    expect(unmetText(zhT, "zh-CN", { code: "HOLDER_CATEGORY", params: { category: "OTHER", categories: "ENFORCEMENT,MONITORING" } })).toBe(
      "人员类别“其他人员”不在可持证范围（执法人员、监测人员）",
    );
    expect(unmetText(zhT, "zh-CN", { code: "HOURS", params: { year: 2026, required: 60, have: 20.5 } })).toBe("2026 年专业学时需达到 60 学时（现有 20.5 学时）");
    expect(unmetText(zhT, "zh-CN", { code: "WINDOW_NOT_OPEN", params: { opensAt: new Date("2030-07-14T16:00:00Z").toISOString() } })).toBe("换证期自 2030/07/15 开始");
    expect(unmetText(zhT, "zh-CN", { code: "NOT_IN_ENFORCEMENT_SYSTEM", params: {} })).toBe("须为执法体系内人员");
  });

  it("the English section has the same interpolation variables as the Chinese one", () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const walk = (a: Record<string, unknown>, b: Record<string, unknown>, path: string) => {
      for (const key of Object.keys(a)) {
        const x = a[key];
        const y = b[key];
        if (typeof x === "string") expect([path + key, vars(y as string)]).toEqual([path + key, vars(x)]);
        else walk(x as Record<string, unknown>, y as Record<string, unknown>, `${path}${key}.`);
      }
    };
    walk(zh as unknown as Record<string, unknown>, en as unknown as Record<string, unknown>, "");
  });
});
