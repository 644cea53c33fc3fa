import ExcelJS from "exceljs";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { isoDateInShanghai, translator, type Locale } from "~/lib/i18n";
import { discardUpload, readUpload, stashUpload } from "~/lib/uploads.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import {
  decodeCsv,
  duplicateKey,
  guessMapping,
  IMPORT_FIELDS,
  mappingErrors,
  parseCsv,
  toSheet,
  validateImport,
  type ImportError,
  type ImportMapping,
  type PersonMatch,
  type Sheet,
  type ValidImportRow,
} from "./import";
import { addEntries, type EntryInput } from "./ledger.server";
import { activityDateToUtc } from "./officer";
import { roundHours, shanghaiYear, type HoursCategory } from "./rules";

/*
 * Importing hours from another platform (hours.approve). Three steps, the file kept
 * between them with stashUpload (an hour, owner only):
 *   1. inspectImport: read the file, show its header and a few rows, guess a mapping;
 *   2. checkImport: validate the whole file under the chosen mapping, every error with
 *      its row number;
 *   3. commitImport: validate again (the registry may have changed) and, only when
 *      nothing is wrong, write every row in one transaction, linked to a HoursImportBatch.
 * Rows come in as APPROVED (the importer holds hours.approve) or, if HR asks, PENDING for
 * review in the approvals queue.
 */

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  // Excel dates carry no time zone; exceljs reads them as UTC: the date part is the day typed.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return String(value);
  return cell.text.trim();
}

async function readXlsx(bytes: Buffer): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell)));
    table[rowNumber - 1] = Array.from(cells, (c) => c ?? "");
  });
  return Array.from(table, (r) => r ?? []);
}

/** The file as a sheet (header + rows), or a file-level error. */
export async function readImportFile(fileName: string, bytes: Buffer): Promise<{ ok: true; sheet: Sheet } | { ok: false; error: string; params?: Record<string, number> }> {
  if (bytes.length === 0) return { ok: false, error: "ledger.import.errors.empty" };
  if (startsWith(bytes, OLE_MAGIC)) return { ok: false, error: "ledger.import.errors.oldXls" };
  let table: string[][] | null;
  if (startsWith(bytes, XLSX_MAGIC)) {
    table = await readXlsx(bytes);
    if (!table) return { ok: false, error: "ledger.import.errors.notReadable" };
  } else if (/\.(csv|txt)$/i.test(fileName)) {
    const decoded = decodeCsv(bytes);
    if (!decoded.ok) return decoded;
    table = parseCsv(decoded.text);
  } else return { ok: false, error: "ledger.import.errors.notReadable" };
  return toSheet(table);
}

/** Staff numbers of the file → registry matches under the actor's hours.approve scope. */
async function lookupPeople(actor: Actor, staffNos: string[]): Promise<Map<string, PersonMatch>> {
  const unique = [...new Set(staffNos.filter(Boolean))];
  const found = new Map<string, PersonMatch>();
  for (let i = 0; i < unique.length; i += 500) {
    const people = await db.person.findMany({ where: { staffNo: { in: unique.slice(i, i + 500) } }, select: { id: true, staffNo: true, unit: { select: { path: true } } } });
    for (const p of people) found.set(p.staffNo, { personId: p.id, inScope: can(actor, "hours.approve", p.unit.path), own: p.id === actor.personId });
  }
  return found;
}

/** duplicateKey()s of imported entries already in the ledger for these people (voided and rejected ones do not count). */
async function importedKeys(people: Map<string, PersonMatch>): Promise<Set<string>> {
  const staffNoOf = new Map([...people].map(([staffNo, p]) => [p.personId, staffNo]));
  const ids = [...staffNoOf.keys()];
  const keys = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const entries = await db.hoursEntry.findMany({
      where: { personId: { in: ids.slice(i, i + 500) }, source: "EXTERNAL_IMPORT", status: { in: ["PENDING", "APPROVED"] } },
      select: { personId: true, activityDate: true, title: true, hours: true, category: true },
    });
    for (const e of entries) {
      keys.add(duplicateKey({ staffNo: staffNoOf.get(e.personId)!, date: isoDateInShanghai(e.activityDate), title: e.title, hours: e.hours, category: e.category as HoursCategory }));
    }
  }
  return keys;
}

async function validate(actor: Actor, sheet: Sheet, mapping: ImportMapping, now: Date) {
  const mapErrors = mappingErrors(mapping, sheet.headers.length);
  if (mapErrors.length) return { rows: [] as ValidImportRow[], errors: mapErrors };
  const staffNos = sheet.rows.map((r) => (r.cells[mapping.staffNo!] ?? "").trim());
  const people = await lookupPeople(actor, staffNos);
  const inLedger = await importedKeys(people);
  return validateImport(sheet, mapping, people, { today: isoDateInShanghai(now), inLedger });
}

export type ImportPreview = { token: string; fileName: string; headers: string[]; sample: string[][]; rowCount: number; mapping: ImportMapping };

