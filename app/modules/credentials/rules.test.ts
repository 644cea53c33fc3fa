import { describe, expect, it } from "vitest";
import type { CredentialType } from "~/generated/prisma/client";
import {
  addMonths,
  canTransition,
  displayStatus,
  eligibilityOf,
  expiresAt,
  formatNumber,
  graceEndsAt,
  holderRuleSchema,
  isValidNumberPattern,
  parseShanghaiDate,
  parseType,
  provinceCode2,
  renewalOf,
  renewedValidUntil,
  shanghaiDayStart,
  typeConfigSchema,
  validUntilFor,
  windowOpensAt,
  type ParsedType,
  type PersonFacts,
} from "./rules";

const sh = (local: string) => new Date(`${local}+08:00`);
const day = (iso: string) => sh(`${iso}T00:00:00`);

function row(over: Partial<CredentialType> = {}): CredentialType {
  return {
    id: "ctype_enforcement",
    code: "ENFORCEMENT",
    name: "生态环境执法证",
    nameEn: "Enforcement credential",
    kind: "ISSUED",
    holders: '{"categories": ["ENFORCEMENT", "MONITORING", "LEADERSHIP"], "inEnforcementSystemOnly": true}',
    eligibility: '{"examTypes": ["CREDENTIAL_INITIAL"], "examWithinMonths": 12, "postTrainingTypes": ["POST_INITIAL"], "minHoursThisYear": 0}',
    validityMonths: 60,
    renewal: '{"windowMonths": 6, "examTypes": [], "minHoursLastYear": 60, "postTrainingTypes": ["POST_RENEWAL"], "postTrainingWithinMonths": 60}',
    graceDays: 90,
    numberPattern: "ZF{province}{yy}{seq:5}",
    active: true,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  };
}
const enforcement: ParsedType = parseType(row());

function facts(over: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: "p1",
    category: "ENFORCEMENT",
    inEnforcementSystem: true,
    status: "ACTIVE",
    examPasses: [{ examType: "CREDENTIAL_INITIAL", at: sh("2026-03-10T10:00:00") }],
    classCompletions: [{ classType: "POST_INITIAL", at: sh("2026-04-01T17:00:00") }],
    hoursByYear: { 2025: 64, 2026: 20 },
    ...over,
  };
}

describe("calendar arithmetic (Asia/Shanghai)", () => {
  it("adds months keeping the day, clamping to the month's end", () => {
    expect(addMonths(day("2026-01-31"), 1)).toEqual(day("2026-02-28"));
    expect(addMonths(day("2024-01-31"), 1)).toEqual(day("2024-02-29"));
    expect(addMonths(day("2026-03-15"), -12)).toEqual(day("2025-03-15"));
    expect(addMonths(day("2026-11-30"), 3)).toEqual(day("2027-02-28"));
    expect(addMonths(sh("2026-03-10T10:00:00"), -12)).toEqual(sh("2025-03-10T10:00:00"));
  });
  it("takes the Shanghai day, not the UTC day", () => {
    // 2026-01-31T20:00Z is Feb 1 in Shanghai.
    expect(shanghaiDayStart(new Date("2026-01-31T20:00:00Z"))).toEqual(day("2026-02-01"));
    expect(addMonths(new Date("2026-01-31T20:00:00Z"), 1)).toEqual(sh("2026-03-01T04:00:00"));
  });
  it("parses calendar dates strictly", () => {
    expect(parseShanghaiDate("2024-02-29")).toEqual(day("2024-02-29"));
    expect(parseShanghaiDate("2025-02-29")).toBeNull();
    expect(parseShanghaiDate("2025-2-3")).toBeNull();
  });
  it("leap day + 12 months is valid through Feb 28 (民法典 202: month end when no corresponding day)", () => {
    const until = validUntilFor(day("2024-02-29"), 12)!;
    expect(until).toEqual(day("2025-02-28"));
    expect(expiresAt(until)).toEqual(day("2025-03-01"));
    expect(validUntilFor(day("2024-02-29"), 48)).toEqual(day("2028-02-29"));
    expect(validUntilFor(day("2026-01-15"), null)).toBeNull();
  });
  it("renewal extends from the old last day, not from today", () => {
    expect(renewedValidUntil(day("2031-01-15"), 60)).toEqual(day("2036-01-15"));
    expect(renewedValidUntil(day("2025-02-28"), 12)).toEqual(day("2026-02-28"));
  });
});

