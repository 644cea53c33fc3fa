import { EDUCATION_LEVELS, STAFF_CATEGORIES } from "./rules";

/*
 * The people spreadsheet layout, shared by the import template, the import parser and
 * the export, so an exported file can be edited and imported again.
 * Pure: no I/O; the .xlsx reading and writing is in xlsx.server.ts.
 */
export const PEOPLE_COLUMNS = [
  { key: "name", width: 12 },
  { key: "staffNo", width: 14 },
  { key: "unitCode", width: 10 },
  { key: "unitName", width: 20, exportOnly: true },
  { key: "category", width: 12 },
  { key: "post", width: 16 },
  { key: "inEnforcementSystem", width: 10 },
  { key: "hireDate", width: 12 },
  { key: "education", width: 10 },
  { key: "phone", width: 14 },
  { key: "idCard", width: 22 },
  { key: "status", width: 10, exportOnly: true },
] as const;
export type PeopleColumnKey = (typeof PEOPLE_COLUMNS)[number]["key"];

export const IMPORT_COLUMNS = PEOPLE_COLUMNS.filter((c) => !("exportOnly" in c));
export const MAX_IMPORT_ROWS = 10_000;

type Translate = (key: string) => string;

/** Accepts a code ("ENFORCEMENT") or its label in either language ("执法人员", "Enforcement"). */
export function enumFromCell<T extends string>(
  value: string,
  codes: readonly T[],
  labelKey: (code: T) => string,
  translators: Translate[],
): T | undefined | null {
  const v = value.trim();
  if (!v) return undefined;
  const upper = v.toUpperCase();
  for (const code of codes) {
    if (code === upper) return code;
    if (translators.some((t) => t(labelKey(code)).toLowerCase() === v.toLowerCase())) return code;
  }
  return null; // present but not recognised
}

export function categoryFromCell(value: string, translators: Translate[]) {
  return enumFromCell(value, STAFF_CATEGORIES, (c) => `people.category.${c}`, translators);
}

export function educationFromCell(value: string, translators: Translate[]) {
  return enumFromCell(value, EDUCATION_LEVELS, (c) => `people.education.${c}`, translators);
}

const YES = ["是", "Y", "YES", "TRUE", "1"];
const NO = ["否", "N", "NO", "FALSE", "0"];

/** 是/否, yes/no, 1/0; empty means yes (most staff are inside the enforcement system). */
export function booleanFromCell(value: string): boolean | null {
  const v = value.trim().toUpperCase();
  if (!v) return true;
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return null;
}

export type RawRow = { rowNumber: number; cells: Record<string, string> };
export type RowError = { row: number; column?: string; message: string; params?: Record<string, string | number> };
