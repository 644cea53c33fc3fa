import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import zhCN from "~/locales/zh-CN";
import { navigationFor } from "~/modules/access/navigation";
import { ROLES } from "~/modules/access/permissions";
import { UNIT_LEVELS } from "~/modules/org/rules";
import { EDUCATION_LEVELS, PERSON_STATUSES, STAFF_CATEGORIES } from "~/modules/people/rules";
import { PEOPLE_COLUMNS } from "~/modules/people/spreadsheet";
import { DEFAULT_LOCALE, formatDate, isoDateInShanghai, negotiateLocale, requestLocale, translator } from "./i18n";

describe("negotiateLocale", () => {
  it.each([
    [null, "zh-CN"],
    ["", "zh-CN"],
    ["zh-CN", "zh-CN"],
    ["zh-TW,zh;q=0.9", "zh-CN"],
    ["zh-Hant-HK", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["EN-gb", "en"],
    ["fr-FR,fr;q=0.9", "zh-CN"],
    ["*", "zh-CN"],
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("follows q-values rather than the order in the header", () => {
    expect(negotiateLocale("zh;q=0.2, en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr, en;q=0.5, zh;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("fr;q=1, en;q=0.8, zh;q=0.5")).toBe("en");
  });

  it("keeps header order between equal q-values", () => {
    expect(negotiateLocale("en, zh")).toBe("en");
    expect(negotiateLocale("zh, en")).toBe("zh-CN");
  });

  it("ignores languages the browser refuses with q=0", () => {
    expect(negotiateLocale("en;q=0, fr")).toBe("zh-CN");
    expect(negotiateLocale("zh;q=0, en;q=0.1")).toBe("en");
  });

  it("defaults to Chinese", () => {
    expect(DEFAULT_LOCALE).toBe("zh-CN");
  });
});

describe("requestLocale", () => {
  const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  it("uses the remembered choice over the browser's languages", () => {
    expect(requestLocale(request({ Cookie: "lng=en", "Accept-Language": "zh-CN,zh;q=0.9" }))).toBe("en");
    expect(requestLocale(request({ Cookie: "sid=abc; lng=zh-CN", "Accept-Language": "en-US" }))).toBe("zh-CN");
  });

  it("falls back to Accept-Language without a valid cookie", () => {
    expect(requestLocale(request({ "Accept-Language": "en-US" }))).toBe("en");
    expect(requestLocale(request({ Cookie: "lng=fr", "Accept-Language": "en-US" }))).toBe("en");
    // A cookie that merely ends in "lng" is someone else's.
    expect(requestLocale(request({ Cookie: "xlng=en", "Accept-Language": "zh" }))).toBe("zh-CN");
  });

  it("defaults to Chinese with neither", () => {
    expect(requestLocale(request({}))).toBe("zh-CN");
  });
});

describe("translator and formatting", () => {
  it("translates and interpolates in both languages", () => {
    expect(translator("zh-CN")("auth.errors.accountLocked", { minutes: 7 })).toContain("7 分钟");
    expect(translator("en")("people.import.errors.duplicateInFile", { other: 3 })).toContain("3");
    expect(translator("en")("people.category.ENFORCEMENT")).not.toBe(translator("zh-CN")("people.category.ENFORCEMENT"));
  });

  it("uses China time for dates", () => {
    // 16:30 UTC is already the next day in Beijing.
    expect(isoDateInShanghai(new Date("2025-06-30T16:30:00Z"))).toBe("2025-07-01");
    expect(formatDate("2025-06-30T16:30:00Z", "en")).toContain("07/01/2025");
  });
});

// ---------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------
type Leaves = Map<string, string | string[]>;

function leaves(dict: unknown, prefix = "", out: Leaves = new Map()): Leaves {
  for (const [key, value] of Object.entries(dict as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string" || Array.isArray(value)) out.set(full, value as string | string[]);
    else leaves(value, full, out);
  }
  return out;
}

function variables(text: string | string[]): string[] {
  const all = [text].flat().join("\n");
  return [...new Set([...all.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
}

const zhLeaves = leaves(zhCN);
const enLeaves = leaves(en);

describe("dictionaries", () => {
  it("have the same keys in Chinese and English", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it("have no empty texts", () => {
    for (const [locale, dict] of [["zh-CN", zhLeaves], ["en", enLeaves]] as const) {
      for (const [key, value] of dict) {
        for (const text of [value].flat()) expect(text.trim(), `${locale} ${key}`).not.toBe("");
        if (Array.isArray(value)) expect(value.length, `${locale} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("use the same {{variables}} in both languages", () => {
    for (const [key, zh] of zhLeaves) {
      const english = enLeaves.get(key);
      if (english === undefined) continue; // reported by the key test
      expect(variables(english), key).toEqual(variables(zh));
    }
  });

  it("give lists the same number of lines in both languages", () => {
    for (const [key, zh] of zhLeaves) {
      if (Array.isArray(zh)) expect((enLeaves.get(key) as string[]).length, key).toBe(zh.length);
    }
  });
});

// ---------------------------------------------------------------------------
// Keys used in code
// ---------------------------------------------------------------------------
const APP_DIR = path.resolve("app");
const SKIP_DIRS = new Set([path.join(APP_DIR, "generated"), path.join(APP_DIR, "locales")]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return SKIP_DIRS.has(file) ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Dictionary keys written literally in code: t("…"), i18nKey="…" and error keys in messages and results. */
function staticKeys(source: string): string[] {
  const keys: string[] = [];
  // t("a.b"), t('a.b'), t(`a.b`), i18n.t("a.b"), but not t(`a.${x}`) (built at run time).
  for (const m of source.matchAll(/\bt\(\s*(["'`])((?:(?!\1)[^\\\n])*)\1/g)) {
    if (!m[2].includes("${")) keys.push(m[2]);
  }
  for (const m of source.matchAll(/\bi18nKey=\{?\s*(["'`])((?:(?!\1)[^\\\n])*)\1/g)) {
    if (!m[2].includes("${")) keys.push(m[2]);
  }
  // Flash messages and similar: { key: "people.created" } (dotted, so not a plain object key).
  for (const m of source.matchAll(/\bkey:\s*(["'`])([A-Za-z]+(?:\.[A-Za-z]+)+)\1/g)) keys.push(m[2]);
  // "errors.x", "people.errors.x", "people.import.errors.x", ... anywhere in a string literal.
  for (const m of source.matchAll(/(["'`])((?:[A-Za-z]+\.)*errors\.[A-Za-z]+)\1/g)) keys.push(m[2]);
  return keys;
}

describe("keys used in code", () => {
  const files = sourceFiles(APP_DIR);
  const used = files.flatMap((file) => staticKeys(readFileSync(file, "utf8")).map((key) => ({ key, file: path.relative(APP_DIR, file) })));

  it("finds the keys the modules use (the scan itself works)", () => {
    const keys = new Set(used.map((u) => u.key));
    for (const key of ["errors.required", "people.errors.unitNotInScope", "people.import.errors.notXlsx", "org.errors.codeTaken", "access.errors.cannotGrant", "auth.errors.passwordWeak", "people.import.sheetName"]) {
      expect(keys, key).toContain(key);
    }
    expect(keys).toContain("people.created"); // a flash message key
    expect(staticKeys("t(`people.status.${s}`)")).toEqual([]);
  });

  it("exist in the Chinese dictionary", () => {
    const missing = used.filter(({ key }) => !zhLeaves.has(key)).map(({ key, file }) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});

describe("keys built from code values", () => {
  it("exist for every role, level, category, status, education level and spreadsheet column", () => {
    const built = [
      ...ROLES.map((r) => `roles.${r}`),
      ...UNIT_LEVELS.map((l) => `levels.${l}`),
      ...STAFF_CATEGORIES.map((c) => `people.category.${c}`),
      ...PERSON_STATUSES.map((s) => `people.status.${s}`),
      ...EDUCATION_LEVELS.map((e) => `people.education.${e}`),
      ...PEOPLE_COLUMNS.map((c) => `people.columns.${c.key}`),
      ...navigationFor({ grants: [{ roleKey: "sysadmin", unitId: "n", unitPath: "/n/" }] }).map((item) => `nav.${item.key}`),
      // LoginResult errors are shown as auth.errors.<error>.
      ...["invalid", "accountLocked", "ipLimited", "disabled"].map((e) => `auth.errors.${e}`),
    ];
    expect(built.filter((key) => typeof zhLeaves.get(key) !== "string")).toEqual([]);
  });

  it("translate spreadsheet headers and labels to distinct texts, so an import can tell columns apart", () => {
    for (const dict of [zhLeaves, enLeaves]) {
      const headers = PEOPLE_COLUMNS.map((c) => dict.get(`people.columns.${c.key}`));
      expect(new Set(headers).size).toBe(headers.length);
      const categories = STAFF_CATEGORIES.map((c) => dict.get(`people.category.${c}`));
      expect(new Set(categories).size).toBe(categories.length);
    }
  });
});