describe("displayStatus", () => {
  const cred = { status: "ACTIVE", validUntil: day("2031-01-15") };
  it("is ACTIVE before the renewal window, EXPIRING from the day it opens", () => {
    expect(windowOpensAt(cred.validUntil, 6)).toEqual(day("2030-07-15"));
    expect(displayStatus(cred, enforcement, new Date(day("2030-07-15").getTime() - 1))).toBe("ACTIVE");
    expect(displayStatus(cred, enforcement, day("2030-07-15"))).toBe("EXPIRING");
  });
  it("is valid all of its last day, GRACE the day after, EXPIRED when grace ends", () => {
    expect(displayStatus(cred, enforcement, day("2031-01-14"))).toBe("EXPIRING");
    expect(displayStatus(cred, enforcement, sh("2031-01-15T23:59:59.999"))).toBe("EXPIRING");
    expect(displayStatus(cred, enforcement, day("2031-01-16"))).toBe("GRACE");
    // 90 days of grace: 2031-01-16 … 2031-04-15 inclusive.
    expect(graceEndsAt(cred.validUntil, 90)).toEqual(day("2031-04-16"));
    expect(displayStatus(cred, enforcement, sh("2031-04-15T23:59:59.999"))).toBe("GRACE");
    expect(displayStatus(cred, enforcement, day("2031-04-16"))).toBe("EXPIRED");
  });
  it("with no grace goes straight from the last day to EXPIRED", () => {
    expect(displayStatus(cred, { graceDays: 0 }, day("2031-01-16"))).toBe("EXPIRED");
  });
  it("falls back to 90 days (or the days given) without a window; accepts the raw row", () => {
    expect(displayStatus(cred, { graceDays: 0 }, day("2030-10-18"))).toBe("EXPIRING");
    expect(displayStatus(cred, { graceDays: 0 }, day("2030-10-17"))).toBe("ACTIVE");
    expect(displayStatus(cred, enforcement, day("2030-12-01"), 30)).toBe("ACTIVE");
    expect(displayStatus(cred, row(), day("2030-07-15"))).toBe("EXPIRING");
  });
  it("leap-day validity expires on March 1", () => {
    const leap = { status: "ACTIVE", validUntil: validUntilFor(day("2024-02-29"), 12) };
    expect(displayStatus(leap, { graceDays: 0 }, sh("2025-02-28T12:00:00"))).toBe("EXPIRING");
    expect(displayStatus(leap, { graceDays: 0 }, day("2025-03-01"))).toBe("EXPIRED");
  });
  it("shows other statuses as stored, and no expiry as ACTIVE", () => {
    expect(displayStatus({ status: "SUSPENDED", validUntil: day("2020-01-01") }, enforcement, day("2026-01-01"))).toBe("SUSPENDED");
    expect(displayStatus({ status: "REVOKED", validUntil: null }, enforcement, day("2026-01-01"))).toBe("REVOKED");
    expect(displayStatus({ status: "ACTIVE", validUntil: null }, enforcement, day("2090-01-01"))).toBe("ACTIVE");
  });
});

