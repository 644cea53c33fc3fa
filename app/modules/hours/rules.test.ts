import { describe, expect, it } from "vitest";
import {
  correctionOf,
  DEFAULT_RULES,
  daysInYear,
  evaluateYear,
  mergeRules,
  offPostHours,
  onlineLessonHours,
  lessonHours,
  projectYearEnd,
  ruleOverrideSchema,
  ruleSchema,
  shanghaiDayOfYear,
  shanghaiYear,
  teachingHours,
  voidOf,
  type CreditRules,
  type HoursCategory,
  type HoursSource,
  type EntryStatus,
  type LedgerEntry,
} from "./rules";

const rules2026 = DEFAULT_RULES(2026);

let seq = 0;
/** An approved professional entry of person p1 in 2026, recorded on the given day of January (UTC noon). */
function entry(hours: number, over: Partial<LedgerEntry> & { day?: number } = {}): LedgerEntry {
  const { day, ...rest } = over;
  seq += 1;
  return {
    id: `e${String(seq).padStart(3, "0")}`,
    personId: "p1",
    year: 2026,
    hours,
    category: "PROFESSIONAL_LEGAL",
    source: "ONLINE_LESSON",
    status: "APPROVED",
    recordedAt: new Date(Date.UTC(2026, 0, day ?? seq, 4)),
    ...rest,
  };
}
const mk = (hours: number, source: HoursSource, day: number, status: EntryStatus = "APPROVED", category: HoursCategory = "PROFESSIONAL_LEGAL") =>
  entry(hours, { source, day, status, category });

describe("DEFAULT_RULES and ruleSchema", () => {
  it("defaults to 60 professional/legal hours, political theory separate, no carry-over", () => {
    expect(rules2026.requirement).toEqual({ PROFESSIONAL_LEGAL: 60, POLITICAL_THEORY: 0 });
    expect(rules2026.offPostHoursPerDay).toBe(6);
    expect(rules2026.teachingMultiplier).toBe(2);
    expect(rules2026.carryOverSurplus).toBe(false);
    expect(rules2026.capsPerSource).toEqual({});
  });

  it("accepts the defaults", () => {
    expect(ruleSchema.safeParse(rules2026).success).toBe(true);
  });

  it("rejects bad figures with dictionary keys", () => {
    const messages = (input: unknown) => (ruleSchema.safeParse(input).error?.issues ?? []).map((i) => i.message);
    expect(messages({ ...rules2026, requirement: { PROFESSIONAL_LEGAL: -1, POLITICAL_THEORY: 0 } })).toEqual(["hours.errors.requirement"]);
    expect(messages({ ...rules2026, requirement: { PROFESSIONAL_LEGAL: 60.3, POLITICAL_THEORY: 0 } })).toEqual(["hours.errors.requirement"]);
    expect(messages({ ...rules2026, offPostHoursPerDay: 0 })).toEqual(["hours.errors.offPostHoursPerDay"]);
    expect(messages({ ...rules2026, teachingMultiplier: 9 })).toEqual(["hours.errors.teachingMultiplier"]);
    expect(messages({ ...rules2026, capsPerSource: { TEACHING: -5 } })).toEqual(["hours.errors.cap"]);
    expect(messages({ ...rules2026, year: 1999 })).toEqual(["hours.errors.year"]);
  });

  it("rejects a threshold table where more minutes earn fewer hours, or a minute mark repeats", () => {
    const messages = (table: unknown) => (ruleSchema.safeParse({ ...rules2026, onlineMinutesToHours: table }).error?.issues ?? []).map((i) => i.message);
    expect(messages([{ minMinutes: 30, hours: 0.5 }, { minMinutes: 15, hours: 1 }])).toEqual(["hours.errors.thresholdOrder"]);
    expect(messages([{ minMinutes: 15, hours: 0.5 }, { minMinutes: 15, hours: 1 }])).toEqual(["hours.errors.thresholdOrder"]);
    expect(messages([])).toEqual(["hours.errors.thresholds"]);
    expect(messages([{ minMinutes: 15, hours: 1 }, { minMinutes: 45, hours: 1.5 }])).toEqual([]);
  });

  it("requires a max when carry-over is switched on", () => {
    const result = ruleSchema.safeParse({ ...rules2026, carryOverSurplus: true, carryOverMax: 0 });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["carryOverMax", "hours.errors.carryOverMax"]]);
    expect(ruleSchema.safeParse({ ...rules2026, carryOverSurplus: true, carryOverMax: 20 }).success).toBe(true);
  });

  it("validates a partial provincial override, which may not set the year", () => {
    expect(ruleOverrideSchema.safeParse({ requirement: { POLITICAL_THEORY: 20 } }).success).toBe(true);
    expect(ruleOverrideSchema.safeParse({ capsPerSource: { TEACHING: null } }).success).toBe(true);
    expect(ruleOverrideSchema.parse({ year: 2030, teachingMultiplier: 1.5 })).toEqual({ teachingMultiplier: 1.5 });
  });
});

