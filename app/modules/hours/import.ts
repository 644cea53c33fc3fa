import { HOURS_CATEGORIES, type HoursCategory } from "./rules";
import { isCalendarDate, MAX_ENTRY_HOURS, MAX_NOTE_CHARS, MAX_TITLE_CHARS } from "./officer";

/*
 * Importing hours from another platform's export (.xlsx or .csv): the file's columns are
 * mapped by HR to our fields, then the whole file is validated before anything is
 * written. Pure: reading the workbook, looking people up and writing are in
 * import.server.ts.
 *
 * CSV is read as UTF-8 (a byte-order mark is allowed). GBK/GB18030 files, which older
 * Chinese Excel versions write, are refused with a message asking for UTF-8 or .xlsx:
 * guessing an encoding silently corrupts names.
 */

export const IMPORT_FIELDS = ["staffNo", "hours", "date", "title", "category", "note"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ["staffNo", "hours", "date", "title"];
export const MAX_IMPORT_ROWS = 5_000;

/** Our field → the file's column (0-based). */
export type ImportMapping = Partial<Record<ImportField, number>>;
export type Sheet = { headers: string[]; rows: { rowNumber: number; cells: string[] }[] };
export type ImportError = { row: number; field?: ImportField; message: string; params?: Record<string, string | number> };

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/**
 * RFC 4180 CSV: quoted fields with "" escapes, commas and line breaks inside quotes,
 * CRLF or LF. The delimiter is a comma, or a semicolon/tab when the header line has
 * those and no comma (European Excel, tab-separated exports).
 */
export function parseCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = firstLine.includes(",") ? "," : firstLine.includes("\t") ? "\t" : firstLine.includes(";") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Decodes CSV bytes as UTF-8, refusing anything that is not (GBK is out of scope). */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: "ledger.import.errors.notUtf8" };
  }
}

/** Rows of strings (first = header) → a sheet; blank lines are skipped but keep their numbers. */
export function toSheet(table: string[][]): { ok: true; sheet: Sheet } | { ok: false; error: string; params?: Record<string, number> } {
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (headerIndex < 0) return { ok: false, error: "ledger.import.errors.empty" };
  const headers = table[headerIndex].map((h) => h.trim());
  const rows: Sheet["rows"] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i].map((c) => c.trim());
    if (cells.every((c) => c === "")) continue;
    rows.push({ rowNumber: i + 1, cells });
  }
  if (rows.length === 0) return { ok: false, error: "ledger.import.errors.empty" };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, error: "ledger.import.errors.tooManyRows", params: { max: MAX_IMPORT_ROWS } };
  return { ok: true, sheet: { headers, rows } };
}

// ---------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------

/** Headings other platforms commonly use, lower-cased; the first match wins. */
const SYNONYMS: Record<ImportField, string[]> = {
  staffNo: ["工号", "人员编号", "职工号", "编号", "staff no", "staff number", "staffno", "employee id", "employee no"],
  hours: ["学时", "学时数", "获得学时", "认定学时", "hours", "credit hours", "study hours"],
  date: ["日期", "完成日期", "学习日期", "培训日期", "完成时间", "date", "completed", "completion date"],
  title: ["课程名称", "培训名称", "项目名称", "名称", "标题", "课程", "title", "course", "course title", "activity"],
  category: ["类别", "学时类别", "类型", "category", "type"],
  note: ["备注", "来源", "平台", "说明", "note", "notes", "source", "platform", "remark"],
};

/** A first guess at the mapping from the headings; HR confirms or changes it. */
export function guessMapping(headers: string[]): ImportMapping {
  const normal = headers.map((h) => h.trim().toLowerCase().replace(/[（(].*[)）]/g, "").trim());
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    for (const name of SYNONYMS[field]) {
      const index = normal.findIndex((h, i) => h === name && !used.has(i));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** Reads a mapping from form values "map_<field>" = column index (0-based) or "" for none. */
export function mappingFromForm(get: (name: string) => unknown): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const raw = get(`map_${field}`);
    if (typeof raw === "string" && /^\d{1,3}$/.test(raw)) mapping[field] = Number(raw);
  }
  return mapping;
}

/** Problems with the mapping itself: a required field unmapped, a column used twice, a column that does not exist. */
export function mappingErrors(mapping: ImportMapping, columnCount: number): ImportError[] {
  const errors: ImportError[] = [];
  for (const field of REQUIRED_IMPORT_FIELDS) {
    if (mapping[field] === undefined) errors.push({ row: 0, field, message: "ledger.import.errors.unmapped" });
  }
  const seen = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (column < 0 || column >= columnCount) errors.push({ row: 0, field, message: "ledger.import.errors.noSuchColumn" });
    else if (seen.has(column)) errors.push({ row: 0, field, message: "ledger.import.errors.columnTwice" });
    else seen.set(column, field);
  }
  return errors;
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

/** A positive multiple of 0.25 up to MAX_ENTRY_HOURS, or the error. */
export function parseHours(value: string): { ok: true; hours: number } | { ok: false; error: string } {
  const v = value.replace(/\s|学时|h$/gi, "");
  if (!/^\d+(\.\d+)?$/.test(v)) return { ok: false, error: "ledger.import.errors.hours" };
  const hours = Number(v);
  if (!(hours > 0) || Math.abs(hours * 4 - Math.round(hours * 4)) > 1e-9) return { ok: false, error: "ledger.import.errors.hours" };
  if (hours > MAX_ENTRY_HOURS) return { ok: false, error: "ledger.import.errors.hoursTooMany" };
  return { ok: true, hours: Math.round(hours * 4) / 4 };
}