/** Step 1: read the file and keep it for the next steps. */
export async function inspectImport(actor: Actor, fileName: string, bytes: Buffer): Promise<{ ok: true; preview: ImportPreview } | { ok: false; error: string; params?: Record<string, number> }> {
  const read = await readImportFile(fileName, bytes);
  if (!read.ok) return read;
  const token = stashUpload(actor.userId, fileName, bytes);
  const { sheet } = read;
  return {
    ok: true,
    preview: { token, fileName, headers: sheet.headers, sample: sheet.rows.slice(0, 5).map((r) => r.cells), rowCount: sheet.rows.length, mapping: guessMapping(sheet.headers) },
  };
}

export type ImportSummary = { rows: number; people: number; totalHours: number; years: number[] };
export type CheckResult =
  | { ok: true; preview: ImportPreview; summary: ImportSummary }
  | { ok: false; preview: ImportPreview | null; errors: ImportError[] };

function summarise(rows: ValidImportRow[]): ImportSummary {
  return {
    rows: rows.length,
    people: new Set(rows.map((r) => r.personId)).size,
    totalHours: roundHours(rows.reduce((sum, r) => sum + r.hours, 0)),
    years: [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort(),
  };
}

async function loadStashed(actor: Actor, token: string, mapping: ImportMapping) {
  const upload = readUpload(actor.userId, token);
  if (!upload) return { ok: false as const, errors: [{ row: 0, message: "ledger.import.errors.expired" }] };
  const read = await readImportFile(upload.fileName, upload.bytes);
  if (!read.ok) return { ok: false as const, errors: [{ row: 0, message: read.error, params: read.params }] };
  const { sheet } = read;
  const preview: ImportPreview = { token, fileName: upload.fileName, headers: sheet.headers, sample: sheet.rows.slice(0, 5).map((r) => r.cells), rowCount: sheet.rows.length, mapping };
  return { ok: true as const, sheet, preview, fileName: upload.fileName };
}

/** Step 2: the whole file checked under `mapping`; nothing is written. */
export async function checkImport(actor: Actor, token: string, mapping: ImportMapping, now = new Date()): Promise<CheckResult> {
  const loaded = await loadStashed(actor, token, mapping);
  if (!loaded.ok) return { ok: false, preview: null, errors: loaded.errors };
  const { rows, errors } = await validate(actor, loaded.sheet, mapping, now);
  if (errors.length) return { ok: false, preview: loaded.preview, errors };
  return { ok: true, preview: loaded.preview, summary: summarise(rows) };
}

/** Step 3: everything or nothing, in one transaction. */
export async function commitImport(
  actor: Actor,
  token: string,
  mapping: ImportMapping,
  status: "APPROVED" | "PENDING",
  now = new Date(),
): Promise<{ ok: true; batchId: string; summary: ImportSummary } | { ok: false; preview: ImportPreview | null; errors: ImportError[] }> {
  const loaded = await loadStashed(actor, token, mapping);
  if (!loaded.ok) return { ok: false, preview: null, errors: loaded.errors };
  const { rows, errors } = await validate(actor, loaded.sheet, mapping, now);
  if (errors.length) return { ok: false, preview: loaded.preview, errors };
  const summary = summarise(rows);
  const batchId = await write(
    async (tx) => {
      const batch = await tx.hoursImportBatch.create({
        data: {
          fileName: loaded.fileName.slice(0, 200),
          mapping: JSON.stringify({ columns: Object.fromEntries(IMPORT_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => [f, loaded.sheet.headers[mapping[f]!] ?? mapping[f]])) }),
          rowCount: rows.length,
          totalHours: summary.totalHours,
          status,
          importedById: actor.userId,
        },
      });
      const inputs: EntryInput[] = rows.map((r) => {
        const activityDate = activityDateToUtc(r.date);
        return {
          personId: r.personId,
          activityDate,
          year: shanghaiYear(activityDate),
          hours: r.hours,
          category: r.category,
          source: "EXTERNAL_IMPORT",
          title: r.title,
          refType: "HoursImportBatch",
          refId: batch.id,
          quantity: r.hours,
          quantityUnit: "HOURS",
          note: r.note,
          importBatchId: batch.id,
          status,
          submittedById: actor.userId,
          decidedById: status === "APPROVED" ? actor.userId : null,
        };
      });
      await addEntries(tx, inputs);
      await audit(tx, actorAudit(actor), {
        action: "hours.import",
        objectType: "HoursImportBatch",
        objectId: batch.id,
        unitId: actor.unitId,
        after: { fileName: loaded.fileName, ...summary, status },
      });
      return batch.id;
    },
    { timeoutMs: 120_000 },
  );
  discardUpload(token);
  return { ok: true, batchId, summary };
}

/** The template: our field names as headings, one example row, a notes sheet. */
export async function importTemplate(locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("ledger.import.sheetName"));
  sheet.columns = IMPORT_FIELDS.map((f) => ({ header: t(`ledger.import.fields.${f}`), key: f, width: f === "title" || f === "note" ? 30 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("staffNo").numFmt = "@";
  sheet.getColumn("date").numFmt = "@";
  sheet.addRow({ staffNo: "LE330101", hours: 2.5, date: "2025-03-01", title: t("ledger.import.exampleTitle"), category: t("ledger.categories.PROFESSIONAL_LEGAL"), note: t("ledger.import.exampleNote") });
  const notes = workbook.addWorksheet(t("ledger.import.notesSheet"));
  notes.getColumn(1).width = 100;
  for (const line of t("ledger.import.notes", { returnObjects: true }) as unknown as string[]) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