describe("mergeRules: national default, provincial override", () => {
  const national: CreditRules = { ...DEFAULT_RULES(2026), capsPerSource: { ONLINE_LESSON: 30, TEACHING: 20 } };

  it("keeps everything when there is no override", () => {
    expect(mergeRules(national, null)).toEqual(national);
    expect(mergeRules(national, {})).toEqual(national);
  });

  it("replaces only the fields the override sets; requirement and caps merge per key", () => {
    const merged = mergeRules(national, { requirement: { POLITICAL_THEORY: 24 }, capsPerSource: { EXTERNAL_IMPORT: 10, TEACHING: null }, carryOverSurplus: true, carryOverMax: 12 });
    expect(merged.requirement).toEqual({ PROFESSIONAL_LEGAL: 60, POLITICAL_THEORY: 24 });
    expect(merged.capsPerSource).toEqual({ ONLINE_LESSON: 30, EXTERNAL_IMPORT: 10 });
    expect(merged.carryOverSurplus).toBe(true);
    expect(merged.carryOverMax).toBe(12);
    expect(merged.offPostHoursPerDay).toBe(6);
    expect(merged.teachingMultiplier).toBe(2);
    expect(merged.year).toBe(2026);
    expect(merged.onlineMinutesToHours).toEqual(national.onlineMinutesToHours);
  });

  it("replaces the threshold table whole", () => {
    const merged = mergeRules(national, { onlineMinutesToHours: [{ minMinutes: 45, hours: 1 }] });
    expect(merged.onlineMinutesToHours).toEqual([{ minMinutes: 45, hours: 1 }]);
  });

  it("does not change the national rules it was given", () => {
    mergeRules(national, { requirement: { PROFESSIONAL_LEGAL: 72 }, capsPerSource: { ONLINE_LESSON: null } });
    expect(national.requirement.PROFESSIONAL_LEGAL).toBe(60);
    expect(national.capsPerSource.ONLINE_LESSON).toBe(30);
  });
});

describe("conversions", () => {
  it("online minutes: ≥30 = 1, 15–30 = 0.5, under 15 = 0.25, nothing for no time", () => {
    expect(onlineLessonHours(90, rules2026)).toBe(1);
    expect(onlineLessonHours(30, rules2026)).toBe(1);
    expect(onlineLessonHours(29.5, rules2026)).toBe(0.5);
    expect(onlineLessonHours(15, rules2026)).toBe(0.5);
    expect(onlineLessonHours(14, rules2026)).toBe(0.25);
    expect(onlineLessonHours(1, rules2026)).toBe(0.25);
    expect(onlineLessonHours(0.5, rules2026)).toBe(0);
    expect(onlineLessonHours(0, rules2026)).toBe(0);
    expect(onlineLessonHours(-10, rules2026)).toBe(0);
    expect(onlineLessonHours(Number.NaN, rules2026)).toBe(0);
  });

  it("a completed lesson earns the online conversion, never more than the lesson's credit", () => {
    expect(lessonHours(40, 0.5, rules2026)).toBe(0.5); // 1 h by minutes, capped at the lesson's 0.5
    expect(lessonHours(20, 1, rules2026)).toBe(0.5);
    expect(lessonHours(10, 1, rules2026)).toBe(0.25);
    expect(lessonHours(0, 1, rules2026)).toBe(0);
  });

  it("online minutes: reads a table configured in any order", () => {
    const rules = { ...rules2026, onlineMinutesToHours: [{ minMinutes: 20, hours: 0.5 }, { minMinutes: 45, hours: 1 }] };
    expect(onlineLessonHours(50, rules)).toBe(1);
    expect(onlineLessonHours(44, rules)).toBe(0.5);
    expect(onlineLessonHours(19, rules)).toBe(0);
  });

  it("off-post training: 6 hours a day, half days allowed", () => {
    expect(offPostHours(5, rules2026)).toBe(30);
    expect(offPostHours(2.5, rules2026)).toBe(15);
    expect(offPostHours(0, rules2026)).toBe(0);
    expect(offPostHours(3, { ...rules2026, offPostHoursPerDay: 7.5 })).toBe(22.5);
  });

  it("teaching: hours taught times the multiplier", () => {
    expect(teachingHours(3, rules2026)).toBe(6);
    expect(teachingHours(1.5, rules2026)).toBe(3);
    expect(teachingHours(3, { ...rules2026, teachingMultiplier: 1.5 })).toBe(4.5);
    expect(teachingHours(-1, rules2026)).toBe(0);
  });
});