/**
 * A calendar date as yyyy-mm-dd: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301,
 * optionally followed by a time (ignored: dates are days in China).
 */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(v);
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return isCalendarDate(iso) ? iso : null;
}

const CATEGORY_WORDS: Record<HoursCategory, string[]> = {
  PROFESSIONAL_LEGAL: ["professional_legal", "professional", "legal", "专业", "业务", "法律", "专业知识", "法律法规", "专业知识和法律法规", "专业/法律", "professional knowledge and law"],
  POLITICAL_THEORY: ["political_theory", "political", "theory", "政治", "理论", "政治理论", "党性", "党性教育", "政治理论和党性教育", "political theory and party spirit"],
};

/** Empty → undefined (the default applies); unknown → null. */
export function parseCategory(value: string): HoursCategory | null | undefined {
  const v = value.trim().toLowerCase();
  if (!v) return undefined;
  for (const category of HOURS_CATEGORIES) if (CATEGORY_WORDS[category].includes(v)) return category;
  return null;
}

// ---------------------------------------------------------------------------
// Whole-file validation
// ---------------------------------------------------------------------------

/** A staff number found in the registry: whether the importer may enter hours for them, and whether it is the importer. */
export type PersonMatch = { personId: string; inScope: boolean; own?: boolean };
export type ValidImportRow = { rowNumber: number; staffNo: string; personId: string; hours: number; date: string; title: string; category: HoursCategory; note: string };

/**
 * Every row checked, every problem reported with its row number (the spreadsheet's own
 * numbering, header = row 1). `people` maps staff numbers found in the registry; a number
 * missing from it is unknown. `today` (yyyy-mm-dd in China) refuses future dates.
 * `inLedger` holds duplicateKey()s of imported entries already in the ledger (not voided
 * or rejected), so importing the same file twice is refused row by row.
 * Rows are written only when `errors` is empty.
 */
export function validateImport(
  sheet: Sheet,
  mapping: ImportMapping,
  people: ReadonlyMap<string, PersonMatch>,
  options: { today: string; defaultCategory?: HoursCategory; inLedger?: ReadonlySet<string> },
): { rows: ValidImportRow[]; errors: ImportError[] } {
  const mapErrors = mappingErrors(mapping, sheet.headers.length);
  if (mapErrors.length) return { rows: [], errors: mapErrors };
  const cell = (cells: string[], field: ImportField) => (mapping[field] === undefined ? "" : (cells[mapping[field]!] ?? "").trim());
  const errors: ImportError[] = [];
  const rows: ValidImportRow[] = [];
  const firstSeen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const rowErrors: ImportError[] = [];
    const staffNo = cell(cells, "staffNo");
    let person: PersonMatch | undefined;
    if (!staffNo) rowErrors.push({ row: rowNumber, field: "staffNo", message: "ledger.import.errors.staffNoMissing" });
    else {
      person = people.get(staffNo);
      // Out of scope reads as unknown: the import must not reveal who exists elsewhere.
      if (!person || !person.inScope) rowErrors.push({ row: rowNumber, field: "staffNo", message: "ledger.import.errors.unknownStaffNo", params: { staffNo } });
      // Nobody enters (or approves) their own hours.
      else if (person.own) rowErrors.push({ row: rowNumber, field: "staffNo", message: "ledger.import.errors.ownRow" });
    }
    const hours = parseHours(cell(cells, "hours"));
    if (!hours.ok) rowErrors.push({ row: rowNumber, field: "hours", message: hours.error, params: { max: MAX_ENTRY_HOURS } });
    const rawDate = cell(cells, "date");
    const date = parseDate(rawDate);
    if (!date) rowErrors.push({ row: rowNumber, field: "date", message: "ledger.import.errors.date", params: { value: rawDate.slice(0, 40) } });
    else if (date > options.today) rowErrors.push({ row: rowNumber, field: "date", message: "ledger.import.errors.dateFuture" });
    const title = cell(cells, "title");
    if (!title) rowErrors.push({ row: rowNumber, field: "title", message: "ledger.import.errors.titleMissing" });
    else if (title.length > MAX_TITLE_CHARS) rowErrors.push({ row: rowNumber, field: "title", message: "ledger.import.errors.titleLong", params: { max: MAX_TITLE_CHARS } });
    const category = parseCategory(cell(cells, "category"));
    if (category === null) rowErrors.push({ row: rowNumber, field: "category", message: "ledger.import.errors.category" });
    const note = cell(cells, "note").slice(0, MAX_NOTE_CHARS);

    if (rowErrors.length === 0) {
      const row: ValidImportRow = {
        rowNumber,
        staffNo,
        personId: person!.personId,
        hours: (hours as { hours: number }).hours,
        date: date!,
        title,
        category: category ?? options.defaultCategory ?? "PROFESSIONAL_LEGAL",
        note,
      };
      const key = duplicateKey(row);
      const first = firstSeen.get(key);
      if (first !== undefined) rowErrors.push({ row: rowNumber, message: "ledger.import.errors.duplicate", params: { first } });
      else if (options.inLedger?.has(key)) rowErrors.push({ row: rowNumber, message: "ledger.import.errors.alreadyImported" });
      else {
        firstSeen.set(key, rowNumber);
        rows.push(row);
      }
    }
    errors.push(...rowErrors);
  }
  return { rows: errors.length ? [] : rows, errors };
}

/** Two rows are the same activity when person, date, title, hours and category agree. */
export function duplicateKey(row: Pick<ValidImportRow, "staffNo" | "date" | "title" | "hours" | "category">): string {
  return [row.staffNo, row.date, row.title.toLowerCase(), row.hours, row.category].join("\u0001");
}

/** Largest file accepted by the import page. */
export const MAX_IMPORT_MB = 10;