describe("eligibilityOf", () => {
  it("is eligible with a recent exam, initial training and the holder rule met", () => {
    expect(eligibilityOf(enforcement, facts(), sh("2026-06-01T09:00:00"))).toEqual({ eligible: true, unmet: [] });
  });
  it("counts an exam passed exactly 12 months ago, not one a moment earlier", () => {
    expect(eligibilityOf(enforcement, facts(), sh("2027-03-10T10:00:00")).eligible).toBe(true);
    const late = eligibilityOf(enforcement, facts(), new Date(sh("2027-03-10T10:00:00").getTime() + 1));
    expect(late.eligible).toBe(false);
    expect(late.unmet).toEqual([{ code: "EXAM", params: { examTypes: "CREDENTIAL_INITIAL", months: 12 } }]);
  });
  it("does not count an exam passed after asOf, or of another type", () => {
    const r = eligibilityOf(enforcement, facts({ examPasses: [{ examType: "MONITORING_CREDENTIAL", at: sh("2026-03-10T10:00:00") }] }), sh("2026-06-01T09:00:00"));
    expect(r.unmet.map((u) => u.code)).toEqual(["EXAM"]);
    expect(eligibilityOf(enforcement, facts(), sh("2026-03-10T09:59:59")).unmet.map((u) => u.code)).toEqual(["EXAM", "POST_TRAINING"]);
  });
  it("lists every unmet condition with its params", () => {
    const r = eligibilityOf(
      enforcement,
      facts({ category: "OTHER", inEnforcementSystem: false, status: "RETIRED", examPasses: [], classCompletions: [] }),
      sh("2026-06-01T09:00:00"),
    );
    expect(r.eligible).toBe(false);
    expect(r.unmet).toEqual([
      { code: "NOT_ACTIVE", params: { status: "RETIRED" } },
      { code: "HOLDER_CATEGORY", params: { category: "OTHER", categories: "ENFORCEMENT,MONITORING,LEADERSHIP" } },
      { code: "NOT_IN_ENFORCEMENT_SYSTEM", params: {} },
      { code: "EXAM", params: { examTypes: "CREDENTIAL_INITIAL", months: 12 } },
      { code: "POST_TRAINING", params: { classTypes: "POST_INITIAL", months: 0 } },
    ]);
  });
  it("checks hours this (Shanghai) year when the type asks", () => {
    const type = { ...enforcement, eligibility: { ...enforcement.eligibility, minHoursThisYear: 30 } };
    expect(eligibilityOf(type, facts(), sh("2026-06-01T09:00:00")).unmet).toEqual([{ code: "HOURS", params: { year: 2026, required: 30, have: 20 } }]);
    // 2025-12-31T16:30Z is already 2026 in Shanghai
    expect(eligibilityOf(type, facts({ hoursByYear: { 2025: 100 } }), new Date("2025-12-31T16:30:00Z")).unmet.find((u) => u.code === "HOURS")?.params.year).toBe(2026);
  });
  it("refuses external and inactive types", () => {
    const legal = parseType(row({ code: "LEGAL_PROFESSIONAL", kind: "EXTERNAL", eligibility: "{}", holders: '{"categories":["OTHER","ENFORCEMENT"],"inEnforcementSystemOnly":false}', active: false }));
    expect(eligibilityOf(legal, facts(), sh("2026-06-01T09:00:00")).unmet.map((u) => u.code)).toEqual(["TYPE_INACTIVE", "EXTERNAL_ONLY"]);
  });
  it("reads a broken holder rule as admitting nobody", () => {
    const broken = parseType(row({ holders: "not json" }));
    expect(eligibilityOf(broken, facts(), sh("2026-06-01T09:00:00")).unmet.map((u) => u.code)).toContain("HOLDER_CATEGORY");
  });
});

describe("renewalOf", () => {
  const cred = { validUntil: day("2031-01-15"), status: "ACTIVE" };
  const ready = facts({
    hoursByYear: { 2029: 60, 2030: 61 },
    classCompletions: [{ classType: "POST_RENEWAL", at: sh("2029-05-01T17:00:00") }],
  });
  it("opens six months before the last day", () => {
    const before = renewalOf(enforcement, cred, ready, new Date(day("2030-07-15").getTime() - 1));
    expect(before).toMatchObject({ inWindow: false, ready: false, opensAt: day("2030-07-15") });
    expect(before.unmet.map((u) => u.code)).toEqual(["WINDOW_NOT_OPEN"]);
    const open = renewalOf(enforcement, cred, ready, day("2030-07-15"));
    expect(open.inWindow).toBe(true);
    expect(open.unmet).toEqual([]);
    expect(open.ready).toBe(true);
  });
  it("stays renewable in grace and closes when grace ends", () => {
    expect(renewalOf(enforcement, cred, ready, sh("2031-04-15T23:59:59")).ready).toBe(true);
    const closed = renewalOf(enforcement, cred, ready, day("2031-04-16"));
    expect(closed.inWindow).toBe(false);
    expect(closed.unmet.map((u) => u.code)).toContain("PAST_GRACE");
  });
  it("needs hours of the previous year and post training within the months given", () => {
    const r = renewalOf(enforcement, cred, facts({ hoursByYear: { 2030: 59.75 }, classCompletions: [{ classType: "POST_RENEWAL", at: sh("2025-11-01T17:00:00") }] }), day("2031-01-10"));
    expect(r.ready).toBe(false);
    expect(r.unmet).toEqual([
      { code: "POST_TRAINING", params: { classTypes: "POST_RENEWAL", months: 60 } },
      { code: "HOURS", params: { year: 2030, required: 60, have: 59.75 } },
    ]);
  });
  it("counts a renewal exam passed in the current validity period only", () => {
    const monitoring = parseType(row({ code: "MONITORING_ONSITE", renewal: '{"windowMonths": 6, "examTypes": ["MONITORING_CREDENTIAL"]}' }));
    const old = facts({ examPasses: [{ examType: "MONITORING_CREDENTIAL", at: sh("2026-01-14T10:00:00") }] });
    expect(renewalOf(monitoring, cred, old, day("2030-12-01")).unmet.map((u) => u.code)).toEqual(["EXAM"]);
    const recent = facts({ examPasses: [{ examType: "MONITORING_CREDENTIAL", at: sh("2030-09-01T10:00:00") }] });
    expect(renewalOf(monitoring, cred, recent, day("2030-12-01")).ready).toBe(true);
  });
  it("is not ready for a suspended credential or one without expiry", () => {
    expect(renewalOf(enforcement, { ...cred, status: "SUSPENDED" }, ready, day("2030-12-01")).unmet.map((u) => u.code)).toEqual(["CREDENTIAL_NOT_ACTIVE"]);
    expect(renewalOf(enforcement, { validUntil: null }, ready, day("2030-12-01"))).toMatchObject({ inWindow: false, opensAt: null, ready: false });
  });
});