describe("evaluateYear", () => {
  it("credits approved entries only; pending shown apart; rejected and voided ignored", () => {
    const entries = [mk(20, "OFFLINE_CLASS", 1), mk(10, "ONLINE_LESSON", 2), mk(4, "EXTERNAL_IMPORT", 3, "PENDING"), mk(8, "MANUAL", 4, "REJECTED"), mk(6, "OFFLINE_CLASS", 5, "VOIDED")];
    const pro = evaluateYear(entries, rules2026).categories.PROFESSIONAL_LEGAL;
    expect(pro.credited).toBe(30);
    expect(pro.pending).toBe(4);
    expect(pro.bySource.EXTERNAL_IMPORT).toEqual({ approved: 0, credited: 0, capped: 0, pending: 4 });
    expect(pro.bySource.OFFLINE_CLASS).toEqual({ approved: 20, credited: 20, capped: 0, pending: 0 });
    expect(pro.bySource.MANUAL.credited).toBe(0);
    expect(pro.met).toBe(false);
    expect(pro.shortfall).toBe(30);
    expect(pro.surplus).toBe(0);
  });

  it("meets the requirement at exactly 60, fractions included", () => {
    const entries = [mk(30, "OFF_POST_TRAINING", 1), mk(29.25, "OFFLINE_CLASS", 2), mk(0.5, "ONLINE_LESSON", 3), mk(0.25, "ONLINE_LESSON", 4)];
    const pro = evaluateYear(entries, rules2026).categories.PROFESSIONAL_LEGAL;
    expect(pro.credited).toBe(60);
    expect(pro.met).toBe(true);
    expect(pro.shortfall).toBe(0);
    expect(pro.surplus).toBe(0);
  });

  it("never counts political theory towards the professional requirement", () => {
    const entries = [mk(50, "OFFLINE_CLASS", 1), mk(20, "OFFLINE_CLASS", 2, "APPROVED", "POLITICAL_THEORY")];
    const result = evaluateYear(entries, { ...rules2026, requirement: { PROFESSIONAL_LEGAL: 60, POLITICAL_THEORY: 12 } });
    expect(result.categories.PROFESSIONAL_LEGAL.credited).toBe(50);
    expect(result.categories.PROFESSIONAL_LEGAL.met).toBe(false);
    expect(result.categories.POLITICAL_THEORY.credited).toBe(20);
    expect(result.categories.POLITICAL_THEORY.met).toBe(true);
    expect(result.categories.POLITICAL_THEORY.surplus).toBe(8);
  });

  it("caps a source across the year in recordedAt order: the entry crossing the cap credits the room left, later ones nothing", () => {
    const rules = { ...rules2026, capsPerSource: { ONLINE_LESSON: 10 } };
    // Given out of order on purpose: 4 (Jan 1), 4 (Jan 2), 4 (Jan 3), 1 (Jan 4).
    const a = mk(4, "ONLINE_LESSON", 3);
    const b = mk(4, "ONLINE_LESSON", 1);
    const c = mk(1, "ONLINE_LESSON", 4);
    const d = mk(4, "ONLINE_LESSON", 2);
    const result = evaluateYear([a, b, c, d], rules);
    const pro = result.categories.PROFESSIONAL_LEGAL;
    expect(pro.bySource.ONLINE_LESSON).toEqual({ approved: 13, credited: 10, capped: 3, pending: 0 });
    expect(pro.credited).toBe(10);
    expect(pro.capped).toBe(3);
    expect(result.entries.map((e) => [e.entryId, e.credited, e.capped])).toEqual([
      [b.id, 4, 0],
      [d.id, 4, 0],
      [a.id, 2, 2],
      [c.id, 0, 1],
    ]);
  });

  it("caps each source separately; uncapped sources are untouched", () => {
    const rules = { ...rules2026, capsPerSource: { ONLINE_LESSON: 20, TEACHING: 8 } };
    const entries = [mk(15, "ONLINE_LESSON", 1), mk(6, "TEACHING", 2), mk(10, "ONLINE_LESSON", 3), mk(6, "TEACHING", 4), mk(30, "OFFLINE_CLASS", 5)];
    const pro = evaluateYear(entries, rules).categories.PROFESSIONAL_LEGAL;
    expect(pro.bySource.ONLINE_LESSON).toMatchObject({ approved: 25, credited: 20, capped: 5 });
    expect(pro.bySource.TEACHING).toMatchObject({ approved: 12, credited: 8, capped: 4 });
    expect(pro.bySource.OFFLINE_CLASS).toMatchObject({ approved: 30, credited: 30, capped: 0 });
    expect(pro.approved).toBe(67);
    expect(pro.credited).toBe(58); // 20 + 8 + 30
    expect(pro.capped).toBe(9);
    expect(pro.met).toBe(false);
  });

  it("applies a cap per category: political-theory lessons do not use up room towards the 60 hours", () => {
    const rules = { ...rules2026, capsPerSource: { ONLINE_LESSON: 10 } };
    const entries = [mk(8, "ONLINE_LESSON", 1, "APPROVED", "POLITICAL_THEORY"), mk(8, "ONLINE_LESSON", 2)];
    const result = evaluateYear(entries, rules);
    expect(result.categories.PROFESSIONAL_LEGAL.credited).toBe(8);
    expect(result.categories.POLITICAL_THEORY.credited).toBe(8);
  });

  it("ignores pending and rejected entries when filling a cap", () => {
    const rules = { ...rules2026, capsPerSource: { EXTERNAL_IMPORT: 10 } };
    const entries = [mk(8, "EXTERNAL_IMPORT", 1, "PENDING"), mk(8, "EXTERNAL_IMPORT", 2, "REJECTED"), mk(8, "EXTERNAL_IMPORT", 3)];
    expect(evaluateYear(entries, rules).categories.PROFESSIONAL_LEGAL.bySource.EXTERNAL_IMPORT).toEqual({ approved: 8, credited: 8, capped: 0, pending: 8 });
  });

  it("breaks recordedAt ties by id, so the caller's order does not matter", () => {
    const rules = { ...rules2026, capsPerSource: { MANUAL: 5 } };
    const at = new Date("2026-03-01T02:00:00Z");
    const x = entry(5, { id: "b-entry", source: "MANUAL", recordedAt: at });
    const y = entry(5, { id: "a-entry", source: "MANUAL", recordedAt: at });
    const one = evaluateYear([x, y], rules).entries;
    const two = evaluateYear([y, x], rules).entries;
    expect(one).toEqual(two);
    expect(one[0]).toMatchObject({ entryId: "a-entry", credited: 5 });
  });

  it("counts only entries of the rules' year", () => {
    const result = evaluateYear([mk(10, "OFFLINE_CLASS", 1), entry(40, { year: 2025 })], rules2026);
    expect(result.categories.PROFESSIONAL_LEGAL.credited).toBe(10);
    expect(result.year).toBe(2026);
  });

  it("refuses entries of more than one person", () => {
    expect(() => evaluateYear([entry(1), entry(1, { personId: "p2" })], rules2026)).toThrow();
  });

  it("evaluates an empty year", () => {
    const pro = evaluateYear([], rules2026).categories.PROFESSIONAL_LEGAL;
    expect(pro).toMatchObject({ credited: 0, met: false, shortfall: 60, carryOut: 0 });
    // No political-theory requirement by default: met with nothing.
    expect(evaluateYear([], rules2026).categories.POLITICAL_THEORY.met).toBe(true);
  });
});

