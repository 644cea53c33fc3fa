import { describe, expect, it } from "vitest";
import { isValidIdCardNumber } from "~/modules/people/rules";
import {
  ALL_PROVINCES,
  DETAILED_PROVINCES,
  EDUCATION_LEVELS,
  GIVEN_NAME_CHARS,
  NATIONAL_UNIT,
  POSTS,
  SURNAMES,
  chineseName,
  fakeIdCardNumber,
  fakeMobile,

  mulberry32,
} from "./demo-data";

const SIX_DIGITS = /^\d{6}$/;

describe("administrative units", () => {
  it("detailed tree: 6-digit, unique codes with consistent prefixes", () => {
    const seen = new Set<string>([NATIONAL_UNIT.code]);
    const add = (code: string) => {
      expect(code).toMatch(SIX_DIGITS);
      expect(seen.has(code), `duplicate code ${code}`).toBe(false);
      seen.add(code);
    };
    expect(DETAILED_PROVINCES.map((p) => p.code).sort()).toEqual(["320000", "330000", "440000"]);
    for (const p of DETAILED_PROVINCES) {
      add(p.code);
      expect(p.code.endsWith("0000")).toBe(true);
      expect(p.cities.length).toBeGreaterThanOrEqual(4);
      for (const c of p.cities) {
        add(c.code);
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2));
        expect(c.code.endsWith("00")).toBe(true);
        expect(c.code.endsWith("0000")).toBe(false);
        expect(c.counties.length).toBeGreaterThanOrEqual(2);
        expect(c.counties.length).toBeLessThanOrEqual(4);
        for (const k of c.counties) {
          add(k.code);
          expect(k.code.slice(0, 4)).toBe(c.code.slice(0, 4));
          expect(k.code.endsWith("00")).toBe(false);
        }
      }
    }
  });

  it("ALL_PROVINCES: 31 divisions, unique codes, consistent with the detailed tree", () => {
    expect(ALL_PROVINCES).toHaveLength(31);
    expect(ALL_PROVINCES.filter((p) => p.municipality).map((p) => p.name)).toEqual([
      "北京市",
      "天津市",
      "上海市",
      "重庆市",
    ]);
    const codes = ALL_PROVINCES.flatMap((p) => [p.code, p.capital.code]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain(NATIONAL_UNIT.code);
    for (const p of ALL_PROVINCES) {
      expect(p.code).toMatch(/^\d{2}0000$/);
      expect(p.capital.code).toMatch(SIX_DIGITS);
      expect(p.capital.code.slice(0, 2)).toBe(p.code.slice(0, 2));
    }
    // Any code appearing in both lists must name the same unit.
    const names = new Map<string, string>();
    for (const p of DETAILED_PROVINCES) {
      names.set(p.code, p.name);
      for (const c of p.cities) names.set(c.code, c.name);
    }
    for (const u of ALL_PROVINCES.flatMap((p) => [p, p.capital])) {
      if (names.has(u.code)) expect(u.name).toBe(names.get(u.code));
    }
    for (const p of DETAILED_PROVINCES) {
      expect(ALL_PROVINCES.some((a) => a.code === p.code && a.name === p.name)).toBe(true);
    }
  });
});

describe("generators", () => {
  it("mulberry32 is deterministic and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it("name lists are large enough and duplicate-free", () => {
    expect(SURNAMES.length).toBeGreaterThanOrEqual(100);
    expect(GIVEN_NAME_CHARS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
    expect(new Set(GIVEN_NAME_CHARS).size).toBe(GIVEN_NAME_CHARS.length);
  });

  it("chineseName yields 2–3 Han characters deterministically", () => {
    const r = mulberry32(7);
    const names = Array.from({ length: 2000 }, () => chineseName(r));
    for (const n of names) expect(n).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(names.some((n) => n.length === 2)).toBe(true);
    expect(names.some((n) => n.length === 3)).toBe(true);
    const r2 = mulberry32(7);
    expect(Array.from({ length: 2000 }, () => chineseName(r2))).toEqual(names);
  });

  it("fakeIdCardNumber produces valid numbers; corruption is detected", () => {
    const r = mulberry32(2024);
    for (let i = 0; i < 2000; i++) {
      const id = fakeIdCardNumber(r, "330106", 1960 + (i % 45));
      expect(id).toHaveLength(18);
      expect(id.startsWith("330106")).toBe(true);
      expect(isValidIdCardNumber(id), id).toBe(true);
      // Changing any single digit of the first 17 must break the checksum.
      const pos = i % 17;
      const d = Number(id[pos]);
      const corrupted = id.slice(0, pos) + String((d + 1 + (i % 8)) % 10) + id.slice(pos + 1);
      expect(isValidIdCardNumber(corrupted), corrupted).toBe(false);
    }
    // Known-good public example from GB 11643-1999.
    expect(isValidIdCardNumber("11010519491231002X")).toBe(true);
    expect(isValidIdCardNumber("110105194912310021")).toBe(false);
    expect(isValidIdCardNumber("110105194902300027")).toBe(false); // Feb 30
    expect(isValidIdCardNumber("1101051949123100")).toBe(false);
    expect(() => fakeIdCardNumber(r, "33010", 1990)).toThrow();
  });

  it("fakeMobile produces 11-digit 13x/15x/18x numbers", () => {
    const r = mulberry32(1);
    for (let i = 0; i < 500; i++) expect(fakeMobile(r)).toMatch(/^1[358]\d{9}$/);
  });

  it("posts and education levels", () => {
    for (const key of ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "OTHER"] as const) {
      expect(POSTS[key].length).toBeGreaterThan(0);
    }
    expect(EDUCATION_LEVELS).toEqual(["HIGH_SCHOOL", "ASSOCIATE", "BACHELOR", "MASTER", "DOCTORATE"]);
  });
});
