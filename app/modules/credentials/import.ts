/*
 * Importing existing credentials from .xlsx (HR, credential.issue; also the command line
 * `credentials:import`). Pure part: headings → columns, cell values → dates, and the
 * whole-file validation. Every error carries its row number (the spreadsheet's, header
 * = row 1); the file is written only when there is none (import.server.ts).
 *
 * Columns (headings in Chinese or English, any order): staff number, type code, credential
 * number, issued date, valid until (last valid day), status (ACTIVE | SUSPENDED | REVOKED;
 * empty = ACTIVE), external number. Issued types need a credential number; external types
 * (e.g. LEGAL_PROFESSIONAL) an external number. validUntil is required when the type
 * expires and must not be before the issued date; the issued date must not be in the future.
 */

export const IMPORT_COLUMNS = ["staffNo", "typeCode", "number", "issuedAt", "validUntil", "status", "externalNumber"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["staffNo", "typeCode", "issuedAt"];
export const IMPORT_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const MAX_IMPORT_ROWS = 5_000;

export type ImportError = { row: number; column?: ImportColumn; message: string; params?: Record<string, string | number> };

const e = (key: string) => `credentialViews.import.errors.${key}`;

/** Headings accepted for each column, lower-cased, brackets stripped. */
const HEADINGS: Record<ImportColumn, string[]> = {
  staffNo: ["工号", "人员编号", "staff no", "staff number", "staffno"],
  typeCode: ["证件类型代码", "证件类型", "类型代码", "type code", "type", "typecode"],
  number: ["证件编号", "证号", "credential number", "number"],
  issuedAt: ["发证日期", "签发日期", "取得日期", "issued", "issued date", "issued on", "issuedat"],
  validUntil: ["有效期至", "有效截止日期", "valid until", "validuntil", "expiry date"],
  status: ["状态", "证件状态", "status"],
  externalNumber: ["外部证书编号", "证书编号", "外部编号", "external number", "externalnumber", "certificate number"],
};

const normal = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[（(].*[)）]/g, "")
    .replace(/[.:：*＊]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** Column index of each known heading; unknown headings are ignored, a required one missing is an error. */
export function mapHeadings(headers: string[]): { ok: true; columns: Partial<Record<ImportColumn, number>> } | { ok: false; errors: ImportError[] } {
  const names = headers.map(normal);
  const columns: Partial<Record<ImportColumn, number>> = {};
  const errors: ImportError[] = [];
  for (const column of IMPORT_COLUMNS) {
    const found = names.flatMap((n, i) => (HEADINGS[column].includes(n) ? [i] : []));
    if (found.length > 1) errors.push({ row: 1, column, message: e("headingTwice") });
    else if (found.length === 1) columns[column] = found[0];
    else if (REQUIRED_COLUMNS.includes(column)) errors.push({ row: 1, column, message: e("headingMissing") });
  }
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

/**
 * A cell's date as "yyyy-mm-dd": ISO (2024-03-01), slashes or dots (2024/3/1, 2024.03.01),
 * Chinese (2024年3月1日) or an Excel serial day number. Null unless it names a real day.
 */
export function parseImportDate(text: string): string | null {
  const value = text.trim();
  let y: number, m: number, d: number;
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (/^\d{5}(\.0+)?$/.test(value)) {
    // Excel's day 1 is 1900-01-01, with the phantom 1900-02-29: serial 25569 = 1970-01-01.
    const serial = Math.floor(Number(value));
    const day = new Date((serial - 25569) * 86_400_000);
    [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  } else return null;
  if (y < 1950 || y > 2100 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export type ImportPerson = { personId: string; inScope: boolean };
export type ImportType = { id: string; code: string; kind: string; validityMonths: number | null };
export type ImportContext = {
  people: Map<string, ImportPerson>;
  types: Map<string, ImportType>;
  /** Credential numbers already in the database. */
  numbersTaken: Set<string>;
  /** `${personId}:${typeId}` with a live credential (applied, nominated, active, suspended) in the database. */
  liveTaken: Set<string>;
  /** Today in Shanghai, yyyy-mm-dd. */
  today: string;
};

export type ValidRow = {
  row: number;
  staffNo: string;
  personId: string;
  typeId: string;
  typeCode: string;
  number: string | null;
  externalNumber: string | null;
  issuedAt: string;
  validUntil: string | null;
  status: ImportStatus;
};

const NUMBER_PATTERN = /^[\p{L}\p{N}\-/()（）]{2,60}$/u;
const LIVE: readonly string[] = ["ACTIVE", "SUSPENDED"];
const STATUS_WORDS: Record<string, ImportStatus> = { 有效: "ACTIVE", 正常: "ACTIVE", 暂扣: "SUSPENDED", 暂停: "SUSPENDED", 吊销: "REVOKED", 注销: "REVOKED", 撤销: "REVOKED" };

/** ACTIVE | SUSPENDED | REVOKED (any case) or their Chinese words; empty = ACTIVE. */
export function parseStatus(raw: string): ImportStatus | undefined {
  const value = raw.trim();
  if (value === "") return "ACTIVE";
  const upper = value.toUpperCase();
  if ((IMPORT_STATUSES as readonly string[]).includes(upper)) return upper as ImportStatus;
  return STATUS_WORDS[value];
}

/** Validates every row against the registry and the database; the file is importable only when `errors` is empty. */
export function validateImport(rows: { row: number; cells: string[] }[], columns: Partial<Record<ImportColumn, number>>, ctx: ImportContext): { rows: ValidRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const valid: ValidRow[] = [];
  const numbersInFile = new Map<string, number>();
  const externalInFile = new Map<string, number>();
  const liveInFile = new Map<string, number>();
  const cell = (cells: string[], column: ImportColumn) => (columns[column] === undefined ? "" : (cells[columns[column]!] ?? "").trim());

  for (const { row, cells } of rows) {
    const problems: ImportError[] = [];
    const add = (column: ImportColumn, key: string, params?: Record<string, string | number>) => problems.push({ row, column, message: e(key), ...(params ? { params } : {}) });

    const staffNo = cell(cells, "staffNo");
    const person = staffNo ? ctx.people.get(staffNo) : undefined;
    if (!staffNo) add("staffNo", "required");
    // Unknown and out-of-scope staff numbers get one message: existence outside the scope is not revealed.
    else if (!person || !person.inScope) add("staffNo", "staffNotFound", { staffNo });

    const typeCode = cell(cells, "typeCode").toUpperCase();
    const type = typeCode ? ctx.types.get(typeCode) : undefined;
    if (!typeCode) add("typeCode", "required");
    else if (!type) add("typeCode", "typeNotFound", { code: typeCode });

    const rawStatus = cell(cells, "status");
    const status = parseStatus(rawStatus);
    if (!status) add("status", "status", { value: rawStatus });

    const number = cell(cells, "number");
    const externalNumber = cell(cells, "externalNumber");
    if (type?.kind === "ISSUED" && !number) add("number", "numberRequired");
    if (type?.kind === "EXTERNAL" && !externalNumber) add("externalNumber", "externalRequired");
    if (number) {
      if (!NUMBER_PATTERN.test(number)) add("number", "numberFormat");
      else if (ctx.numbersTaken.has(number)) add("number", "numberTaken", { number });
      else if (numbersInFile.has(number)) add("number", "numberTwice", { number, first: numbersInFile.get(number)! });
      else numbersInFile.set(number, row);
    }
    if (externalNumber) {
      const key = `${typeCode}:${externalNumber}`;
      if (!NUMBER_PATTERN.test(externalNumber)) add("externalNumber", "numberFormat");
      else if (externalInFile.has(key)) add("externalNumber", "numberTwice", { number: externalNumber, first: externalInFile.get(key)! });
      else externalInFile.set(key, row);
    }

    const issuedRaw = cell(cells, "issuedAt");
    const issuedAt = issuedRaw ? parseImportDate(issuedRaw) : null;
    if (!issuedRaw) add("issuedAt", "required");
    else if (!issuedAt) add("issuedAt", "date", { value: issuedRaw });
    else if (issuedAt > ctx.today) add("issuedAt", "issuedInFuture");

    const untilRaw = cell(cells, "validUntil");
    const validUntil = untilRaw ? parseImportDate(untilRaw) : null;
    if (untilRaw && !validUntil) add("validUntil", "date", { value: untilRaw });
    else if (!untilRaw && type && type.validityMonths !== null) add("validUntil", "validUntilRequired");
    else if (validUntil && issuedAt && validUntil < issuedAt) add("validUntil", "validUntilBeforeIssued");

    if (person?.inScope && type && status) {
      const key = `${person.personId}:${type.id}`;
      // The database allows no credential row beside a live one of the same person and type.
      if (ctx.liveTaken.has(key)) add("staffNo", "alreadyLive", { staffNo, code: type.code });
      else if (LIVE.includes(status)) {
        if (liveInFile.has(key)) add("staffNo", "liveTwice", { staffNo, code: type.code, first: liveInFile.get(key)! });
        else liveInFile.set(key, row);
      }
    }

    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    valid.push({ row, staffNo, personId: person!.personId, typeId: type!.id, typeCode: type!.code, number: number || null, externalNumber: externalNumber || null, issuedAt: issuedAt!, validUntil, status: status! });
  }
  return { rows: valid, errors };
}

/** Insert order: revoked rows before live ones (the one-live trigger refuses a row beside a live one). */
export function insertOrder(rows: ValidRow[]): ValidRow[] {
  return [...rows].sort((a, b) => Number(LIVE.includes(a.status)) - Number(LIVE.includes(b.status)) || a.row - b.row);
}

/** Largest file accepted by the import page. */
export const MAX_IMPORT_MB = 10;