describe("evaluateYear: carry-over", () => {
  const carrying = { ...rules2026, carryOverSurplus: true, carryOverMax: 10 };

  it("carried-in hours count towards the requirement", () => {
    const pro = evaluateYear([mk(52, "OFFLINE_CLASS", 1)], rules2026, { carriedIn: { PROFESSIONAL_LEGAL: 8 } }).categories.PROFESSIONAL_LEGAL;
    expect(pro.credited).toBe(52);
    expect(pro.carriedIn).toBe(8);
    expect(pro.met).toBe(true);
    expect(pro.surplus).toBe(0);
  });

  it("carries nothing out when the rules do not carry surplus over", () => {
    const pro = evaluateYear([mk(75, "OFFLINE_CLASS", 1)], rules2026).categories.PROFESSIONAL_LEGAL;
    expect(pro.surplus).toBe(15);
    expect(pro.carryOut).toBe(0);
  });

  it("carries the surplus out, up to the max", () => {
    expect(evaluateYear([mk(66, "OFFLINE_CLASS", 1)], carrying).categories.PROFESSIONAL_LEGAL.carryOut).toBe(6);
    expect(evaluateYear([mk(75, "OFFLINE_CLASS", 1)], carrying).categories.PROFESSIONAL_LEGAL.carryOut).toBe(10);
    expect(evaluateYear([mk(59.5, "OFFLINE_CLASS", 1)], carrying).categories.PROFESSIONAL_LEGAL.carryOut).toBe(0);
  });

  it("spends carried-in hours first, so this year's surplus is what carries on", () => {
    // 8 in + 58 this year = 66: surplus 6, all of it this year's own hours.
    const pro = evaluateYear([mk(58, "OFFLINE_CLASS", 1)], carrying, { carriedIn: { PROFESSIONAL_LEGAL: 8 } }).categories.PROFESSIONAL_LEGAL;
    expect(pro.surplus).toBe(6);
    expect(pro.carryOut).toBe(6);
  });

  it("never carries an hour forward twice", () => {
    // Requirement lowered to 5 by a province: 8 carried in + 2 earned = surplus 5, but only the 2 earned may carry on.
    const rules = { ...carrying, requirement: { PROFESSIONAL_LEGAL: 5, POLITICAL_THEORY: 0 } };
    const pro = evaluateYear([mk(2, "OFFLINE_CLASS", 1)], rules, { carriedIn: { PROFESSIONAL_LEGAL: 8 } }).categories.PROFESSIONAL_LEGAL;
    expect(pro.surplus).toBe(5);
    expect(pro.carryOut).toBe(2);
  });

  it("carries capped hours nowhere: only credited hours make a surplus", () => {
    const rules = { ...carrying, capsPerSource: { ONLINE_LESSON: 20 } };
    const pro = evaluateYear([mk(50, "OFFLINE_CLASS", 1), mk(30, "ONLINE_LESSON", 2)], rules).categories.PROFESSIONAL_LEGAL;
    expect(pro.credited).toBe(70);
    expect(pro.capped).toBe(10);
    expect(pro.carryOut).toBe(10);
  });

  it("carries nothing out of a category with no requirement", () => {
    const pol = evaluateYear([mk(12, "OFFLINE_CLASS", 1, "APPROVED", "POLITICAL_THEORY")], carrying).categories.POLITICAL_THEORY;
    expect(pol.surplus).toBe(12);
    expect(pol.carryOut).toBe(0);
  });
});