describe("numbers", () => {
  it("formats the pattern", () => {
    expect(formatNumber("ZF{province}{yy}{seq:5}", "33", 2026, 1)).toBe("ZF332600001");
    expect(formatNumber("JC{province}{yyyy}-{seq}", "00", 2031, 123)).toBe("JC002031-123");
    expect(formatNumber("", "32", 2026, 42)).toBe("322600042");
    expect(formatNumber("ZF{province}{yy}{seq:5}", "33", 2026, 123456)).toBe("ZF3326123456");
  });
  it("takes the province from the unit code; the national unit is 00", () => {
    expect(provinceCode2({ level: "CITY", code: "330100" })).toBe("33");
    expect(provinceCode2({ level: "NATIONAL", code: "100000" })).toBe("00");
    expect(provinceCode2(null)).toBe("00");
  });
  it("validates patterns", () => {
    expect(isValidNumberPattern("ZF{province}{yy}{seq:5}")).toBe(true);
    expect(isValidNumberPattern("ZF{province}{yy}")).toBe(false);
    expect(isValidNumberPattern("ZF{seq}{seq}")).toBe(false);
    expect(isValidNumberPattern("ZF {seq}")).toBe(false);
    expect(isValidNumberPattern("ZF{city}{seq}")).toBe(false);
  });
});

describe("configuration schemas and transitions", () => {
  it("parses the seeded types", () => {
    expect(enforcement.holders).toEqual({ categories: ["ENFORCEMENT", "MONITORING", "LEADERSHIP"], inEnforcementSystemOnly: true });
    expect(enforcement.renewal.windowMonths).toBe(6);
    expect(holderRuleSchema.safeParse({ categories: [] }).error?.issues[0].message).toBe("credentials.errors.categoriesRequired");
  });
  it("refuses a window longer than the validity", () => {
    const config = {
      name: "执法证",
      nameEn: "Enforcement",
      holders: { categories: ["ENFORCEMENT"], inEnforcementSystemOnly: true },
      eligibility: {},
      validityMonths: 12,
      renewal: { windowMonths: 13 },
      graceDays: 0,
      numberPattern: "ZF{seq:4}",
      active: true,
    };
    const r = typeConfigSchema.safeParse(config);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["renewal", "windowMonths"], message: "credentials.errors.windowLongerThanValidity" });
    expect(typeConfigSchema.safeParse({ ...config, renewal: { windowMonths: 6 } }).success).toBe(true);
  });
  it("allows transitions by status", () => {
    expect(canTransition("APPLIED", "issue")).toBe(true);
    expect(canTransition("ACTIVE", "issue")).toBe(false);
    expect(canTransition("SUSPENDED", "reinstate")).toBe(true);
    expect(canTransition("SUSPENDED", "renew")).toBe(false);
    expect(canTransition("REVOKED", "reinstate")).toBe(false);
  });
});