describe("a rule change re-evaluates, never rewrites", () => {
  it("gives different figures for the same entries and leaves the entries as they were", () => {
    const entries = [mk(30, "ONLINE_LESSON", 1), mk(12, "TEACHING", 2), mk(20, "OFFLINE_CLASS", 3), mk(5, "EXTERNAL_IMPORT", 4, "PENDING")];
    const before = structuredClone(entries);

    const lenient = evaluateYear(entries, rules2026).categories.PROFESSIONAL_LEGAL;
    expect(lenient.credited).toBe(62);
    expect(lenient.met).toBe(true);

    const strict = evaluateYear(entries, mergeRules(rules2026, { capsPerSource: { ONLINE_LESSON: 20, TEACHING: 8 } })).categories.PROFESSIONAL_LEGAL;
    expect(strict.credited).toBe(48); // 20 + 8 + 20
    expect(strict.capped).toBe(14);
    expect(strict.met).toBe(false);
    expect(strict.shortfall).toBe(12);

    expect(entries).toEqual(before);
  });

  it("next year's rules leave this year's evaluation alone", () => {
    const entries = [mk(40, "OFFLINE_CLASS", 1), entry(40, { year: 2027, recordedAt: new Date("2027-02-01T02:00:00Z") })];
    const next = { ...DEFAULT_RULES(2027), requirement: { PROFESSIONAL_LEGAL: 80, POLITICAL_THEORY: 10 } };
    expect(evaluateYear(entries, rules2026).categories.PROFESSIONAL_LEGAL).toMatchObject({ credited: 40, requirement: 60, shortfall: 20 });
    expect(evaluateYear(entries, next).categories.PROFESSIONAL_LEGAL).toMatchObject({ credited: 40, requirement: 80, shortfall: 40 });
  });
});

describe("Shanghai calendar", () => {
  it("Dec 31 23:30 in Shanghai is still that year", () => {
    expect(shanghaiYear(new Date("2025-12-31T23:30:00+08:00"))).toBe(2025);
    expect(shanghaiYear(new Date("2025-12-31T15:30:00Z"))).toBe(2025);
  });

  it("Jan 1 00:10 in Shanghai is the next year although UTC is still Dec 31", () => {
    const instant = new Date("2026-01-01T00:10:00+08:00");
    expect(instant.getUTCFullYear()).toBe(2025);
    expect(shanghaiYear(instant)).toBe(2026);
  });

  it("knows leap years", () => {
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2025)).toBe(365);
    expect(daysInYear(2100)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
  });

  it("counts days of the year in Shanghai", () => {
    expect(shanghaiDayOfYear(new Date("2026-01-01T00:10:00+08:00"))).toBe(1);
    expect(shanghaiDayOfYear(new Date("2026-12-31T23:30:00+08:00"))).toBe(365);
    expect(shanghaiDayOfYear(new Date("2024-12-31T23:30:00+08:00"))).toBe(366);
    expect(shanghaiDayOfYear(new Date("2024-03-01T08:00:00+08:00"))).toBe(61);
  });
});

describe("projectYearEnd", () => {
  it("projects linearly from the pace so far", () => {
    // 1 July 2026 is day 182 of 365: 30 hours → 30 × 365 / 182 = 60.16.
    const p = projectYearEnd(30, new Date("2026-07-01T10:00:00+08:00"), 2026, 60);
    expect(p).toEqual({ projected: 60.16, behindPace: false, daysElapsed: 182, daysInYear: 365, basis: "PACE" });
    // 29 hours by then → 58.16: behind.
    expect(projectYearEnd(29, new Date("2026-07-01T10:00:00+08:00"), 2026, 60)).toMatchObject({ projected: 58.16, behindPace: true });
  });

  it("uses 366 days in a leap year", () => {
    // 1 July 2024 is day 183 of 366: 30 × 366 / 183 = 60 exactly.
    expect(projectYearEnd(30, new Date("2024-07-01T10:00:00+08:00"), 2024, 60)).toMatchObject({ projected: 60, behindPace: false, daysElapsed: 183, daysInYear: 366 });
  });

  it("projects what was credited on Dec 31, even late in the evening Shanghai time", () => {
    expect(projectYearEnd(59, new Date("2026-12-31T23:30:00+08:00"), 2026, 60)).toMatchObject({ projected: 59, behindPace: true, daysElapsed: 365, basis: "PACE" });
  });

  it("gives no projection in the first two weeks; only someone with nothing is behind", () => {
    expect(projectYearEnd(0, new Date("2026-01-02T09:00:00+08:00"), 2026, 60)).toEqual({ projected: null, behindPace: true, daysElapsed: 2, daysInYear: 365, basis: "TOO_EARLY" });
    expect(projectYearEnd(0.25, new Date("2026-01-14T23:59:00+08:00"), 2026, 60)).toMatchObject({ projected: null, behindPace: false, daysElapsed: 14 });
    expect(projectYearEnd(0, new Date("2026-01-05T09:00:00+08:00"), 2026, 0)).toMatchObject({ projected: null, behindPace: false });
    // Day 15 projects: 2 hours × 365 / 15 = 48.67.
    expect(projectYearEnd(2, new Date("2026-01-15T09:00:00+08:00"), 2026, 60)).toMatchObject({ projected: 48.67, behindPace: true, basis: "PACE" });
  });

  it("treats Jan 1 00:10 Shanghai as the new year, not as day 365 of the old one", () => {
    const instant = new Date("2026-01-01T00:10:00+08:00");
    expect(projectYearEnd(0, instant, 2026, 60)).toMatchObject({ daysElapsed: 1, basis: "TOO_EARLY" });
    expect(projectYearEnd(59, instant, 2025, 60)).toMatchObject({ projected: 59, behindPace: true, basis: "YEAR_ENDED" });
  });

  it("after the year ends, projects what was credited", () => {
    expect(projectYearEnd(61, new Date("2027-03-01T10:00:00+08:00"), 2026, 60)).toEqual({ projected: 61, behindPace: false, daysElapsed: 365, daysInYear: 365, basis: "YEAR_ENDED" });
  });

  it("before the year begins, projects nothing and nobody is behind", () => {
    expect(projectYearEnd(0, new Date("2026-12-31T23:30:00+08:00"), 2027, 60)).toEqual({ projected: null, behindPace: false, daysElapsed: 0, daysInYear: 365, basis: "NOT_STARTED" });
  });
});

describe("corrections", () => {
  const original = entry(4, { id: "orig", source: "MANUAL", recordedAt: new Date("2026-05-10T02:00:00Z") });
  const at = new Date("2026-06-01T03:00:00Z");

  it("voids the old entry and writes a new one pointing back to it, keeping its place in the year", () => {
    const result = correctionOf(original, { hours: 2.5 }, { reason: " 学时录入错误 ", at });
    expect(result).toEqual({
      ok: true,
      void: { entryId: "orig", status: "VOIDED", reason: "学时录入错误", voidedAt: at },
      replacement: {
        personId: "p1",
        year: 2026,
        hours: 2.5,
        category: "PROFESSIONAL_LEGAL",
        source: "MANUAL",
        status: "PENDING",
        recordedAt: original.recordedAt,
        correctsEntryId: "orig",
      },
    });
    // The description is all: the entry itself is untouched.
    expect(original.status).toBe("APPROVED");
    expect(original.hours).toBe(4);
  });

  it("can move an entry to another category, approved when the caller says so", () => {
    const result = correctionOf(original, { category: "POLITICAL_THEORY", status: "APPROVED" }, { reason: "wrong category", at });
    expect(result.ok && result.replacement).toMatchObject({ category: "POLITICAL_THEORY", hours: 4, status: "APPROVED" });
  });

  it("refuses to void an entry already voided", () => {
    const voided = { ...original, status: "VOIDED" as const };
    expect(correctionOf(voided, { hours: 1 }, { reason: "again", at })).toEqual({ ok: false, reason: "ALREADY_VOIDED" });
    expect(voidOf(voided, { reason: "again", at })).toEqual({ ok: false, reason: "ALREADY_VOIDED" });
  });

  it("needs a reason and a positive number of hours", () => {
    expect(correctionOf(original, { hours: 1 }, { reason: "  ", at })).toEqual({ ok: false, reason: "REASON_REQUIRED" });
    expect(correctionOf(original, { hours: 0 }, { reason: "typo", at })).toEqual({ ok: false, reason: "INVALID_HOURS" });
  });

  it("a correction evaluated in place of the original changes the year's figures by the difference", () => {
    const other = mk(58, "OFFLINE_CLASS", 1);
    const before = evaluateYear([other, original], rules2026).categories.PROFESSIONAL_LEGAL;
    const fix = correctionOf(original, { hours: 1 }, { reason: "typo", at });
    if (!fix.ok) throw new Error("expected a correction");
    const after = evaluateYear([other, { ...original, status: "VOIDED" }, { ...fix.replacement, id: "new", status: "APPROVED" }], rules2026).categories.PROFESSIONAL_LEGAL;
    expect(before.credited).toBe(62);
    expect(after.credited).toBe(59);
    expect(after.met).toBe(false);
  });
});
